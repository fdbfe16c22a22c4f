resource "aws_s3_bucket" "first" {
  bucket = "unterminated
  acl    = "private"
}

resource "aws_s3_bucket" "second" {
  bucket = "b"
}
