resource "aws_s3_bucket" "first" {
  bucket = "a" +
  acl = "private"
}

resource "aws_s3_bucket" "second" {
  tags = { a = [1, 2 }
  bucket = "b"
}
