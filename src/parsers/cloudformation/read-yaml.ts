/**
 * YAML template text → CfnNode tree, with `yaml` (node ranges on every node, errors and
 * unknown tags with offsets) plus its CST for the comments (suppressions live in comments).
 */
import type { Alias, CollectionTag, Document, ParsedNode, ScalarTag, YAMLError, Node as YamlNode } from "yaml";
import type { Diagnostic } from "../../model/graph.js";
import { SHORT_FORMS } from "./functions.js";
import { loadYaml, type Yaml } from "./libs.js";
import {
  type CfnMap,
  type CfnNode,
  type CfnPair,
  type CfnScalar,
  cutDiagnostic,
  type Locator,
  MAX_DEPTH,
  type Span,
} from "./tree.js";

export interface CfnComment extends Span {
  /** The comment text after `#`. */
  body: string;
}

export interface YamlReadResult {
  root: CfnNode | undefined;
  diagnostics: Diagnostic[];
  comments: CfnComment[];
}

/** Nodes an alias may add beyond the text's own size: aliases of aliases would otherwise grow exponentially. */
const ALIAS_ALLOWANCE = 50_000;

let cfnTags: (ScalarTag | CollectionTag)[] | undefined;

/** Every short-form intrinsic as a scalar, sequence and map tag that keeps its node as written. */
function cloudFormationTags(): (ScalarTag | CollectionTag)[] {
  if (cfnTags) return cfnTags;
  cfnTags = [];
  for (const tag of SHORT_FORMS.keys()) {
    cfnTags.push(
      { tag, resolve: (value: string) => value },
      { tag, collection: "seq", resolve: (value) => value },
      { tag, collection: "map", resolve: (value) => value },
    );
  }
  return cfnTags;
}

export function readYaml(loc: Locator): YamlReadResult {
  const YAML = loadYaml();
  const tokens = Array.from(new YAML.Parser().parse(loc.text));
  const composer = new YAML.Composer({
    customTags: cloudFormationTags(),
    prettyErrors: false,
    // Duplicate keys are reported by the shared check in read.ts, identically for JSON.
    uniqueKeys: false,
    schema: "core",
    version: "1.2",
  });
  const docs = Array.from(composer.compose(tokens, true, loc.text.length));
  const marks = syntaxMarksOf(
    tokens,
    loc,
    docs.some((doc) => doc.errors.length > 0),
  );
  const diagnostics: Diagnostic[] = [];
  const first = docs[0];
  if (first) {
    diagnostics.push(...problemsOf(first, loc, marks));
    if (docs.length > 1) {
      const extra = docs[1]!;
      diagnostics.push({
        code: "iac-parse-error",
        message: "a CloudFormation template is one YAML document; the documents after the first are not read",
        source: loc.at({ start: extra.range[0], end: extra.range[1] }),
      });
    }
  }
  const converter = new Converter(YAML, loc, first);
  const root = first?.contents ? converter.convert(first.contents, 0) : undefined;
  if (converter.cutAt !== undefined) diagnostics.push(cutDiagnostic(loc, converter.cutAt));
  return { root, diagnostics, comments: marks.comments };
}

/** What the CST tells beyond the document: comments, and where unclosed quotes and brackets open. */
interface SyntaxMarks {
  comments: CfnComment[];
  /** End offset of a quoted scalar → its opening quote. */
  quotedEnds: Map<number, number>;
  /** Flow collections without their closing bracket, in source order. */
  unclosed: { bracket: "[" | "{"; offset: number }[];
}

/** The CST fields that hold tokens (document, collections, items, scalars). */
const CHILD_FIELDS = ["start", "key", "sep", "value", "items", "end", "props"] as const;

function syntaxMarksOf(tokens: unknown[], loc: Locator, hasErrors: boolean): SyntaxMarks {
  const marks: SyntaxMarks = { comments: [], quotedEnds: new Map(), unclosed: [] };
  // Without a `#` there is no comment, and without an error nothing to place: no walk needed.
  if (!hasErrors && !loc.text.includes("#")) return marks;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (typeof value !== "object" || value === null) return;
    const token = value as CstToken & Partial<Record<(typeof CHILD_FIELDS)[number], unknown>>;
    if (typeof token.offset === "number") markToken(token, marks, loc);
    for (const field of CHILD_FIELDS) {
      const child = token[field];
      if (typeof child === "object" && child !== null) visit(child);
    }
  };
  visit(tokens);
  marks.comments.sort((a, b) => a.start - b.start);
  return marks;
}

interface CstToken {
  type?: unknown;
  offset: number;
  source?: unknown;
  start?: unknown;
  end?: unknown;
}

function markToken(token: CstToken, marks: SyntaxMarks, loc: Locator): void {
  const { offset, source } = token;
  if (token.type === "comment" && typeof source === "string") {
    marks.comments.push({
      start: offset,
      end: offset + source.length,
      body: loc.text.slice(offset + 1, offset + source.length),
    });
  } else if (
    (token.type === "double-quoted-scalar" || token.type === "single-quoted-scalar") &&
    typeof source === "string"
  ) {
    marks.quotedEnds.set(offset + source.length, offset);
  } else if (token.type === "flow-collection") {
    const opening = (token.start as { source?: unknown } | undefined)?.source;
    const ends = Array.isArray(token.end) ? (token.end as { type?: unknown }[]) : [];
    const closed = ends.some((end) => end.type === "flow-map-end" || end.type === "flow-seq-end");
    if (!closed && (opening === "[" || opening === "{")) marks.unclosed.push({ bracket: opening, offset });
  }
}

function problemsOf(doc: Document.Parsed, loc: Locator, marks: SyntaxMarks): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const usedOpenings = new Set<number>();
  for (const error of doc.errors) {
    const { span, message } = errorPlace(error, marks, usedOpenings);
    diagnostics.push({ code: "iac-parse-error", message: `invalid YAML: ${message}`, source: loc.at(span) });
  }
  for (const warning of doc.warnings) {
    if (warning.code !== "TAG_RESOLVE_FAILED") continue;
    const span = { start: warning.pos[0], end: warning.pos[1] };
    diagnostics.push({
      code: "iac-unresolved",
      message: `unknown tag ${loc.textOf(span)}: CloudFormation does not define it (a pre-processor expands it before deployment); its value is unknown`,
      source: loc.at(span),
    });
  }
  return diagnostics;
}

/**
 * The parser notices an unclosed quote or bracket where the text ends; the mistake is where it
 * opens, so that is where the error is reported.
 */
function errorPlace(error: YAMLError, marks: SyntaxMarks, usedOpenings: Set<number>): { span: Span; message: string } {
  const [start, end] = error.pos;
  if (error.code === "MISSING_CHAR" && error.message.includes("quote")) {
    const opening = marks.quotedEnds.get(start) ?? marks.quotedEnds.get(end);
    if (opening !== undefined)
      return { span: { start: opening, end: opening + 1 }, message: "this quoted string is never closed" };
  }
  const bracket = unclosedBracketOf(error);
  if (bracket) {
    const candidates = marks.unclosed.filter(
      (mark) => mark.bracket === bracket && mark.offset <= start && !usedOpenings.has(mark.offset),
    );
    const opening = candidates.at(-1);
    if (opening) {
      usedOpenings.add(opening.offset);
      return { span: { start: opening.offset, end: opening.offset + 1 }, message: `this ${bracket} is never closed` };
    }
  }
  return { span: { start, end }, message: error.message };
}

/** The bracket a "must … end with a ]" error is about. */
function unclosedBracketOf(error: YAMLError): "[" | "{" | undefined {
  if (error.code !== "BAD_INDENT") return undefined;
  if (error.message.endsWith("]")) return "[";
  return error.message.endsWith("}") ? "{" : undefined;
}

class Converter {
  private budget: number;
  /** Where the tree was cut for being too deep or too large, if it was. */
  cutAt: number | undefined;

  constructor(
    private readonly YAML: Yaml,
    private readonly loc: Locator,
    private readonly doc: Document.Parsed | undefined,
  ) {
    this.budget = loc.text.length + ALIAS_ALLOWANCE;
  }

  convert(node: YamlNode | Alias | null | undefined, depth: number, fallback = 0): CfnNode {
    const { YAML } = this;
    if (node !== null && node !== undefined && (depth > MAX_DEPTH || --this.budget < 0)) {
      this.cutAt ??= node.range?.[0] ?? fallback;
      node = null;
    }
    if (node === null || node === undefined) {
      return { kind: "scalar", value: null, start: fallback, end: fallback };
    }
    if (YAML.isAlias(node)) {
      const target = this.doc ? node.resolve(this.doc) : undefined;
      return this.convert(target, depth + 1, node.range?.[0] ?? fallback);
    }
    const plain = this.convertUntagged(node as ParsedNode, depth, fallback);
    const tag = node.tag;
    // `!!str`-style tags are YAML's own (resolved by the schema); a lone `!` means "no tag".
    if (tag === undefined || !tag.startsWith("!") || tag === "!") return plain;
    return { kind: "tagged", tag, value: plain, start: this.tagStart(tag, plain.start), end: plain.end };
  }

  private convertUntagged(node: ParsedNode, depth: number, fallback: number): CfnNode {
    const { YAML } = this;
    const start = node.range?.[0] ?? fallback;
    const end = this.contentEnd(start, node.range?.[1] ?? start);
    if (YAML.isMap(node)) {
      const pairs: CfnPair[] = [];
      for (const item of node.items) {
        const pair = this.pairOf(item.key, item.value, depth, start);
        if (pair) pairs.push(pair);
      }
      return { kind: "map", pairs, start, end };
    }
    if (YAML.isSeq(node)) {
      const items = node.items.map((item) => {
        // A single-pair map written inside a flow sequence (`[Key: value]`).
        if (YAML.isPair(item)) return this.singlePairMap(item.key, item.value, depth, start);
        return this.convert(item as YamlNode, depth + 1, start);
      });
      return { kind: "seq", items, start, end };
    }
    if (YAML.isScalar(node)) return this.scalar(node.value, start, end);
    return { kind: "scalar", value: null, start, end };
  }

  private singlePairMap(key: unknown, value: unknown, depth: number, fallback: number): CfnMap {
    const pair = this.pairOf(key, value, depth, fallback);
    const start = pair?.keySpan.start ?? fallback;
    return { kind: "map", pairs: pair ? [pair] : [], start, end: pair?.value.end ?? start };
  }

  private pairOf(key: unknown, value: unknown, depth: number, fallback: number): CfnPair | undefined {
    const { YAML } = this;
    if (!YAML.isScalar(key)) return undefined;
    const keySpan = { start: key.range?.[0] ?? fallback, end: key.range?.[1] ?? fallback };
    const valueNode = YAML.isNode(value) ? value : null;
    return { key: String(key.value), keySpan, value: this.convert(valueNode, depth + 1, keySpan.end) };
  }

  /**
   * Keeps what the template means: a plain number whose canonical form differs from the text
   * (`012`, `1.0`, `.inf`) stays the text as written, as CloudFormation passes it on.
   */
  private scalar(value: unknown, start: number, end: number): CfnScalar {
    if (typeof value === "number") {
      const written = this.loc.text.slice(start, end);
      return { kind: "scalar", value: String(value) === written ? value : written, start, end };
    }
    if (typeof value === "string" || typeof value === "boolean" || value === null) {
      return { kind: "scalar", value, start, end };
    }
    return { kind: "scalar", value: String(value), start, end };
  }

  /** A block collection's range runs to the next line; its content ends at its last character. */
  private contentEnd(start: number, end: number): number {
    const text = this.loc.text;
    let at = end;
    while (
      at > start &&
      (text[at - 1] === "\n" || text[at - 1] === "\r" || text[at - 1] === " " || text[at - 1] === "\t")
    )
      at--;
    return at;
  }

  /** The offset of the tag written before a node (`!Sub` then a newline and the block scalar). */
  private tagStart(tag: string, nodeStart: number): number {
    // Only whitespace separates a tag from its node: a short window is enough, and bounds the search.
    const windowStart = Math.max(0, nodeStart - tag.length - 256);
    const window = this.loc.text.slice(windowStart, nodeStart);
    const at = window.lastIndexOf(tag);
    if (at < 0 || window.slice(at + tag.length).trim() !== "") return nodeStart;
    return windowStart + at;
  }
}
