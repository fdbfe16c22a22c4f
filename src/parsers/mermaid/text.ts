/**
 * A diagram's text with the way back to the file: diagram text is cut out of a Markdown fence
 * (indented, inside a list) or out of a bare Mermaid file, and every position a parser reports
 * must be the position in the file (1-based line, UTF-16 column).
 */
import type { SourceLocation } from "../../model/source.js";

/** One line of diagram text and where its first character sits in the file. */
export interface TextLine {
  text: string;
  line: number;
  column: number;
}

export class MappedText {
  /** The lines joined with "\n": what the parsers scan. */
  readonly text: string;
  private readonly starts: number[];

  constructor(
    readonly file: string,
    readonly lines: TextLine[],
  ) {
    const starts: number[] = [];
    let offset = 0;
    for (const line of lines) {
      starts.push(offset);
      offset += line.text.length + 1;
    }
    this.starts = starts;
    this.text = lines.map((line) => line.text).join("\n");
  }

  /** Index into `lines` of the line holding an offset of `text`. */
  lineIndex(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** File position of an offset of `text`. Offsets past the end map just after the last character. */
  loc(offset: number): SourceLocation {
    if (this.lines.length === 0) return { file: this.file, line: 1, column: 1 };
    const index = this.lineIndex(Math.max(0, Math.min(offset, this.text.length)));
    const line = this.lines[index]!;
    const within = Math.min(Math.max(offset, 0) - this.starts[index]!, line.text.length);
    return { file: this.file, line: line.line, column: line.column + within };
  }

  /** File line of the first and last lines. */
  get firstLine(): number {
    return this.lines[0]?.line ?? 1;
  }

  get lastLine(): number {
    return this.lines[this.lines.length - 1]?.line ?? 1;
  }

  /** A new MappedText holding lines [from, to) of this one. */
  slice(from: number, to: number): MappedText {
    return new MappedText(this.file, this.lines.slice(from, to));
  }
}

/** Lines of a whole file, each at column 1 of its own line (bare Mermaid files). */
export function fileLines(text: string): TextLine[] {
  const lines = text.split(/\r\n|\r|\n/);
  return lines.map((line, i) => ({ text: line, line: i + 1, column: 1 }));
}
