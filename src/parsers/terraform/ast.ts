/**
 * The typed HCL syntax archlint evaluates: one shape for native `.tf` files (converted from the
 * tree-sitter tree) and `.tf.json` files (converted from jsonc-parser's tree).
 *
 * Every node keeps its span in a SourceText, so that positions and the text as written are
 * computed only when a value needs them.
 */
import type { SourceLocation } from "../../model/source.js";
import { LineIndex } from "../../model/source.js";

/**
 * A text the syntax was read from. `fixed` is set for text that archlint wrapped itself (a
 * template inside a JSON string): every node then reports the place of that string.
 * `lineOffset` shifts lines when the text was wrapped in a first line (a templatefile()).
 */
export class SourceText {
  private lines: LineIndex | undefined;
  private readonly locations = new Map<number, SourceLocation>();

  constructor(
    readonly file: string,
    readonly text: string,
    readonly fixed?: SourceLocation,
    readonly lineOffset = 0,
  ) {}

  /**
   * The location of an offset. Locations are shared between the values written at the same
   * place (many values are evaluated per instance): treat them as read-only.
   */
  location(offset: number): SourceLocation {
    if (this.fixed) return this.fixed;
    let found = this.locations.get(offset);
    if (!found) {
      this.lines ??= new LineIndex(this.text);
      const { line, column } = this.lines.position(offset);
      found = { file: this.file, line: line + this.lineOffset, column };
      this.locations.set(offset, found);
    }
    return found;
  }

  /** 1-based line of an offset (lineOffset applied). */
  lineAt(offset: number): number {
    this.lines ??= new LineIndex(this.text);
    return this.lines.position(offset).line + this.lineOffset;
  }

  slice(start: number, end: number): string {
    return this.text.slice(start, end);
  }
}

/** Where a node is written: a span of a SourceText. */
export interface Span {
  src: SourceText;
  start: number;
  end: number;
}

export function spanLocation(span: Span): SourceLocation {
  return span.src.location(span.start);
}

export function spanText(span: Span): string {
  return span.src.slice(span.start, span.end);
}

// --- expressions ---------------------------------------------------------------------------

export interface LiteralExpr extends Span {
  type: "literal";
  value: string | number | boolean | null;
}

export type TemplatePart =
  | { kind: "text"; text: string }
  | { kind: "interpolation"; expr: Expr }
  | { kind: "if"; condition: Expr; then: TemplatePart[]; else: TemplatePart[] }
  | { kind: "for"; keyVar?: string; valueVar: string; collection: Expr; body: TemplatePart[] };

export interface TemplateExpr extends Span {
  type: "template";
  parts: TemplatePart[];
}

export interface TupleExpr extends Span {
  type: "tuple";
  items: Expr[];
}

export interface ObjectItem {
  key: Expr;
  value: Expr;
}

export interface ObjectExpr extends Span {
  type: "object";
  items: ObjectItem[];
}

/** A bare name: `var`, `aws_instance`, an iterator. */
export interface VariableExpr extends Span {
  type: "variable";
  name: string;
}

export type TraversalStep =
  | ({ kind: "attr"; name: string } & Span)
  | ({ kind: "index"; key: Expr } & Span)
  /** `[*]` or `.*`: `each` is applied to every element. */
  | ({ kind: "splat"; each: TraversalStep[] } & Span);

/** `root.a[0].b[*].c`: attribute, index and splat steps applied to a root expression. */
export interface TraversalExpr extends Span {
  type: "traversal";
  root: Expr;
  steps: TraversalStep[];
}

export interface CallExpr extends Span {
  type: "call";
  name: string;
  args: Expr[];
  /** `f(a, list...)`: the last argument is expanded. */
  expandFinal: boolean;
}

export interface ForExpr extends Span {
  type: "for";
  keyVar?: string;
  valueVar: string;
  collection: Expr;
  /** Object form only: `{ for k, v in m : key => value }`. */
  keyExpr?: Expr;
  valueExpr: Expr;
  condition?: Expr;
  /** `...` after the value of an object form: values with the same key are grouped. */
  grouping: boolean;
}

export interface ConditionalExpr extends Span {
  type: "conditional";
  condition: Expr;
  then: Expr;
  else: Expr;
}

export type BinaryOperator = "*" | "/" | "%" | "+" | "-" | ">" | ">=" | "<" | "<=" | "==" | "!=" | "&&" | "||";

export interface BinaryExpr extends Span {
  type: "binary";
  operator: BinaryOperator;
  left: Expr;
  right: Expr;
}

export interface UnaryExpr extends Span {
  type: "unary";
  operator: "-" | "!";
  operand: Expr;
}

export interface ParenthesesExpr extends Span {
  type: "parentheses";
  expr: Expr;
}

/** A part of the text that did not parse: evaluates to unknown. */
export interface InvalidExpr extends Span {
  type: "invalid";
}

export type Expr =
  | LiteralExpr
  | TemplateExpr
  | TupleExpr
  | ObjectExpr
  | VariableExpr
  | TraversalExpr
  | CallExpr
  | ForExpr
  | ConditionalExpr
  | BinaryExpr
  | UnaryExpr
  | ParenthesesExpr
  | InvalidExpr;

// --- structure -----------------------------------------------------------------------------

export interface Attribute {
  name: string;
  /** Where the attribute name is written. */
  nameSpan: Span;
  expr: Expr;
}

export interface Block {
  type: string;
  labels: string[];
  /** The block type keyword (`resource`, `ingress`). */
  typeSpan: Span;
  /** The opening brace (the JSON object for .tf.json). */
  bodySpan: Span;
  body: Body;
}

export interface Body {
  attributes: Attribute[];
  blocks: Block[];
}

/** A comment of a native file, for suppressions. */
export interface Comment extends Span {
  text: string;
  /** Line after the comment's last line is `endLine + 1`. */
  endLine: number;
}

/** One parsed configuration file. */
export interface ConfigFile {
  file: string;
  body: Body;
  comments: Comment[];
}

export function attributeNamed(body: Body, name: string): Attribute | undefined {
  return body.attributes.find((attr) => attr.name === name);
}
