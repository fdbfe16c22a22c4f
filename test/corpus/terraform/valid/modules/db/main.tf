variable "name" {}
variable "subnet_ids" { type = list(string) }
variable "multi_az" {
  type    = bool
  default = false
}
variable "password_secret" {}

resource "aws_db_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids
}

resource "aws_db_instance" "this" {
  identifier           = "${var.name}-db"
  engine               = "postgres"
  instance_class       = "db.t3.medium"
  multi_az             = var.multi_az
  db_subnet_group_name = aws_db_subnet_group.this.name
  manage_master_user_password = true
  password             = var.password_secret
}
