/**
 * The syntax tree both readers (YAML and JSON) produce: maps, sequences, scalars and YAML
 * short-form tags, each with the UTF-16 offsets where it is written. The evaluator only sees
 * this tree, so YAML and JSON templates have the same semantics by construction.
 */
import type { Diagnostic } from "../../model/graph.js";
import type { SourceLocation } from "../../model/source.js";
import { LineIndex } from "../../model/source.js";

/** UTF-16 offsets into the template text; `end` is exclusive. */
export interface Span {
  start: number;
  end: number;
}

export interface CfnScalar extends Span {
  kind: "scalar";
  value: string | number | boolean | null;
}

export interface CfnPair {
  key: string;
  keySpan: Span;
  value: CfnNode;
}

export interface CfnMap extends Span {
  kind: "map";
  pairs: CfnPair[];
}

export interface CfnSeq extends Span {
  kind: "seq";
  items: CfnNode[];
}

/**
 * A YAML tag on a node: a short-form intrinsic (`!Ref Db`, tag `!Ref`) or a tag CloudFormation
 * does not define (`!Rain::Embed`). The span starts at the tag.
 */
export interface CfnTagged extends Span {
  kind: "tagged";
  tag: string;
  value: CfnNode;
}

export type CfnNode = CfnScalar | CfnMap | CfnSeq | CfnTagged;

/** The last pair with this key (a duplicate key is reported by the reader; the last one wins, as in JSON.parse). */
export function pairOf(map: CfnMap, key: string): CfnPair | undefined {
  for (let i = map.pairs.length - 1; i >= 0; i--) {
    const pair = map.pairs[i]!;
    if (pair.key === key) return pair;
  }
  return undefined;
}

export function fieldOf(node: CfnNode | undefined, key: string): CfnNode | undefined {
  return node?.kind === "map" ? pairOf(node, key)?.value : undefined;
}

export function asMap(node: CfnNode | undefined): CfnMap | undefined {
  return node?.kind === "map" ? node : undefined;
}

/** The string of a plain scalar (numbers and booleans as written), else undefined. */
export function scalarString(node: CfnNode | undefined): string | undefined {
  if (node?.kind !== "scalar" || node.value === null) return undefined;
  return String(node.value);
}

/** Turns spans into SourceLocations of one file. */
export class Locator {
  private index: LineIndex | undefined;

  constructor(
    readonly file: string,
    readonly text: string,
  ) {}

  /** Built on first use: detection reads templates without ever needing a position. */
  get lines(): LineIndex {
    this.index ??= new LineIndex(this.text);
    return this.index;
  }

  at(span: Span): SourceLocation {
    const start = this.lines.position(span.start);
    const end = this.lines.position(Math.max(span.start, span.end));
    return { file: this.file, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  }

  /** The text as written, for IacUnknown.text and ResourceRef.text. */
  textOf(span: Span): string {
    return this.text.slice(span.start, span.end);
  }
}

/** Templates nest a few dozen levels; deeper input (or an alias inside itself, `&a [*a]`) is cut here. */
export const MAX_DEPTH = 500;

/** Where a reader stopped descending: too deep, or aliases that expand without end. */
export function cutDiagnostic(loc: Locator, offset: number): Diagnostic {
  return {
    code: "iac-parse-error",
    message: `nesting deeper than ${MAX_DEPTH} levels (or aliases that expand without end); what lies below is not read`,
    source: loc.at({ start: offset, end: offset }),
  };
}
