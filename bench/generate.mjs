// Generates the benchmark repository: 1,000 Terraform files holding 10,000 resources, and an
// architecture document with 100 components that map to some of them.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

export const FILES = 1000;
export const RESOURCES_PER_FILE = 10;
export const COMPONENTS = 100;

function tfFile(i) {
  const prev = i === 0 ? 0 : i - 1;
  return `# Service ${i}: generated for the archlint benchmark
resource "aws_subnet" "svc_${i}" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet(var.vpc_cidr, 12, ${i})
  availability_zone = element(var.azs, ${i % 3})
  tags = merge(local.common_tags, { Name = "svc-${i}-private" })
}

resource "aws_route_table_association" "svc_${i}" {
  subnet_id      = aws_subnet.svc_${i}.id
  route_table_id = aws_route_table.private.id
}

resource "aws_security_group" "svc_${i}" {
  name   = "svc-${i}"
  vpc_id = aws_vpc.main.id
  ingress {
    from_port       = 8080
    to_port         = 8080
    protocol        = "tcp"
    security_groups = [aws_security_group.svc_${prev}.id]
  }
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_instance" "svc_${i}" {
  ami                    = var.ami
  instance_type          = var.instance_type
  subnet_id              = aws_subnet.svc_${i}.id
  vpc_security_group_ids = [aws_security_group.svc_${i}.id]
  user_data              = <<-EOT
    #!/bin/bash
    echo "service ${i} in \${var.environment}"
  EOT
  tags = merge(local.common_tags, { Name = "svc-${i}" })
}

resource "aws_sqs_queue" "svc_${i}" {
  name                    = "svc-${i}-jobs"
  sqs_managed_sse_enabled = true
}

resource "aws_s3_bucket" "svc_${i}" {
  bucket = "\${var.environment}-svc-${i}-media"
}

resource "aws_iam_role" "svc_${i}" {
  name = "svc-${i}"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "svc_${i}" {
  role = aws_iam_role.svc_${i}.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["sqs:SendMessage", "sqs:ReceiveMessage"], Resource = aws_sqs_queue.svc_${i}.arn },
      { Effect = "Allow", Action = ["s3:PutObject"], Resource = "\${aws_s3_bucket.svc_${i}.arn}/*" },
    ]
  })
}

resource "aws_ecs_task_definition" "svc_${i}" {
  family = "svc-${i}"
  cpu    = 256
  memory = 512
  container_definitions = jsonencode([{
    name  = "app"
    image = "example/svc-${i}:latest"
    portMappings = [{ containerPort = 8080 }]
    environment = [
      { name = "QUEUE_URL", value = aws_sqs_queue.svc_${i}.url },
      { name = "LOG_LEVEL", value = "info" },
    ]
  }])
}

resource "aws_ecs_service" "svc_${i}" {
  name            = "svc-${i}"
  cluster         = aws_ecs_cluster.main.id
  task_definition = aws_ecs_task_definition.svc_${i}.arn
  desired_count   = ${2 + (i % 3)}
  network_configuration {
    subnets         = [aws_subnet.svc_${i}.id]
    security_groups = [aws_security_group.svc_${i}.id]
  }
}
`;
}

const shared = `variable "vpc_cidr" {
  type    = string
  default = "10.0.0.0/8"
}

variable "azs" {
  type    = list(string)
  default = ["us-east-1a", "us-east-1b", "us-east-1c"]
}

variable "ami" {
  type    = string
  default = "ami-0123456789abcdef0"
}

variable "instance_type" {
  type    = string
  default = "t3.micro"
}

variable "environment" {
  type    = string
  default = "bench"
}

locals {
  common_tags = { Project = "bench", Environment = var.environment }
}

resource "aws_vpc" "main" {
  cidr_block = var.vpc_cidr
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id
}

resource "aws_ecs_cluster" "main" {
  name = "bench"
}
`;

function document() {
  const lines = ["# Benchmark system", "", "```mermaid", "C4Container", "    title Benchmark system (Final)", ""];
  lines.push('    System_Boundary(sys, "Benchmark") {');
  for (let i = 0; i < COMPONENTS; i += 2) {
    lines.push(`        Container(svc_${i}, "Svc ${i} Service", "Container: Go", "Service number ${i}.")`);
    lines.push(`        ContainerQueue(queue_${i}, "Svc ${i} Jobs", "Amazon SQS", "Jobs of service ${i}.")`);
  }
  lines.push("    }");
  for (let i = 0; i < COMPONENTS; i += 2) lines.push(`    Rel(svc_${i}, queue_${i}, "Enqueues jobs", "SQS")`);
  lines.push("```", "");
  return lines.join("\n");
}

export function generate(root) {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(path.join(root, "infra"), { recursive: true });
  mkdirSync(path.join(root, "docs"), { recursive: true });
  writeFileSync(path.join(root, "infra", "main.tf"), shared);
  let bytes = shared.length;
  for (let i = 0; i < FILES; i++) {
    const text = tfFile(i);
    bytes += text.length;
    writeFileSync(path.join(root, "infra", `svc_${String(i).padStart(4, "0")}.tf`), text);
  }
  writeFileSync(path.join(root, "docs", "architecture.md"), document());
  return { files: FILES + 1, resources: FILES * RESOURCES_PER_FILE + 3, bytes };
}
