import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/model/graph.js";
import { allRules, runRules } from "../../src/rules/index.js";
import { at, DOC, doc, graph, mapping, resource, TF } from "./builders.js";

const diagnostics: Diagnostic[] = [
  { code: "doc-syntax-error", message: 'expected ")"', source: at(DOC, 9, 14) },
  { code: "doc-duplicate-id", message: "api defined twice", source: at(DOC, 3, 5) },
];
const documented = graph([doc("cache", "cache", "Redis Cluster", 20)], [], diagnostics);
const actual = graph(
  [resource("aws_sqs_queue.audit", "aws_sqs_queue", "queue", 7)],
  [],
  [{ code: "iac-unresolved", message: "var.x is unresolved", source: at(TF, 1, 1) }],
);
const inputs = { documented, actual, mapping: mapping({}), command: "check" as const };

describe("runRules", () => {
  it("lists every rule once, sorted by id", () => {
    const ids = allRules.map((rule) => rule.meta.id);
    expect(ids).toEqual([...new Set(ids)].sort());
  });

  it("runs every rule at its default level and sorts findings by file, line, column, rule", () => {
    const run = runRules(inputs);
    expect(
      run.findings.map((finding) => [finding.ruleId, finding.level, finding.location.file, finding.location.line]),
    ).toEqual([
      ["doc-duplicate-id", "warning", DOC, 3],
      ["doc-syntax-error", "error", DOC, 9],
      ["component-missing", "error", DOC, 20],
      ["resource-undocumented", "warning", TF, 7],
    ]);
    expect(run.rules.map((meta) => meta.id)).toEqual(allRules.map((rule) => rule.meta.id));
  });

  it("applies configured levels; off disables a rule, which then does not count as run", () => {
    const run = runRules(inputs, {
      "component-missing": "off",
      "resource-undocumented": "error",
      "doc-syntax-error": "note",
    });
    expect(run.findings.map((finding) => `${finding.ruleId}=${finding.level}`)).toEqual([
      "doc-duplicate-id=warning",
      "doc-syntax-error=note",
      "resource-undocumented=error",
    ]);
    expect(run.rules.some((meta) => meta.id === "component-missing")).toBe(false);
  });

  it("keeps the rules the filter keeps", () => {
    const run = runRules(inputs, {}, (meta) => meta.id.startsWith("doc-"));
    expect(run.rules.map((meta) => meta.id)).toEqual(["doc-duplicate-id", "doc-syntax-error", "doc-unknown-reference"]);
    expect(run.findings.map((finding) => finding.ruleId)).toEqual(["doc-duplicate-id", "doc-syntax-error"]);
  });

  it("writes findings with cli.md's fields and no absent optional field", () => {
    const [finding] = runRules(inputs, {}, (meta) => meta.id === "resource-undocumented").findings;
    expect(Object.keys(finding!)).toEqual(["ruleId", "level", "message", "location", "related", "resource", "fix"]);
  });

  it("never raises a rule's note (an unresolved fact) above note, whatever the configured level", () => {
    const withUnknown = graph([
      resource("aws_instance.app", "aws_instance", "compute", 4, { attributes: { public: { unknown: "var.public" } } }),
    ]);
    const privateDoc = graph([doc("app", "compute", "App", 5, { attributes: { subnetTier: "private" } })]);
    const run = runRules(
      {
        documented: privateDoc,
        actual: withUnknown,
        mapping: mapping({ app: ["aws_instance.app"] }),
        command: "check",
      },
      { "placement-public": "error" },
      (meta) => meta.id === "placement-public",
    );
    expect(run.findings.map((finding) => finding.level)).toEqual(["note"]);
    const lowered = runRules(
      {
        documented: privateDoc,
        actual: withUnknown,
        mapping: mapping({ app: ["aws_instance.app"] }),
        command: "check",
      },
      { "placement-public": "note" },
      (meta) => meta.id === "placement-public",
    );
    expect(lowered.findings.map((finding) => finding.level)).toEqual(["note"]);
  });
});
