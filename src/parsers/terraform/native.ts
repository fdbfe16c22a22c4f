/**
 * Native HCL text → ConfigFile, with syntax errors as diagnostics at the token at fault.
 *
 * When tree-sitter cannot recover from an error (an ERROR node), the line of the error is
 * blanked (same length, so every position stays true) and the text parsed again, so that the
 * blocks after a stray token are still read. A few rounds at most; broken files are rare.
 */
import type { Diagnostic } from "../../model/graph.js";
import type { SourceLocation } from "../../model/source.js";
import { type ConfigFile, type Expr, SourceText } from "./ast.js";
import { Converter } from "./convert.js";
import { childOfType, namedChildren, type SyntaxNode, withSyntaxTree } from "./grammar.js";
import { type SyntaxProblem, treeProblems } from "./syntax-errors.js";

const MAX_RECOVERY_ROUNDS = 8;

export interface NativeParse {
  config: ConfigFile;
  diagnostics: Diagnostic[];
}

export function readNativeText(file: string, original: string): NativeParse {
  let text = original.charCodeAt(0) === 0xfeff ? original.slice(1) : original;
  const recorded: SyntaxProblem[] = [];
  for (let round = 0; ; round++) {
    const src = new SourceText(file, text);
    const converted = withSyntaxTree(text, (root, comments, hasError) => {
      const converter = new Converter(src);
      const body = converter.configBody(root);
      const problems = withoutEchoes([...(hasError ? treeProblems(root, src) : []), ...converter.problems]);
      return { body, problems, comments: converter.comments(comments) };
    });
    const blocking = converted.problems.find((problem) => problem.blocking);
    if (blocking && round < MAX_RECOVERY_ROUNDS) {
      recorded.push(blocking);
      text = blankLineAt(text, blocking.offset);
      continue;
    }
    recorded.push(...converted.problems);
    const config = { file, body: converted.body, comments: converted.comments };
    return { config, diagnostics: problemDiagnostics(recorded, src) };
  }
}

/** Problems in order, without the unclosed blocks that another problem inside them explains. */
function withoutEchoes(problems: SyntaxProblem[]): SyntaxProblem[] {
  return problems
    .filter((problem) => {
      const range = problem.echoOf;
      return (
        !range ||
        !problems.some((other) => other !== problem && other.offset > range.start && other.offset <= range.end)
      );
    })
    .sort((a, b) => a.offset - b.offset);
}

/** One diagnostic per line: the first problem on it (later ones are usually its echo). */
function problemDiagnostics(problems: SyntaxProblem[], src: SourceText): Diagnostic[] {
  const byLine = new Map<number, Diagnostic>();
  for (const problem of [...problems].sort((a, b) => a.offset - b.offset)) {
    const source = src.location(problem.offset);
    if (byLine.has(source.line)) continue;
    byLine.set(source.line, { code: "iac-parse-error", message: problem.message, source });
  }
  return [...byLine.values()];
}

/** Replaces the characters of the line holding `offset` by spaces (line breaks kept). */
function blankLineAt(text: string, offset: number): string {
  const start = text.lastIndexOf("\n", offset - 1) + 1;
  let end = text.indexOf("\n", offset);
  if (end < 0) end = text.length;
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  return text.slice(0, start) + " ".repeat(end - start) + text.slice(end);
}

const WRAP_MARKER = "ARCHLINT_TEMPLATE_END";

/**
 * A template given as bare text (a templatefile() file, a string of a .tf.json file), parsed
 * through a heredoc archlint wraps around it. `fixed` pins every position to one place (the
 * JSON string); otherwise positions are those of `file`, whose text starts on line 1.
 * Returns undefined when the text does not parse as a template.
 */
export function parseTemplateText(file: string, text: string, fixed?: SourceLocation): Expr | undefined {
  const wrapped = `t = <<${WRAP_MARKER}\n${text}\n${WRAP_MARKER}\n`;
  return parseWrapped(new SourceText(file, wrapped, fixed, -1), (expression, converter) => {
    const templateExpr = childOfType(expression, "template_expr");
    const heredoc = templateExpr ? namedChildren(templateExpr)[0] : undefined;
    return heredoc?.type === "heredoc_template" ? converter.wrappedTemplate(heredoc) : undefined;
  });
}

/** An expression given as bare text (`depends_on` / `provider` strings of a .tf.json file). */
export function parseExpressionText(file: string, text: string, fixed: SourceLocation): Expr | undefined {
  if (text.includes("\n")) return undefined;
  return parseWrapped(new SourceText(file, `e = ${text}\n`, fixed), (expression, converter) =>
    converter.expression(expression),
  );
}

function parseWrapped(
  src: SourceText,
  read: (expression: SyntaxNode, converter: Converter) => Expr | undefined,
): Expr | undefined {
  return withSyntaxTree(src.text, (root, _comments, hasError) => {
    if (hasError) return undefined;
    const body = childOfType(root, "body");
    const attribute = body ? childOfType(body, "attribute") : undefined;
    const expression = attribute ? childOfType(attribute, "expression") : undefined;
    return expression ? read(expression, new Converter(src)) : undefined;
  });
}
