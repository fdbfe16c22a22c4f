/** Runs rules over one set of graphs: levels, filtering, ordering. */
import { compareFindings, type Finding, LEVEL_ORDER, type Level, type LevelSetting } from "../model/finding.js";
import type { ReportedFinding, Rule, RuleContext, RuleMeta } from "./types.js";

export type RuleInputs = Omit<RuleContext, "report">;

export interface RuleRun {
  findings: Finding[];
  /** Every rule that ran (for SARIF tool.driver.rules and JUnit). */
  rules: RuleMeta[];
}

/** The configured level of a rule, or its default. */
export function effectiveLevel(meta: RuleMeta, levels: Record<string, LevelSetting>): LevelSetting {
  return levels[meta.id] ?? meta.defaultLevel;
}

/**
 * A finding's level: the configured one, except that a rule reporting a lower level (a note
 * for an unresolved fact) keeps it — configuration never turns an unknown into an error.
 */
function findingLevel(configured: Level, reported: Level | undefined): Level {
  if (reported === undefined) return configured;
  return LEVEL_ORDER[reported] < LEVEL_ORDER[configured] ? reported : configured;
}

/** A finding with cli.md's field order and without absent optional fields. */
function toFinding(ruleId: string, level: Level, reported: ReportedFinding): Finding {
  const finding: Finding = {
    ruleId,
    level,
    message: reported.message,
    location: reported.location,
    related: reported.related,
  };
  if (reported.component !== undefined) finding.component = reported.component;
  if (reported.resource !== undefined) finding.resource = reported.resource;
  if (reported.attributePath !== undefined) finding.attributePath = reported.attributePath;
  if (reported.fix !== undefined) finding.fix = reported.fix;
  return finding;
}

function identity(finding: Finding): string {
  const { file, line, column } = finding.location;
  return JSON.stringify([finding.ruleId, file, line, column, finding.message, finding.component, finding.resource]);
}

export function runRuleSet(
  rules: Rule[],
  inputs: RuleInputs,
  levels: Record<string, LevelSetting>,
  ruleFilter?: (meta: RuleMeta) => boolean,
): RuleRun {
  const findings = new Map<string, Finding>();
  const ran: RuleMeta[] = [];
  for (const rule of rules) {
    if (!rule.meta.commands.includes(inputs.command)) continue;
    if (ruleFilter && !ruleFilter(rule.meta)) continue;
    const configured = effectiveLevel(rule.meta, levels);
    if (configured === "off") continue;
    ran.push(rule.meta);
    rule.check({
      ...inputs,
      report(reported) {
        const finding = toFinding(rule.meta.id, findingLevel(configured, reported.level), reported);
        findings.set(identity(finding), finding);
      },
    });
  }
  return { findings: [...findings.values()].sort(compareFindings), rules: ran };
}
