/**
 * Bad input never crashes archlint: a wrong configuration is exit 2 with a message that says
 * where and what was meant; a wrong mapping, unrelated documents and code, and files that do not
 * parse are findings at their place, and everything else is still checked.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";
import { checkJson, copyInto, type FindingRow, scratchDirectories } from "./helpers.js";

const scratch = scratchDirectories();

/** A scratch copy of a system's docs and one of its IaC folders; returns the IaC folder. */
function systemCopy(system: string, format: "terraform" | "cloudformation"): string {
  const root = scratch("bad-input");
  copyInto(root, `fixtures/${system}/docs`, `fixtures/${system}/${format}`);
  return path.join(root, "fixtures", system, format);
}

function writeConfig(dir: string, text: string): string {
  const file = path.join(dir, ".archlintrc.json");
  writeFileSync(file, text);
  return file;
}

describe("a configuration with a misspelled key", () => {
  it("exits 2 naming the file, the position, the key path and the key that was meant", async () => {
    const dir = systemCopy("inkwell", "terraform");
    const file = writeConfig(
      dir,
      '{\n  "docs": ["../docs/architecture.md"],\n  "maping": { "redis": ["aws_elasticache_replication_group.redis"] }\n}\n',
    );
    const run = await runCli(["check", dir, "--format", "json"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(`archlint: ${file}:3:3: unknown key "maping" at /; did you mean "mapping"?\n`);
  });

  it("names the enclosing key of a nested one", async () => {
    const dir = systemCopy("inkwell", "terraform");
    const file = writeConfig(
      dir,
      '{\n  "docs": ["../docs/architecture.md"],\n  "live": { "regoins": ["us-east-1"] }\n}\n',
    );
    const run = await runCli(["check", dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`archlint: ${file}:3:13: unknown key "regoins" at /live; did you mean "regions"?\n`);
  });
});

describe("an explicit mapping to a resource that does not exist", () => {
  it("is a mapping-unresolved finding with the closest address, and the rest is checked as usual", async () => {
    const dir = systemCopy("inkwell", "terraform");
    writeConfig(
      dir,
      JSON.stringify({
        docs: ["../docs/architecture.md"],
        mapping: { redis: ["aws_elasticache_replication_group.cache"] },
      }),
    );
    const run = await checkJson([dir]);
    expect(run.stderr).toBe("");
    // Located at the mapping entry in the configuration, where the user fixes it.
    const configText = readFileSync(path.join(dir, ".archlintrc.json"), "utf8");
    expect(run.rows).toEqual([
      {
        ruleId: "mapping-unresolved",
        level: "warning",
        file: ".archlintrc.json",
        line: 1,
        column: configText.indexOf('"redis"') + 1,
        component: "redis",
        resource: null,
      },
    ]);
    expect(run.report.findings[0]!.message).toBe(
      'The mapping of "redis" to aws_elasticache_replication_group.cache resolves to nothing: no resource has the address aws_elasticache_replication_group.cache (did you mean aws_elasticache_replication_group.redis?)',
    );
    expect(run.code).toBe(0);
  });
});

describe("documents and code with nothing in common", () => {
  it("reports every documented component missing and every resource undocumented, with clean messages", async () => {
    const root = scratch("unrelated");
    copyInto(root, "fixtures/posts-services/docs", "fixtures/inkwell/terraform");
    const infra = path.join(root, "fixtures", "inkwell", "terraform");
    writeConfig(infra, JSON.stringify({ docs: ["../../posts-services/docs/architecture.md"] }));
    const run = await checkJson([infra]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    const byRule = (ruleId: string) => run.rows.filter((row) => row.ruleId === ruleId);
    expect(byRule("component-missing").map((row) => row.component)).toEqual([
      "repo",
      "pipeline",
      "build",
      "alb",
      "posts_service",
      "threads_service",
      "users_service",
      "ecr",
    ]);
    expect(byRule("resource-undocumented").map((row) => row.resource)).toEqual([
      "aws_apigatewayv2_api.main",
      "aws_instance.app",
      "aws_instance.monitoring",
      "aws_db_instance.primary",
      "aws_db_instance.replica",
      "aws_elasticache_replication_group.redis",
      "aws_sns_topic.post_events",
      "aws_sqs_queue.notifications",
      "aws_s3_bucket.media",
      "aws_secretsmanager_secret.app",
    ]);
    // The one thing both have is a VPC with subnets, and their blocks differ.
    expect(byRule("network-mismatch").map((row) => row.component)).toEqual([
      "vpc",
      "public_a",
      "public_b",
      "private_a",
      "private_b",
    ]);
    expect(run.rows).toHaveLength(23);
    for (const finding of run.report.findings) expect(finding.message).not.toMatch(/undefined|null|NaN|\[object/);
  });
});

describe("files that do not parse among good ones", () => {
  it("reports each at the place of the error and still checks every other file", async () => {
    const dir = systemCopy("inkwell", "terraform");
    writeFileSync(
      path.join(dir, "broken.tf"),
      'resource "aws_ssm_parameter" "flag" {\n  name  = "/inkwell/flag"\n  type  = "String" ]\n}\n',
    );
    writeFileSync(
      path.join(dir, "parameters.yaml"),
      [
        'AWSTemplateFormatVersion: "2010-09-09"',
        "Description: Feature flags",
        "Resources:",
        "  FlagParameter:",
        "    Type: AWS::SSM::Parameter",
        "    Properties:",
        "      Type: String",
        "      Value: [on, off",
        "",
      ].join("\n"),
    );
    writeFileSync(
      path.join(dir, "digest.yaml"),
      [
        'AWSTemplateFormatVersion: "2010-09-09"',
        "Description: Digest emails",
        "Resources:",
        "  DigestQueue:",
        "    Type: AWS::SQS::Queue",
        "    Properties:",
        "      MessageRetentionPeriod: 86400",
        "",
      ].join("\n"),
    );
    const run = await checkJson([dir]);
    expect(run.stderr).toBe("");
    const expected: FindingRow[] = [
      {
        ruleId: "iac-parse-error",
        level: "error",
        file: "broken.tf",
        line: 3,
        column: 20,
        component: null,
        resource: null,
      },
      // The good template is read: its queue is undocumented.
      {
        ruleId: "resource-undocumented",
        level: "warning",
        file: "digest.yaml",
        line: 4,
        column: 3,
        component: null,
        resource: "DigestQueue",
      },
      {
        ruleId: "iac-parse-error",
        level: "error",
        file: "parameters.yaml",
        line: 8,
        column: 14,
        component: null,
        resource: null,
      },
    ];
    // Nothing else: the good .tf files are read as before (no component-missing).
    expect(run.rows).toEqual(expected);
    expect(run.report.findings.map((finding) => finding.message)).toEqual([
      'unexpected "]"',
      "SQS queue DigestQueue is not in the architecture documents: no documented element maps to it",
      "invalid YAML: this [ is never closed",
    ]);
    expect(run.code).toBe(1);
  });
});
