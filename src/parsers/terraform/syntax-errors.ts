/**
 * Syntax errors of a native HCL file, from tree-sitter's ERROR and MISSING nodes and from the
 * rules of HCL that the grammar does not enforce (one-line block headers, one-line quoted
 * strings). Each problem is positioned on the token at fault.
 */
import type { SourceText } from "./ast.js";
import { block, type SyntaxNode } from "./grammar.js";

export interface SyntaxProblem {
  /** UTF-16 offset of the fault. */
  offset: number;
  message: string;
  /**
   * True when tree-sitter could not recover (an ERROR node): the line is blanked and the file
   * parsed again, so that what follows is still read. MISSING tokens were recovered already.
   */
  blocking: boolean;
  /**
   * For an unclosed block: its range. Another problem inside it is the cause (an unterminated
   * heredoc swallows the closing brace), and this one only its echo.
   */
  echoOf?: { start: number; end: number };
}

/** Tokens of the grammar's externals and named leaves, as a user would write them. */
const TOKEN_SPELLING: Record<string, string> = {
  quoted_template_start: '"',
  quoted_template_end: '"',
  template_interpolation_start: "${",
  template_interpolation_end: "}",
  template_directive_start: "%{",
  template_directive_end: "}",
  block_start: "{",
  block_end: "}",
  object_start: "{",
  object_end: "}",
  tuple_start: "[",
  tuple_end: "]",
};

/** Tokens whose absence is reported as missing; another missing token means the next one is unexpected. */
const CLOSING_TOKENS = new Set([
  "}",
  "]",
  ")",
  "=",
  ":",
  "quoted_template_end",
  "heredoc_identifier",
  "template_interpolation_end",
]);

/** ERROR and MISSING nodes of a fully copied tree: the first token of each ERROR region. */
export function treeProblems(root: SyntaxNode, src: SourceText): SyntaxProblem[] {
  const problems: SyntaxProblem[] = [];
  const visit = (node: SyntaxNode): void => {
    if (node.type === "ERROR") {
      // A token tree-sitter had to invent inside the region marks where parsing really failed.
      const invented = leavesWithMissing(node).find((leaf) => leaf.isMissing);
      problems.push(invented ? unexpectedAt(root, invented.startIndex, src) : errorProblem(node, src));
    } else if (node.isMissing && !CLOSING_TOKENS.has(node.type))
      problems.push(unexpectedAt(root, node.startIndex, src));
    else if (node.isMissing) problems.push(missingProblem(node, src));
    else node.children.forEach(visit);
  };
  visit(root);
  // A configuration file is a body; a bare object at the top is valid only in .tfvars.json.
  const object = root.children.find((child) => child.type === "object");
  if (object) problems.push(unexpectedAt(root, object.startIndex, src));
  return problems;
}

/** The token written at (or first after) an offset, as unexpected. */
function unexpectedAt(root: SyntaxNode, offset: number, src: SourceText): SyntaxProblem {
  const token = leaves(root).find((leaf) => leaf.startIndex >= offset && leaf.endIndex > leaf.startIndex);
  if (token)
    return {
      offset: token.startIndex,
      message: `unexpected ${describeToken(token, src.slice(token.startIndex, token.endIndex))}`,
      blocking: true,
    };
  // Text the tree does not cover (a scanner swallowed it, maybe a string): name punctuation only.
  const rest = src.text.slice(offset).match(/^\s*([\p{L}\p{N}_]+|\S)/u);
  const at = rest ? offset + rest[0].length - rest[1]!.length : offset;
  const what = !rest
    ? "end of file"
    : rest[1]!.length === 1 && /[\p{P}\p{S}]/u.test(rest[1]!)
      ? `"${rest[1]}"`
      : "token";
  return { offset: at, message: `unexpected ${what}`, blocking: true };
}

/**
 * What is wrong where tree-sitter gave up. HCL is line-oriented (an argument ends at the end of
 * its line) and the grammar is not, so the ERROR region often starts on a valid token; the
 * shapes below put the message where the line actually breaks the syntax.
 */
function errorProblem(node: SyntaxNode, src: SourceText): SyntaxProblem {
  const tokens = leaves(node);
  const leaf = tokens[0] ?? node;
  const text = (token: SyntaxNode) => src.slice(token.startIndex, token.endIndex);
  const parent = node.parent;
  const siblings = parent?.children ?? [];
  const previous = siblings[siblings.indexOf(node) - 1];
  const nameBefore = previous?.type === "identifier" && src.lineAt(previous.startIndex) === src.lineAt(leaf.startIndex);
  if (nameBefore && parent?.type === "attribute" && leaf.type !== "=") {
    return { offset: leaf.startIndex, message: `missing "=" after "${text(previous)}"`, blocking: true };
  }
  if (nameBefore && parent?.type === "attribute") {
    // `name = a +` and a line break: the expression stops short at the end of the line.
    const line = src.lineAt(leaf.startIndex);
    const onLine = tokens.filter((token) => src.lineAt(token.startIndex) === line);
    const last = onLine[onLine.length - 1]!;
    return { offset: last.endIndex, message: `unexpected end of line after "${text(last)}"`, blocking: true };
  }
  if (nameBefore && parent?.type === "block" && block.labels(parent).length === 0) {
    return { offset: leaf.startIndex, message: `missing "=" after "${text(previous)}"`, blocking: true };
  }
  return { offset: leaf.startIndex, message: `unexpected ${describeToken(leaf, text(leaf))}`, blocking: true };
}

function missingProblem(node: SyntaxNode, src: SourceText): SyntaxProblem {
  const holder = node.parent?.type === "block_end" ? node.parent.parent : undefined;
  if (holder?.type === "block") {
    const open = block.start(holder);
    return {
      offset: open?.startIndex ?? holder.startIndex,
      message: `missing "}": this block is not closed`,
      blocking: false,
      echoOf: { start: holder.startIndex, end: holder.endIndex },
    };
  }
  if (node.type === "heredoc_identifier" && node.parent?.type === "heredoc_template") {
    const opening = node.parent.children.find((child) => child.type === "heredoc_identifier" && !child.isMissing);
    const marker = opening ? src.slice(opening.startIndex, opening.endIndex) : "";
    return {
      offset: node.parent.startIndex,
      message: `unterminated heredoc: no line "${marker}" ends it`,
      blocking: false,
    };
  }
  if (node.type === "quoted_template_end")
    return { offset: node.startIndex, message: "unterminated string", blocking: false };
  const spelled = TOKEN_SPELLING[node.type] ?? (node.isNamed ? node.type.replace(/_/g, " ") : node.type);
  return {
    offset: node.startIndex,
    message: node.isNamed && !TOKEN_SPELLING[node.type] ? `missing ${spelled}` : `missing "${spelled}"`,
    blocking: false,
  };
}

function leavesWithMissing(node: SyntaxNode): SyntaxNode[] {
  if (node.children.length === 0) return [node];
  return node.children.flatMap(leavesWithMissing);
}

/** The tokens of a subtree, in order (MISSING ones left out). */
function leaves(node: SyntaxNode): SyntaxNode[] {
  if (node.children.length === 0) return node.isMissing ? [] : [node];
  return node.children.flatMap(leaves);
}

/** How a token appears in a message; string contents are never quoted (they may be secrets). */
function describeToken(leaf: SyntaxNode, text: string): string {
  if (leaf.type === "quoted_template_start" || leaf.type === "template_literal") return "string";
  const spelled = TOKEN_SPELLING[leaf.type];
  if (spelled) return `"${spelled}"`;
  if (text === "") return "end of file";
  if (/^[\p{L}\p{N}_\-.:]{1,40}$/u.test(text) || !leaf.isNamed) return `"${text}"`;
  return "token";
}

/** A block header token written before the line of the `{`: HCL wants a header on one line. */
export function splitHeaderProblem(token: SyntaxNode, text: string): SyntaxProblem {
  return { offset: token.startIndex, message: `unexpected ${describeToken(token, text)}`, blocking: true };
}

/** A quoted string whose text runs over a line break: its closing quote is missing. */
export function unterminatedStringProblem(openQuote: SyntaxNode): SyntaxProblem {
  return { offset: openQuote.startIndex, message: "unterminated string", blocking: true };
}
