/**
 * Inline suppressions of Terraform files (rules.md): a comment
 * `# archlint-disable-next-line RULE_ID -- reason` (also `//` and `/* … *\/`) covers its own
 * line and the next one; on or directly above a `module "x" {` line it also covers every
 * finding inside that module call.
 */
import type { SourceLocation } from "../../model/source.js";
import type { Suppression } from "../../model/suppression.js";
import { type Comment, type ConfigFile, spanLocation } from "./ast.js";

const DIRECTIVE = "archlint-disable-next-line";

export interface SuppressionComment {
  rules: string[];
  reason?: string;
  source: SourceLocation;
  /** Last line of the comment (a block comment may span several). */
  endLine: number;
}

/** The suppression a comment holds, if it is one. */
export function readSuppressionComment(comment: Comment): SuppressionComment | undefined {
  const body = commentBody(comment.text).trim();
  if (!body.startsWith(DIRECTIVE)) return undefined;
  const rest = body.slice(DIRECTIVE.length);
  if (rest !== "" && !/^\s/.test(rest)) return undefined;
  const separator = rest.indexOf("--");
  const rulesText = separator < 0 ? rest : rest.slice(0, separator);
  const reason = separator < 0 ? "" : rest.slice(separator + 2).trim();
  const rules = rulesText.split(/[\s,]+/).filter((rule) => rule !== "");
  if (rules.length === 0) return undefined;
  const found: SuppressionComment = { rules, source: spanLocation(comment), endLine: comment.endLine };
  if (reason !== "") found.reason = reason;
  return found;
}

function commentBody(text: string): string {
  if (text.startsWith("#")) return text.slice(1);
  if (text.startsWith("//")) return text.slice(2);
  if (text.startsWith("/*")) return text.slice(2, text.endsWith("*/") ? -2 : undefined);
  return text;
}

/** Suppression comments of a file, once per file. */
export function suppressionComments(file: ConfigFile): SuppressionComment[] {
  return file.comments.map(readSuppressionComment).filter((found): found is SuppressionComment => found !== undefined);
}

/** Line suppressions: the comment's lines and the line after it. */
export function lineSuppressions(comments: SuppressionComment[]): Suppression[] {
  return comments.flatMap((comment) =>
    comment.rules.map(
      (rule): Suppression => ({
        rule,
        ...(comment.reason !== undefined ? { reason: comment.reason } : {}),
        source: comment.source,
        scope: { kind: "lines", file: comment.source.file, fromLine: comment.source.line, toLine: comment.endLine + 1 },
      }),
    ),
  );
}

/** Module suppressions of the comments on or directly above a module call's first line. */
export function moduleSuppressions(
  comments: SuppressionComment[],
  callLine: number,
  modulePath: string,
): Suppression[] {
  return comments
    .filter((comment) => comment.endLine === callLine - 1 || comment.endLine === callLine)
    .flatMap((comment) =>
      comment.rules.map(
        (rule): Suppression => ({
          rule,
          ...(comment.reason !== undefined ? { reason: comment.reason } : {}),
          source: comment.source,
          scope: { kind: "module", modulePath },
        }),
      ),
    );
}
