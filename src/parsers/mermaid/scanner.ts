/**
 * Character scanner shared by the hand-written Mermaid parsers: a cursor over a MappedText with
 * sticky-regex matching, so every token keeps its offset (and so its file position).
 */
import type { Diagnostic, DiagnosticCode } from "../../model/graph.js";
import type { Evidence, SourceLocation } from "../../model/source.js";
import type { Suppression } from "../../model/suppression.js";
import type { MappedText } from "./text.js";
import type {
  DiagramComment,
  DiagramEdge,
  DiagramNode,
  MermaidDiagramType,
  ParsedDiagram,
  SourcedText,
} from "./types.js";

/** Diagnostics kept per diagram. */
export const MAX_DIAGNOSTICS = 50;

export class Scanner {
  pos = 0;
  readonly text: string;
  readonly diagnostics: Diagnostic[] = [];
  readonly comments: DiagramComment[] = [];
  readonly suppressions: Suppression[] = [];

  constructor(readonly src: MappedText) {
    this.text = src.text;
  }

  get eof(): boolean {
    return this.pos >= this.text.length;
  }

  peek(ahead = 0): string {
    return this.text.charAt(this.pos + ahead);
  }

  startsWith(value: string): boolean {
    return this.text.startsWith(value, this.pos);
  }

  /** Matches a sticky (`y`) regex at the cursor; advances past the match. */
  match(re: RegExp): RegExpExecArray | null {
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    if (m) this.pos = re.lastIndex;
    return m;
  }

  /** Tests a sticky regex at the cursor without advancing. */
  test(re: RegExp): boolean {
    re.lastIndex = this.pos;
    return re.test(this.text);
  }

  /** Spaces and tabs (not line breaks). */
  skipSpaces(): void {
    while (this.pos < this.text.length) {
      const ch = this.text.charCodeAt(this.pos);
      if (ch !== 32 && ch !== 9) break;
      this.pos++;
    }
  }

  /** Spaces, tabs and line breaks. */
  skipBlank(): void {
    while (this.pos < this.text.length) {
      const ch = this.text.charCodeAt(this.pos);
      if (ch !== 32 && ch !== 9 && ch !== 10 && ch !== 13) break;
      this.pos++;
    }
  }

  atLineEnd(): boolean {
    return this.eof || this.peek() === "\n";
  }

  /** Offset of the end of the current line (the "\n" or the end of text). */
  lineEnd(): number {
    const next = this.text.indexOf("\n", this.pos);
    return next === -1 ? this.text.length : next;
  }

  /** Offset of `value` between `from` and the end of its line, or -1 (never scans past the line). */
  findInLine(value: string, from = this.pos, limit = Number.POSITIVE_INFINITY): number {
    let end = this.text.indexOf("\n", from);
    if (end === -1) end = this.text.length;
    end = Math.min(end, from + limit);
    const at = this.text.slice(from, end).indexOf(value);
    return at === -1 ? -1 : from + at;
  }

  /** Offset of `value` at or after `from` within `limit` characters (may cross lines), or -1. */
  findWithin(value: string, from: number, limit = 4000): number {
    const at = this.text.slice(from, from + limit).indexOf(value);
    return at === -1 ? -1 : from + at;
  }

  /** Moves to the end of the current line (before the "\n"). */
  skipToLineEnd(): void {
    this.pos = this.lineEnd();
  }

  /**
   * Skips the rest of a statement archlint reads and ignores: a `{ … }` block (which may cross
   * lines, as in `accDescr { … }`) or else the rest of the line.
   */
  skipBlockOrLine(): void {
    this.skipSpaces();
    if (this.peek() === "{") {
      const close = this.findWithin("}", this.pos);
      if (close !== -1) {
        this.pos = close + 1;
        return;
      }
    }
    this.skipToLineEnd();
  }

  loc(offset = this.pos): SourceLocation {
    return this.src.loc(offset);
  }

  sourced(value: string, offset: number): SourcedText {
    return { value, source: this.loc(offset) };
  }

  /** What the cursor is looking at, for "but found …" in messages. */
  describeHere(): string {
    if (this.eof) return "end of diagram";
    if (this.peek() === "\n") return "end of line";
    const token = /[^\s]+/y;
    token.lastIndex = this.pos;
    const m = token.exec(this.text);
    const word = m ? m[0].slice(0, 20) : this.peek();
    return `"${word}"`;
  }

  error(offset: number, message: string, code: DiagnosticCode = "doc-syntax-error", related?: Evidence[]): void {
    // A garbage block would otherwise yield one diagnostic per line; the first ones say enough.
    if (this.diagnostics.length >= MAX_DIAGNOSTICS) return;
    const diagnostic: Diagnostic = { code, message, source: this.loc(offset) };
    if (related) diagnostic.related = related;
    this.diagnostics.push(diagnostic);
  }

  /** A `"…"` string opening at `quoteAt` and closing on the same line; reports it when unterminated. */
  quotedString(quoteAt: number): string | null {
    const close = this.findInLine('"', quoteAt + 1);
    if (close === -1) {
      this.unterminatedString(quoteAt);
      return null;
    }
    this.pos = close + 1;
    return this.text.slice(quoteAt + 1, close);
  }

  /**
   * A `"…"` string that may run over lines, as Mermaid's C4 lexer reads it (`<string>[^"]*`);
   * reported like a one-line string when no closing quote follows.
   */
  quotedStringAcrossLines(quoteAt: number): string | null {
    const close = this.text.indexOf('"', quoteAt + 1);
    if (close === -1) {
      this.unterminatedString(quoteAt);
      return null;
    }
    this.pos = close + 1;
    return this.text.slice(quoteAt + 1, close);
  }

  /** Reports a string without its closing quote at the quote, and moves to the end of that line. */
  unterminatedString(quoteAt: number, related?: Evidence[]): void {
    this.error(
      quoteAt,
      `unterminated string: expected a closing " before the end of the line`,
      "doc-syntax-error",
      related,
    );
    this.pos = quoteAt;
    this.skipToLineEnd();
  }

  /** Reports a second definition of an id, pointing back at the first. */
  duplicateId(node: DiagramNode, first: DiagramNode, message: string): void {
    const related: Evidence[] = [{ ...first.source, message: `first defined here (${first.macro})` }];
    this.diagnostics.push({ code: "doc-duplicate-id", message, source: node.source, related, component: first.id });
  }

  /** The parse result, with what the scanner collected on the way. */
  diagram(
    type: MermaidDiagramType,
    header: string,
    headerOffset: number,
    parts: { nodes: DiagramNode[]; edges: DiagramEdge[]; title?: SourcedText | undefined },
  ): ParsedDiagram {
    const diagram: ParsedDiagram = {
      type,
      header,
      headerSource: this.loc(headerOffset),
      nodes: parts.nodes,
      edges: parts.edges,
      comments: this.comments,
      diagnostics: this.diagnostics,
      suppressions: this.suppressions,
      firstLine: this.src.firstLine,
      lastLine: this.src.lastLine,
    };
    if (parts.title) diagram.title = parts.title;
    return diagram;
  }

  /**
   * Reads a `%%` comment at the cursor (a directive `%%{ … }%%` is skipped whole). Records
   * comments and `archlint-disable-next-line` suppressions. Returns false if no comment here.
   */
  comment(): boolean {
    if (!this.startsWith("%%")) return false;
    const start = this.pos;
    if (this.startsWith("%%{")) {
      const close = this.findWithin("}%%", this.pos);
      this.pos = close === -1 ? this.lineEnd() : close + 3;
      return true;
    }
    this.skipToLineEnd();
    const text = this.text.slice(start + 2, this.pos).trim();
    const source = this.loc(start);
    this.comments.push({ text, source });
    const suppression = parseSuppression(text, source, "next-line");
    if (suppression) this.suppressions.push(...suppression);
    return true;
  }
}

/**
 * Normalises label text: `<br/>` and `\n` escapes become line breaks (kept: the first line of
 * a label is its name), other HTML tags go, entity codes are decoded, spaces collapse.
 */
export function cleanText(raw: string): string {
  return raw
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/\\n/g, "\n")
    .replace(/<\/?[a-z][^>]*>/gi, "")
    .replace(/#quot;/g, '"')
    .replace(/#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/[ \t\r]+/g, " ")
    .replace(/ ?\n[\s]*/g, "\n")
    .trim();
}

/** A cleaned text on one line, as element labels are reported. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

const DISABLE = /^archlint-disable(-next-line)?\s+([A-Za-z0-9_,\s-]+?)(?:\s+--\s*(.*))?$/;

/**
 * Reads an `archlint-disable-next-line RULE[, RULE] -- reason` comment (Mermaid `%%`) or an
 * `archlint-disable RULE -- reason` comment (Markdown). `kind` says which form is allowed.
 * The scope of a next-line comment is its own line and the next; a diagram-wide one gets its
 * scope from the caller (set here to the comment line only).
 */
export function parseSuppression(
  text: string,
  source: SourceLocation,
  kind: "next-line" | "block",
): Suppression[] | null {
  const m = DISABLE.exec(text.trim());
  if (!m) return null;
  const nextLine = m[1] !== undefined;
  if ((kind === "next-line") !== nextLine) return null;
  const reason = m[3]?.trim();
  const toLine = nextLine ? source.line + 1 : source.line;
  return m[2]!
    .split(/[\s,]+/)
    .filter((rule) => rule.length > 0)
    .map((rule) => {
      const suppression: Suppression = {
        rule,
        source,
        scope: { kind: "lines", file: source.file, fromLine: source.line, toLine },
      };
      if (reason) suppression.reason = reason;
      return suppression;
    });
}
