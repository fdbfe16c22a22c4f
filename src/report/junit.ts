/**
 * `--format junit`: JUnit XML for CI dashboards. One testsuite per rule that ran; in it one
 * failing testcase per file with findings of that rule (the failure lists each finding), or a
 * single passing testcase when the rule found nothing.
 */
import { type Finding, LEVEL_ORDER, type Level } from "../model/finding.js";
import type { RuleMeta } from "../rules/types.js";
import { formatPosition, plural, rulesInReport, sortFindings, TOOL_NAME } from "./common.js";

const PASSING_CASE_NAME = "all inputs";

/** Characters XML 1.0 cannot carry at all (controls, lone surrogates) become U+FFFD. */
const INVALID_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching the control characters XML forbids is the point.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML, "\uFFFD")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

function highestLevel(findings: readonly Finding[]): Level {
  return findings.reduce<Level>((top, f) => (LEVEL_ORDER[f.level] > LEVEL_ORDER[top] ? f.level : top), "note");
}

function findingLines(finding: Finding): string[] {
  const lines = [`${formatPosition(finding.location)} ${finding.level} ${finding.message}`];
  for (const related of finding.related) lines.push(`  ↳ ${formatPosition(related)} ${related.message}`.trimEnd());
  if (finding.fix !== undefined && finding.fix !== "") lines.push(`  fix: ${finding.fix}`);
  return lines;
}

function failingCase(ruleId: string, file: string, findings: readonly Finding[]): string {
  const message = `${plural(findings.length, "finding")} of ${ruleId} in ${file}`;
  const body = findings.flatMap(findingLines).join("\n");
  return [
    `    <testcase classname="${escapeXml(ruleId)}" name="${escapeXml(file)}">`,
    `      <failure type="${highestLevel(findings)}" message="${escapeXml(message)}">${escapeXml(body)}</failure>`,
    "    </testcase>",
  ].join("\n");
}

function groupByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const byFile = new Map<string, Finding[]>();
  for (const finding of findings) {
    const group = byFile.get(finding.location.file);
    if (group) group.push(finding);
    else byFile.set(finding.location.file, [finding]);
  }
  return byFile;
}

function testSuite(rule: RuleMeta, findings: readonly Finding[]): { xml: string; tests: number; failures: number } {
  const byFile = groupByFile(findings);
  const cases =
    byFile.size === 0
      ? [`    <testcase classname="${escapeXml(rule.id)}" name="${PASSING_CASE_NAME}"/>`]
      : [...byFile].map(([file, group]) => failingCase(rule.id, file, group));
  const tests = cases.length;
  const failures = byFile.size;
  const open = `  <testsuite name="${escapeXml(rule.id)}" tests="${tests}" failures="${failures}" errors="0" skipped="0">`;
  return { xml: [open, ...cases, "  </testsuite>"].join("\n"), tests, failures };
}

export function formatJunit(findings: readonly Finding[], rules: readonly RuleMeta[]): string {
  const sorted = sortFindings(findings);
  const suites = rulesInReport(rules, sorted).map((rule) =>
    testSuite(
      rule,
      sorted.filter((finding) => finding.ruleId === rule.id),
    ),
  );
  const tests = suites.reduce((sum, suite) => sum + suite.tests, 0);
  const failures = suites.reduce((sum, suite) => sum + suite.failures, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${TOOL_NAME}" tests="${tests}" failures="${failures}" errors="0">`,
    ...suites.map((suite) => suite.xml),
    "</testsuites>",
    "",
  ].join("\n");
}
