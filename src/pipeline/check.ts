/**
 * `archlint check`: graphs → mapping → rules → suppressions → baseline → findings.
 */

import type { DocsResult } from "../docs/index.js";
import type { MappingOptions } from "../mapping/index.js";
import type { Finding, LevelSetting } from "../model/finding.js";
import { emptyGraph, type Graph } from "../model/graph.js";
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

/** Documented elements ↔ resources, with the configuration's explicit mapping and tag key. */
export async function mapWorkspace(workspace: Workspace, docs: DocsResult, actual: Graph): Promise<Mapping> {
  const [{ mapElements }, { mappingKeySources }] = await Promise.all([
    import("../mapping/index.js"),
    import("../config/index.js"),
  ]);
  const options: MappingOptions = { viewLinks: docs.viewLinks };
  if (workspace.config.mapping) {
    options.explicit = workspace.config.mapping;
    options.explicitSources = mappingKeySources(workspace.config, workspace.dir);
  }
  if (workspace.config.tagKey) options.tagKey = workspace.config.tagKey;
  return mapElements(docs.graph, actual, options);
}

export async function runCheck(workspace: Workspace, options: CheckOptions): Promise<CheckResult> {
  options.onStage?.(`reading ${workspace.docs.length} document(s)`);
  const docs = await readDocs(workspace);
  const withIac = hasIac(workspace);
  options.onStage?.("reading infrastructure code");
  const iac = withIac ? await readIac(workspace) : undefined;
  const actual = iac?.graph ?? emptyGraph();

  options.onStage?.("mapping documented components to resources");
  const mapping = await mapWorkspace(workspace, docs, actual);

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
