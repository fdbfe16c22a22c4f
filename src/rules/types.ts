/**
 * A rule module, after ESLint's: `meta` says what it is, `check` reads the graphs and the
 * mapping and reports. A rule never reads files and never formats output.
 */
import type { Finding, Level } from "../model/finding.js";
import type { Graph } from "../model/graph.js";
import type { Mapping } from "../model/mapping.js";

export interface RuleDocs {
  /** Longer explanation: what drift the rule catches and why it matters. */
  explanation: string;
  /** An example of the drift (doc + code excerpt). */
  drifted: string;
  /** The same example, fixed. */
  fixed: string;
}

export interface RuleMeta {
  id: string;
  description: string;
  defaultLevel: Level;
  /** Which commands run the rule. */
  commands: ("check" | "drift")[];
  docs: RuleDocs;
}

/** What a rule reports; the runner adds the rule id and the configured level. */
export type ReportedFinding = Omit<Finding, "ruleId" | "level"> & { level?: Level };

export interface RuleContext {
  /** The documented graph (docs, with views composed). */
  documented: Graph;
  /** The actual graph: declared (IaC) in `check`, live in `drift`. */
  actual: Graph;
  mapping: Mapping;
  command: "check" | "drift";
  report(finding: ReportedFinding): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}
