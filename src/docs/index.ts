/**
 * Architecture documents → the documented graph.
 * STUB: owned by the docs work (issue 2); signatures are the contract the CLI relies on.
 */
import type { DiagramSelector } from "../config/types.js";
import type { DocView, Graph } from "../model/graph.js";
import type { ViewLink } from "../model/mapping.js";
import type { SourceLocation } from "../model/source.js";
import type { Suppression } from "../model/suppression.js";

export interface DocInput {
  /** Path relative to the scan root, `/` separators. */
  file: string;
  text: string;
}

export type DiagramType = "c4" | "flowchart" | "architecture" | "unknown";

export interface DiagramInfo {
  /** 1-based index within the document (the `diagrams` configuration key uses it). */
  index: number;
  type: DiagramType;
  /** The header keyword as written: `C4Component`, `graph TD`, `flowchart LR`, `architecture-beta`. */
  header: string;
  title?: string;
  view: DocView;
  /** Abbreviated diagrams update the picture so far; complete ones replace it (model.md). */
  abbreviated: boolean;
  /** What made it abbreviated ("description '...'", "comment 'representative example'"). */
  abbreviatedBecause?: string;
  /** Whether the diagram takes part in the composed target architecture. */
  selected: boolean;
  source: SourceLocation;
}

export interface DocumentInfo {
  file: string;
  format: "markdown" | "mermaid";
  diagrams: DiagramInfo[];
}

export interface DocsResult {
  /** Composed documented graph: the final logical and physical views of every document. */
  graph: Graph;
  documents: DocumentInfo[];
  /** Logical ↔ physical links stated by mapping tables in the documents. */
  viewLinks: ViewLink[];
  suppressions: Suppression[];
}

export interface DocsOptions {
  /** Per document (path relative to the scan root), which diagrams describe the target. */
  diagrams?: Record<string, DiagramSelector>;
}

/** Does the text hold an architecture document archlint understands? */
export function sniffDocument(_text: string): "markdown" | "mermaid" | null {
  throw new Error("not implemented");
}

export function readDocuments(_inputs: DocInput[], _options: DocsOptions = {}): DocsResult {
  throw new Error("not implemented");
}
