/** docs/rules.md stays in step with the rules' metadata; every rule of the spec exists. */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderRuleCatalogue } from "../../src/rules/catalogue.js";
import { allRules } from "../../src/rules/index.js";

const repoRoot = path.resolve(import.meta.dirname, "../..");
const catalogueFile = path.join(repoRoot, "docs/rules.md");

const SPEC_RULES = [
  "component-missing",
  "resource-undocumented",
  "relation-missing",
  "relation-undocumented",
  "placement-public",
  "replica-missing",
  "multi-az-missing",
  "secret-in-env",
  "technology-mismatch",
  "encryption-missing",
  "network-mismatch",
  "capacity-mismatch",
  "doc-syntax-error",
  "doc-unknown-reference",
  "doc-duplicate-id",
  "iac-parse-error",
  "mapping-ambiguous",
];

const DEFAULT_LEVELS: Record<string, string> = {
  "component-missing": "error",
  "resource-undocumented": "warning",
  "relation-missing": "warning",
  "relation-undocumented": "note",
  "placement-public": "error",
  "replica-missing": "error",
  "multi-az-missing": "error",
  "secret-in-env": "error",
  "technology-mismatch": "warning",
  "encryption-missing": "warning",
  "network-mismatch": "warning",
  "capacity-mismatch": "warning",
  "doc-syntax-error": "error",
  "doc-unknown-reference": "error",
  "doc-duplicate-id": "warning",
  "iac-parse-error": "error",
  "mapping-ambiguous": "note",
  "iac-unreadable": "note",
  "mapping-unresolved": "warning",
};

describe("rule catalogue", () => {
  it("holds every rule of the spec (live rules aside) plus the two extensions, sorted by id", () => {
    const ids = allRules.map((rule) => rule.meta.id);
    expect(ids).toEqual([...SPEC_RULES, "iac-unreadable", "mapping-unresolved"].sort());
  });

  it("gives each rule the spec's default level and documentation with a drifted and a fixed example", () => {
    for (const { meta } of allRules) {
      expect(meta.defaultLevel, meta.id).toBe(DEFAULT_LEVELS[meta.id]);
      expect(meta.commands, meta.id).toEqual(["check", "drift"]);
      expect(meta.docs.explanation.length, meta.id).toBeGreaterThan(100);
      expect(meta.docs.drifted, meta.id).not.toBe(meta.docs.fixed);
      expect(meta.description, meta.id).not.toMatch(/\.$/);
    }
  });

  it("docs/rules.md is the rendering of the rules' metadata, one section per rule anchored by its id", () => {
    const rendered = renderRuleCatalogue(allRules.map((rule) => rule.meta));
    if (process.env.ARCHLINT_UPDATE_DOCS === "1") writeFileSync(catalogueFile, rendered);
    const onDisk = readFileSync(catalogueFile, "utf8");
    expect(onDisk).toBe(rendered);
    for (const { meta } of allRules) {
      expect(onDisk).toContain(`<a id="${meta.id}"></a>\n\n## ${meta.id}\n`);
    }
  });
});
