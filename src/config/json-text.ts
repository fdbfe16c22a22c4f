/**
 * Strict JSON with positions: a syntax error names its line and column, and any value can be
 * traced back to where it is written (for validation messages).
 */
import { createRequire } from "node:module";
import type * as JsoncModule from "jsonc-parser";
import { type Node, type ParseError, ParseErrorCode } from "jsonc-parser";
import { LineIndex } from "../model/source.js";

let jsonc: typeof JsoncModule | undefined;

/** Loaded on first use: runs without a configuration file or baseline never load it. */
function jsoncParser(): typeof JsoncModule {
  jsonc ??= createRequire(import.meta.url)("jsonc-parser") as typeof JsoncModule;
  return jsonc;
}

export interface JsonDocument {
  text: string;
  tree: Node;
  lines: LineIndex;
}

export interface JsonSyntaxError {
  message: string;
  line: number;
  column: number;
}

const SYNTAX_MESSAGES: Partial<Record<ParseErrorCode, string>> = {
  [ParseErrorCode.InvalidSymbol]: "unexpected character",
  [ParseErrorCode.InvalidNumberFormat]: "invalid number",
  [ParseErrorCode.PropertyNameExpected]: "expected a property name in double quotes",
  [ParseErrorCode.ValueExpected]: "expected a value",
  [ParseErrorCode.ColonExpected]: "expected a colon after the property name",
  [ParseErrorCode.CommaExpected]: "expected a comma",
  [ParseErrorCode.CloseBraceExpected]: "expected a comma or }",
  [ParseErrorCode.CloseBracketExpected]: "expected a comma or ]",
  [ParseErrorCode.EndOfFileExpected]: "expected the end of the file after the top-level value",
  [ParseErrorCode.InvalidCommentToken]: "comments are not allowed in JSON",
  [ParseErrorCode.UnexpectedEndOfComment]: "unterminated comment",
  [ParseErrorCode.UnexpectedEndOfString]: "unterminated string",
  [ParseErrorCode.UnexpectedEndOfNumber]: "unterminated number",
  [ParseErrorCode.InvalidUnicode]: "invalid unicode escape",
  [ParseErrorCode.InvalidEscapeCharacter]: "invalid escape character",
  [ParseErrorCode.InvalidCharacter]: "invalid character in string",
};

/** What went wrong and where; a trailing comma is pointed at itself, not at the bracket after it. */
function describeSyntaxError(text: string, error: ParseError): { message: string; offset: number } {
  if (error.error === ParseErrorCode.ValueExpected || error.error === ParseErrorCode.PropertyNameExpected) {
    const comma = text.slice(0, error.offset).trimEnd();
    const next = text[error.offset];
    if (comma.endsWith(",") && (next === "]" || next === "}")) {
      return { message: "trailing comma (not allowed in JSON)", offset: comma.length - 1 };
    }
  }
  return { message: SYNTAX_MESSAGES[error.error] ?? "invalid JSON", offset: error.offset };
}

/** Parses strict JSON (no comments, no trailing commas); returns the tree or the first syntax error. */
export function parseJsonDocument(rawText: string): JsonDocument | JsonSyntaxError {
  // A byte order mark is not JSON, but editors write one; it is not the user's mistake.
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  const lines = new LineIndex(text);
  const errors: ParseError[] = [];
  const tree = jsoncParser().parseTree(text, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  const first = errors[0];
  if (first !== undefined || tree === undefined) {
    const { message, offset } = first ? describeSyntaxError(text, first) : { message: "expected a value", offset: 0 };
    return { message, ...lines.position(offset) };
  }
  return { text, tree, lines };
}

export function isSyntaxError(value: JsonDocument | JsonSyntaxError): value is JsonSyntaxError {
  return "message" in value;
}

/** JSON pointer → path segments (`/a~1b/0` → ["a/b", 0] when the parent is an array). */
export function pointerSegments(tree: Node, pointer: string): (string | number)[] {
  if (pointer === "" || pointer === "/") return [];
  const segments: (string | number)[] = [];
  let node: Node | undefined = tree;
  for (const raw of pointer.slice(1).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    const segment: string | number = node?.type === "array" ? Number(key) : key;
    segments.push(segment);
    node = node ? jsoncParser().findNodeAtLocation(node, [segment]) : undefined;
  }
  return segments;
}

/** Where a pointer's value is written; with `key`, where that property's key is written. */
export function positionOf(doc: JsonDocument, pointer: string, key?: string): { line: number; column: number } {
  const segments = pointerSegments(doc.tree, pointer);
  const valueNode = jsoncParser().findNodeAtLocation(doc.tree, key === undefined ? segments : [...segments, key]);
  const node = key === undefined ? valueNode : valueNode?.parent?.children?.[0];
  return doc.lines.position(node?.offset ?? doc.tree.offset);
}

export function jsonPointer(segments: readonly (string | number)[]): string {
  if (segments.length === 0) return "/";
  return segments.map((segment) => `/${String(segment).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}
