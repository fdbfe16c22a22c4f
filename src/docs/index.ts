/**
 * Architecture documents → the documented graph.
 *
 * A document is Markdown with Mermaid blocks or bare Mermaid text (many diagrams one after
 * another). Each diagram is parsed with positions (src/parsers/mermaid), converted to element
 * drafts (convert.ts), and the diagrams of each view are composed into the target
 * architecture (compose.ts, model.md "Multi-diagram documents").
 *
 * Ids. An element's id is its C4 alias / flowchart node id (a subgraph without an id gets
 * one made from its title: "EC2 Instance (Private Subnet)" → `EC2_Instance`). When the
 * logical and the physical view of one document use the same id, they are two descriptions
 * of one component: the logical element keeps the id, the physical one becomes
 * `<id>@physical`, and a view link joins them (evidence "same id in both views"). When two
 * documents use the same id, each such element is prefixed with its document:
 * `docs/arch.md#postService` (model.md).
 */
import type { DiagramSelector } from "../config/types.js";
import type { Diagnostic, DocView, Element, Graph, Relation } from "../model/graph.js";
import type { SourceLocation } from "../model/source.js";
import type { Suppression } from "../model/suppression.js";
import { type MarkdownTable, readMarkdown } from "../parsers/markdown.js";
import { parseDiagramBlock, splitBareMermaid, startsWithDiagram } from "../parsers/mermaid/index.js";
import { fileLines, MappedText } from "../parsers/mermaid/text.js";
import type { MermaidDiagramType } from "../parsers/mermaid/types.js";
import { composeView, finalize, ID_ATTRIBUTES, ID_LIST_ATTRIBUTES, selectDiagrams } from "./compose.js";
import { type ConvertedDiagram, convertDiagram } from "./convert.js";
import { type DocViewLink, tableViewLinks } from "./tables.js";

export type { DocViewLink } from "./tables.js";

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
  /** The diagram's title (`title`, front matter), else the Markdown heading above it. */
  title?: string;
  view: DocView;
  /** Abbreviated diagrams update the picture so far; complete ones replace it (model.md). */
  abbreviated: boolean;
  /** What made it abbreviated ("description '...'", "comment 'representative example'"). */
  abbreviatedBecause?: string;
  /** Whether the diagram takes part in the composed target architecture. */
  selected: boolean;
  source: SourceLocation;
  /** File lines the diagram spans. */
  lines?: { from: number; to: number };
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
  /** Logical ↔ physical links stated by mapping tables in the documents (and shared ids). */
  viewLinks: DocViewLink[];
  suppressions: Suppression[];
}

export interface DocsOptions {
  /** Per document (path relative to the scan root), which diagrams describe the target. */
  diagrams?: Record<string, DiagramSelector>;
}

const MERMAID_FENCE =
  /^[ \t]*(?:>[ \t]*)*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(?:`{3,}|~{3,})[ \t]*mermaid\b(?!-)|^[ \t]*:::[ \t]*mermaid\b/im;
/** Front matter and directives before a header are short: look at the start only. */
const SNIFF_LINES = 400;

/** Does the text hold an architecture document archlint understands? */
export function sniffDocument(text: string): "markdown" | "mermaid" | null {
  if (text.includes("\0")) return null;
  if (MERMAID_FENCE.test(text)) return "markdown";
  const head = text.slice(0, 64 * 1024).split(/\r\n|\r|\n/, SNIFF_LINES);
  return startsWithDiagram(head) ? "mermaid" : null;
}

interface Block {
  src: MappedText;
  heading?: string;
  suppressions: Suppression[];
}

interface ReadDocument {
  info: DocumentInfo;
  elements: Element[];
  relations: Relation[];
  diagnostics: Diagnostic[];
  suppressions: Suppression[];
  viewLinks: DocViewLink[];
}

function plainHeading(markdown: string): string {
  return markdown.replace(/\*\*|__|[*_`]/g, "").trim();
}

function blocksOf(input: DocInput, format: "markdown" | "mermaid"): { blocks: Block[]; tables: MarkdownTable[] } {
  if (format === "mermaid") {
    const chunks = splitBareMermaid(new MappedText(input.file, fileLines(input.text)));
    return { blocks: chunks.map((src) => ({ src, suppressions: [] })), tables: [] };
  }
  const markdown = readMarkdown(input.file, input.text);
  const blocks = markdown.blocks.map((block) => {
    const result: Block = { src: new MappedText(input.file, block.lines), suppressions: block.suppressions };
    if (block.heading) result.heading = plainHeading(block.heading.text);
    return result;
  });
  return { blocks, tables: markdown.tables };
}

function diagramInfo(diagram: ConvertedDiagram, index: number, selected: boolean): DiagramInfo {
  const parsed = diagram.parsed;
  const info: DiagramInfo = {
    index,
    type: parsed.type satisfies MermaidDiagramType,
    header: parsed.header,
    view: diagram.view,
    abbreviated: diagram.abbreviated,
    selected,
    source: parsed.headerSource,
    lines: { from: parsed.firstLine, to: parsed.lastLine },
  };
  if (diagram.title) info.title = diagram.title;
  if (diagram.abbreviatedBecause) info.abbreviatedBecause = diagram.abbreviatedBecause;
  return info;
}

function readDocument(
  input: DocInput,
  format: "markdown" | "mermaid",
  selector: DiagramSelector | undefined,
): ReadDocument {
  const { blocks, tables } = blocksOf(input, format);
  const converted: ConvertedDiagram[] = [];
  const suppressions: Suppression[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const block of blocks) {
    let parsed: ReturnType<typeof parseDiagramBlock>;
    try {
      parsed = parseDiagramBlock(block.src);
      if (!parsed) continue;
      converted.push(convertDiagram(parsed, block.heading));
    } catch (error) {
      // A shape of input the parser does not foresee costs this diagram only, never the run.
      diagnostics.push(unreadableDiagram(block.src, error));
      continue;
    }
    suppressions.push(...block.suppressions, ...parsed.suppressions);
    diagnostics.push(...parsed.diagnostics);
  }
  const selected = selectDiagrams(converted, selector);
  const views: Record<DocView, { elements: Element[]; relations: Relation[] }> = {
    logical: { elements: [], relations: [] },
    physical: { elements: [], relations: [] },
  };
  for (const view of ["logical", "physical"] as const) {
    const diagrams = converted.filter((d, i) => d.view === view && selected.has(i));
    views[view] = finalize(composeView(diagrams, selector === "all"), view);
  }
  const viewLinks = [
    ...tableViewLinks(input.file, tables, views.logical.elements, views.physical.elements),
    ...separateViews(views.logical.elements, views.physical),
  ];
  return {
    info: {
      file: input.file,
      format,
      diagrams: converted.map((d, i) => diagramInfo(d, i + 1, selected.has(i))),
    },
    elements: [...views.logical.elements, ...views.physical.elements],
    relations: [...views.logical.relations, ...views.physical.relations],
    diagnostics,
    suppressions,
    viewLinks,
  };
}

function unreadableDiagram(src: MappedText, error: unknown): Diagnostic {
  const reason = error instanceof Error ? error.message : String(error);
  return { code: "doc-syntax-error", message: `archlint could not read this diagram: ${reason}`, source: src.loc(0) };
}

/** Physical elements that reuse a logical id become `<id>@physical`, linked to the logical one. */
function separateViews(logical: Element[], physical: { elements: Element[]; relations: Relation[] }): DocViewLink[] {
  const logicalIds = new Set(logical.map((e) => e.id));
  const renames = new Map<string, string>();
  for (const element of physical.elements) {
    if (logicalIds.has(element.id)) renames.set(element.id, `${element.id}@physical`);
  }
  if (renames.size === 0) return [];
  renameInGraph(physical.elements, physical.relations, renames);
  return [...renames].map(([id, renamed]) => {
    const element = physical.elements.find((e) => e.id === renamed)!;
    return { logical: id, physical: renamed, evidence: `same id "${id}" in both views`, source: element.source };
  });
}

function renameInGraph(elements: Element[], relations: Relation[], renames: Map<string, string>): void {
  const rename = (id: string) => renames.get(id) ?? id;
  for (const element of elements) {
    element.id = rename(element.id);
    if (element.parent) element.parent = rename(element.parent);
    const attributes = element.attributes as Record<string, unknown>;
    for (const key of ID_ATTRIBUTES) if (typeof attributes[key] === "string") attributes[key] = rename(attributes[key]);
    for (const key of ID_LIST_ATTRIBUTES) {
      const list = attributes[key];
      if (Array.isArray(list)) attributes[key] = list.map((id: string) => rename(id));
    }
    for (const rule of element.attributes.ingress ?? []) rule.fromGroups = rule.fromGroups.map(rename);
  }
  for (const relation of relations) {
    relation.from = rename(relation.from);
    relation.to = rename(relation.to);
  }
}

/** Ids used by more than one document get the document's path as prefix: `docs/arch.md#db`. */
function prefixSharedIds(documents: ReadDocument[]): void {
  const owners = new Map<string, Set<string>>();
  for (const doc of documents) {
    for (const element of doc.elements) {
      const files = owners.get(element.id) ?? new Set<string>();
      files.add(doc.info.file);
      owners.set(element.id, files);
    }
  }
  for (const doc of documents) {
    const renames = new Map<string, string>();
    for (const element of doc.elements) {
      if ((owners.get(element.id)?.size ?? 0) > 1) renames.set(element.id, `${doc.info.file}#${element.id}`);
    }
    if (renames.size === 0) continue;
    renameInGraph(doc.elements, doc.relations, renames);
    for (const link of doc.viewLinks) {
      link.logical = renames.get(link.logical) ?? link.logical;
      link.physical = renames.get(link.physical) ?? link.physical;
    }
    for (const diagnostic of doc.diagnostics) {
      if (diagnostic.component) diagnostic.component = renames.get(diagnostic.component) ?? diagnostic.component;
    }
  }
}

export function readDocuments(inputs: DocInput[], options: DocsOptions = {}): DocsResult {
  const documents: ReadDocument[] = [];
  for (const input of inputs) {
    const format = sniffDocument(input.text);
    if (!format) continue;
    documents.push(readDocument(input, format, options.diagrams?.[input.file]));
  }
  prefixSharedIds(documents);
  return {
    graph: {
      elements: documents.flatMap((d) => d.elements),
      relations: documents.flatMap((d) => d.relations),
      diagnostics: documents.flatMap((d) => d.diagnostics),
    },
    documents: documents.map((d) => d.info),
    viewLinks: documents.flatMap((d) => d.viewLinks),
    suppressions: documents.flatMap((d) => d.suppressions),
  };
}
