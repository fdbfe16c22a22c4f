resource "aws_s3_bucket" "first" {
  bucket = "a"
}

oops

resource "aws_s3_bucket" "second" {
  bucket = "b"
}
