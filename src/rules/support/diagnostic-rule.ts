/** Rules that turn what a parser could not read (graph diagnostics) into findings, at the parser's place. */
import type { DiagnosticCode } from "../../model/graph.js";
import type { ReportedFinding, Rule, RuleMeta } from "../types.js";

export interface DiagnosticRuleSpec {
  meta: RuleMeta;
  /** Which graph holds the diagnostics: documents, or infrastructure code. */
  graph: "documented" | "actual";
  codes: DiagnosticCode[];
  fix: (code: DiagnosticCode) => string;
}

export function diagnosticRule(spec: DiagnosticRuleSpec): Rule {
  return {
    meta: spec.meta,
    check(context) {
      for (const diagnostic of context[spec.graph].diagnostics) {
        if (!spec.codes.includes(diagnostic.code)) continue;
        const finding: ReportedFinding = {
          message: diagnostic.message,
          location: diagnostic.source,
          related: diagnostic.related ?? [],
          fix: spec.fix(diagnostic.code),
        };
        if (diagnostic.component !== undefined) finding.component = diagnostic.component;
        if (diagnostic.resource !== undefined) finding.resource = diagnostic.resource;
        context.report(finding);
      }
    },
  };
}
