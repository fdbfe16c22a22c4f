/**
 * Documented elements ↔ declared or live resources.
 * STUB: owned by the mapping work (issue 4); the signature is the contract.
 */
import type { Graph } from "../model/graph.js";
import type { Mapping, ViewLink } from "../model/mapping.js";

export interface MappingOptions {
  /** Configuration `mapping`: element id (or DOCFILE#id) → addresses, logical ids, tag:K=V, ARNs. */
  explicit?: Record<string, string[]>;
  /** Tag whose value names a documented element id (default archlint:component). */
  tagKey?: string;
  /** Logical ↔ physical links from the documents' mapping tables. */
  viewLinks?: ViewLink[];
}

export function mapElements(_documented: Graph, _actual: Graph, _options: MappingOptions = {}): Mapping {
  throw new Error("not implemented");
}
