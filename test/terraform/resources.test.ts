// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are HCL, whose templates use ${…}
import { describe, expect, test } from "vitest";
import { parseFiles, plain, resourceAt } from "./helpers.js";

describe("count and for_each", () => {
  test("count gives one instance per index with count.index evaluated", async () => {
    const result = await parseFiles({
      "main.tf": [
        'variable "azs" { default = ["a", "b"] }',
        'resource "aws_subnet" "private" {',
        "  count = length(var.azs)",
        '  availability_zone = "eu-west-1${var.azs[count.index]}"',
        '  cidr_block = cidrsubnet("10.0.0.0/16", 8, count.index)',
        "}",
        "",
      ].join("\n"),
    });
    expect(result.resources.map((resource) => [resource.address, resource.instanceKey, resource.name])).toEqual([
      ["aws_subnet.private[0]", 0, "private"],
      ["aws_subnet.private[1]", 1, "private"],
    ]);
    expect(plain(resourceAt(result, "aws_subnet.private[1]").body)).toEqual({
      availability_zone: "eu-west-1b",
      cidr_block: "10.0.1.0/24",
    });
  });

  test("for_each over a map and over a set of strings", async () => {
    const result = await parseFiles({
      "main.tf": [
        'resource "aws_sqs_queue" "q" {',
        "  for_each = { jobs = 60, mail = 30 }",
        '  name = "q-${each.key}"',
        "  visibility_timeout_seconds = each.value",
        "}",
        'resource "aws_s3_bucket" "b" {',
        '  for_each = toset(["logs", "assets", "logs"])',
        "  bucket = each.value",
        "}",
        "",
      ].join("\n"),
    });
    expect(result.resources.map((resource) => [resource.address, resource.instanceKey, plain(resource.body)])).toEqual([
      ['aws_sqs_queue.q["jobs"]', "jobs", { name: "q-jobs", visibility_timeout_seconds: 60 }],
      ['aws_sqs_queue.q["mail"]', "mail", { name: "q-mail", visibility_timeout_seconds: 30 }],
      ['aws_s3_bucket.b["assets"]', "assets", { bucket: "assets" }],
      ['aws_s3_bucket.b["logs"]', "logs", { bucket: "logs" }],
    ]);
  });

  test("count = 0 and a false condition give no instance", async () => {
    const result = await parseFiles({
      "main.tf": [
        'variable "enabled" { default = false }',
        'resource "aws_eip" "none" {',
        "  count = 0",
        "}",
        'resource "aws_eip" "off" {',
        "  count = var.enabled ? 1 : 0",
        "}",
        'resource "aws_eip" "empty" {',
        "  for_each = {}",
        "}",
        "",
      ].join("\n"),
    });
    expect(result.resources).toEqual([]);
  });

  test("an unknown count or for_each gives one instance with the plain address and unknown index values", async () => {
    const result = await parseFiles({
      "main.tf": [
        'variable "n" {}',
        'resource "aws_instance" "web" {',
        "  count = var.n",
        '  name = "web-${count.index}"',
        '  ami = "ami-1"',
        "}",
        'resource "aws_subnet" "s" {',
        "  for_each = data.aws_availability_zones.all.names",
        "  availability_zone = each.value",
        "}",
        "",
      ].join("\n"),
    });
    const web = resourceAt(result, "aws_instance.web");
    expect(web.instanceKey).toBeUndefined();
    expect(plain(web.body)).toEqual({ name: { unknown: '"web-${count.index}"', refs: [] }, ami: "ami-1" });
    expect(plain(resourceAt(result, "aws_subnet.s").body)).toEqual({
      availability_zone: { unknown: "each.value", refs: ["data.aws_availability_zones.all"] },
    });
  });

  test("a count or for_each past 10,000 instances is one instance of unknown key, with a note at it", async () => {
    const result = await parseFiles({
      "main.tf": [
        'resource "aws_instance" "many" {',
        "  count = 100000000",
        '  ami = "ami-1"',
        "}",
        'resource "aws_sqs_queue" "q" {',
        '  for_each = toset(flatten([for i in range(10) : [for j in range(1001) : "q${i}-${j}"]]))',
        "}",
        "",
      ].join("\n"),
    });
    expect(result.resources.map((resource) => [resource.address, resource.instanceKey])).toEqual([
      ["aws_instance.many", undefined],
      ["aws_sqs_queue.q", undefined],
    ]);
    expect(result.diagnostics.map((d) => [d.code, d.source.line, d.source.column, d.message])).toEqual([
      [
        "iac-unresolved",
        2,
        11,
        "count = 100000000: more than 10000 instances are not expanded; the block is read as one instance of unknown key",
      ],
      [
        "iac-unresolved",
        6,
        14,
        "for_each over 10010 items: more than 10000 instances are not expanded; the block is read as one instance of unknown key",
      ],
    ]);
  });

  test("for expressions that multiply past a million items are unknown, with a note where the budget ran out", async () => {
    const result = await parseFiles({
      "main.tf": [
        "locals {",
        "  cube = [for a in range(1000) : [for b in range(1000) : [for c in range(1000) : c]]]",
        "}",
        'resource "aws_s3_bucket" "b" {',
        "  bucket = length(local.cube)",
        "}",
        "",
      ].join("\n"),
    });
    expect(plain(resourceAt(result, "aws_s3_bucket.b").body)).toEqual({
      bucket: { unknown: "length(local.cube)", refs: [] },
    });
    expect(result.diagnostics.map((d) => [d.code, d.source.line, d.message])).toEqual([
      [
        "iac-unresolved",
        2,
        "for expressions produce more than 1000000 items; this one and those evaluated after it are unknown",
      ],
    ]);
  });
});

describe("references to counted resources", () => {
  test("a counted resource named whole is the list or map of its instances", async () => {
    const result = await parseFiles({
      "main.tf": [
        'variable "unknown_count" {}',
        'resource "aws_subnet" "private" {',
        "  count = 2",
        "}",
        'resource "aws_subnet" "public" {',
        '  for_each = toset(["a", "b"])',
        "}",
        'resource "aws_instance" "fleet" {',
        "  count = var.unknown_count",
        "}",
        'resource "aws_lb" "main" {',
        "  private   = [for s in aws_subnet.private : s.id]",
        "  public    = values(aws_subnet.public)[*].id",
        "  how_many  = length(aws_subnet.private) + length(aws_subnet.public)",
        "  fleet     = aws_instance.fleet",
        "  splat     = aws_subnet.private[*].id",
        "}",
        "",
      ].join("\n"),
    });
    expect(plain(resourceAt(result, "aws_lb.main").body)).toEqual({
      private: [
        { ref: "aws_subnet.private[0]", attribute: "id" },
        { ref: "aws_subnet.private[1]", attribute: "id" },
      ],
      public: [
        { ref: 'aws_subnet.public["a"]', attribute: "id" },
        { ref: 'aws_subnet.public["b"]', attribute: "id" },
      ],
      how_many: 4,
      fleet: { ref: "aws_instance.fleet", splat: true },
      splat: [
        { ref: "aws_subnet.private[0]", attribute: "id" },
        { ref: "aws_subnet.private[1]", attribute: "id" },
      ],
    });
  });
});

describe("indexing the splat of a counted resource", () => {
  const NETWORK = {
    "main.tf": [
      'variable "unknown_count" {}',
      'variable "unknown_index" {}',
      'module "network" {',
      '  source = "./network"',
      "}",
      'resource "aws_instance" "fleet" {',
      "  count = var.unknown_count",
      "}",
      'resource "aws_security_group" "single" {}',
      'resource "aws_instance" "app" {',
      "  first       = module.network.private_subnet_ids[0]",
      "  second      = element(module.network.private_subnet_ids, 1)",
      "  wrapped     = element(module.network.private_subnet_ids, 3)",
      "  each        = [for id in module.network.private_subnet_ids : id]",
      "  how_many    = length(module.network.private_subnet_ids)",
      "  zoned       = module.network.zoned_subnet_ids[1]",
      "  whole       = module.network.private_subnets[*].id",
      "  legacy      = module.network.legacy_cidrs[1]",
      "  legacy_in   = module.network.second_legacy",
      "  single      = aws_security_group.single[*].id",
      "  fleet_one   = local.fleet_ids[2]",
      "  fleet_ids   = local.fleet[*].id",
      "  fleet_first = local.fleet.*.id[0]",
      "  fleet_any   = local.fleet_ids[var.unknown_index]",
      "  subnet_any  = module.network.private_subnet_ids[var.unknown_index]",
      "}",
      "locals {",
      "  fleet_ids = aws_instance.fleet[*].id",
      "  fleet     = aws_instance.fleet",
      "}",
      "",
    ].join("\n"),
    "network/main.tf": [
      'resource "aws_subnet" "private" {',
      "  count = 2",
      "}",
      'resource "aws_subnet" "zoned" {',
      '  for_each = toset(["b", "a"])',
      "}",
      'output "private_subnet_ids" { value = aws_subnet.private[*].id }',
      'output "private_subnets" { value = aws_subnet.private }',
      'output "zoned_subnet_ids" { value = aws_subnet.zoned[*].id }',
      'output "legacy_cidrs" { value = aws_subnet.private.*.cidr_block }',
      'output "second_legacy" { value = aws_subnet.private.*.id[1] }',
      "",
    ].join("\n"),
  };

  test("an index, element() or a for expression picks the instance, also through a module output", async () => {
    const result = await parseFiles(NETWORK);
    const subnet = (i: number | string, attribute = "id") => ({
      ref: `module.network.aws_subnet.${typeof i === "number" ? `private[${i}]` : `zoned["${i}"]`}`,
      attribute,
    });
    const body = plain(resourceAt(result, "aws_instance.app").body) as Record<string, unknown>;
    expect(body).toMatchObject({
      first: subnet(0),
      second: subnet(1),
      wrapped: subnet(1),
      each: [subnet(0), subnet(1)],
      how_many: 2,
      zoned: subnet("b"),
      whole: [subnet(0), subnet(1)],
      legacy: subnet(1, "cidr_block"),
      legacy_in: subnet(1),
      single: [{ ref: "aws_security_group.single", attribute: "id" }],
    });
    expect(result.diagnostics).toEqual([]);
  });

  test("an index into the instances of a resource whose count is unknown picks that instance", async () => {
    const result = await parseFiles(NETWORK);
    const body = plain(resourceAt(result, "aws_instance.app").body) as Record<string, unknown>;
    expect(body.fleet_one).toEqual({ ref: "aws_instance.fleet[2]", attribute: "id" });
    expect(body.fleet_first).toEqual({ ref: "aws_instance.fleet[0]", attribute: "id" });
    // A splat over them applies to every instance: still all of them.
    expect(body.fleet_ids).toEqual({ ref: "aws_instance.fleet", attribute: "id", splat: true });
  });

  test("an unknown index stays unknown, with the references it could pick", async () => {
    const result = await parseFiles(NETWORK);
    const body = plain(resourceAt(result, "aws_instance.app").body) as Record<string, unknown>;
    expect(body.fleet_any).toEqual({ unknown: "local.fleet_ids[var.unknown_index]", refs: ["aws_instance.fleet"] });
    expect(body.subnet_any).toEqual({
      unknown: "module.network.private_subnet_ids[var.unknown_index]",
      refs: ["module.network.aws_subnet.private[0]", "module.network.aws_subnet.private[1]"],
    });
  });
});

describe("blocks", () => {
  test("nested blocks become lists of objects; meta-arguments and lifecycle blocks are left out", async () => {
    const result = await parseFiles({
      "main.tf": [
        'resource "aws_security_group" "web" {',
        '  name = "web"',
        "  ingress {",
        "    from_port = 80",
        "  }",
        "  ingress {",
        "    from_port = 443",
        "  }",
        "  lifecycle {",
        "    create_before_destroy = true",
        "  }",
        '  provisioner "local-exec" {',
        '    command = "echo"',
        "  }",
        "  depends_on = [aws_vpc.main, module.net]",
        "}",
        "",
      ].join("\n"),
    });
    const group = resourceAt(result, "aws_security_group.web");
    expect(plain(group.body)).toEqual({ name: "web", ingress: [{ from_port: 80 }, { from_port: 443 }] });
    expect(group.dependsOn).toEqual(["aws_vpc.main", "module.net"]);
    expect(group.body.keySources).toEqual({
      name: { file: "main.tf", line: 2, column: 3 },
      ingress: { file: "main.tf", line: 3, column: 3 },
    });
    const ingress = group.body.entries.ingress;
    expect(ingress?.kind === "list" ? ingress.items.map((item) => item.source.line) : []).toEqual([3, 6]);
  });

  test("dynamic blocks expand with their iterator, or give one unknown item", async () => {
    const result = await parseFiles({
      "main.tf": [
        'variable "ports" { default = { http = 80, https = 443 } }',
        'resource "aws_security_group" "web" {',
        "  ingress {",
        "    from_port = 22",
        "  }",
        '  dynamic "ingress" {',
        "    for_each = var.ports",
        "    content {",
        "      description = ingress.key",
        "      from_port   = ingress.value",
        "    }",
        "  }",
        '  dynamic "egress" {',
        "    for_each = var.ports",
        "    iterator = rule",
        "    content {",
        "      to_port = rule.value",
        "    }",
        "  }",
        '  dynamic "setting" {',
        "    for_each = aws_s3_bucket.b.tags",
        "    content {",
        "      name = setting.key",
        "    }",
        "  }",
        "}",
        "",
      ].join("\n"),
    });
    expect(plain(resourceAt(result, "aws_security_group.web").body)).toEqual({
      ingress: [{ from_port: 22 }, { description: "http", from_port: 80 }, { description: "https", from_port: 443 }],
      egress: [{ to_port: 80 }, { to_port: 443 }],
      setting: [{ unknown: "aws_s3_bucket.b.tags", refs: ["aws_s3_bucket.b"] }],
    });
  });

  test("data sources have mode data and a data. address", async () => {
    const result = await parseFiles({
      "main.tf": 'data "aws_ami" "ubuntu" {\n  most_recent = true\n}\n',
    });
    expect(result.resources).toMatchObject([
      {
        address: "data.aws_ami.ubuntu",
        mode: "data",
        type: "aws_ami",
        name: "ubuntu",
        format: "terraform",
        modulePath: "",
      },
    ]);
  });
});

describe("providers", () => {
  test("the default provider's region applies; provider = aws.west selects the alias", async () => {
    const result = await parseFiles({
      "main.tf": [
        'variable "region" { default = "eu-central-1" }',
        'provider "aws" {',
        "  region = var.region",
        "}",
        'provider "aws" {',
        '  alias  = "west"',
        '  region = "us-west-2"',
        "}",
        'resource "aws_s3_bucket" "home" {}',
        'resource "aws_s3_bucket" "away" {',
        "  provider = aws.west",
        "}",
        'resource "google_storage_bucket" "other" {}',
        "",
      ].join("\n"),
    });
    expect(result.resources.map((resource) => [resource.address, resource.provider, resource.region])).toEqual([
      ["aws_s3_bucket.home", undefined, "eu-central-1"],
      ["aws_s3_bucket.away", "aws.west", "us-west-2"],
      ["google_storage_bucket.other", undefined, undefined],
    ]);
    expect(resourceAt(result, "aws_s3_bucket.away").body.entries).toEqual({});
  });
});

describe("positions", () => {
  test("a resource is placed at its keyword; values and keys where they are written (UTF-16 columns)", async () => {
    const result = await parseFiles({
      "main.tf": [
        "# 😀 a comment with an astral character",
        '  resource "aws_db_instance" "main" {',
        '  name = "😀é"',
        '  engine = "postgres"',
        "}",
        "",
      ].join("\n"),
    });
    const database = resourceAt(result, "aws_db_instance.main");
    expect(database.source).toEqual({ file: "main.tf", line: 2, column: 3 });
    expect(database.file).toBe("main.tf");
    expect(database.body.entries.name?.source).toEqual({ file: "main.tf", line: 3, column: 10 });
    expect(database.body.keySources.engine).toEqual({ file: "main.tf", line: 4, column: 3 });
  });

  test("columns after non-ASCII text count UTF-16 code units", async () => {
    const result = await parseFiles({
      "main.tf": 'resource "aws_s3_bucket" "b" {\n  tags = { "😀é" = "x", after = aws_vpc.main.id }\n}\n',
    });
    const tags = resourceAt(result, "aws_s3_bucket.b").body.entries.tags;
    // `  tags = { "😀é" = "x", after = ` : the emoji is two UTF-16 code units.
    expect(tags?.kind === "object" ? tags.keySources.after : undefined).toEqual({
      file: "main.tf",
      line: 2,
      column: 25,
    });
    expect(tags?.kind === "object" ? tags.entries.after?.source : undefined).toEqual({
      file: "main.tf",
      line: 2,
      column: 33,
    });
  });
});
