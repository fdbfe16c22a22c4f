resource "aws_s3_bucket" "first" {
  bucket = "a"

resource "aws_s3_bucket" "second" {
  bucket = "b"
}
