/**
 * Mermaid `architecture-beta` diagrams, after the Langium grammar of @mermaid-js/parser
 * (architecture.langium): `group id(icon)[Title] in parent`, `service id(icon)[Title] in group`,
 * `junction id in group`, and edges `a:R --> L:b` (optionally `a{group}:B -- T:b{group}`).
 * Written by hand rather than loading @mermaid-js/parser: the grammar is a dozen lines, and
 * the package brings Langium and Chevrotain (several MB) for this one diagram type.
 */
import { cleanText, Scanner } from "./scanner.js";
import type { MappedText } from "./text.js";
import type { DiagramNode, ParsedDiagram } from "./types.js";

const ID = /[A-Za-z0-9_][\w-]*/y;
const SIDE = /[LRTB]/y;
const EDGE_ARROW = /<?-(?:\[[^\]\n]*\])?->?/y;

class ArchitectureParser {
  private readonly s: Scanner;
  private readonly nodes = new Map<string, DiagramNode>();
  private readonly edges: ParsedDiagram["edges"] = [];
  private title: ParsedDiagram["title"];

  constructor(src: MappedText) {
    this.s = new Scanner(src);
  }

  parse(headerOffset: number): ParsedDiagram {
    const s = this.s;
    s.pos = headerOffset + "architecture-beta".length;
    s.skipToLineEnd();
    while (true) {
      s.skipBlank();
      if (s.eof) break;
      this.statement();
    }
    return s.diagram("architecture", "architecture-beta", headerOffset, {
      nodes: [...this.nodes.values()],
      edges: this.edges,
      title: this.title,
    });
  }

  private statement(): void {
    const s = this.s;
    if (s.comment()) return;
    const start = s.pos;
    const keyword = s.match(/(group|service|junction|title|accTitle|accDescr)(?=[\s:]|$)/y)?.[1];
    if (keyword === "title") {
      s.skipSpaces();
      const from = s.pos;
      s.skipToLineEnd();
      this.title = s.sourced(s.text.slice(from, s.pos).trim(), from);
      return;
    }
    if (keyword === "accTitle" || keyword === "accDescr") {
      s.skipToLineEnd();
      return;
    }
    if (keyword) {
      this.declaration(keyword, start);
      return;
    }
    this.edge(start);
  }

  private declaration(keyword: string, start: number): void {
    const s = this.s;
    s.skipSpaces();
    const idOffset = s.pos;
    const id = s.match(ID)?.[0];
    if (!id) {
      s.error(s.pos, `expected an id after ${keyword} but found ${s.describeHere()}`);
      s.skipToLineEnd();
      return;
    }
    const node: DiagramNode = {
      id,
      source: s.loc(idOffset),
      statement: s.loc(start),
      macro: keyword,
      boundary: keyword === "group",
      declared: true,
    };
    if (keyword !== "junction" && s.peek() === "(") {
      const icon = this.bracketed("(", ")");
      if (icon !== undefined) node.icon = icon.value;
    }
    if (keyword !== "junction" && s.peek() === "[") {
      const title = this.bracketed("[", "]");
      if (title) node.label = s.sourced(cleanText(title.value), title.offset);
    }
    s.skipSpaces();
    if (s.match(/in(?=\s)/y)) {
      s.skipSpaces();
      const parent = s.match(ID)?.[0];
      if (parent) node.parent = parent;
      else s.error(s.pos, `expected a group id after "in" but found ${s.describeHere()}`);
    }
    s.skipSpaces();
    if (!s.atLineEnd() && !s.comment()) {
      s.error(s.pos, `expected end of line after ${keyword} ${id} but found ${s.describeHere()}`);
      s.skipToLineEnd();
    }
    const first = this.nodes.get(id);
    if (first) {
      s.duplicateId(
        node,
        first,
        `duplicate id "${id}": a ${keyword} reuses the id of the ${first.macro} on line ${first.source.line}`,
      );
      return;
    }
    this.nodes.set(id, node);
  }

  private bracketed(open: string, close: string): { value: string; offset: number } | undefined {
    const s = this.s;
    const at = s.pos;
    const end = s.findInLine(close, at + 1);
    if (end === -1) {
      s.error(at, `expected "${close}" to close "${open}" but found end of line`);
      s.skipToLineEnd();
      return undefined;
    }
    s.pos = end + 1;
    let value = s.text.slice(at + 1, end);
    let offset = at + 1;
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) {
      value = value.slice(1, -1);
      offset++;
    }
    return { value, offset };
  }

  /** `lhs{group}?:SIDE <?--?>? SIDE:rhs{group}?` */
  private edge(start: number): void {
    const s = this.s;
    const from = this.endpoint(true);
    if (!from) {
      this.fail(`expected group, service, junction or an edge (a:R --> L:b) but found ${s.describeHere()}`);
      return;
    }
    s.skipSpaces();
    const arrow = s.match(EDGE_ARROW)?.[0];
    if (!arrow) {
      this.fail(`expected an edge arrow (--, -->, <--, <-->) but found ${s.describeHere()}`);
      return;
    }
    s.skipSpaces();
    const to = this.endpoint(false);
    if (!to) {
      this.fail(`expected SIDE:id after "${arrow}" but found ${s.describeHere()}`);
      return;
    }
    const edge: ParsedDiagram["edges"][number] = { from, to, source: s.loc(start), arrow };
    const label = /\[([^\]]*)\]/.exec(arrow)?.[1];
    if (label) edge.label = s.sourced(cleanText(label), start);
    this.edges.push(edge);
    if (arrow.startsWith("<") && !arrow.endsWith(">")) {
      edge.from = to;
      edge.to = from;
    }
    s.skipSpaces();
    if (!s.atLineEnd() && !s.comment()) this.fail(`expected end of line after the edge but found ${s.describeHere()}`);
  }

  /** Left side: `id{group}?:SIDE`; right side: `SIDE:id{group}?`. */
  private endpoint(left: boolean): string | undefined {
    const s = this.s;
    if (left) {
      const id = s.match(ID)?.[0];
      s.match(/\{group\}/y);
      if (!id || !s.match(/:/y) || !s.match(SIDE)) return undefined;
      return id;
    }
    if (!s.match(SIDE) || !s.match(/:/y)) return undefined;
    const id = s.match(ID)?.[0];
    s.match(/\{group\}/y);
    return id;
  }

  private fail(message: string): void {
    this.s.error(this.s.pos, message);
    this.s.skipToLineEnd();
  }
}

export function parseArchitecture(src: MappedText, headerOffset: number): ParsedDiagram {
  return new ArchitectureParser(src).parse(headerOffset);
}
