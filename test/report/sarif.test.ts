/**
 * SARIF output validated against the official SARIF 2.1.0 JSON schema.
 *
 * test/report/sarif-schema-2.1.0.json is the OASIS committee specification schema from
 * oasis-tcs/sarif-spec, Documents/CommitteeSpecifications/2.1.0/sarif-schema-2.1.0.json
 * (commit 3682e9ee648f2f3e11ba1fcd47fc390a0b8f9dab; JSON Schema draft-07). Its content is
 * unchanged; only the whitespace was normalised by the project's formatter (Biome).
 */
import { readFileSync } from "node:fs";
import AjvModule from "ajv";
import addFormatsModule from "ajv-formats";
import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/model/finding.js";
import { formatFindings } from "../../src/report/index.js";
import { ALL, MISSING, MULTI_AZ, PLACEMENT, RULES } from "./fixtures.js";

const schema = JSON.parse(readFileSync(new URL("./sarif-schema-2.1.0.json", import.meta.url), "utf8")) as object;
const ajv = new AjvModule.default({ strict: false, allErrors: true });
addFormatsModule.default(ajv);
const validateSarif = ajv.compile(schema);

interface SarifLog {
  runs: {
    tool: { driver: { rules: { id: string; helpUri: string; defaultConfiguration: { level: string } }[] } };
    originalUriBaseIds: Record<string, { uri?: string }>;
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: {
        physicalLocation?: {
          artifactLocation: { uri: string; uriBaseId: string };
          region: { startLine: number; startColumn: number };
        };
        logicalLocations?: { fullyQualifiedName: string }[];
      }[];
      relatedLocations?: { id: number; message: { text: string } }[];
      partialFingerprints: Record<string, string>;
    }[];
  }[];
}

function sarif(findings: Finding[], root?: string): { text: string; log: SarifLog } {
  const text = formatFindings("sarif", { findings, rules: RULES, toolVersion: "0.1.0", color: false, root });
  return { text, log: JSON.parse(text) as SarifLog };
}

function expectValid(text: string): void {
  const valid = validateSarif(JSON.parse(text));
  expect(validateSarif.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
}

function fingerprint(log: SarifLog, index: number): string {
  return log.runs[0]!.results[index]!.partialFingerprints["archlintIdentity/v1"]!;
}

describe("sarif format", () => {
  it("validates against the official SARIF 2.1.0 schema", () => {
    expectValid(sarif(ALL, "/work/repo").text);
    expectValid(sarif([], "/work/repo").text);
    expectValid(sarif(ALL).text);
  });

  it("the schema rejects a broken log (the validation can fail)", () => {
    const { log } = sarif(ALL, "/work/repo");
    (log.runs[0]!.results[0]! as { level: string }).level = "fatal";
    expect(validateSarif(log)).toBe(false);
  });

  it("lists every rule that ran, with help and default level, and points results at them", () => {
    const { log } = sarif([PLACEMENT, MISSING], "/work/repo");
    const run = log.runs[0]!;
    expect(run.tool.driver.rules.map((rule) => rule.id)).toEqual([
      "component-missing",
      "multi-az-missing",
      "placement-public",
      "relation-undocumented",
    ]);
    expect(run.tool.driver.rules[2]!.helpUri).toBe(
      "https://github.com/archlint/archlint/blob/main/docs/rules.md#placement-public",
    );
    expect(run.tool.driver.rules[3]!.defaultConfiguration.level).toBe("note");
    expect(run.results.map((result) => [result.ruleId, result.ruleIndex])).toEqual([
      ["component-missing", 0],
      ["placement-public", 2],
    ]);
    expect(run.originalUriBaseIds["%SRCROOT%"]!.uri).toBe("file:///work/repo/");
  });

  it("writes the location relative to %SRCROOT% and the related locations with their messages", () => {
    const { log } = sarif([PLACEMENT], "/work/repo");
    const result = log.runs[0]!.results[0]!;
    expect(result.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: "infra/main.tf", uriBaseId: "%SRCROOT%" },
      region: { startLine: 42, startColumn: 1 },
    });
    expect(result.relatedLocations).toEqual([
      {
        id: 1,
        physicalLocation: {
          artifactLocation: { uri: "docs/architecture.md", uriBaseId: "%SRCROOT%" },
          region: { startLine: 118, startColumn: 13 },
        },
        message: { text: 'documented in "EC2 Instance (Private Subnet)"' },
      },
    ]);
  });

  it("keeps fingerprints when a finding moves to another line, and tells different findings apart", () => {
    const moved: Finding = { ...MULTI_AZ, location: { ...MULTI_AZ.location, line: 70 } };
    const otherAttribute: Finding = { ...MULTI_AZ, attributePath: "storage_encrypted" };
    const before = sarif([MULTI_AZ]).log;
    const after = sarif([moved]).log;
    const other = sarif([otherAttribute]).log;
    expect(fingerprint(after, 0)).toBe(fingerprint(before, 0));
    expect(fingerprint(other, 0)).not.toBe(fingerprint(before, 0));
    expect(fingerprint(before, 0)).toMatch(/^[0-9a-f]{32}$/);
  });

  it("tells apart findings that share an identity by their message", () => {
    const first: Finding = { ...MISSING, ruleId: "doc-syntax-error", component: undefined, message: "expected )" };
    const second: Finding = { ...first, location: { ...first.location, line: 40 }, message: "expected ]" };
    const { log, text } = sarif([first, second]);
    expect(fingerprint(log, 0)).not.toBe(fingerprint(log, 1));
    expectValid(text);
  });

  it("encodes paths as URI references and gives live resources (ARNs) a logical location", () => {
    const spaced: Finding = { ...MISSING, location: { file: "docs/my arch#1.md", line: 3, column: 1 } };
    const live: Finding = {
      ...MISSING,
      ruleId: "live-unmanaged",
      location: { file: "arn:aws:rds:us-east-1:123456789012:db:legacy", line: 1, column: 1 },
      resource: "arn:aws:rds:us-east-1:123456789012:db:legacy",
    };
    const { log, text } = sarif([spaced, live], "/work/my repo");
    expectValid(text);
    const results = log.runs[0]!.results;
    const byRule = new Map(results.map((result) => [result.ruleId, result]));
    expect(byRule.get("component-missing")!.locations[0]!.physicalLocation!.artifactLocation.uri).toBe(
      "docs/my%20arch%231.md",
    );
    expect(byRule.get("live-unmanaged")!.locations[0]).toEqual({
      logicalLocations: [{ fullyQualifiedName: "arn:aws:rds:us-east-1:123456789012:db:legacy", kind: "resource" }],
    });
    expect(log.runs[0]!.originalUriBaseIds["%SRCROOT%"]!.uri).toBe("file:///work/my%20repo/");
    // A rule id no rule meta describes still gets a descriptor, so ruleIndex stays valid.
    expect(log.runs[0]!.tool.driver.rules.map((rule) => rule.id)).toContain("live-unmanaged");
  });
});
