/**
 * Mermaid C4 diagrams (C4Context, C4Container, C4Component, C4Dynamic, C4Deployment).
 * Follows Mermaid's c4Diagram.jison: a statement is a macro with a parenthesised argument list
 * (quoted strings, bare words, `$name="value"`), boundaries open a `{ … }` block, `%%` comments
 * and `title` lines. Parameter order is Mermaid's (c4Db: addPersonOrSystem, addContainer, …).
 */
import type { SourceLocation } from "../../model/source.js";
import { cleanText, MAX_DIAGNOSTICS, Scanner } from "./scanner.js";
import type { MappedText } from "./text.js";
import type { DiagramEdge, DiagramNode, ParsedDiagram, SourcedText } from "./types.js";

type MacroRole = "element" | "boundary" | "rel" | "birel" | "relBack" | "style";

interface MacroSpec {
  role: MacroRole;
  params: readonly string[];
  external?: boolean;
  /** For style macros: which parameters name aliases. */
  aliasParams?: readonly string[];
}

const PERSON_SYSTEM = ["alias", "label", "descr", "sprite", "tags", "link", "type"] as const;
const CONTAINER = ["alias", "label", "techn", "descr", "sprite", "tags", "link"] as const;
const NAMED_BOUNDARY = ["alias", "label", "tags", "link"] as const;
const BOUNDARY = ["alias", "label", "type", "tags", "link"] as const;
const DEPLOYMENT_NODE = ["alias", "label", "type", "descr", "sprite", "tags", "link"] as const;
const REL = ["from", "to", "label", "techn", "descr", "sprite", "tags", "link"] as const;
const REL_INDEX = ["index", "from", "to", "label", "techn", "descr", "sprite", "tags", "link"] as const;

function macros(): Map<string, MacroSpec> {
  const table = new Map<string, MacroSpec>();
  const element = (names: string[], params: readonly string[], external = false) => {
    for (const name of names) table.set(name, { role: "element", params, external });
  };
  element(["Person", "System", "SystemDb", "SystemQueue"], PERSON_SYSTEM);
  element(["Person_Ext", "System_Ext", "SystemDb_Ext", "SystemQueue_Ext"], PERSON_SYSTEM, true);
  element(["Container", "ContainerDb", "ContainerQueue", "Component", "ComponentDb", "ComponentQueue"], CONTAINER);
  element(
    [
      "Container_Ext",
      "ContainerDb_Ext",
      "ContainerQueue_Ext",
      "Component_Ext",
      "ComponentDb_Ext",
      "ComponentQueue_Ext",
    ],
    CONTAINER,
    true,
  );
  for (const name of ["Enterprise_Boundary", "System_Boundary", "Container_Boundary"]) {
    table.set(name, { role: "boundary", params: NAMED_BOUNDARY });
  }
  table.set("Boundary", { role: "boundary", params: BOUNDARY });
  for (const name of ["Deployment_Node", "Node", "Node_L", "Node_R"]) {
    table.set(name, { role: "boundary", params: DEPLOYMENT_NODE });
  }
  for (const name of ["Rel", "Rel_U", "Rel_Up", "Rel_D", "Rel_Down", "Rel_L", "Rel_Left", "Rel_R", "Rel_Right"]) {
    table.set(name, { role: "rel", params: REL });
  }
  table.set("Rel_Back", { role: "relBack", params: REL });
  table.set("BiRel", { role: "birel", params: REL });
  table.set("RelIndex", { role: "rel", params: REL_INDEX });
  table.set("UpdateElementStyle", { role: "style", params: ["elementName"], aliasParams: ["elementName"] });
  table.set("UpdateBoundaryStyle", { role: "style", params: ["elementName"], aliasParams: ["elementName"] });
  table.set("UpdateRelStyle", { role: "style", params: ["from", "to"], aliasParams: ["from", "to"] });
  table.set("UpdateLayoutConfig", { role: "style", params: [], aliasParams: [] });
  return table;
}

const MACROS = macros();
export const C4_HEADERS = ["C4Context", "C4Container", "C4Component", "C4Dynamic", "C4Deployment"] as const;

interface Argument {
  value: string;
  offset: number;
}

interface Arguments {
  byName: Map<string, Argument>;
  positional: Argument[];
}

/** A long sentence in a technology slot is a description (seed 002: `Container(a, "A", "Single entry point …")`). */
export function looksLikeSentence(text: string): boolean {
  const trimmed = text.trim();
  const words = trimmed.split(/\s+/).length;
  if (/[A-Za-z0-9)]\.\s+[A-Z0-9]/.test(trimmed)) return true;
  if (/[a-z)]\.$/.test(trimmed) && words >= 2) return true;
  return words > 8;
}

class C4Parser {
  private readonly s: Scanner;
  private readonly nodes: DiagramNode[] = [];
  private readonly byId = new Map<string, DiagramNode>();
  private readonly edges: DiagramEdge[] = [];
  private readonly references: { alias: string; offset: number; macro: string }[] = [];
  private readonly open: { node: DiagramNode; macro: string; offset: number }[] = [];
  private title: SourcedText | undefined;

  constructor(src: MappedText) {
    this.s = new Scanner(src);
  }

  parse(header: string, headerOffset: number): ParsedDiagram {
    const s = this.s;
    s.pos = headerOffset + header.length;
    s.skipSpaces();
    if (!s.atLineEnd() && !s.comment()) {
      s.error(s.pos, `expected end of line after ${header} but found ${s.describeHere()}`);
      s.skipToLineEnd();
    }
    while (true) {
      s.skipBlank();
      if (s.eof) break;
      this.statement();
    }
    for (const open of this.open) {
      s.error(open.offset, `expected "}" to close ${open.macro}(${open.node.id} … but found end of diagram`);
    }
    this.checkReferences();
    return s.diagram("c4", header, headerOffset, { nodes: this.nodes, edges: this.edges, title: this.title });
  }

  private statement(): void {
    const s = this.s;
    if (s.comment()) return;
    const start = s.pos;
    if (s.peek() === "}") {
      s.pos++;
      const closed = this.open.pop();
      if (closed) closed.node.endLine = s.loc(start).line;
      else s.error(start, `unexpected "}": no boundary is open`);
      return;
    }
    if (s.peek() === ";") {
      s.pos++;
      return;
    }
    const word = s.match(/[A-Za-z_][A-Za-z0-9_]*/y)?.[0];
    if (!word) {
      s.error(
        start,
        `expected a C4 statement (Person, System, Container, Component, Boundary, Rel …) but found ${s.describeHere()}`,
      );
      s.skipToLineEnd();
      return;
    }
    if (word === "title") {
      this.titleStatement(start);
      return;
    }
    if (word === "accTitle" || word === "accDescr" || word === "accDescription" || word === "direction") {
      this.s.skipBlockOrLine();
      return;
    }
    const spec = MACROS.get(word);
    if (!spec) {
      s.error(
        start,
        `unknown C4 statement "${word}": expected a macro such as Person, System, Container, Component, Boundary or Rel`,
      );
      s.skipToLineEnd();
      return;
    }
    const args = this.arguments(word);
    if (!args) return;
    this.apply(word, spec, start, args);
  }

  private titleStatement(start: number): void {
    const s = this.s;
    s.skipSpaces();
    const from = s.pos;
    s.skipToLineEnd();
    const value = s.text.slice(from, s.pos).trim();
    if (value) this.title = s.sourced(value, from);
    else s.error(start, "expected a title after `title`");
  }

  /**
   * `( arg, "arg", $key="value" )`. On an error (reported here) the arguments read so far are
   * still returned, so the element exists and later statements naming it are not errors too.
   */
  private arguments(macro: string): Arguments | null {
    const s = this.s;
    s.skipSpaces();
    if (s.peek() !== "(") {
      s.error(s.pos, `expected "(" after ${macro} but found ${s.describeHere()}`);
      s.skipToLineEnd();
      return null;
    }
    s.pos++;
    const args: Arguments = { byName: new Map(), positional: [] };
    const first = () => args.positional[0]?.value ?? "";
    const unclosed = () =>
      `expected ")" to close ${macro}(${first() ? `${first()} ` : ""}… but found ${s.describeHere()}`;
    // Mermaid's strings may run over lines; when the statement breaks after one that did, the
    // string most likely lacks its closing quote: report that, as for a string on one line.
    let spanning:
      | { quoteAt: number; positional: number; byName: Map<string, Argument>; diagnostics: number }
      | undefined;
    const fail = (reported: boolean, offset = s.pos, message = ""): Arguments => {
      if (spanning) {
        const broke = { ...s.loc(offset), message: "read as a string running on to here, the statement breaks" };
        s.diagnostics.length = spanning.diagnostics;
        args.positional.length = spanning.positional;
        args.byName = spanning.byName;
        s.pos = spanning.quoteAt;
        s.unterminatedString(spanning.quoteAt, [broke]);
      } else if (!reported) s.error(offset, message);
      return args;
    };
    while (true) {
      s.skipSpaces();
      const ch = s.peek();
      if (ch === ")") {
        s.pos++;
        return args;
      }
      if (s.atLineEnd()) return fail(false, s.pos, unclosed());
      const before = {
        positional: args.positional.length,
        byName: new Map(args.byName),
        diagnostics: s.diagnostics.length,
      };
      const parsed = this.argument(macro);
      if (!parsed) return fail(true);
      if (parsed.name) args.byName.set(parsed.name, parsed.arg);
      else args.positional.push(parsed.arg);
      if (!spanning && s.text.charAt(parsed.arg.offset) === '"' && parsed.arg.value.includes("\n")) {
        spanning = { quoteAt: parsed.arg.offset, ...before };
      }
      s.skipSpaces();
      if (s.peek() === ",") {
        s.pos++;
        continue;
      }
      if (s.peek() === ")") continue;
      if (s.atLineEnd()) return fail(false, s.pos, unclosed());
      fail(false, s.pos, `expected "," or ")" after an argument of ${macro} but found ${s.describeHere()}`);
      s.skipToLineEnd();
      return args;
    }
  }

  private argument(macro: string): { name?: string; arg: Argument } | null {
    const s = this.s;
    const offset = s.pos;
    if (s.peek() === ",") return { arg: { value: "", offset } };
    if (s.peek() === '"') return this.quoted(offset);
    const named = s.match(/\$([A-Za-z_][A-Za-z0-9_]*)\s*=\s*/y);
    if (named) {
      const valueOffset = s.pos;
      if (s.peek() !== '"') {
        s.error(valueOffset, `expected a quoted value after $${named[1]}= in ${macro} but found ${s.describeHere()}`);
        s.skipToLineEnd();
        return null;
      }
      const value = this.quoted(valueOffset);
      return value ? { name: named[1]!, arg: value.arg } : null;
    }
    const bare = s.match(/[^,)\n]+/y);
    return { arg: { value: (bare?.[0] ?? "").trim(), offset } };
  }

  /** Mermaid's C4 strings may run over lines: `"Posts API.\n  2-10 tasks"` is one description. */
  private quoted(offset: number): { arg: Argument } | null {
    const value = this.s.quotedStringAcrossLines(offset);
    return value === null ? null : { arg: { value, offset } };
  }

  private apply(macro: string, spec: MacroSpec, start: number, args: Arguments): void {
    const get = (param: string): Argument | undefined => {
      const named = args.byName.get(param);
      if (named) return named;
      const index = spec.params.indexOf(param);
      return index === -1 ? undefined : args.positional[index];
    };
    if (spec.role === "element" || spec.role === "boundary") {
      this.element(macro, spec, start, get);
      return;
    }
    if (spec.role === "style") {
      for (const param of spec.aliasParams ?? []) {
        const arg = get(param);
        if (arg?.value) this.references.push({ alias: arg.value, offset: arg.offset, macro });
      }
      return;
    }
    const from = get("from");
    const to = get("to");
    if (!from?.value || !to?.value) {
      this.s.error(start, `expected ${macro}(from, to, label …) with two aliases`);
      return;
    }
    this.references.push({ alias: from.value, offset: from.offset, macro });
    this.references.push({ alias: to.value, offset: to.offset, macro });
    const edge = (a: Argument, b: Argument): DiagramEdge => {
      const e: DiagramEdge = { from: a.value, to: b.value, source: this.s.loc(start), arrow: macro };
      const label = this.text(get("label"));
      const techn = this.text(get("techn"));
      const descr = this.text(get("descr"));
      if (label) e.label = label;
      if (techn) e.technology = techn;
      if (descr) e.description = descr;
      return e;
    };
    // Rel_Back(a, b) is C4-PlantUML's `a <-- b`: b uses a.
    if (spec.role === "relBack") this.edges.push(edge(to, from));
    else this.edges.push(edge(from, to));
    if (spec.role === "birel") this.edges.push(edge(to, from));
  }

  private text(arg: Argument | undefined): SourcedText | undefined {
    if (!arg) return undefined;
    const value = cleanText(arg.value);
    return value ? { value, source: this.s.loc(arg.offset) } : undefined;
  }

  private element(macro: string, spec: MacroSpec, start: number, get: (param: string) => Argument | undefined): void {
    const s = this.s;
    const alias = get("alias");
    if (!alias?.value) {
      s.error(start, `expected an alias as the first argument of ${macro}`);
      return;
    }
    const node: DiagramNode = {
      id: alias.value,
      source: s.loc(alias.offset),
      statement: s.loc(start),
      macro,
      boundary: spec.role === "boundary",
      declared: true,
    };
    if (spec.external) node.external = true;
    const label = this.text(get("label"));
    if (label) node.label = label;
    let technology = this.text(get("techn") ?? get("type"));
    let description = this.text(get("descr"));
    const sprite = spec.params.includes("sprite") && !spec.params.includes("techn") ? get("sprite") : undefined;
    if (sprite && /\s/.test(sprite.value.trim()) && !get("techn")) {
      // Person/System written as (alias, label, technology, description): the sprite slot holds prose.
      technology = description;
      description = this.text(sprite);
    }
    if (technology && !description && spec.params.includes("techn") && looksLikeSentence(technology.value)) {
      description = technology;
      technology = undefined;
    }
    if (technology) node.technology = technology;
    if (description) node.description = description;
    const parent = this.open[this.open.length - 1];
    if (parent) node.parent = parent.node.id;
    this.add(node);
    if (spec.role === "boundary") this.openBlock(node, macro, start);
  }

  private add(node: DiagramNode): void {
    const first = this.byId.get(node.id);
    if (first) {
      const message = `duplicate alias "${node.id}": ${node.macro} reuses the alias of the ${first.macro} on line ${first.source.line}`;
      this.s.duplicateId(node, first, message);
      return;
    }
    this.byId.set(node.id, node);
    this.nodes.push(node);
  }

  /** A boundary's `{` may follow on the same line or the next one. */
  private openBlock(node: DiagramNode, macro: string, start: number): void {
    const s = this.s;
    const save = s.pos;
    s.skipBlank();
    while (s.startsWith("%%")) {
      s.comment();
      s.skipBlank();
    }
    if (s.peek() === "{") {
      s.pos++;
      this.open.push({ node, macro, offset: start });
      return;
    }
    s.pos = save;
    s.error(s.pos, `expected "{" after ${macro}(${node.id} …) but found ${s.describeHere()}`);
  }

  private checkReferences(): void {
    for (const ref of this.references) {
      if (this.byId.has(ref.alias)) continue;
      if (this.s.diagnostics.length >= MAX_DIAGNOSTICS) break;
      const source: SourceLocation = this.s.loc(ref.offset);
      this.s.diagnostics.push({
        code: "doc-unknown-reference",
        message: `${ref.macro} names "${ref.alias}", which this diagram never defines`,
        source,
        component: ref.alias,
      });
    }
  }
}

/** Parses one C4 diagram; `headerOffset` is where the header keyword starts in `src.text`. */
export function parseC4(src: MappedText, header: string, headerOffset: number): ParsedDiagram {
  return new C4Parser(src).parse(header, headerOffset);
}
