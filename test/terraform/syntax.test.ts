// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are HCL, whose templates use ${…}
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { parseTerraform } from "../../src/parsers/terraform/index.js";
import { parseFiles, plain, resourceAt, writeTree } from "./helpers.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const corpus = path.resolve(here, "../corpus/terraform");

describe("corpus of valid HCL", () => {
  test("parses without a parse error and yields every resource instance", async () => {
    const result = await parseTerraform({ root: path.join(corpus, "valid"), modules: ["."] });
    expect(result.diagnostics.filter((diagnostic) => diagnostic.code === "iac-parse-error")).toEqual([]);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        code: "iac-module-not-read",
        resource: "module.vpc_registry",
        source: { file: "modules.tf", line: 10, column: 1 },
      }),
    ]);
    expect(result.resources.map((resource) => resource.address)).toEqual([
      "aws_sqs_queue.jobs",
      "aws_sns_topic.events",
      "aws_vpc.main",
      "aws_subnet.private[0]",
      "aws_subnet.private[1]",
      'aws_subnet.public["eu-west-1a"]',
      'aws_subnet.public["eu-west-1b"]',
      "aws_s3_bucket.assets",
      "aws_instance.web",
      "data.aws_ami.ubuntu",
      "terraform_data.corpus_locals",
      "aws_secretsmanager_secret.db",
      "aws_security_group.web",
      'aws_security_group_rule.extra["443-10.0.0.0/8"]',
      'aws_security_group_rule.extra["80-0.0.0.0/0"]',
      'aws_security_group_rule.extra["8443-10.0.0.0/8"]',
      "aws_eip.maybe[0]",
      "module.db.aws_db_subnet_group.this",
      "module.db.aws_db_instance.this",
    ]);
  });

  test("evaluates the tricky expressions of the corpus exactly", async () => {
    const result = await parseTerraform({ root: path.join(corpus, "valid"), modules: ["."] });
    const locals = plain(resourceAt(result, "terraform_data.corpus_locals").body.entries.input) as Record<
      string,
      unknown
    >;
    expect(locals).toEqual({
      name: "inkwell-prod",
      azs: ["eu-west-1a", "eu-west-1b"],
      subnet_map: { "eu-west-1a": "10.0.0.0/24", "eu-west-1b": "10.0.1.0/24" },
      by_tier: { private: ["10.0.1.0/24", "10.0.2.0/24"], public: ["10.0.100.0/24"] },
      flat_ports: [
        { port: 80, cidr: "0.0.0.0/0" },
        { port: 443, cidr: "10.0.0.0/8" },
        { port: 8443, cidr: "10.0.0.0/8" },
      ],
      greeting: "Grüße, Zoë — ✓ 😀",
      unicode: "identifiers may be unicode",
      escaped: 'quote " backslash \\ tab \t dollar ${literal} percent %{literal}',
      math: 8.5,
      logic: "yes",
      chained: "p",
      neg: -5,
      legacy: "eu-west-1a",
      splat_ids: [
        { ref: "aws_subnet.private[0]", attribute: "id" },
        { ref: "aws_subnet.private[1]", attribute: "id" },
      ],
      attr_splat: [
        { ref: "aws_subnet.private[0]", attribute: "cidr_block" },
        { ref: "aws_subnet.private[1]", attribute: "cidr_block" },
      ],
      tags: { Team: "platform", Name: "inkwell-prod", "kebab-key": "v" },
      directives: "zone 0: eu-west-1azone 1: eu-west-1bproduction\n",
      policy: { unknown: expect.stringMatching(/^<<POLICY\n/), refs: ["aws_s3_bucket.assets"] },
      queue_count: 2,
    });
    const database = resourceAt(result, "module.db.aws_db_instance.this");
    expect(database.body.entries.password).toMatchObject({
      kind: "ref",
      secretReference: true,
      ref: { target: "aws_secretsmanager_secret.db" },
    });
    expect(plain(database.body.entries.multi_az)).toBe(true);
    expect(resourceAt(result, "aws_instance.web")).toMatchObject({
      region: "eu-west-1",
      dependsOn: ["aws_vpc.main", "module.db"],
    });
    expect(resourceAt(result, "aws_s3_bucket.assets")).toMatchObject({ provider: "aws.west", region: "us-west-2" });
  });

  test("reads .tf.json: templates, // comments, arrays of blocks and positions", async () => {
    const result = await parseTerraform({ root: path.join(corpus, "valid"), modules: ["."] });
    const queue = resourceAt(result, "aws_sqs_queue.jobs");
    expect(plain(queue.body)).toEqual({
      name: "inkwell-prod-jobs",
      visibility_timeout_seconds: 60,
      tags: { Name: "jobs", Env: "prod" },
    });
    expect(queue).toMatchObject({
      file: "data.tf.json",
      source: { file: "data.tf.json", line: 5, column: 7 },
      dependsOn: ["aws_vpc.main"],
    });
    expect(queue.body.entries.name?.source).toEqual({ file: "data.tf.json", line: 7, column: 17 });
    expect(queue.body.keySources.visibility_timeout_seconds).toEqual({ file: "data.tf.json", line: 8, column: 9 });
    expect(plain(resourceAt(result, "aws_sns_topic.events").body)).toEqual({ name: "events-ü" });
  });

  test(".tf.json variables, module calls, count and dynamic blocks", async () => {
    const result = await parseFiles({
      "main.tf.json": JSON.stringify(
        {
          variable: { size: { default: "${not a template}" }, n: { default: 2 } },
          module: { net: { source: "./net", cidr: "10.1.0.0/16", providers: { aws: "aws.west" } } },
          provider: { aws: [{ region: "eu-west-1" }, { alias: "west", region: "us-west-2" }] },
          resource: {
            aws_instance: {
              web: {
                count: "${var.n}",
                instance_type: "${var.size}",
                provider: "aws.west",
                dynamic: {
                  ebs_block_device: { for_each: "${[10, 20]}", content: { volume_size: "${ebs_block_device.value}" } },
                },
              },
            },
          },
        },
        null,
        2,
      ),
      "net/main.tf": 'variable "cidr" {}\nresource "aws_vpc" "this" {\n  cidr_block = var.cidr\n}\n',
    });
    expect(result.diagnostics).toEqual([]);
    expect(result.resources.map((resource) => [resource.address, resource.region, plain(resource.body)])).toEqual([
      [
        "aws_instance.web[0]",
        "us-west-2",
        { instance_type: "${not a template}", ebs_block_device: [{ volume_size: 10 }, { volume_size: 20 }] },
      ],
      [
        "aws_instance.web[1]",
        "us-west-2",
        { instance_type: "${not a template}", ebs_block_device: [{ volume_size: 10 }, { volume_size: 20 }] },
      ],
      ["module.net.aws_vpc.this", "us-west-2", { cidr_block: "10.1.0.0/16" }],
    ]);
  });

  test("HashiCorp's parser (@cdktn/hcl2json) also accepts every native corpus file", async () => {
    const { parse } = await import("@cdktn/hcl2json");
    const files = [
      "main.tf",
      "modules.tf",
      "network.tf",
      "variables.tf",
      "modules/db/main.tf",
      "modules/db/outputs.tf",
      "terraform.tfvars",
    ];
    for (const file of files) {
      await expect(parse(file, fs.readFileSync(path.join(corpus, "valid", file), "utf8"))).resolves.toBeTypeOf(
        "object",
      );
    }
  });
});

describe("broken files", () => {
  async function parseBroken(name: string) {
    const text = fs.readFileSync(path.join(corpus, "broken", name), "utf8");
    const result = await parseFiles({ [name]: text });
    return {
      errors: result.diagnostics.map((diagnostic) => [
        diagnostic.code,
        diagnostic.source.line,
        diagnostic.source.column,
        diagnostic.message,
      ]),
      resources: result.resources.map((resource) => [resource.address, Object.keys(resource.body.entries)]),
    };
  }

  test.each([
    ["missing-brace.tf", 1, 34, 'missing "}": this block is not closed', [["bucket"], ["bucket"]]],
    ["stray-brace.tf", 4, 1, 'unexpected "}"', [["bucket"], ["bucket"]]],
    ["stray-token.tf", 5, 1, 'unexpected "oops"', [["bucket"], ["bucket"]]],
    ["missing-equals.tf", 2, 10, 'missing "=" after "bucket"', [["acl"], ["bucket"]]],
    ["unterminated-string.tf", 2, 12, "unterminated string", [["acl"], ["bucket"]]],
    ["unterminated-heredoc.tf", 2, 12, 'unterminated heredoc: no line "EOF" ends it', [["policy"]]],
  ])("%s: iac-parse-error at %i:%i, the other blocks still read", async (name, line, column, message, bodies) => {
    const { errors, resources } = await parseBroken(name);
    expect(errors).toEqual([["iac-parse-error", line, column, message]]);
    expect(resources.map(([, keys]) => keys)).toEqual(bodies);
  });

  test("an expression cut short and a missing bracket: one error each, positioned", async () => {
    const { errors } = await parseBroken("bad-expression.tf");
    expect(errors).toEqual([
      ["iac-parse-error", 2, 17, 'unexpected end of line after "+"'],
      ["iac-parse-error", 7, 22, 'missing "]"'],
    ]);
  });

  test("a broken value is never read as a guessed literal", async () => {
    const result = await parseFiles({ "main.tf": 'resource "aws_s3_bucket" "b" {\n  policy = <<EOF\n{"a": 1}\n' });
    expect(plain(resourceAt(result, "aws_s3_bucket.b").body.entries.policy)).toEqual({
      unknown: '<<EOF\n{"a": 1}\n',
      refs: [],
    });
  });

  test("columns of an error after non-ASCII text count UTF-16 code units", async () => {
    const { errors } = await parseBroken("unterminated-unicode.tf");
    expect(errors).toEqual([["iac-parse-error", 2, 12, "unterminated string"]]);
    const result = await parseFiles({ "main.tf": 'locals { a = "😀é" }\n} oops\n' });
    expect(result.diagnostics.map((diagnostic) => [diagnostic.source.line, diagnostic.source.column])).toEqual([
      [2, 1],
    ]);
  });

  test("a .tf.json syntax error is positioned and the valid part still read", async () => {
    const { errors, resources } = await parseBroken("trailing-comma.tf.json");
    expect(errors).toEqual([["iac-parse-error", 4, 33, 'property name expected: unexpected "}"']]);
    expect(resources).toEqual([["aws_s3_bucket.first", ["bucket"]]]);
  });

  test("the corpus cut at any point never crashes the reader", async () => {
    const text = fs.readFileSync(path.join(corpus, "valid/main.tf"), "utf8");
    const root = writeTree({});
    try {
      for (let cut = 7; cut < text.length; cut += Math.ceil(text.length / 40)) {
        fs.writeFileSync(path.join(root, "main.tf"), text.slice(0, cut));
        const result = await parseTerraform({ root, modules: ["."] });
        expect(result.files).toEqual(["main.tf"]);
      }
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  test("an expression nested too deeply to convert is reported at its attribute's name; the rest is read", async () => {
    const deep = `${"[".repeat(20_000)}${"]".repeat(20_000)}`;
    const result = await parseFiles({
      "main.tf": `locals {\n  deep = ${deep}\n}\nresource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n`,
    });
    expect(result.diagnostics.map((d) => [d.code, d.source.line, d.source.column, d.message])).toEqual([
      ["iac-parse-error", 2, 3, "unreadable syntax"],
    ]);
    expect(plain(resourceAt(result, "aws_s3_bucket.b").body)).toEqual({ bucket: "b" });
  });

  test("garbage never crashes the reader", async () => {
    const inputs = [
      "{{{{",
      "}}}}",
      'resource "a" "b" { x = [1, {, 2] }',
      "<<EOF",
      '"',
      "${",
      'resource\n"x"',
      "\u0000\u0001",
      "a = b ? : c",
    ];
    for (const text of inputs) {
      const result = await parseFiles({ "main.tf": text });
      expect(result.diagnostics.length).toBeGreaterThan(0);
    }
  });
});

describe("suppression comments", () => {
  test("all three comment styles; a comment without a reason has none; other comments are ignored", async () => {
    const result = await parseFiles({
      "main.tf": [
        "# archlint-disable-next-line rule-a -- hash style",
        'resource "aws_s3_bucket" "a" {}',
        "// archlint-disable-next-line rule-b",
        'resource "aws_s3_bucket" "b" {}',
        "/* archlint-disable-next-line rule-c -- block",
        "   style */",
        'resource "aws_s3_bucket" "c" {}',
        "# archlint-disable-next-lines rule-x -- not the directive",
        "# a plain comment",
        "",
      ].join("\n"),
    });
    expect(result.suppressions.map((suppression) => [suppression.rule, suppression.reason, suppression.scope])).toEqual(
      [
        ["rule-a", "hash style", { kind: "lines", file: "main.tf", fromLine: 1, toLine: 2 }],
        ["rule-b", undefined, { kind: "lines", file: "main.tf", fromLine: 3, toLine: 4 }],
        ["rule-c", "block\n   style", { kind: "lines", file: "main.tf", fromLine: 5, toLine: 7 }],
      ],
    );
  });
});
