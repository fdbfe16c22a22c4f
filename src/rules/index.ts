/**
 * The rule catalogue (../shared/spec/rules.md) and the runner. One module per rule; the runner
 * applies configured levels and sorts findings. Pure: no I/O, no global state.
 */

import type { LevelSetting } from "../model/finding.js";
import { capacityMismatch } from "./capacity-mismatch.js";
import { componentMissing } from "./component-missing.js";
import { docDuplicateId } from "./doc-duplicate-id.js";
import { docSyntaxError } from "./doc-syntax-error.js";
import { docUnknownReference } from "./doc-unknown-reference.js";
import { encryptionMissing } from "./encryption-missing.js";
import { iacParseError } from "./iac-parse-error.js";
import { iacUnreadable } from "./iac-unreadable.js";
import { mappingAmbiguous } from "./mapping-ambiguous.js";
import { mappingUnresolved } from "./mapping-unresolved.js";
import { multiAzMissing } from "./multi-az-missing.js";
import { networkMismatch } from "./network-mismatch.js";
import { placementPublic } from "./placement-public.js";
import { relationMissing } from "./relation-missing.js";
import { relationUndocumented } from "./relation-undocumented.js";
import { replicaMissing } from "./replica-missing.js";
import { resourceUndocumented } from "./resource-undocumented.js";
import { runRuleSet } from "./runner.js";
import { secretInEnv } from "./secret-in-env.js";
import { technologyMismatch } from "./technology-mismatch.js";
import type { Rule, RuleContext, RuleMeta } from "./types.js";

export type { RuleInputs, RuleRun } from "./runner.js";
export { effectiveLevel } from "./runner.js";

/** Every rule, sorted by id. */
export const allRules: Rule[] = [
  capacityMismatch,
  componentMissing,
  docDuplicateId,
  docSyntaxError,
  docUnknownReference,
  encryptionMissing,
  iacParseError,
  iacUnreadable,
  mappingAmbiguous,
  mappingUnresolved,
  multiAzMissing,
  networkMismatch,
  placementPublic,
  relationMissing,
  relationUndocumented,
  replicaMissing,
  resourceUndocumented,
  secretInEnv,
  technologyMismatch,
].sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0));

/**
 * Runs every rule of the command whose level is not "off" (config `rules`, `--rule ID=level`)
 * and that the filter keeps. Returns the findings (sorted as cli.md says) and the rules that ran.
 */
export function runRules(
  inputs: Omit<RuleContext, "report">,
  levels: Record<string, LevelSetting> = {},
  ruleFilter?: (meta: RuleMeta) => boolean,
) {
  return runRuleSet(allRules, inputs, levels, ruleFilter);
}
