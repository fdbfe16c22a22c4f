/** What the Mermaid parsers hand to the docs layer: one parsed diagram, positions in the file. */
import type { Diagnostic } from "../../model/graph.js";
import type { SourceLocation } from "../../model/source.js";
import type { Suppression } from "../../model/suppression.js";

export type MermaidDiagramType = "c4" | "flowchart" | "architecture" | "unknown";

/** A text value as written and where it starts (the opening quote for quoted strings). */
export interface SourcedText {
  value: string;
  source: SourceLocation;
}

/** An element of a diagram: C4 macro, flowchart node or subgraph, architecture service or group. */
export interface DiagramNode {
  id: string;
  /** The id token (alias, node id) at its defining occurrence; the title for id-less subgraphs. */
  source: SourceLocation;
  /** Start of the defining statement (`subgraph` keyword, macro name): evidence for placement. */
  statement: SourceLocation;
  /** C4 macro (`ContainerDb`), flowchart shape (`rect`, `cylinder`), `subgraph`, `service`, `group`, `junction`. */
  macro: string;
  label?: SourcedText;
  technology?: SourcedText;
  description?: SourcedText;
  /** Id of the enclosing boundary / subgraph / group. */
  parent?: string;
  boundary: boolean;
  /** False when a flowchart node is only named by edges (never given a shape or label). */
  declared: boolean;
  /** The subgraph had no id: `id` was made from its title. */
  generatedId?: boolean;
  /** C4 `_Ext` macros. */
  external?: boolean;
  /** Architecture icon (`database`, `logos:aws-s3`). */
  icon?: string;
  /** Last file line of the statement (a boundary: its closing line). */
  endLine?: number;
}

export interface DiagramEdge {
  from: string;
  to: string;
  label?: SourcedText;
  technology?: SourcedText;
  description?: SourcedText;
  /** Position of the statement's first token (the macro, or the first node of the chain). */
  source: SourceLocation;
  /** The arrow as written (`-->`, `-.->`, `Rel_Down`). */
  arrow: string;
}

export interface DiagramComment {
  /** Text after `%%`, trimmed. */
  text: string;
  source: SourceLocation;
}

export interface ParsedDiagram {
  type: MermaidDiagramType;
  /** Header as written: `C4Component`, `graph TD`, `architecture-beta`. */
  header: string;
  headerSource: SourceLocation;
  /** From the `title` statement or the front matter. */
  title?: SourcedText;
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  comments: DiagramComment[];
  diagnostics: Diagnostic[];
  suppressions: Suppression[];
  /** File lines the diagram spans (front matter and directives included). */
  firstLine: number;
  lastLine: number;
}
