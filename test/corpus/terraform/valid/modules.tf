# archlint-disable-next-line resource-undocumented -- the database module is documented elsewhere
module "db" {
  source            = "./modules/db"
  name              = local.name
  subnet_ids        = aws_subnet.private[*].id
  multi_az          = var.environment == "prod"
  password_secret   = aws_secretsmanager_secret.db.arn
}

module "vpc_registry" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.1.0"
  name    = local.name
}

resource "aws_secretsmanager_secret" "db" {
  name = "${local.name}/db"
}
