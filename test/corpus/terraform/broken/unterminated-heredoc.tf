resource "aws_s3_bucket" "first" {
  policy = <<EOF
{"a": 1}
