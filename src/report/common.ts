/** What every report format shares: the order of findings, counts, the rules that ran. */
import { compareFindings, type Finding, type Level } from "../model/finding.js";
import type { SourceLocation } from "../model/source.js";
import type { RuleMeta } from "../rules/types.js";

export const TOOL_NAME = "archlint";
export const TOOL_INFORMATION_URI = "https://github.com/archlint/archlint";

/** The section of the rule catalogue that documents a rule (SARIF helpUri, JUnit, text hints). */
export function ruleHelpUri(ruleId: string): string {
  return `${TOOL_INFORMATION_URI}/blob/main/docs/rules.md#${ruleId}`;
}

/** cli.md order: file, line, column, ruleId (then message). Never mutates the input. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

export type LevelCounts = Record<Level, number>;

export function countLevels(findings: readonly Finding[]): LevelCounts {
  const counts: LevelCounts = { error: 0, warning: 0, note: 0 };
  for (const finding of findings) counts[finding.level]++;
  return counts;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/**
 * Live elements have no file: their location's `file` is the ARN (model/source.ts). Formats
 * that point into the repository (SARIF physical locations, GitHub annotations) must not
 * treat an ARN as a path.
 */
export function isFileLocation(location: SourceLocation): boolean {
  return !location.file.startsWith("arn:");
}

export function formatPosition(location: SourceLocation): string {
  return `${location.file}:${location.line}:${location.column}`;
}

/**
 * Every rule that ran, sorted by id, plus a bare descriptor for any rule id a finding names
 * that the caller did not list (so that a report never points at a rule it does not describe).
 */
export function rulesInReport(rules: readonly RuleMeta[], findings: readonly Finding[]): RuleMeta[] {
  const byId = new Map<string, RuleMeta>();
  for (const rule of rules) if (!byId.has(rule.id)) byId.set(rule.id, rule);
  for (const finding of findings) {
    if (!byId.has(finding.ruleId)) {
      byId.set(finding.ruleId, {
        id: finding.ruleId,
        description: finding.ruleId,
        defaultLevel: finding.level,
        commands: ["check", "drift"],
        docs: { explanation: "", drifted: "", fixed: "" },
      });
    }
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
