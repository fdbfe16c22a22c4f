output "address" {
  value = aws_db_instance.this.address
}
