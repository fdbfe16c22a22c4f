/**
 * Markdown architecture documents, read with markdown-it (CommonMark): the Mermaid blocks
 * (```mermaid / ~~~mermaid fences of any length and indentation, Azure DevOps `::: mermaid`
 * blocks) with the file position of every line, the headings before them, the
 * `<!-- archlint-disable RULE -- reason -->` comments that cover the next diagram, and the
 * tables (for component-to-resource mapping tables).
 */
import { createRequire } from "node:module";
import type { MarkdownIt as MarkdownItInstance, StateBlock, Token } from "markdown-it";
import type { SourceLocation } from "../model/source.js";
import type { Suppression } from "../model/suppression.js";
import { parseSuppression } from "./mermaid/scanner.js";
import type { TextLine } from "./mermaid/text.js";

export interface MarkdownDiagramBlock {
  /** Content lines, each with the file position of its first character. */
  lines: TextLine[];
  /** The opening fence line (1-based) and the closing one (the last line when unclosed). */
  openLine: number;
  closeLine: number;
  /** The nearest heading above the block: a fallback title. */
  heading?: { text: string; source: SourceLocation };
  /** `<!-- archlint-disable … -->` comments right before the block, scoped to it. */
  suppressions: Suppression[];
}

export interface MarkdownTableCell {
  /** The cell's inline Markdown as written (`**API Gateway**`, `` `Amazon RDS` ``). */
  text: string;
}

export interface MarkdownTable {
  header: MarkdownTableCell[];
  rows: { cells: MarkdownTableCell[]; source: SourceLocation }[];
}

export interface MarkdownDocument {
  blocks: MarkdownDiagramBlock[];
  tables: MarkdownTable[];
}

type MarkdownItConstructor = new (options?: Record<string, unknown>) => MarkdownItInstance;
let parser: MarkdownItInstance | undefined;

/** markdown-it costs ~40 ms to load: loaded on the first Markdown document, not at start-up. */
function markdownIt(): MarkdownItInstance {
  if (!parser) {
    const require = createRequire(import.meta.url);
    const MarkdownIt = require("markdown-it") as MarkdownItConstructor;
    parser = new MarkdownIt({ html: true });
    // Only block structure is needed (fences, headings, tables keep their raw inline text in
    // `content`): inline parsing would be most of the cost on large documents.
    parser.core.ruler.disable(["inline", "linkify", "replacements", "smartquotes", "text_join"], true);
    parser.block.ruler.before("fence", "mermaid_container", mermaidContainer, {
      alt: ["paragraph", "reference", "blockquote", "list"],
    });
  }
  return parser;
}

/** Azure DevOps `::: mermaid` … `:::` blocks. */
function mermaidContainer(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const lineText = (line: number) => state.src.slice(state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]!);
  if (!/^:::\s*mermaid\s*$/i.test(lineText(startLine))) return false;
  if (silent) return true;
  let next = startLine + 1;
  let closed = false;
  for (; next < endLine; next++) {
    const text = lineText(next);
    if (text !== "" && state.sCount[next]! < state.blkIndent) break;
    if (/^:::\s*$/.test(text)) {
      closed = true;
      break;
    }
  }
  const token = state.push("mermaid_container", "div", 0);
  token.map = [startLine, closed ? next + 1 : next];
  token.content = state.getLines(startLine + 1, next, state.sCount[startLine]!, true);
  token.info = "mermaid";
  token.block = true;
  state.line = closed ? next + 1 : next;
  return true;
}

function isMermaidFence(token: Token): boolean {
  if (token.type === "mermaid_container") return true;
  if (token.type !== "fence") return false;
  // `mermaid-example` fences are documentation examples, not the architecture.
  return token.info.trim().split(/\s+/)[0]?.toLowerCase() === "mermaid";
}

/** Maps the content lines of a block token back to their file lines and columns. */
function contentLines(token: Token, rawLines: string[]): TextLine[] {
  const map = token.map!;
  const content = token.content.endsWith("\n") ? token.content.slice(0, -1) : token.content;
  if (content === "" && map[1] - map[0] <= 2) return [];
  const lines = content.split("\n");
  return lines.map((text, i) => {
    const lineIndex = map[0] + 1 + i;
    const raw = rawLines[lineIndex] ?? "";
    const column = raw.endsWith(text) ? raw.length - text.length + 1 : 1;
    return { text, line: lineIndex + 1, column };
  });
}

export function readMarkdown(file: string, text: string): MarkdownDocument {
  const tokens = markdownIt().parse(text, {});
  const rawLines = text.replace(/\0/g, "\uFFFD").split(/\r\n|\r|\n/);
  const blocks: MarkdownDiagramBlock[] = [];
  const tables: MarkdownTable[] = [];
  let heading: MarkdownDiagramBlock["heading"];
  let pending: Suppression[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === "heading_open" && token.map) {
      const inline = tokens[i + 1];
      heading = { text: inline?.content ?? "", source: { file, line: token.map[0] + 1, column: 1 } };
    } else if (token.type === "html_block" && token.map) {
      pending.push(...htmlSuppressions(file, token, rawLines));
    } else if (token.type === "table_open") {
      const table = readTable(file, tokens, i);
      tables.push(table.table);
      i = table.end;
    } else if (isMermaidFence(token) && token.map) {
      const openLine = token.map[0] + 1;
      const closeLine = Math.max(openLine, token.map[1]);
      const block: MarkdownDiagramBlock = {
        lines: contentLines(token, rawLines),
        openLine,
        closeLine,
        suppressions: pending.map((s) => ({
          ...s,
          scope: { kind: "lines", file, fromLine: openLine, toLine: closeLine },
        })),
      };
      if (heading) block.heading = heading;
      blocks.push(block);
      pending = [];
    }
  }
  return { blocks, tables };
}

function htmlSuppressions(file: string, token: Token, rawLines: string[]): Suppression[] {
  const found: Suppression[] = [];
  const comment = /<!--([\s\S]*?)-->/g;
  const base = token.map![0];
  const content = token.content;
  for (let m = comment.exec(content); m; m = comment.exec(content)) {
    const lineIndex = base + content.slice(0, m.index).split("\n").length - 1;
    const raw = rawLines[lineIndex] ?? "";
    const column = Math.max(raw.indexOf("<!--"), 0) + 1;
    const parsed = parseSuppression(m[1]!.trim(), { file, line: lineIndex + 1, column }, "block");
    if (parsed) found.push(...parsed);
  }
  return found;
}

function readTable(file: string, tokens: Token[], start: number): { table: MarkdownTable; end: number } {
  const table: MarkdownTable = { header: [], rows: [] };
  let row: { cells: MarkdownTableCell[]; source: SourceLocation } | undefined;
  let inHead = false;
  let i = start + 1;
  for (; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === "table_close") break;
    if (token.type === "thead_open") inHead = true;
    else if (token.type === "thead_close") inHead = false;
    else if (token.type === "tr_open")
      row = { cells: [], source: { file, line: (token.map?.[0] ?? 0) + 1, column: 1 } };
    else if (token.type === "tr_close" && row) {
      if (inHead) table.header = row.cells;
      else table.rows.push(row);
      row = undefined;
    } else if (token.type === "inline" && row) row.cells.push({ text: token.content });
  }
  return { table, end: i };
}
