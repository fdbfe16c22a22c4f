/** Inline suppressions, read by each parser from the comments of its own format (rules.md). */
import type { SourceLocation } from "./source.js";

export interface Suppression {
  /** Rule id the suppression names. */
  rule: string;
  /** The text after `--`; a suppression without one is itself reported (note). */
  reason?: string;
  /** Where the suppression comment / metadata is written. */
  source: SourceLocation;
  /**
   * What it covers, one of:
   * - lines: findings located in `file` on lines fromLine..toLine (a next-line comment covers
   *   its own line and the next one; a Markdown `<!-- archlint-disable -->` covers the diagram after it);
   * - resource: findings whose `resource` is this address (CloudFormation Metadata);
   * - modulePath: findings whose resource lies in this Terraform module call (`module.db`).
   */
  scope:
    | { kind: "lines"; file: string; fromLine: number; toLine: number }
    | { kind: "resource"; resource: string }
    | { kind: "module"; modulePath: string };
}
