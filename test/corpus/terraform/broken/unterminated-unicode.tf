resource "aws_s3_bucket" "first" {
  bucket = "é😀
}
