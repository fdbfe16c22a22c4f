/**
 * tree-sitter syntax tree → the typed HCL syntax of ast.ts.
 *
 * The grammar inlines postfix operators (`.attr`, `[index]`, splats) and parentheses into
 * the node that holds the term, so a term is read as a sequence of sibling nodes. Text of
 * templates is sliced from the source between interpolations and directives, because the
 * grammar drops whitespace between template chunks.
 */
import type {
  Attribute,
  BinaryOperator,
  Block,
  Body,
  Comment,
  Expr,
  ObjectItem,
  SourceText,
  Span,
  TemplatePart,
  TraversalStep,
} from "./ast.js";
import {
  attribute,
  block,
  childOfType,
  childrenOfType,
  forIntro,
  functionCall,
  hasToken,
  namedChildren,
  objectElem,
  type SyntaxNode,
  stripMarkers,
} from "./grammar.js";
import { type SyntaxProblem, splitHeaderProblem, unterminatedStringProblem } from "./syntax-errors.js";

const BINARY_OPERATORS = new Set<string>(["*", "/", "%", "+", "-", ">", ">=", "<", "<=", "==", "!=", "&&", "||"]);
const POSTFIX_TYPES = new Set(["get_attr", "index", "splat"]);
const TEMPLATE_CONTROL_TYPES = new Set(["template_interpolation", "template_directive"]);

/** Block types that only appear at the top level of a configuration file. */
const TOP_LEVEL_BLOCK_TYPES = new Set([
  "resource",
  "data",
  "module",
  "variable",
  "locals",
  "output",
  "provider",
  "terraform",
  "moved",
  "import",
  "check",
  "removed",
]);

export class Converter {
  /** Syntax errors the grammar lets through (multi-line headers and strings). */
  readonly problems: SyntaxProblem[] = [];

  constructor(readonly src: SourceText) {}

  span(node: SyntaxNode): Span {
    return { src: this.src, start: node.startIndex, end: node.endIndex };
  }

  private text(node: SyntaxNode): string {
    return this.src.slice(node.startIndex, node.endIndex);
  }

  private line(node: SyntaxNode): number {
    return this.src.lineAt(node.startIndex);
  }

  private spanOf(nodes: SyntaxNode[]): Span {
    return { src: this.src, start: nodes[0]!.startIndex, end: nodes[nodes.length - 1]!.endIndex };
  }

  // --- structure ---------------------------------------------------------------------------

  /** The top-level body; blocks swallowed by an unclosed block are lifted back to the top. */
  configBody(root: SyntaxNode): Body {
    const bodyNode = childOfType(root, "body");
    const body = bodyNode ? this.body(bodyNode) : { attributes: [], blocks: [] };
    const lifted: Block[] = [];
    for (const top of body.blocks) lifted.push(top, ...liftSwallowedBlocks(top));
    return { attributes: body.attributes, blocks: lifted };
  }

  body(node: SyntaxNode): Body {
    const attributes: Attribute[] = [];
    const blocks: Block[] = [];
    for (const child of node.children) {
      try {
        if (child.type === "attribute") {
          const converted = this.attribute(child);
          if (converted) attributes.push(converted);
        } else if (child.type === "block") {
          const converted = this.block(child);
          if (converted) blocks.push(converted);
        }
      } catch {
        // A shape of broken syntax the converter does not know: that part is left out, reported.
        this.problems.push({ offset: placedStart(child), message: "unreadable syntax", blocking: false });
      }
    }
    return { attributes, blocks };
  }

  private attribute(node: SyntaxNode): Attribute | undefined {
    const name = attribute.name(node);
    const value = attribute.value(node);
    if (!name || !value) return undefined;
    return { name: this.text(name), nameSpan: this.span(name), expr: this.expression(value) };
  }

  block(node: SyntaxNode): Block | undefined {
    const header = this.header(node);
    if (!header) return undefined;
    const start = block.start(node);
    const bodyNode = block.body(node);
    const converted: Block = {
      type: this.text(header.type),
      labels: header.labels.map((label) => this.label(label)),
      typeSpan: this.span(header.type),
      bodySpan: start ? this.span(start) : this.span(node),
      body: bodyNode ? this.body(bodyNode) : { attributes: [], blocks: [] },
    };
    const end = block.end(node);
    if (!end || end.isMissing || end.children.some((child) => child.isMissing)) unclosedBlocks.add(converted);
    return converted;
  }

  private label(node: SyntaxNode): string {
    if (node.type === "identifier") return this.text(node);
    return this.stringContent(node);
  }

  /** The text of a `string_lit` (a quoted string without interpolation), escapes processed. */
  private stringContent(node: SyntaxNode): string {
    const raw = this.src.slice(node.startIndex + 1, node.endIndex - 1);
    const closed = this.src.text.charCodeAt(node.endIndex - 1) === 34 && node.endIndex - node.startIndex >= 2;
    if (raw.includes("\n") || !closed) this.problems.push(unterminatedStringProblem(node));
    return unescapeQuoted(raw);
  }

  comments(nodes: SyntaxNode[]): Comment[] {
    return nodes.map((node) => ({
      ...this.span(node),
      text: this.text(node),
      endLine: this.src.lineAt(Math.max(node.startIndex, node.endIndex - 1)),
    }));
  }

  /**
   * The type and labels of a block, from the header line that holds its `{`. HCL wants the
   * whole header on one line; tokens on earlier lines are a syntax error.
   */
  private header(node: SyntaxNode): { type: SyntaxNode; labels: SyntaxNode[] } | undefined {
    const start = block.start(node);
    const typeNode = block.typeName(node);
    if (!typeNode) return undefined;
    const labels = block.labels(node);
    if (!start || this.line(typeNode) === this.line(start)) return { type: typeNode, labels };
    this.problems.push(splitHeaderProblem(typeNode, this.text(typeNode)));
    const line = this.line(start);
    const onLine = [typeNode, ...labels].filter((token) => this.line(token) === line);
    const first = onLine[0];
    if (first?.type !== "identifier") return undefined;
    return { type: first, labels: onLine.slice(1) };
  }

  // --- expressions -------------------------------------------------------------------------

  expression(node: SyntaxNode): Expr {
    if (node.type !== "expression") return this.term([node]);
    return this.term(node.children.filter((child) => child.type !== "comment"));
  }

  /** A term followed by postfix steps, or a conditional, given as sibling nodes. */
  private term(nodes: SyntaxNode[]): Expr {
    if (nodes.length === 0) return { type: "invalid", src: this.src, start: 0, end: 0 };
    const span = this.spanOf(nodes);
    if (nodes.some((node) => node.type === "ERROR" || node.isMissing)) return { type: "invalid", ...span };
    let rootCount = 1;
    let root: Expr;
    if (nodes[0]!.type === "(") {
      const close = nodes.findIndex((node) => node.type === ")");
      const inner = nodes[1];
      if (close < 0 || !inner) return { type: "invalid", ...span };
      root = { type: "parentheses", expr: this.expression(inner), ...this.spanOf(nodes.slice(0, close + 1)) };
      rootCount = close + 1;
    } else {
      root = this.primary(nodes[0]!);
    }
    const postfix = nodes.slice(rootCount);
    if (postfix.length === 0) return root;
    if (!postfix.every((node) => POSTFIX_TYPES.has(node.type))) return { type: "invalid", ...span };
    return { type: "traversal", root, steps: postfix.flatMap((node) => this.steps(node)), ...span };
  }

  private step(node: SyntaxNode): TraversalStep {
    const span = this.span(node);
    if (node.type === "get_attr") {
      const identifier = childOfType(node, "identifier");
      const name = identifier ? this.text(identifier) : this.text(node).slice(1).trim();
      return { kind: "attr", name, ...span };
    }
    if (node.type === "index") {
      const inner = namedChildren(node)[0]!;
      if (inner.type === "legacy_index") {
        const digits = this.text(inner).slice(1).trim();
        const key: Expr = {
          type: "literal",
          value: Number(digits),
          src: this.src,
          start: inner.startIndex + 1,
          end: inner.endIndex,
        };
        return { kind: "index", key, ...span };
      }
      const keyNode = childOfType(inner, "expression");
      const key: Expr = keyNode ? this.expression(keyNode) : { type: "invalid", ...span };
      return { kind: "index", key, ...span };
    }
    const splat = namedChildren(node)[0]!;
    const each = namedChildren(splat)
      .filter((child) => POSTFIX_TYPES.has(child.type))
      .map((child) => this.step(child));
    return { kind: "splat", each, ...span };
  }

  /**
   * The steps of one postfix node. The grammar lets a legacy splat (`.*`) take indexes too, but
   * in HCL only its attributes apply to each element: `aws_subnet.a.*.id[0]` is the first id,
   * so what follows the attributes becomes steps of the result.
   */
  private steps(node: SyntaxNode): TraversalStep[] {
    const step = this.step(node);
    if (step.kind !== "splat" || namedChildren(node)[0]?.type !== "attr_splat") return [step];
    const attributes = step.each.findIndex((inner) => inner.kind !== "attr");
    if (attributes < 0) return [step];
    return [{ ...step, each: step.each.slice(0, attributes) }, ...step.each.slice(attributes)];
  }

  private primary(node: SyntaxNode): Expr {
    const span = this.span(node);
    switch (node.type) {
      case "expression":
        return this.expression(node);
      case "literal_value":
        return this.literal(node);
      case "template_expr": {
        const inner = namedChildren(node)[0]!;
        return inner.type === "heredoc_template" ? this.heredoc(inner) : this.quotedTemplate(inner);
      }
      case "collection_value": {
        const inner = namedChildren(node)[0]!;
        return inner.type === "tuple" ? this.tuple(inner) : this.object(inner);
      }
      case "variable_expr":
        return { type: "variable", name: this.text(node), ...span };
      case "function_call":
        return this.call(node);
      case "for_expr":
        return this.forExpr(namedChildren(node)[0]!);
      case "conditional":
        return this.conditional(node);
      case "operation":
        return this.operation(namedChildren(node)[0]!);
      default:
        return { type: "invalid", ...span };
    }
  }

  /** A `literal_value` (its children are not copied from a tree without errors: its text says which). */
  private literal(node: SyntaxNode): Expr {
    const span = this.span(node);
    const text = this.text(node);
    if (text.startsWith('"')) return { type: "literal", value: this.stringContent(node), ...span };
    if (text === "true" || text === "false") return { type: "literal", value: text === "true", ...span };
    if (text === "null") return { type: "literal", value: null, ...span };
    const value = Number(text);
    return Number.isNaN(value) ? { type: "invalid", ...span } : { type: "literal", value, ...span };
  }

  private quotedTemplate(node: SyntaxNode): Expr {
    // The quotes are the first and last characters of the node (their own places are not copied).
    const close = childOfType(node, "quoted_template_end");
    if (!close || close.isMissing) return { type: "invalid", ...this.span(node) };
    const reader = new TemplateReader(this, "quoted", 0);
    reader.onLineBreak = () => this.problems.push(unterminatedStringProblem(node));
    const parts = reader.parts(controlsOf(node), node.startIndex + 1, node.endIndex - 1, false, false);
    return templateOrLiteral(parts, this.span(node));
  }

  private heredoc(node: SyntaxNode): Expr {
    const identifiers = childrenOfType(node, "heredoc_identifier");
    const opening = identifiers[0];
    const closing = identifiers[1];
    if (!opening || !closing || closing.isMissing) return { type: "invalid", ...this.span(node) };
    const text = this.src.text;
    const contentStart = text.indexOf("\n", opening.endIndex) + 1;
    const contentEnd = Math.max(contentStart, text.lastIndexOf("\n", closing.startIndex - 1) + 1);
    const indent = hasToken(childOfType(node, "heredoc_start") ?? node, "<<-")
      ? commonIndent(text.slice(contentStart, contentEnd))
      : 0;
    const reader = new TemplateReader(this, "heredoc", indent, contentStart);
    const parts = reader.parts(controlsOf(node), contentStart, contentEnd, false, false);
    return templateOrLiteral(parts, this.span(node));
  }

  /**
   * A bare template body (a templatefile() or a JSON string wrapped in a heredoc by
   * archlint): the heredoc's content without the line break archlint added before its end marker.
   */
  wrappedTemplate(node: SyntaxNode): Expr {
    const identifiers = childrenOfType(node, "heredoc_identifier");
    const opening = identifiers[0];
    const closing = identifiers[1];
    if (!opening || !closing) return { type: "invalid", ...this.span(node) };
    const contentStart = this.src.text.indexOf("\n", opening.endIndex) + 1;
    const contentEnd = Math.max(contentStart, this.src.text.lastIndexOf("\n", closing.startIndex - 1));
    const reader = new TemplateReader(this, "heredoc", 0, contentStart);
    const parts = reader.parts(controlsOf(node), contentStart, contentEnd, false, false);
    return templateOrLiteral(parts, { src: this.src, start: contentStart, end: contentEnd });
  }

  private tuple(node: SyntaxNode): Expr {
    const items = childrenOfType(node, "expression").map((child) => this.expression(child));
    return { type: "tuple", items, ...this.span(node) };
  }

  private object(node: SyntaxNode): Expr {
    const items: ObjectItem[] = [];
    for (const elem of childrenOfType(node, "object_elem")) {
      const keyNode = objectElem.key(elem);
      const valueNode = objectElem.value(elem);
      if (!keyNode || !valueNode) continue;
      items.push({ key: this.objectKey(keyNode), value: this.expression(valueNode) });
    }
    return { type: "object", items, ...this.span(node) };
  }

  /** A bare identifier as an object key is the key's name, not a variable. */
  private objectKey(node: SyntaxNode): Expr {
    const children = node.children.filter((child) => child.type !== "comment");
    const only = children.length === 1 ? children[0]! : undefined;
    if (only?.type === "variable_expr") return { type: "literal", value: this.text(only), ...this.span(only) };
    return this.expression(node);
  }

  private call(node: SyntaxNode): Expr {
    const nameNode = functionCall.name(node);
    const name = nameNode ? this.text(nameNode) : "";
    const args = functionCall.arguments(node).map((arg) => this.expression(arg));
    return { type: "call", name, args, expandFinal: functionCall.expandsFinal(node), ...this.span(node) };
  }

  private forExpr(node: SyntaxNode): Expr {
    const span = this.span(node);
    const intro = childOfType(node, "for_intro");
    const collection = intro ? forIntro.collection(intro) : undefined;
    if (!intro || !collection) return { type: "invalid", ...span };
    const names = forIntro.variables(intro).map((identifier) => this.text(identifier));
    const bodies = childrenOfType(node, "expression");
    const condNode = childOfType(node, "for_cond");
    const condExpr = condNode ? childOfType(condNode, "expression") : undefined;
    const objectForm = node.type === "for_object_expr";
    const valueNode = objectForm ? bodies[1] : bodies[0];
    if (!valueNode || names.length === 0) return { type: "invalid", ...span };
    return {
      type: "for",
      keyVar: names.length > 1 ? names[0] : undefined,
      valueVar: names[names.length - 1]!,
      collection: this.expression(collection),
      keyExpr: objectForm && bodies[0] ? this.expression(bodies[0]) : undefined,
      valueExpr: this.expression(valueNode),
      condition: condExpr ? this.expression(condExpr) : undefined,
      grouping: objectForm && childOfType(node, "ellipsis") !== undefined,
      ...span,
    };
  }

  private conditional(node: SyntaxNode): Expr {
    const [condition, then, otherwise] = childrenOfType(node, "expression");
    if (!condition || !then || !otherwise) return { type: "invalid", ...this.span(node) };
    return makeConditional(
      this.expression(condition),
      this.expression(then),
      this.expression(otherwise),
      this.span(node),
    );
  }

  private operation(node: SyntaxNode): Expr {
    const span = this.span(node);
    const children = node.children.filter((child) => child.type !== "comment");
    if (node.type === "unary_operation") {
      const operator = children[0]!.type;
      if (operator !== "-" && operator !== "!") return { type: "invalid", ...span };
      return { type: "unary", operator, operand: this.term(children.slice(1)), ...span };
    }
    const at = children.findIndex((child, i) => i > 0 && !child.isNamed && BINARY_OPERATORS.has(child.type));
    if (at < 0) return { type: "invalid", ...span };
    return {
      type: "binary",
      operator: children[at]!.type as BinaryOperator,
      left: this.term(children.slice(0, at)),
      right: this.term(children.slice(at + 1)),
      ...span,
    };
  }
}

/** Blocks are recorded here when their closing brace is missing (tree-sitter inserted it). */
const unclosedBlocks = new WeakSet<Block>();

/**
 * When a block's `}` is missing, tree-sitter nests every following top-level block inside it
 * (or inside one of its nested blocks); those blocks are lifted back to the top level so that
 * the rest of the file is still read.
 */
function liftSwallowedBlocks(parent: Block, insideUnclosed = false): Block[] {
  const unclosed = insideUnclosed || unclosedBlocks.has(parent);
  const lifted: Block[] = [];
  const kept: Block[] = [];
  for (const nested of parent.body.blocks) {
    if (unclosed && TOP_LEVEL_BLOCK_TYPES.has(nested.type) && nested.labels.length > 0) {
      lifted.push(nested, ...liftSwallowedBlocks(nested));
      continue;
    }
    kept.push(nested);
    lifted.push(...liftSwallowedBlocks(nested, unclosed));
  }
  parent.body.blocks = kept;
  return lifted;
}

/** `a ? b : c ? d : e` is right-associative in HCL; the grammar nests it to the left. */
function makeConditional(condition: Expr, then: Expr, otherwise: Expr, span: Span): Expr {
  if (condition.type === "conditional") {
    const tail = makeConditional(condition.else, then, otherwise, {
      src: span.src,
      start: condition.else.start,
      end: span.end,
    });
    return makeConditional(condition.condition, condition.then, tail, span);
  }
  return { type: "conditional", condition, then, else: otherwise, ...span };
}

function controlsOf(node: SyntaxNode): SyntaxNode[] {
  return node.children.filter((child) => TEMPLATE_CONTROL_TYPES.has(child.type));
}

/** A template without interpolation or directive is a plain string literal. */
function templateOrLiteral(parts: TemplatePart[], span: Span): Expr {
  if (parts.length === 0) return { type: "literal", value: "", ...span };
  if (parts.length === 1 && parts[0]!.kind === "text") return { type: "literal", value: parts[0]!.text, ...span };
  return { type: "template", parts, ...span };
}

/**
 * Reads the parts of a template: text between interpolations and directives, with strip
 * markers (`~`), escapes and (for `<<-` heredocs) the common indentation removed.
 */
class TemplateReader {
  /** Called when the text of a quoted template runs over a line break (not allowed in HCL). */
  onLineBreak: (() => void) | undefined;

  constructor(
    private readonly converter: Converter,
    private readonly style: "quoted" | "heredoc",
    private readonly indent: number,
    private readonly contentStart = -1,
  ) {}

  parts(controls: SyntaxNode[], start: number, end: number, stripStart: boolean, stripEnd: boolean): TemplatePart[] {
    const parts: TemplatePart[] = [];
    let cursor = start;
    let stripNext = stripStart;
    for (const control of controls) {
      const edges = controlEdges(control);
      this.pushText(parts, cursor, control.startIndex, stripNext, edges.before);
      const part = this.control(control);
      if (part) parts.push(part);
      cursor = control.endIndex;
      stripNext = edges.after;
    }
    this.pushText(parts, cursor, end, stripNext, stripEnd);
    return parts;
  }

  private pushText(parts: TemplatePart[], start: number, end: number, trimStart: boolean, trimEnd: boolean): void {
    if (end <= start) return;
    let text = this.dedent(start, end);
    if (this.onLineBreak && text.includes("\n")) {
      this.onLineBreak();
      this.onLineBreak = undefined;
    }
    if (trimStart) text = text.replace(/^\s+/, "");
    if (trimEnd) text = text.replace(/\s+$/, "");
    text = this.style === "quoted" ? unescapeQuoted(text) : unescapeTemplate(text.replace(/\r\n/g, "\n"));
    if (text !== "") parts.push({ kind: "text", text });
  }

  /** The raw text of a span, without the common indentation of a `<<-` heredoc's lines. */
  private dedent(start: number, end: number): string {
    const raw = this.converter.src.slice(start, end);
    if (this.indent === 0) return raw;
    const source = this.converter.src.text;
    const atLineStart = start === this.contentStart || source.charCodeAt(start - 1) === 10;
    const lines = raw.split("\n");
    return lines.map((line, i) => (i > 0 || atLineStart ? stripIndent(line, this.indent) : line)).join("\n");
  }

  private control(node: SyntaxNode): TemplatePart | undefined {
    if (node.type === "template_interpolation") {
      const expr = childOfType(node, "expression");
      return expr ? { kind: "interpolation", expr: this.converter.expression(expr) } : undefined;
    }
    const directive = namedChildren(node)[0];
    if (directive?.type === "template_if") return this.ifDirective(directive);
    if (directive?.type === "template_for") return this.forDirective(directive);
    return undefined;
  }

  private ifDirective(node: SyntaxNode): TemplatePart | undefined {
    const intro = childOfType(node, "template_if_intro");
    const elseIntro = childOfType(node, "template_else_intro");
    const end = childOfType(node, "template_if_end");
    const condition = intro ? childOfType(intro, "expression") : undefined;
    if (!intro || !end || !condition) return undefined;
    const thenEnd = elseIntro ?? end;
    const inside = (from: SyntaxNode, to: SyntaxNode) =>
      controlsOf(node).filter((child) => child.startIndex >= from.endIndex && child.endIndex <= to.startIndex);
    const then = this.parts(
      inside(intro, thenEnd),
      intro.endIndex,
      thenEnd.startIndex,
      stripMarkers(intro).after,
      stripMarkers(thenEnd).before,
    );
    const otherwise = elseIntro
      ? this.parts(
          inside(elseIntro, end),
          elseIntro.endIndex,
          end.startIndex,
          stripMarkers(elseIntro).after,
          stripMarkers(end).before,
        )
      : [];
    return { kind: "if", condition: this.converter.expression(condition), then, else: otherwise };
  }

  private forDirective(node: SyntaxNode): TemplatePart | undefined {
    const start = childOfType(node, "template_for_start");
    const end = childOfType(node, "template_for_end");
    const collection = start ? childOfType(start, "expression") : undefined;
    if (!start || !end || !collection) return undefined;
    const names = childrenOfType(start, "identifier").map((identifier) =>
      this.converter.src.slice(identifier.startIndex, identifier.endIndex),
    );
    const body = this.parts(
      controlsOf(node),
      start.endIndex,
      end.startIndex,
      stripMarkers(start).after,
      stripMarkers(end).before,
    );
    return {
      kind: "for",
      keyVar: names.length > 1 ? names[0] : undefined,
      valueVar: names[names.length - 1] ?? "",
      collection: this.converter.expression(collection),
      body,
    };
  }
}

/** Strip markers on the outer edges of an interpolation or directive. */
function controlEdges(node: SyntaxNode): { before: boolean; after: boolean } {
  if (node.type === "template_interpolation") return stripMarkers(node);
  const directive = namedChildren(node)[0];
  const parts = directive ? namedChildren(directive) : [];
  const first = parts[0];
  const last = parts[parts.length - 1];
  return { before: first ? stripMarkers(first).before : false, after: last ? stripMarkers(last).after : false };
}

/** The smallest indentation (spaces and tabs) of the non-empty lines of a heredoc. */
function commonIndent(content: string): number {
  let smallest = Number.POSITIVE_INFINITY;
  for (const rawLine of content.split("\n")) {
    const line = rawLine.endsWith("\r") ? rawLine.slice(0, -1) : rawLine;
    if (line === "") continue;
    let width = 0;
    while (width < line.length && (line[width] === " " || line[width] === "\t")) width++;
    smallest = Math.min(smallest, width);
  }
  return Number.isFinite(smallest) ? smallest : 0;
}

function stripIndent(line: string, indent: number): string {
  let cut = 0;
  while (cut < indent && cut < line.length && (line[cut] === " " || line[cut] === "\t")) cut++;
  return line.slice(cut);
}

/** Template escapes valid everywhere: `$${` → `${`, `%%{` → `%{`. */
function unescapeTemplate(text: string): string {
  if (!text.includes("$${") && !text.includes("%%{")) return text;
  return text.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{");
}

const SIMPLE_ESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" };

/** Escapes of a quoted string: `\n`, `\"`, `\\`, `\uXXXX`, `\UXXXXXXXX`, `$${`, `%%{`. */
function unescapeQuoted(text: string): string {
  if (!text.includes("\\")) return unescapeTemplate(text);
  const unescaped = text.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (sequence, code: string) => {
    if (code.length > 1) return String.fromCodePoint(Number.parseInt(code.slice(1), 16));
    return SIMPLE_ESCAPES[code] ?? sequence;
  });
  return unescapeTemplate(unescaped);
}

/**
 * Where a node starts. Attributes and blocks are copied without their place (grammar.ts): their
 * first token, the name, has it.
 */
function placedStart(node: SyntaxNode): number {
  let first: SyntaxNode | undefined = node;
  while (first && first.startIndex < 0) first = first.children[0];
  return first?.startIndex ?? 0;
}
