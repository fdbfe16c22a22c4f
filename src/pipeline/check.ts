/**
 * `archlint check`: graphs → mapping → rules → suppressions → baseline → findings.
 */

import type { Finding, LevelSetting } from "../model/finding.js";
import { emptyGraph } from "../model/graph.js";
import type { Mapping } from "../model/mapping.js";
import type { RuleMeta } from "../rules/types.js";
import { hasIac, readDocs, readIac } from "./read.js";
import type { Workspace } from "./workspace.js";

export interface CheckOptions {
  /** `--rule ID=LEVEL` overrides, applied over the configuration's `rules`. */
  ruleOverrides: Record<string, LevelSetting>;
  reportUnusedSuppressions: boolean;
  /** Called as each stage starts, for progress output. */
  onStage?: (stage: string) => void;
}

export interface CheckResult {
  findings: Finding[];
  /** Every rule that ran (for SARIF tool.driver.rules and JUnit). */
  rules: RuleMeta[];
  mapping: Mapping;
  suppressed: number;
}

export async function runCheck(workspace: Workspace, options: CheckOptions): Promise<CheckResult> {
  options.onStage?.(`reading ${workspace.docs.length} document(s)`);
  const docs = await readDocs(workspace);
  const withIac = hasIac(workspace);
  options.onStage?.("reading infrastructure code");
  const iac = withIac ? await readIac(workspace) : undefined;
  const actual = iac?.graph ?? emptyGraph();

  options.onStage?.("mapping documented components to resources");
  const { mapElements } = await import("../mapping/index.js");
  const mappingOptions: Parameters<typeof mapElements>[2] = { viewLinks: docs.viewLinks };
  if (workspace.config.mapping) mappingOptions.explicit = workspace.config.mapping;
  if (workspace.config.tagKey) mappingOptions.tagKey = workspace.config.tagKey;
  const mapping = mapElements(docs.graph, actual, mappingOptions);

  options.onStage?.("running rules");
  const { runRules } = await import("../rules/index.js");
  const levels = { ...(workspace.config.rules ?? {}), ...options.ruleOverrides };
  const ran = runRules(
    { documented: docs.graph, actual, mapping, command: "check" },
    levels,
    // Without infrastructure code there is nothing to compare: only the document rules run.
    withIac ? undefined : (meta: RuleMeta) => meta.id.startsWith("doc-"),
  );

  const { applySuppressions, SUPPRESSION_RULES } = await import("../suppress/index.js");
  const suppressions = [...docs.suppressions, ...(iac?.parsed.suppressions ?? [])];
  const suppressed = applySuppressions(ran.findings, suppressions, { reportUnused: options.reportUnusedSuppressions });
  // The suppression notes are findings too: SARIF and JUnit list the rules that produced them.
  const rules = [...ran.rules, ...SUPPRESSION_RULES];
  return { findings: suppressed.findings, rules, mapping, suppressed: suppressed.suppressed };
}
