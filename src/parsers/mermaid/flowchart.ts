/**
 * Mermaid flowcharts (`graph` / `flowchart`, every direction), after Mermaid's flow.jison:
 * statements separated by line breaks or `;`; a statement is a keyword statement (subgraph,
 * end, direction, classDef, class, style, linkStyle, click) or a chain of vertex groups joined
 * by links (`A & B --> C -- text --> D`). Recursive descent over a character scanner, so every
 * node id, subgraph and edge keeps its file position.
 */
import { cleanText, Scanner } from "./scanner.js";
import type { MappedText } from "./text.js";
import type { DiagramEdge, DiagramNode, ParsedDiagram, SourcedText } from "./types.js";

/** Node shapes, longest opening first (Mermaid reads `((` before `(`). */
const SHAPES: readonly { open: string; close: readonly string[]; shape: string }[] = [
  { open: "(((", close: [")))"], shape: "double-circle" },
  { open: "((", close: ["))"], shape: "circle" },
  { open: "([", close: ["])"], shape: "stadium" },
  { open: "[[", close: ["]]"], shape: "subroutine" },
  { open: "[(", close: [")]"], shape: "cylinder" },
  { open: "[/", close: ["/]", "\\]"], shape: "lean" },
  { open: "[\\", close: ["\\]", "/]"], shape: "lean" },
  { open: "{{", close: ["}}"], shape: "hexagon" },
  { open: "(", close: [")"], shape: "round" },
  { open: "[", close: ["]"], shape: "rect" },
  { open: "{", close: ["}"], shape: "diamond" },
  { open: ">", close: ["]"], shape: "asymmetric" },
];

const ID_CHAR = "A-Za-z0-9_\\u00C0-\\uFFFF";
/** Node ids: letters, digits, `_`; `-` and `.` only between id characters (so `A-->B` is A, -->, B). */
const NODE_ID = new RegExp(`[${ID_CHAR}](?:[${ID_CHAR}]|[-.](?=[${ID_CHAR}]))*`, "y");
/** A complete link: -->, ---, ==>, ===, -.->, -.-, ~~~, with x / o / < ends and longer forms. */
const ARROW = /[xo<]?(?:-{2,}[->xo]|={2,}[=>xo]|-?\.+-[>xo]?|~{3,})/y;
/** The start of a link with text in the middle: `-- text -->`, `== text ==>`, `-. text .->`. */
const LINK_START = /[xo<]?(?:--|==|-\.)/y;
const LINK_END: Record<string, RegExp> = {
  "--": /-{2,}[->xo]/g,
  "==": /={2,}[=>xo]/g,
  "-.": /\.+-[>xo]?/g,
};
const IGNORED_STATEMENTS = /(?:classDef|class|style|linkStyle|click|accTitle|accDescr|direction)(?=[\s:;{]|$)/y;

interface OpenSubgraph {
  node: DiagramNode;
  offset: number;
}

/** Id for a subgraph without one: its title without parentheticals, as an identifier. */
export function subgraphSlug(title: string): string {
  const slug = title
    .replace(/\([^)]*\)/g, " ")
    .replace(/[^A-Za-z0-9_]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return slug || "subgraph";
}

class FlowchartParser {
  private readonly s: Scanner;
  private readonly nodes = new Map<string, DiagramNode>();
  private readonly edges: DiagramEdge[] = [];
  private readonly open: OpenSubgraph[] = [];

  constructor(src: MappedText) {
    this.s = new Scanner(src);
  }

  parse(headerOffset: number): ParsedDiagram {
    const s = this.s;
    s.pos = headerOffset;
    const header = this.header();
    while (true) {
      this.skipSeparators();
      if (s.eof) break;
      this.statement();
    }
    for (const open of this.open) {
      s.error(
        open.offset,
        `expected "end" to close subgraph "${open.node.label?.value ?? open.node.id}" but found end of diagram`,
      );
    }
    return s.diagram("flowchart", header, headerOffset, { nodes: [...this.nodes.values()], edges: this.edges });
  }

  private header(): string {
    const s = this.s;
    const start = s.pos;
    s.match(/graph|flowchart(?:-elk)?/y);
    s.skipSpaces();
    if (!s.match(/(?:TD|TB|BT|RL|LR|[<>^v])(?=[\s;]|$)/y) && !s.atLineEnd() && s.peek() !== ";") {
      s.error(s.pos, `expected a direction (TD, TB, BT, LR, RL) after the header but found ${s.describeHere()}`);
      s.match(/\S+/y);
    }
    const header = s.text.slice(start, s.pos).trim();
    s.skipSpaces();
    if (s.peek() === ";") s.pos++;
    return header;
  }

  private skipSeparators(): void {
    const s = this.s;
    while (true) {
      s.skipBlank();
      if (s.peek() === ";") s.pos++;
      else break;
    }
  }

  private atStatementEnd(): boolean {
    const s = this.s;
    return s.atLineEnd() || s.peek() === ";" || s.startsWith("%%");
  }

  private statement(): void {
    const s = this.s;
    if (s.comment()) return;
    const start = s.pos;
    if (s.match(/subgraph(?=[\s;]|$)/y)) {
      this.subgraph(start);
      return;
    }
    if (s.match(/end(?=[\s;]|$)/y)) {
      this.end(start);
      return;
    }
    if (s.match(IGNORED_STATEMENTS)) {
      // classDef, class, style, linkStyle, click, direction, accTitle, accDescr: read and ignored.
      this.s.skipBlockOrLine();
      return;
    }
    this.chain();
  }

  private end(start: number): void {
    const closed = this.open.pop();
    if (closed) closed.node.endLine = this.s.loc(start).line;
    else this.s.error(start, `unexpected "end": no subgraph is open`);
  }

  private subgraph(start: number): void {
    const s = this.s;
    s.skipSpaces();
    let id: string | undefined;
    const idOffset = s.pos;
    let title: SourcedText | undefined;
    if (this.atStatementEnd()) {
      id = undefined;
    } else if (s.peek() === '"' || s.peek() === "`") {
      title = this.text() ?? undefined;
      if (title && !/\s/.test(title.value)) id = title.value;
    } else if (s.peek() === "[") {
      // `subgraph [title]`: a bracketed title needs an id before it.
      s.error(s.pos, `expected the id of the subgraph before "[" but found ${s.describeHere()}`);
      s.skipToLineEnd();
    } else {
      const word = s.match(/[^\s[;"]+/y)![0];
      s.skipSpaces();
      if (s.peek() === "[") {
        id = word;
        s.pos++;
        s.skipSpaces();
        title = s.peek() === '"' ? (this.text() ?? undefined) : this.rawUntil("]");
        s.skipSpaces();
        if (s.peek() === "]") s.pos++;
        else s.error(s.pos, `expected "]" to close the title of subgraph ${word} but found ${s.describeHere()}`);
      } else if (this.atStatementEnd()) {
        id = word;
        title = s.sourced(word, idOffset);
      } else {
        const restStart = s.pos;
        s.skipToLineEnd();
        const words = `${word} ${s.text.slice(restStart, s.pos)}`.trim();
        title = s.sourced(cleanText(words), idOffset);
      }
    }
    if (title) title.value = cleanText(title.value);
    const node = this.subgraphNode(start, id, title);
    s.skipSpaces();
    if (!this.atStatementEnd()) {
      s.error(s.pos, `expected end of line after the subgraph title but found ${s.describeHere()}`);
      s.skipToLineEnd();
    }
    this.open.push({ node, offset: start });
  }

  /** Unquoted text up to `close` on the same line (the cursor stays before `close`). */
  private rawUntil(close: string): SourcedText | undefined {
    const s = this.s;
    const from = s.pos;
    const end = s.findInLine(close, from);
    s.pos = end === -1 ? s.lineEnd() : end;
    const value = cleanText(s.text.slice(from, s.pos));
    return value ? s.sourced(value, from) : undefined;
  }

  private subgraphNode(start: number, explicitId: string | undefined, title: SourcedText | undefined): DiagramNode {
    const s = this.s;
    const statement = s.loc(start);
    const parent = this.open[this.open.length - 1]?.node.id;
    let id = explicitId;
    let generatedId = false;
    if (!id) {
      generatedId = true;
      const base = subgraphSlug(title?.value ?? "subgraph");
      id = base;
      for (let n = 2; this.takenBySubgraphOrDeclared(id); n++) id = `${base}_${n}`;
    }
    const node: DiagramNode = {
      id,
      source: explicitId ? this.explicitIdSource(start, explicitId, title) : (title?.source ?? statement),
      statement,
      macro: "subgraph",
      boundary: true,
      declared: true,
    };
    if (generatedId) node.generatedId = true;
    if (title) node.label = title;
    if (parent) node.parent = parent;
    const existing = this.nodes.get(id);
    if (existing && (existing.boundary || existing.declared)) {
      this.duplicate(node, existing);
      // Keep both readable: the second gets a distinct id so its members stay inside it.
      let n = 2;
      while (this.nodes.has(`${id}_${n}`)) n++;
      node.id = `${id}_${n}`;
    } else if (existing) {
      // An edge named it before the subgraph was declared: the edge ends on the subgraph.
      this.nodes.delete(id);
    }
    this.nodes.set(node.id, node);
    return node;
  }

  private explicitIdSource(start: number, id: string, title: SourcedText | undefined) {
    const s = this.s;
    const lineText = s.text.slice(start, s.lineEnd());
    const at = lineText.indexOf(id, "subgraph".length);
    if (at >= 0 && !(title && title.value === id && lineText.charAt(at - 1) === '"')) return s.loc(start + at);
    return title?.source ?? s.loc(start);
  }

  private takenBySubgraphOrDeclared(id: string): boolean {
    const existing = this.nodes.get(id);
    return existing !== undefined && (existing.boundary || existing.declared);
  }

  private duplicate(node: DiagramNode, first: DiagramNode): void {
    const what = (n: DiagramNode) => (n.boundary ? "subgraph" : "node");
    const message = `duplicate id "${first.id}": a ${what(node)} reuses the id of the ${what(first)} on line ${first.source.line}`;
    this.s.duplicateId(node, first, message);
  }

  /** `A & B --> C -- text --> D & E` */
  private chain(): void {
    const s = this.s;
    let left = this.vertexGroup();
    if (!left) {
      s.error(s.pos, `expected a node id, subgraph, end or another flowchart statement but found ${s.describeHere()}`);
      s.skipToLineEnd();
      return;
    }
    while (true) {
      s.skipSpaces();
      if (this.atStatementEnd()) return;
      const linkStart = s.pos;
      const link = this.link();
      if (!link) {
        if (s.diagnostics[s.diagnostics.length - 1]?.source.line !== s.loc(linkStart).line) {
          s.error(
            s.pos,
            `expected an arrow (-->, ---, -.->, ==>) or the end of the statement but found ${s.describeHere()}`,
          );
        }
        s.skipToLineEnd();
        return;
      }
      s.skipSpaces();
      const right = this.vertexGroup();
      if (!right) {
        s.error(s.pos, `expected a node id after "${link.arrow}" but found ${s.describeHere()}`);
        s.skipToLineEnd();
        return;
      }
      for (const from of left) {
        for (const to of right) {
          const edge: DiagramEdge = { from: from.id, to: to.id, source: from.source, arrow: link.arrow };
          if (link.label) edge.label = link.label;
          this.edges.push(edge);
        }
      }
      left = right;
    }
  }

  private vertexGroup(): { id: string; source: DiagramNode["source"] }[] | null {
    const s = this.s;
    const first = this.vertex();
    if (!first) return null;
    const group = [first];
    while (true) {
      const save = s.pos;
      s.skipSpaces();
      if (s.peek() !== "&") {
        s.pos = save;
        return group;
      }
      s.pos++;
      s.skipSpaces();
      const next = this.vertex();
      if (!next) {
        s.error(s.pos, `expected a node id after "&" but found ${s.describeHere()}`);
        return group;
      }
      group.push(next);
    }
  }

  private vertex(): { id: string; source: DiagramNode["source"] } | null {
    const s = this.s;
    const start = s.pos;
    const id = s.match(NODE_ID)?.[0];
    if (!id || id === "end" || id === "subgraph") {
      s.pos = start;
      return null;
    }
    let shape: string | undefined;
    let label: SourcedText | undefined;
    if (s.startsWith("@{")) {
      const attrs = this.shapeAttributes();
      shape = attrs.shape ?? "rect";
      label = attrs.label;
    } else {
      const spec = SHAPES.find((candidate) => s.startsWith(candidate.open));
      if (spec) {
        const openOffset = s.pos;
        s.pos += spec.open.length;
        shape = spec.shape;
        label = this.shapeText(id, spec.open, spec.close, openOffset);
      }
    }
    s.match(/:::[A-Za-z0-9_-]+/y);
    const source = s.loc(start);
    this.mention(id, source, shape, label);
    return { id, source };
  }

  /** The text between a shape's brackets: "quoted", "`markdown`" or raw up to the closing bracket. */
  private shapeText(id: string, open: string, close: readonly string[], openOffset: number): SourcedText | undefined {
    const s = this.s;
    s.skipSpaces();
    let label: SourcedText | undefined;
    if (s.peek() === '"') {
      label = this.text() ?? undefined;
      if (!label) return undefined;
      s.skipSpaces();
    } else {
      const from = s.pos;
      let end = -1;
      for (const c of close) {
        const at = s.findInLine(c, from);
        if (at !== -1 && (end === -1 || at < end)) end = at;
      }
      if (end === -1) {
        s.error(openOffset, `expected "${close[0]}" to close "${open}" of node ${id} but found end of line`);
        s.skipToLineEnd();
        return undefined;
      }
      s.pos = end;
      const raw = s.text.slice(from, end);
      label = s.sourced(cleanText(raw), from);
    }
    const closer = close.find((c) => s.startsWith(c));
    if (!closer) {
      s.error(s.pos, `expected "${close[0]}" to close "${open}" of node ${id} but found ${s.describeHere()}`);
      s.skipToLineEnd();
      return label;
    }
    s.pos += closer.length;
    return label;
  }

  /**
   * A quoted string at the cursor: `"text"` (one line) or `"`markdown`"` (may span lines).
   * Reports an unterminated string at its opening quote.
   */
  private text(): SourcedText | null {
    const s = this.s;
    const start = s.pos;
    if (s.startsWith('"`')) {
      const close = s.findWithin('`"', start + 2);
      if (close === -1) {
        s.error(start, 'unterminated markdown string: expected `" to close it');
        s.skipToLineEnd();
        return null;
      }
      s.pos = close + 2;
      const markdown = s.text.slice(start + 2, close).replace(/\*\*|__|[*_`]/g, "");
      return s.sourced(cleanText(markdown), start);
    }
    if (s.peek() === "`") s.pos++;
    const quoteAt = s.pos;
    const value = s.quotedString(quoteAt);
    return value === null ? null : s.sourced(cleanText(value), quoteAt);
  }

  /** `A@{ shape: cyl, label: "Orders DB" }` */
  private shapeAttributes(): { shape?: string; label?: SourcedText } {
    const s = this.s;
    const open = s.pos;
    const close = s.findWithin("}", open);
    if (close === -1) {
      s.error(open, `expected "}" to close "@{" but found ${s.describeHere()}`);
      s.skipToLineEnd();
      return {};
    }
    const body = s.text.slice(open + 2, close);
    s.pos = close + 1;
    const result: { shape?: string; label?: SourcedText } = {};
    const pair = /([A-Za-z]+)\s*:\s*(?:"([^"]*)"|([^,}\n]+))/g;
    for (let m = pair.exec(body); m; m = pair.exec(body)) {
      const value = (m[2] ?? m[3] ?? "").trim();
      const valueOffset = open + 2 + m.index + m[0].length - (m[2] !== undefined ? value.length + 2 : value.length);
      if (m[1] === "label") result.label = s.sourced(cleanText(value), valueOffset);
      if (m[1] === "shape") result.shape = value;
    }
    return result;
  }

  private mention(id: string, source: DiagramNode["source"], shape?: string, label?: SourcedText): void {
    const existing = this.nodes.get(id);
    const declares = shape !== undefined;
    if (existing?.boundary) {
      if (declares) {
        const node: DiagramNode = { id, source, statement: source, macro: shape, boundary: false, declared: true };
        this.duplicate(node, existing);
      }
      return;
    }
    if (existing) {
      if (!declares) return;
      if (!existing.declared) {
        existing.declared = true;
        existing.source = source;
        existing.statement = source;
        const parent = this.open[this.open.length - 1]?.node.id;
        if (parent) existing.parent = parent;
        else delete existing.parent;
      }
      existing.macro = shape;
      if (label) existing.label = label;
      return;
    }
    const node: DiagramNode = {
      id,
      source,
      statement: source,
      macro: shape ?? "node",
      boundary: false,
      declared: declares,
    };
    if (label) node.label = label;
    const parent = this.open[this.open.length - 1]?.node.id;
    if (parent) node.parent = parent;
    this.nodes.set(id, node);
  }

  /** After `--`, `==` or `-.`: a complete arrow, or text then the closing arrow; then `|text|`. */
  private link(): { arrow: string; label?: SourcedText } | null {
    const s = this.s;
    const full = s.match(ARROW);
    if (full) {
      const result: { arrow: string; label?: SourcedText } = { arrow: full[0] };
      s.skipSpaces();
      if (s.peek() === "|") {
        const label = this.pipeText();
        if (label) result.label = label;
      }
      return result;
    }
    const start = s.match(LINK_START);
    if (!start) return null;
    const kind = start[0].replace(/^[xo<]/, "");
    s.skipSpaces();
    let label: SourcedText | undefined;
    const end = LINK_END[kind]!;
    if (s.peek() === '"') {
      label = this.text() ?? undefined;
      if (!label) return null;
      s.skipSpaces();
      const m = s.match(new RegExp(end.source, "y"));
      if (!m) {
        s.error(
          s.pos,
          `expected the end of the arrow (${kind === "-." ? ".->" : `${kind}>`}) after the edge text but found ${s.describeHere()}`,
        );
        return null;
      }
      return { arrow: `${start[0]}…${m[0]}`, label };
    }
    const textStart = s.pos;
    const line = s.text.slice(textStart, s.lineEnd());
    end.lastIndex = 0;
    const found = end.exec(line);
    const m = found ? { index: textStart + found.index, 0: found[0] } : null;
    if (!m) {
      s.error(
        s.pos,
        `expected the end of the arrow (${kind === "-." ? ".->" : `${kind}>`}) after the edge text but found end of line`,
      );
      return null;
    }
    const raw = s.text.slice(textStart, m.index);
    s.pos = m.index + m[0].length;
    label = s.sourced(cleanText(raw), textStart);
    return { arrow: `${start[0]}…${m[0]}`, label };
  }

  /** `|text|` after an arrow. */
  private pipeText(): SourcedText | undefined {
    const s = this.s;
    const open = s.pos;
    const close = s.findInLine("|", open + 1);
    if (close === -1) {
      s.error(open, `expected "|" to close the edge text but found end of line`);
      s.skipToLineEnd();
      return undefined;
    }
    s.pos = close + 1;
    const raw = s.text.slice(open + 1, close).trim();
    const unquoted = raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2 ? raw.slice(1, -1) : raw;
    return s.sourced(cleanText(unquoted), open + 1);
  }
}

/** Parses one flowchart; `headerOffset` is where `graph` / `flowchart` starts in `src.text`. */
export function parseFlowchart(src: MappedText, headerOffset: number): ParsedDiagram {
  return new FlowchartParser(src).parse(headerOffset);
}
