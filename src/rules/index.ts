/**
 * The rule catalogue. STUB: owned by the rules work (issue 4).
 */
import type { Rule } from "./types.js";

export const allRules: Rule[] = [];
