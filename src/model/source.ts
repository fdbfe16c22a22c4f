/**
 * Where something was written. Every element, relation, fact and finding carries one.
 *
 * `file` is relative to the scan root (DIR in cli.md) with `/` separators; `line` and
 * `column` start at 1. Columns count UTF-16 code units, as SARIF and editors expect.
 * Live elements have no file: their `file` is the ARN (or id) and line/column are 1.
 */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/** A location with a short explanation, used for `related` locations and evidence. */
export interface Evidence extends SourceLocation {
  message: string;
}

export function location(file: string, line: number, column: number): SourceLocation {
  return { file, line, column };
}

/** Orders locations by file, line, column: the report order of cli.md. */
export function compareLocations(a: SourceLocation, b: SourceLocation): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  return a.column - b.column;
}

/**
 * Turns byte offsets of a text into 1-based line/column (UTF-16 columns).
 * Build once per file; each lookup is a binary search.
 */
export class LineIndex {
  private readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10) starts.push(i + 1);
      else if (ch === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  /** 1-based line and column of a UTF-16 offset into the text. */
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }

  /** UTF-16 offset of a 1-based line and column. */
  offset(line: number, column: number): number {
    const start = this.starts[Math.min(Math.max(line - 1, 0), this.starts.length - 1)] ?? 0;
    return start + column - 1;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string {
    const start = this.starts[line - 1];
    if (start === undefined) return "";
    const next = this.starts[line];
    let end = next === undefined ? this.text.length : next;
    while (end > start && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return this.text.slice(start, end);
  }
}
