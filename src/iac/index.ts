/**
 * Declared resources (both formats) → the declared graph: kinds, placement, relations, facts.
 * STUB: owned by the resource-table work (issue 3); the signature is the contract.
 */
import type { Graph } from "../model/graph.js";
import type { IacParseResult } from "../model/iac.js";

export function buildDeclaredGraph(_parsed: IacParseResult): Graph {
  throw new Error("not implemented");
}
