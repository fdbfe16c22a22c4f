/**
 * Mermaid entry points: find the diagrams in a block of Mermaid text (a Markdown fence, or a
 * bare Mermaid file holding many diagrams one after another) and parse each with the parser
 * of its type. Front matter (`---\ntitle: …\n---`) and `%%{init: …}%%` directives before a
 * header belong to that diagram.
 */
import { closest } from "../../util/did-you-mean.js";
import { parseArchitecture } from "./architecture.js";
import { C4_HEADERS, parseC4 } from "./c4.js";
import { parseFlowchart } from "./flowchart.js";
import type { MappedText } from "./text.js";
import type { ParsedDiagram, SourcedText } from "./types.js";

export type { MappedText, TextLine } from "./text.js";
export { fileLines } from "./text.js";
export type * from "./types.js";

const SUPPORTED_HEADER = new RegExp(
  `^[ \\t]*(${C4_HEADERS.join("|")}|graph|flowchart(?:-elk)?|architecture-beta)(?=[\\s;]|$)`,
);
/** Mermaid diagram types archlint does not model: read past without complaint. */
const OTHER_HEADER =
  /^[ \t]*(sequenceDiagram|classDiagram(?:-v2)?|stateDiagram(?:-v2)?|erDiagram|gantt|pie|journey|gitGraph|mindmap|timeline|quadrantChart|requirementDiagram|sankey(?:-beta)?|xychart(?:-beta)?|block(?:-beta)?|packet(?:-beta)?|kanban|radar-beta|zenuml|treemap(?:-beta)?|info)(?=[\s;]|$)/;

/**
 * Header spellings a did-you-mean may suggest, with the header to write: `architecture` is
 * `architecture-beta`. Types archlint does not model are suggested too (Mermaid needs them right).
 */
const SUGGESTED_HEADERS: ReadonlyMap<string, string> = new Map(
  [
    ...C4_HEADERS,
    "graph",
    "flowchart",
    "architecture-beta",
    "sequenceDiagram",
    "classDiagram",
    "stateDiagram-v2",
    "erDiagram",
    "gantt",
    "journey",
    "gitGraph",
    "mindmap",
    "timeline",
    "quadrantChart",
    "requirementDiagram",
    "sankey-beta",
    "xychart-beta",
    "block-beta",
    "packet-beta",
    "kanban",
  ].flatMap((header) => {
    const bare = header.replace(/-(?:beta|v2)$/, "");
    return bare === header ? [[header, header] as const] : [[header, header] as const, [bare, header] as const];
  }),
);

/** `; did you mean architecture-beta?` for a misspelt header, else "". */
function headerSuggestion(header: string): string {
  const spelling = closest(header, [...SUGGESTED_HEADERS.keys()]);
  return spelling ? `; did you mean ${SUGGESTED_HEADERS.get(spelling)}?` : "";
}

export function isHeaderLine(line: string): boolean {
  return SUPPORTED_HEADER.test(line) || OTHER_HEADER.test(line);
}

function isDirective(line: string): boolean {
  return /^\s*%%\{.*\}%%\s*$/.test(line);
}

function isFrontMatterFence(line: string): boolean {
  return /^\s*---\s*$/.test(line);
}

function isSkippable(line: string): boolean {
  return line.trim() === "" || /^\s*%%/.test(line);
}

/** Index of the closing `---` of front matter opening at `open`, or -1. */
function frontMatterEnd(src: MappedText, open: number): number {
  for (let i = open + 1; i < src.lines.length; i++) {
    if (isFrontMatterFence(src.lines[i]!.text)) return i;
  }
  return -1;
}

/** The title of YAML front matter (only the keys archlint uses: `title`). */
function frontMatterTitle(src: MappedText, from: number, to: number): SourcedText | undefined {
  for (let i = from + 1; i < to; i++) {
    const line = src.lines[i]!;
    const m = /^(\s*title\s*:\s*)(.*?)\s*$/.exec(line.text);
    if (!m) continue;
    let value = m[2]!;
    let column = line.column + m[1]!.length;
    if (/^(["']).*\1$/.test(value)) {
      value = value.slice(1, -1);
      column++;
    }
    return { value, source: { file: src.file, line: line.line, column } };
  }
  return undefined;
}

/**
 * Parses the single diagram of a block (a Markdown fence). Returns null for a block with no
 * header at all (an empty fence).
 */
export function parseDiagramBlock(src: MappedText): ParsedDiagram | null {
  let title: SourcedText | undefined;
  let i = 0;
  while (i < src.lines.length) {
    const text = src.lines[i]!.text;
    if (isFrontMatterFence(text) && title === undefined) {
      const end = frontMatterEnd(src, i);
      if (end !== -1) {
        title = frontMatterTitle(src, i, end) ?? { value: "", source: src.loc(0) };
        i = end + 1;
        continue;
      }
    }
    if (isSkippable(text) || isDirective(text)) {
      i++;
      continue;
    }
    break;
  }
  if (i >= src.lines.length) return null;
  const headerOffset = offsetOfLine(src, i) + (src.lines[i]!.text.length - src.lines[i]!.text.trimStart().length);
  const diagram = parseAt(src, i, headerOffset);
  if (title?.value && !diagram.title) diagram.title = title;
  return diagram;
}

function offsetOfLine(src: MappedText, index: number): number {
  let offset = 0;
  for (let i = 0; i < index; i++) offset += src.lines[i]!.text.length + 1;
  return offset;
}

function parseAt(src: MappedText, headerIndex: number, headerOffset: number): ParsedDiagram {
  const line = src.lines[headerIndex]!.text;
  const supported = SUPPORTED_HEADER.exec(line);
  const keyword = supported?.[1];
  if (keyword && (C4_HEADERS as readonly string[]).includes(keyword)) return parseC4(src, keyword, headerOffset);
  if (keyword === "architecture-beta") return parseArchitecture(src, headerOffset);
  if (keyword) return parseFlowchart(src, headerOffset);
  const header = line.trim().split(/\s+/)[0] ?? "";
  const diagram: ParsedDiagram = {
    type: "unknown",
    header,
    headerSource: src.loc(headerOffset),
    nodes: [],
    edges: [],
    comments: [],
    diagnostics: [],
    suppressions: [],
    firstLine: src.firstLine,
    lastLine: src.lastLine,
  };
  if (!OTHER_HEADER.test(line)) {
    diagram.diagnostics.push({
      code: "doc-syntax-error",
      message: `unknown diagram type "${header.slice(0, 40)}": expected C4Context, C4Container, C4Component, C4Dynamic, C4Deployment, graph, flowchart or architecture-beta${headerSuggestion(header)}`,
      source: src.loc(headerOffset),
    });
  }
  return diagram;
}

/**
 * Splits bare Mermaid text (no Markdown) into diagrams: each starts at its header line,
 * together with the front matter and directives right before it.
 */
export function splitBareMermaid(src: MappedText): MappedText[] {
  const headers: number[] = [];
  for (let i = 0; i < src.lines.length; i++) if (isHeaderLine(src.lines[i]!.text)) headers.push(i);
  const starts = headers.map((header, n) => chunkStart(src, header, n === 0 ? 0 : headers[n - 1]! + 1));
  return starts.map((start, n) => src.slice(start, starts[n + 1] ?? src.lines.length));
}

/** Walks back from a header over blank lines, directives and one front matter block. */
function chunkStart(src: MappedText, header: number, floor: number): number {
  let start = header;
  let i = header - 1;
  while (i >= floor) {
    const text = src.lines[i]!.text;
    if (text.trim() === "" || isDirective(text)) {
      if (isDirective(text)) start = i;
      i--;
      continue;
    }
    if (isFrontMatterFence(text)) {
      let open = i - 1;
      while (open >= floor && !isFrontMatterFence(src.lines[open]!.text)) open--;
      if (open >= floor) {
        start = open;
        i = open - 1;
        continue;
      }
    }
    break;
  }
  return start;
}

/** Does bare text start (after front matter, directives, comments) with a diagram header? */
export function startsWithDiagram(lines: string[]): boolean {
  let i = 0;
  while (i < lines.length) {
    const text = lines[i]!;
    if (isFrontMatterFence(text)) {
      let end = i + 1;
      while (end < lines.length && !isFrontMatterFence(lines[end]!)) end++;
      if (end >= lines.length) return false;
      i = end + 1;
      continue;
    }
    if (isSkippable(text) || isDirective(text)) {
      i++;
      continue;
    }
    return SUPPORTED_HEADER.test(text);
  }
  return false;
}
