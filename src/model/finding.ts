/** What rules report and reporters format. */
import type { Evidence, SourceLocation } from "./source.js";

export type Level = "error" | "warning" | "note";
export type LevelSetting = Level | "off";

export const LEVEL_ORDER: Record<Level, number> = { note: 1, warning: 2, error: 3 };

export interface Finding {
  ruleId: string;
  level: Level;
  message: string;
  /** Where the user fixes the drift (cli.md). */
  location: SourceLocation;
  /** The other side: doc evidence for IaC findings, the resource for doc findings. */
  related: Evidence[];
  /** The documented element id, when one is involved (the physical one when both are). */
  component?: string;
  /** The resource address (Terraform address, CloudFormation logical id, ARN). */
  resource?: string;
  /**
   * The attribute at fault (`multi_az`, `environment.DB_PASSWORD`), part of the finding's
   * stable identity for baselines and SARIF partialFingerprints.
   */
  attributePath?: string;
  /** One-line fix hint for the text report. */
  fix?: string;
}

/** Sort order of cli.md: file, line, column, ruleId; then message for determinism. */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.location.file !== b.location.file) return a.location.file < b.location.file ? -1 : 1;
  if (a.location.line !== b.location.line) return a.location.line - b.location.line;
  if (a.location.column !== b.location.column) return a.location.column - b.location.column;
  if (a.ruleId !== b.ruleId) return a.ruleId < b.ruleId ? -1 : 1;
  if (a.message !== b.message) return a.message < b.message ? -1 : 1;
  return 0;
}
