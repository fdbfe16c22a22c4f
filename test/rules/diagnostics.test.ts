import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/model/graph.js";
import { at, check, DOC, evidence, graph, mapping, TF } from "./builders.js";

const docDiagnostics: Diagnostic[] = [
  {
    code: "doc-syntax-error",
    message: 'expected ")" to close Container( … but found end of line',
    source: at(DOC, 12, 48),
  },
  {
    code: "doc-unknown-reference",
    message: 'Rel names "orderDb", which the diagram never defines',
    source: at(DOC, 20, 18),
    related: [evidence(DOC, 14, 17, 'did you mean "ordersDb"?')],
  },
  { code: "doc-duplicate-id", message: 'two elements have the id "api"', source: at(DOC, 7, 13), component: "api" },
];
const iacDiagnostics: Diagnostic[] = [
  { code: "iac-parse-error", message: 'expected "}" before end of file', source: at(TF, 40, 1) },
  {
    code: "iac-module-not-read",
    message: 'module "db" has a registry source (terraform-aws-modules/rds/aws): its resources are not read',
    source: at(TF, 3, 12),
  },
  { code: "iac-path-escape", message: "../shared lies outside the scanned directory", source: at(TF, 9, 12) },
  { code: "iac-unresolved", message: "var.engine has no value", source: at(TF, 30, 12), resource: "aws_db_instance.x" },
];
const documented = graph([], [], docDiagnostics);
const actual = graph([], [], iacDiagnostics);

describe("document and input diagnostics", () => {
  it("doc-syntax-error reports each syntax error at the bad token with the parser's message", () => {
    const findings = check("doc-syntax-error", documented, actual, mapping({}));
    expect(findings).toEqual([
      {
        ruleId: "doc-syntax-error",
        level: "error",
        message: 'expected ")" to close Container( … but found end of line',
        location: at(DOC, 12, 48),
        related: [],
        fix: "correct the diagram line as the message says; the rest of the document is still read",
      },
    ]);
  });

  it("doc-unknown-reference keeps the parser's related evidence", () => {
    const [finding] = check("doc-unknown-reference", documented, actual, mapping({}));
    expect(finding!.location).toEqual(at(DOC, 20, 18));
    expect(finding!.related).toEqual([evidence(DOC, 14, 17, 'did you mean "ordersDb"?')]);
    expect(finding!.level).toBe("error");
  });

  it("doc-duplicate-id is a warning that names the component", () => {
    const [finding] = check("doc-duplicate-id", documented, actual, mapping({}));
    expect([finding!.level, finding!.component, finding!.location]).toEqual(["warning", "api", at(DOC, 7, 13)]);
  });

  it("iac-parse-error reports only parse errors of the infrastructure code", () => {
    const findings = check("iac-parse-error", documented, actual, mapping({}));
    expect(findings.map((finding) => [finding.level, finding.location])).toEqual([["error", at(TF, 40, 1)]]);
  });

  it("iac-unreadable notes modules that were not read and paths that escape the scan root", () => {
    const findings = check("iac-unreadable", documented, actual, mapping({}));
    expect(findings.map((finding) => [finding.level, finding.location.line, finding.fix?.slice(0, 20)])).toEqual([
      ["note", 3, "vendor the module in"],
      ["note", 9, "keep module sources "],
    ]);
  });

  it("unresolved values are not findings of their own", () => {
    const all = ["doc-syntax-error", "doc-unknown-reference", "doc-duplicate-id", "iac-parse-error", "iac-unreadable"]
      .flatMap((rule) => check(rule, documented, actual, mapping({})))
      .map((finding) => finding.location.line);
    expect(all).not.toContain(30);
  });
});
