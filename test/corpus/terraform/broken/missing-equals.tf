resource "aws_s3_bucket" "first" {
  bucket "a"
  acl = "private"
}

resource "aws_s3_bucket" "second" {
  bucket = "b"
}
