// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Terraform and CloudFormation interpolations, as written
/**
 * A secret written next to a reference (a credentials URL whose host is a resource attribute)
 * is still a secret in plain text: it is flagged, and its value is printed by no output format,
 * by no diagnostic, and by neither graph format. The same holds for a NoEcho parameter's
 * Default and for the text around a JSON syntax error in container definitions.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";
import { checkJson, type FindingRow, scratchDirectories } from "./helpers.js";

const scratch = scratchDirectories();

/** The raw secret; no output may contain it, nor any 5-character piece of it. */
const SECRET = "Sup3rS3cret";
const PIECES = Array.from({ length: SECRET.length - 4 }, (_, i) => SECRET.slice(i, i + 5));

const TERRAFORM = [
  'resource "aws_db_instance" "x" {',
  '  engine         = "postgres"',
  '  instance_class = "db.t3.micro"',
  "}",
  "",
  'resource "aws_ecs_task_definition" "app" {',
  '  family = "app"',
  "  container_definitions = jsonencode([{",
  '    name  = "web"',
  '    image = "nginx"',
  "    environment = [",
  `      { name = "DATABASE_URL", value = "postgres://admin:${SECRET}@\${aws_db_instance.x.address}" },`,
  '      { name = "DB_HOST", value = aws_db_instance.x.address }',
  "    ]",
  "  }])",
  "}",
  "",
  'resource "aws_ecs_task_definition" "broken" {',
  '  family                = "broken"',
  "  container_definitions = <<JSON",
  `[{"name": "web", "environment": [{"name": "DB_PASSWORD", "value": "${SECRET}"},]}]`,
  "JSON",
  "}",
  "",
].join("\n");

const CLOUDFORMATION = [
  'AWSTemplateFormatVersion: "2010-09-09"',
  "Parameters:",
  "  DbPassword:",
  "    Type: String",
  "    NoEcho: true",
  `    Default: ${SECRET}`,
  "Resources:",
  "  Db:",
  "    Type: AWS::RDS::DBInstance",
  "    Properties:",
  "      Engine: postgres",
  "      DBInstanceClass: db.t3.micro",
  "      MasterUserPassword: !Ref DbPassword",
  "  Task:",
  "    Type: AWS::ECS::TaskDefinition",
  "    Properties:",
  "      ContainerDefinitions:",
  "        - Name: web",
  "          Image: nginx",
  "          Environment:",
  "            - Name: DATABASE_URL",
  `              Value: !Join ["", ["postgres://admin:${SECRET}@", !GetAtt Db.Endpoint.Address]]`,
  "            - Name: READER_URL",
  `              Value: !Sub "postgres://admin:${SECRET}@\${Db.Endpoint.Address}/app"`,
  "            - Name: DB_SETTING",
  "              Value: !Ref DbPassword",
  "  Host:",
  "    Type: AWS::EC2::Instance",
  "    Properties:",
  "      ImageId: ami-12345678",
  "      UserData:",
  "        Fn::Base64: |",
  "          #!/bin/bash",
  `          export DB_URL=postgres://admin:${SECRET}@\${DB_HOST}/app`,
  "",
].join("\n");

function writeInput(file: string, text: string): string {
  const dir = scratch("secret-leaks");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, file), text);
  return dir;
}

async function expectNoSecretAnywhere(dir: string): Promise<void> {
  const runs = [
    ...["text", "json", "sarif", "github", "junit"].map((format) => ["check", dir, "--no-color", "--format", format]),
    ["graph", "--source", "iac", dir],
    ["graph", "--source", "iac", "--format", "mermaid", dir],
  ];
  for (const argv of runs) {
    const run = await runCli(argv);
    expect(run.stdout.length, argv.join(" ")).toBeGreaterThan(0);
    for (const piece of PIECES) {
      expect(run.stdout, `${argv.join(" ")} prints "${piece}"`).not.toContain(piece);
      expect(run.stderr, `${argv.join(" ")} prints "${piece}"`).not.toContain(piece);
    }
  }
}

const secretRow = (file: string, line: number, column: number, resource: string): FindingRow => ({
  ruleId: "secret-in-env",
  level: "error",
  file,
  line,
  column,
  component: null,
  resource,
});

describe("Terraform: credentials in a URL whose host is a resource attribute", () => {
  it("is flagged at the variable, and the JSON error of broken container definitions quotes none of its text", async () => {
    const dir = writeInput("main.tf", TERRAFORM);
    const run = await checkJson([dir]);
    expect(run.rows).toEqual([
      secretRow("main.tf", 12, 16, "aws_ecs_task_definition.app"),
      {
        ruleId: "iac-parse-error",
        level: "error",
        file: "main.tf",
        line: 20,
        column: 3,
        component: null,
        resource: "aws_ecs_task_definition.broken",
      },
    ]);
    expect(run.report.findings[0]?.message).toBe(
      "ECS task definition aws_ecs_task_definition.app passes DATABASE_URL in plain text (container web environment) instead of a secret store reference: credentials in URL",
    );
    expect(run.report.findings[1]?.message).toBe(
      "container definitions of aws_ecs_task_definition.broken are not valid JSON: Unexpected token ']'",
    );
  });

  it("never prints the secret, in any format or graph", async () => {
    await expectNoSecretAnywhere(writeInput("main.tf", TERRAFORM));
  });
});

describe("CloudFormation: credentials in a Join, a Sub and user data beside references", () => {
  it("flags each, and never a NoEcho parameter's reference", async () => {
    const dir = writeInput("template.yaml", CLOUDFORMATION);
    const run = await checkJson([dir]);
    expect(run.rows).toEqual([
      secretRow("template.yaml", 21, 21, "Task"),
      secretRow("template.yaml", 23, 21, "Task"),
      secretRow("template.yaml", 34, 8, "Host"),
    ]);
    expect(run.report.findings.map((finding) => finding.message.replace(/^.* passes /, ""))).toEqual([
      "DATABASE_URL in plain text (container web environment) instead of a secret store reference: credentials in URL",
      "READER_URL in plain text (container web environment) instead of a secret store reference: credentials in URL",
      "DB_URL in plain text (user_data) instead of a secret store reference: credentials in URL",
    ]);
  });

  it("never prints the secret or the NoEcho Default, in any format or graph", async () => {
    await expectNoSecretAnywhere(writeInput("template.yaml", CLOUDFORMATION));
  });
});

const SENSITIVE_TERRAFORM = [
  'variable "db_password" {',
  "  type      = string",
  "  sensitive = true",
  `  default   = "${SECRET}"`,
  "}",
  "",
  'resource "aws_ecs_task_definition" "app" {',
  '  family = "app"',
  "  container_definitions = jsonencode([{",
  '    name  = "web"',
  '    image = "nginx"',
  "    environment = [",
  '      { name = "DB_PASS", value = var.db_password },',
  '      { name = "GREETING", value = "hello-${var.db_password}" },',
  "    ]",
  "  }])",
  "  tags = { Owner = var.db_password }",
  "}",
  "",
].join("\n");

describe("Terraform: a variable declared sensitive = true with a value in the code", () => {
  it("is a secret wherever it goes: flagged in the environment, masked in tags", async () => {
    const dir = writeInput("main.tf", SENSITIVE_TERRAFORM);
    const run = await checkJson([dir]);
    expect(run.rows).toEqual([
      secretRow("main.tf", 13, 16, "aws_ecs_task_definition.app"),
      secretRow("main.tf", 14, 16, "aws_ecs_task_definition.app"),
    ]);
    expect(run.report.findings[0]?.message).toBe(
      `ECS task definition aws_ecs_task_definition.app passes DB_PASS in plain text (container web environment) with value "Su…" (11 chars) instead of a secret store reference: value of var.db_password, declared sensitive, written in the code`,
    );
  });

  it("never prints the value, in any format or graph", async () => {
    await expectNoSecretAnywhere(writeInput("main.tf", SENSITIVE_TERRAFORM));
  });
});
