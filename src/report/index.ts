/**
 * Reporters: findings, graphs and the rule list as text for people and as JSON, SARIF, GitHub
 * workflow commands or JUnit XML for machines. Pure functions: they return the text, the CLI
 * writes it. Output is byte-identical for identical input.
 */
import type { Finding } from "../model/finding.js";
import type { RuleMeta } from "../rules/types.js";
import { formatGithub } from "./github.js";
import { formatJson } from "./json.js";
import { formatJunit } from "./junit.js";
import { formatSarif } from "./sarif.js";
import { formatText } from "./text.js";

export { ruleHelpUri } from "./common.js";
export { formatGraph, formatMapping, type GraphFormat, ReportError } from "./graph.js";
export { type FindingIdentity, findingIdentity, identityKey, messageHash } from "./identity.js";
export { formatRules } from "./rules.js";

export type ReportFormat = "text" | "json" | "sarif" | "github" | "junit";

export interface ReportInput {
  findings: Finding[];
  /** Every rule that ran (SARIF lists them all; JUnit gives each a testsuite). */
  rules: RuleMeta[];
  toolVersion: string;
  /** ANSI colors in the text format (the CLI decides: TTY, NO_COLOR, --no-color). */
  color: boolean;
  /** Absolute path of DIR: SARIF's `%SRCROOT%`. */
  root?: string;
}

export function formatFindings(format: ReportFormat, input: ReportInput): string {
  switch (format) {
    case "text":
      return formatText(input.findings, input.color);
    case "json":
      return formatJson(input.findings, input.toolVersion);
    case "sarif":
      return formatSarif(input.findings, input.rules, input.toolVersion, input.root);
    case "github":
      return formatGithub(input.findings);
    case "junit":
      return formatJunit(input.findings, input.rules);
  }
}
