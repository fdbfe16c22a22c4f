resource "aws_security_group" "web" {
  name   = "${local.name}-web"
  vpc_id = aws_vpc.main.id

  dynamic "ingress" {
    for_each = var.rules
    iterator = rule
    content {
      description = "rule ${rule.key}"
      from_port   = rule.value.ports[0]
      to_port     = rule.value.ports[length(rule.value.ports) - 1]
      protocol    = "tcp"
      cidr_blocks = [rule.value.cidr]
    }
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group_rule" "extra" {
  for_each          = { for r in local.flat_ports : "${r.port}-${r.cidr}" => r }
  type              = "ingress"
  security_group_id = aws_security_group.web.id
  from_port         = each.value.port
  to_port           = each.value.port
  protocol          = "tcp"
  cidr_blocks       = [each.value.cidr]
}

resource "aws_eip" "maybe" {
  count  = var.environment == "prod" ? 1 : 0
  domain = "vpc"
}
