// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are HCL, whose templates use ${…}
import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { parseTerraform } from "../../src/parsers/terraform/index.js";
import { diagnosticRows, parseFiles, plain, resourceAt, writeTree } from "./helpers.js";

const NESTED = {
  "main.tf": [
    'provider "aws" { region = "eu-west-1" }',
    'module "app" {',
    '  source = "./modules/app"',
    '  name   = "shop"',
    "}",
    'resource "aws_route53_record" "db" {',
    "  records = [module.app.db_address]",
    "}",
    "",
  ].join("\n"),
  "modules/app/main.tf": [
    'variable "name" {}',
    'module "db" {',
    '  source = "../db"',
    '  identifier = "${var.name}-db"',
    "}",
    'output "db_address" { value = module.db.address }',
    "",
  ].join("\n"),
  "modules/db/main.tf": [
    'variable "identifier" {}',
    'variable "engine" { default = "postgres" }',
    'resource "aws_db_instance" "this" {',
    "  identifier = var.identifier",
    "  engine     = var.engine",
    "}",
    'output "address" { value = aws_db_instance.this.address }',
    "",
  ].join("\n"),
};

describe("local modules", () => {
  test("are expanded recursively with module paths, call places and bound variables", async () => {
    const result = await parseFiles(NESTED);
    const database = resourceAt(result, "module.app.module.db.aws_db_instance.this");
    expect(database).toMatchObject({
      modulePath: "module.app.module.db",
      moduleCall: { file: "modules/app/main.tf", line: 2, column: 1 },
      file: "modules/db/main.tf",
      source: { file: "modules/db/main.tf", line: 3, column: 1 },
      region: "eu-west-1",
    });
    expect(plain(database.body)).toEqual({ identifier: "shop-db", engine: "postgres" });
    expect(plain(resourceAt(result, "aws_route53_record.db").body)).toEqual({
      records: [{ ref: "module.app.module.db.aws_db_instance.this", attribute: "address" }],
    });
    expect(result.diagnostics).toEqual([]);
    expect(result.files).toEqual(["main.tf", "modules/app/main.tf", "modules/db/main.tf"]);
  });

  test("module count and for_each give keyed module paths", async () => {
    const result = await parseFiles({
      "main.tf": [
        'module "queue" {',
        '  source   = "./queue"',
        '  for_each = toset(["jobs", "mail"])',
        "  name     = each.key",
        "}",
        'module "replica" {',
        '  source = "./queue"',
        "  count  = 2",
        '  name   = "r${count.index}"',
        "}",
        'resource "aws_sns_topic_subscription" "s" {',
        '  endpoint = module.queue["mail"].arn',
        "}",
        "",
      ].join("\n"),
      "queue/main.tf":
        'variable "name" {}\nresource "aws_sqs_queue" "this" {\n  name = var.name\n}\noutput "arn" { value = aws_sqs_queue.this.arn }\n',
    });
    expect(result.resources.map((resource) => [resource.address, plain(resource.body.entries.name)])).toEqual([
      ["aws_sns_topic_subscription.s", undefined],
      ['module.queue["jobs"].aws_sqs_queue.this', "jobs"],
      ['module.queue["mail"].aws_sqs_queue.this', "mail"],
      ["module.replica[0].aws_sqs_queue.this", "r0"],
      ["module.replica[1].aws_sqs_queue.this", "r1"],
    ]);
    expect(plain(resourceAt(result, "aws_sns_topic_subscription.s").body)).toEqual({
      endpoint: { ref: 'module.queue["mail"].aws_sqs_queue.this', attribute: "arn" },
    });
  });

  test("a module with an unknown count is read once under its plain path; a module calling itself is not followed", async () => {
    const result = await parseFiles({
      "main.tf":
        'variable "n" {}\nmodule "m" {\n  source = "./m"\n  count  = var.n\n  name   = "m-${count.index}"\n}\n',
      "m/main.tf":
        'variable "name" {}\nresource "aws_sqs_queue" "q" {\n  name = var.name\n}\nmodule "again" {\n  source = "../m"\n  name   = "x"\n}\n',
    });
    expect(result.resources.map((resource) => [resource.address, plain(resource.body)])).toEqual([
      ["module.m.aws_sqs_queue.q", { name: { unknown: '"m-${count.index}"', refs: [] } }],
    ]);
    expect(diagnosticRows(result)).toEqual([["iac-module-not-read", "module.m.module.again", "m/main.tf", 5]]);
  });

  test("registry and git modules are not read: one diagnostic per call, outputs unknown", async () => {
    const result = await parseFiles({
      "main.tf": [
        'module "vpc" {',
        '  source  = "terraform-aws-modules/vpc/aws"',
        "  count   = 3",
        "}",
        'module "git" {',
        '  source = "git::https://example.com/net.git?ref=v1"',
        "}",
        'resource "aws_instance" "web" {',
        "  subnet_id = module.vpc[0].private_subnets[0]",
        "}",
        "",
      ].join("\n"),
    });
    expect(result.diagnostics).toEqual([
      {
        code: "iac-module-not-read",
        message:
          'module "vpc" (source "terraform-aws-modules/vpc/aws") is not read: registry, git and other remote modules are not fetched; its resources are not seen',
        source: { file: "main.tf", line: 1, column: 1 },
        resource: "module.vpc",
      },
      {
        code: "iac-module-not-read",
        message:
          'module "git" (source "git::https://example.com/net.git?ref=v1") is not read: registry, git and other remote modules are not fetched; its resources are not seen',
        source: { file: "main.tf", line: 5, column: 1 },
        resource: "module.git",
      },
    ]);
    expect(plain(resourceAt(result, "aws_instance.web").body)).toEqual({
      subnet_id: { unknown: "module.vpc[0].private_subnets[0]", refs: [] },
    });
  });

  test("a remote module called from a module read twice is reported once", async () => {
    const result = await parseFiles({
      "main.tf": 'module "a" { source = "./shared" }\nmodule "b" { source = "./shared" }\n',
      "shared/main.tf": 'module "vpc" { source = "terraform-aws-modules/vpc/aws" }\n',
    });
    expect(diagnosticRows(result)).toEqual([["iac-module-not-read", "module.a.module.vpc", "shared/main.tf", 1]]);
  });

  test("a child module inherits the default provider's region; providers = {} maps an alias", async () => {
    const result = await parseFiles({
      "main.tf": [
        'provider "aws" { region = "eu-west-1" }',
        'provider "aws" {',
        '  alias  = "use1"',
        '  region = "us-east-1"',
        "}",
        'module "here" { source = "./m" }',
        'module "there" {',
        '  source    = "./m"',
        "  providers = { aws = aws.use1 }",
        "}",
        "",
      ].join("\n"),
      "m/main.tf": 'resource "aws_acm_certificate" "c" {}\n',
    });
    expect(result.resources.map((resource) => [resource.address, resource.region])).toEqual([
      ["module.here.aws_acm_certificate.c", "eu-west-1"],
      ["module.there.aws_acm_certificate.c", "us-east-1"],
    ]);
  });

  test("a folder that a root module calls is read through its caller only", async () => {
    const root = writeTree(NESTED);
    try {
      const result = await parseTerraform({ root, modules: ["modules/db", ".", "modules/app"] });
      expect(result.resources.map((resource) => resource.address)).toEqual([
        "aws_route53_record.db",
        "module.app.module.db.aws_db_instance.this",
      ]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("paths outside the scan root", () => {
  test("a module source, a file() path and a symlinked module that escape are refused", async () => {
    const outside = writeTree({ "secret/main.tf": 'resource "aws_iam_user" "admin" {}\n', "secret/key.txt": "s3cr3t" });
    const root = writeTree({
      "infra/main.tf": [
        'module "up" {',
        '  source = "../../outside"',
        "}",
        'module "linked" {',
        '  source = "./linked"',
        "}",
        'resource "aws_instance" "web" {',
        `  user_data = file("${path.join(outside, "secret/key.txt")}")`,
        '  other     = file("../../etc/passwd")',
        "}",
        "",
      ].join("\n"),
    });
    fs.symlinkSync(path.join(outside, "secret"), path.join(root, "infra/linked"));
    try {
      const result = await parseTerraform({ root, modules: ["infra"] });
      expect(result.resources.map((resource) => resource.address)).toEqual(["aws_instance.web"]);
      expect(
        result.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.source.line, diagnostic.source.column]),
      ).toEqual([
        ["iac-path-escape", 2, 12],
        ["iac-path-escape", 5, 12],
        ["iac-path-escape", 8, 15],
        ["iac-path-escape", 9, 15],
      ]);
      const web = resourceAt(result, "aws_instance.web");
      expect(web.body.entries.user_data).toMatchObject({ kind: "unknown" });
      expect(JSON.stringify(result)).not.toContain("s3cr3t");
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe("input variables", () => {
  const FILES = {
    "main.tf": [
      'variable "a" { default = "default" }',
      'variable "b" { default = "default" }',
      'variable "c" { default = "default" }',
      'variable "d" { default = "default" }',
      'variable "e" { default = "default" }',
      'variable "f" { default = "default" }',
      'variable "count_text" { type = number }',
      'resource "test_thing" "t" {',
      "  values = [var.a, var.b, var.c, var.d, var.e, var.f]",
      "  number = var.count_text + 1",
      "}",
      "",
    ].join("\n"),
    "terraform.tfvars":
      'a = "tfvars"\nb = "tfvars"\nc = "tfvars"\nd = "tfvars"\ne = "tfvars"\nf = "tfvars"\ncount_text = "2"\n',
    "terraform.tfvars.json":
      '{ "b": "tfvars.json", "c": "tfvars.json", "d": "tfvars.json", "e": "tfvars.json", "f": "tfvars.json" }',
    "a.auto.tfvars": 'c = "a.auto"\nd = "a.auto"\ne = "a.auto"\nf = "a.auto"\n',
    "b.auto.tfvars.json": '{ "d": "b.auto", "e": "b.auto", "f": "b.auto" }',
    "env/prod.tfvars": 'e = "prod.tfvars"\nf = "prod.tfvars"\n',
  };

  test("follow Terraform's precedence: tfvars < tfvars.json < *.auto.tfvars < -var-file < -var", async () => {
    const result = await parseFiles(FILES, { tfvars: ["env/prod.tfvars"], variables: { f: "cli" } });
    expect(plain(resourceAt(result, "test_thing.t").body)).toEqual({
      values: ["tfvars", "tfvars.json", "a.auto", "b.auto", "prod.tfvars", "cli"],
      number: 3,
    });
    expect(result.files).toEqual([
      "a.auto.tfvars",
      "b.auto.tfvars.json",
      "env/prod.tfvars",
      "main.tf",
      "terraform.tfvars",
      "terraform.tfvars.json",
    ]);
  });

  test("a value from tfvars keeps the place it is written for its inner values", async () => {
    const result = await parseFiles({
      "main.tf": 'variable "tags" {}\nresource "test_thing" "t" {\n  tags = var.tags\n}\n',
      "terraform.tfvars": 'tags = {\n  Team = "platform"\n}\n',
    });
    const tags = resourceAt(result, "test_thing.t").body.entries.tags;
    expect(tags?.source).toEqual({ file: "main.tf", line: 3, column: 10 });
    expect(tags?.kind === "object" ? tags.entries.Team?.source : undefined).toEqual({
      file: "terraform.tfvars",
      line: 2,
      column: 10,
    });
  });

  test("a .tfvars.json that is not an object is reported at its value, and the other inputs still apply", async () => {
    const result = await parseFiles({
      "main.tf": 'variable "a" { default = "default" }\nresource "test_thing" "t" {\n  value = var.a\n}\n',
      "terraform.tfvars.json": '\n  ["a", "tfvars.json"]\n',
      "a.auto.tfvars": 'a = "a.auto"\n',
    });
    expect(plain(resourceAt(result, "test_thing.t").body)).toEqual({ value: "a.auto" });
    expect(result.diagnostics).toEqual([
      {
        code: "iac-parse-error",
        message: "a .tfvars.json file must hold an object of variable values",
        source: { file: "terraform.tfvars.json", line: 2, column: 3 },
      },
    ]);
  });

  test("a missing tfvars file is reported once", async () => {
    const result = await parseFiles({ "main.tf": "" }, { tfvars: ["nope.tfvars"] });
    expect(result.diagnostics).toEqual([
      {
        code: "iac-unresolved",
        message: "tfvars file nope.tfvars was not found",
        source: { file: "nope.tfvars", line: 1, column: 1 },
      },
    ]);
  });
});

describe("suppressions", () => {
  test("comments give line suppressions; above a module call also a module suppression with the caller's path", async () => {
    const result = await parseFiles({
      "main.tf": [
        "# archlint-disable-next-line resource-undocumented -- legacy bucket",
        'resource "aws_s3_bucket" "legacy" {}',
        'module "app" {',
        '  source = "./app"',
        "}",
        "",
      ].join("\n"),
      "app/main.tf": [
        "// archlint-disable-next-line placement-mismatch, doc-missing -- staging only",
        'module "db" { source = "../db" }',
        'module "cache" { /* archlint-disable-next-line kind-mismatch */',
        '  source = "../db"',
        "}",
        "",
      ].join("\n"),
      "db/main.tf": 'resource "aws_db_instance" "this" {}\n',
    });
    const where = (source: { file: string; line: number; column: number }) =>
      `${source.file}:${source.line}:${source.column}`;
    expect(
      result.suppressions.map((suppression) => [
        suppression.rule,
        suppression.reason,
        where(suppression.source),
        suppression.scope,
      ]),
    ).toEqual([
      [
        "resource-undocumented",
        "legacy bucket",
        "main.tf:1:1",
        { kind: "lines", file: "main.tf", fromLine: 1, toLine: 2 },
      ],
      [
        "placement-mismatch",
        "staging only",
        "app/main.tf:1:1",
        { kind: "lines", file: "app/main.tf", fromLine: 1, toLine: 2 },
      ],
      [
        "doc-missing",
        "staging only",
        "app/main.tf:1:1",
        { kind: "lines", file: "app/main.tf", fromLine: 1, toLine: 2 },
      ],
      ["kind-mismatch", undefined, "app/main.tf:3:18", { kind: "lines", file: "app/main.tf", fromLine: 3, toLine: 4 }],
      ["placement-mismatch", "staging only", "app/main.tf:1:1", { kind: "module", modulePath: "module.app.module.db" }],
      ["doc-missing", "staging only", "app/main.tf:1:1", { kind: "module", modulePath: "module.app.module.db" }],
      ["kind-mismatch", undefined, "app/main.tf:3:18", { kind: "module", modulePath: "module.app.module.cache" }],
    ]);
  });
});
