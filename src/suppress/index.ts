/**
 * Inline suppressions (rules.md "Suppressions"): a finding is dropped when a suppression of its
 * rule covers it. A suppression without a reason is itself reported, and so, on request, is a
 * suppression that covers no finding.
 */
import { compareFindings, type Finding } from "../model/finding.js";
import type { Suppression } from "../model/suppression.js";
import type { RuleMeta } from "../rules/types.js";

export const SUPPRESSION_INVALID_RULE: RuleMeta = {
  id: "suppression-invalid",
  description: "An archlint-disable comment (or CloudFormation suppress entry) gives no reason",
  defaultLevel: "note",
  commands: ["check", "drift"],
  docs: {
    explanation:
      "A suppression hides a finding from everyone who reads the report later; the reason after `--` tells them why it is safe to ignore. A suppression without one still works, and is reported so that someone writes the reason down.",
    drifted: '# archlint-disable-next-line secret-in-env\nresource "aws_ecs_task_definition" "web" {',
    fixed:
      '# archlint-disable-next-line secret-in-env -- test fixture, the value is a dummy\nresource "aws_ecs_task_definition" "web" {',
  },
};

export const SUPPRESSION_UNUSED_RULE: RuleMeta = {
  id: "suppression-unused",
  description: "An archlint-disable comment matches no finding (with --report-unused-suppressions)",
  defaultLevel: "note",
  commands: ["check", "drift"],
  docs: {
    explanation:
      "A suppression that covers no finding is left over from drift that was fixed, or names the wrong rule or line. Left in place it would silently hide a future finding.",
    drifted: "%% archlint-disable-next-line component-missing -- cache not built yet\n  cache[(Redis)]",
    fixed: "  cache[(Redis)]",
  },
};

export const SUPPRESSION_RULES: readonly RuleMeta[] = [SUPPRESSION_INVALID_RULE, SUPPRESSION_UNUSED_RULE];

export interface SuppressionOptions {
  /** Report suppressions that cover no finding (`--report-unused-suppressions`). */
  reportUnused: boolean;
}

export interface SuppressionResult {
  /** The findings left, plus suppression-invalid / suppression-unused notes; sorted. */
  findings: Finding[];
  /** How many findings were suppressed. */
  suppressed: number;
}

/** Does the suppression's scope cover the finding (its rule aside)? */
export function covers(suppression: Suppression, finding: Finding): boolean {
  const scope = suppression.scope;
  switch (scope.kind) {
    case "lines":
      return (
        finding.location.file === scope.file &&
        finding.location.line >= scope.fromLine &&
        finding.location.line <= scope.toLine
      );
    case "resource":
      // A logical id shared by two templates is prefixed with its template in the graph.
      return finding.resource === scope.resource || finding.resource === `${suppression.source.file}#${scope.resource}`;
    case "module": {
      const resource = finding.resource ?? "";
      // `module.db.aws_db_instance.this`, and every instance of a counted module `module.db["a"].…`.
      return resource.startsWith(`${scope.modulePath}.`) || resource.startsWith(`${scope.modulePath}[`);
    }
  }
}

function describeScope(suppression: Suppression): string {
  const scope = suppression.scope;
  switch (scope.kind) {
    case "lines":
      return scope.fromLine === scope.toLine ? `line ${scope.fromLine}` : `lines ${scope.fromLine}-${scope.toLine}`;
    case "resource":
      return `resource ${scope.resource}`;
    case "module":
      return `module call ${scope.modulePath}`;
  }
}

function missingReason(suppression: Suppression): Finding {
  return {
    ruleId: SUPPRESSION_INVALID_RULE.id,
    level: "note",
    message: `suppression of ${suppression.rule} gives no reason; write one after "--" (archlint-disable-next-line ${suppression.rule} -- why it is safe)`,
    location: suppression.source,
    related: [],
  };
}

function unused(suppression: Suppression): Finding {
  return {
    ruleId: SUPPRESSION_UNUSED_RULE.id,
    level: "note",
    message: `suppression of ${suppression.rule} matches no ${suppression.rule} finding on ${describeScope(suppression)}; remove it`,
    location: suppression.source,
    related: [],
  };
}

export function applySuppressions(
  findings: readonly Finding[],
  suppressions: readonly Suppression[],
  options: SuppressionOptions,
): SuppressionResult {
  const used = new Set<Suppression>();
  const kept: Finding[] = [];
  for (const finding of findings) {
    const matching = suppressions.filter((s) => s.rule === finding.ruleId && covers(s, finding));
    for (const suppression of matching) used.add(suppression);
    if (matching.length === 0) kept.push(finding);
  }
  const notes: Finding[] = [];
  for (const suppression of suppressions) {
    if ((suppression.reason ?? "").trim() === "") notes.push(missingReason(suppression));
    if (options.reportUnused && !used.has(suppression)) notes.push(unused(suppression));
  }
  return { findings: [...kept, ...notes].sort(compareFindings), suppressed: findings.length - kept.length };
}
