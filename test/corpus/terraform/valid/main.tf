# Corpus: tricky but valid HCL2 (archlint Terraform reader).
// Line comments with slashes are valid too.
/* Block comments
   may span lines. */

terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.0" }
  }
}

provider "aws" {
  region = var.region
}

provider "aws" {
  alias  = "west"
  region = "us-west-2"
}

locals {
  name        = "${var.project}-${var.environment}"
  azs         = ["${var.region}a", "${var.region}b"]
  # nested for expressions, object form with grouping and a condition
  subnet_map  = { for i, az in local.azs : az => cidrsubnet(var.vpc_cidr, 8, i) }
  by_tier     = { for s in var.subnets : s.tier => s.cidr... if s.tier != "" }
  flat_ports  = flatten([for rule in var.rules : [for p in rule.ports : { port = p, cidr = rule.cidr }]])
  greeting    = "Grüße, ${var.owner} — ✓ 😀"
  ünïcödé_key = "identifiers may be unicode"
  escaped     = "quote \" backslash \\ tab \t dollar $${literal} percent %%{literal}"
  math        = (1 + 2) * 3 - 10 / 4 % 2
  logic       = !false && (true || false) ? "yes" : "no"
  chained     = var.environment == "prod" ? "p" : var.environment == "stage" ? "s" : "d"
  neg         = -abs(-5)
  legacy      = local.azs.0
  splat_ids   = aws_subnet.private[*].id
  attr_splat  = aws_subnet.private.*.cidr_block
  tags = merge(var.tags, {
    Name = local.name # trailing comment inside an object
    "kebab-key" = "v" // another
  })
  directives = <<-EOT
    %{~ for i, az in local.azs ~}
    zone ${i}: ${az}
    %{~ endfor ~}
    %{ if var.environment == "prod" }production%{ else }other%{ endif }
  EOT
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Resource": "${aws_s3_bucket.assets.arn}/*"}]
}
POLICY
}

resource "aws_vpc" "main" {
  cidr_block           = var.vpc_cidr
  enable_dns_hostnames = true
  tags                 = local.tags
}

resource "aws_subnet" "private" {
  count             = length(local.azs)
  vpc_id            = aws_vpc.main.id
  availability_zone = local.azs[count.index]
  cidr_block        = local.subnet_map[local.azs[count.index]]
  tags              = merge(local.tags, { Tier = "private", Index = count.index })
}

resource "aws_subnet" "public" {
  for_each                = toset(local.azs)
  vpc_id                  = aws_vpc.main.id
  availability_zone       = each.key
  cidr_block              = cidrsubnet(var.vpc_cidr, 8, 100 + index(local.azs, each.value))
  map_public_ip_on_launch = true
}

resource "aws_s3_bucket" "assets" {
  provider = aws.west
  bucket   = "${local.name}-assets"
}

resource "aws_instance" "web" {
  ami           = data.aws_ami.ubuntu.id
  instance_type = var.instance_type
  subnet_id     = aws_subnet.private[0].id
  user_data = templatefile("${path.module}/templates/user_data.sh.tftpl", {
    db_host = module.db.address
    ports   = [80, 443]
  })

  root_block_device {
    volume_size = 20
    encrypted   = true
  }

  lifecycle {
    ignore_changes = [ami]
  }

  provisioner "local-exec" {
    command = "echo ${self.id}"
  }

  depends_on = [aws_vpc.main, module.db]
}

data "aws_ami" "ubuntu" {
  most_recent = true
  owners      = ["099720109477"]
  filter {
    name   = "name"
    values = ["ubuntu/images/*"]
  }
}

# Exposes the locals above so that tests can check how they evaluate.
resource "terraform_data" "corpus_locals" {
  input = {
    name        = local.name
    azs         = local.azs
    subnet_map  = local.subnet_map
    by_tier     = local.by_tier
    flat_ports  = local.flat_ports
    greeting    = local.greeting
    unicode     = local.ünïcödé_key
    escaped     = local.escaped
    math        = local.math
    logic       = local.logic
    chained     = local.chained
    neg         = local.neg
    legacy      = local.legacy
    splat_ids   = local.splat_ids
    attr_splat  = local.attr_splat
    tags        = local.tags
    directives  = local.directives
    policy      = local.policy
    queue_count = local.queue_count
  }
}
