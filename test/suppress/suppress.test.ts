import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/model/finding.js";
import type { Suppression } from "../../src/model/suppression.js";
import { applySuppressions, SUPPRESSION_RULES } from "../../src/suppress/index.js";

function finding(ruleId: string, file: string, line: number, resource?: string): Finding {
  const out: Finding = {
    ruleId,
    level: "error",
    message: `${ruleId} at ${line}`,
    location: { file, line, column: 1 },
    related: [],
  };
  if (resource !== undefined) out.resource = resource;
  return out;
}

function suppression(rule: string, scope: Suppression["scope"], reason: string | undefined, line = 1): Suppression {
  const out: Suppression = { rule, scope, source: { file: "infra/main.tf", line, column: 1 } };
  if (reason !== undefined) out.reason = reason;
  return out;
}

const SECRET = finding("secret-in-env", "infra/main.tf", 12, "aws_ecs_task_definition.web");
const PUBLIC = finding("placement-public", "infra/main.tf", 30, "aws_instance.app");
const MODULE_DB = finding("multi-az-missing", "infra/modules/db/main.tf", 4, "module.db.aws_db_instance.this");
const MODULE_DB_INSTANCE = finding(
  "multi-az-missing",
  "infra/modules/db/main.tf",
  4,
  'module.db["eu"].aws_db_instance.this',
);
const MODULE_DBX = finding("multi-az-missing", "infra/modules/db/main.tf", 4, "module.dbx.aws_db_instance.this");
const CFN = finding("encryption-missing", "cfn/app.yaml", 8, "cfn/app.yaml#AppDatabase");

describe("applySuppressions", () => {
  it("suppresses a finding on the lines a comment covers, for its rule only", () => {
    const nextLine = suppression(
      "secret-in-env",
      { kind: "lines", file: "infra/main.tf", fromLine: 11, toLine: 12 },
      "dummy",
    );
    const result = applySuppressions([SECRET, PUBLIC], [nextLine], { reportUnused: false });
    expect(result).toEqual({ findings: [PUBLIC], suppressed: 1 });
    const otherFile = suppression(
      "secret-in-env",
      { kind: "lines", file: "infra/other.tf", fromLine: 11, toLine: 12 },
      "x",
    );
    const otherRule = suppression(
      "placement-public",
      { kind: "lines", file: "infra/main.tf", fromLine: 11, toLine: 12 },
      "x",
    );
    const otherLines = suppression(
      "secret-in-env",
      { kind: "lines", file: "infra/main.tf", fromLine: 13, toLine: 14 },
      "x",
    );
    expect(applySuppressions([SECRET], [otherFile, otherRule, otherLines], { reportUnused: false }).suppressed).toBe(0);
  });

  it("suppresses by resource, including a logical id prefixed with its template", () => {
    const byResource = suppression("placement-public", { kind: "resource", resource: "aws_instance.app" }, "bastion");
    const cfn: Suppression = {
      rule: "encryption-missing",
      reason: "scratch data",
      scope: { kind: "resource", resource: "AppDatabase" },
      source: { file: "cfn/app.yaml", line: 5, column: 7 },
    };
    const result = applySuppressions([PUBLIC, CFN, SECRET], [byResource, cfn], { reportUnused: false });
    expect(result).toEqual({ findings: [SECRET], suppressed: 2 });
  });

  it("suppresses every finding inside a module call, and nothing in a module with a longer name", () => {
    const byModule = suppression("multi-az-missing", { kind: "module", modulePath: "module.db" }, "dev only");
    const result = applySuppressions([MODULE_DB, MODULE_DB_INSTANCE, MODULE_DBX], [byModule], { reportUnused: false });
    expect(result).toEqual({ findings: [MODULE_DBX], suppressed: 2 });
  });

  it("reports a suppression without a reason as a note, and still applies it", () => {
    const bare = suppression(
      "secret-in-env",
      { kind: "lines", file: "infra/main.tf", fromLine: 11, toLine: 12 },
      undefined,
      11,
    );
    const result = applySuppressions([SECRET], [bare], { reportUnused: false });
    expect(result.suppressed).toBe(1);
    expect(result.findings).toEqual([
      {
        ruleId: "suppression-invalid",
        level: "note",
        message:
          'suppression of secret-in-env gives no reason; write one after "--" (archlint-disable-next-line secret-in-env -- why it is safe)',
        location: { file: "infra/main.tf", line: 11, column: 1 },
        related: [],
      },
    ]);
  });

  it("reports unused suppressions only when asked", () => {
    const stale = suppression(
      "placement-public",
      { kind: "lines", file: "infra/main.tf", fromLine: 2, toLine: 3 },
      "old",
      2,
    );
    expect(applySuppressions([SECRET], [stale], { reportUnused: false }).findings).toEqual([SECRET]);
    const result = applySuppressions([SECRET], [stale], { reportUnused: true });
    expect(result.findings).toEqual([
      {
        ruleId: "suppression-unused",
        level: "note",
        message: "suppression of placement-public matches no placement-public finding on lines 2-3; remove it",
        location: { file: "infra/main.tf", line: 2, column: 1 },
        related: [],
      },
      SECRET,
    ]);
  });

  it("exports rule metas for its two notes", () => {
    expect(SUPPRESSION_RULES.map((rule) => [rule.id, rule.defaultLevel])).toEqual([
      ["suppression-invalid", "note"],
      ["suppression-unused", "note"],
    ]);
  });
});
