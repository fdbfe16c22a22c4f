import { describe, expect, it } from "vitest";
import { readMarkdown } from "../../src/parsers/markdown.js";

describe("Markdown reader", () => {
  it("finds ```mermaid, ~~~~mermaid and ::: mermaid blocks with the file position of each line", () => {
    const text = [
      "# Title", //1
      "", //2
      "```mermaid", //3
      "graph TD", //4
      "```", //5
      "- item", //6
      "", //7
      "  ~~~~ mermaid", //8
      "  flowchart LR", //9
      "      a --> b", //10
      "  ~~~~", //11
      "", //12
      "::: mermaid", //13
      "C4Context", //14
      ":::", //15
      "", //16
      "```mermaid-example", //17
      "graph TD", //18
      "```", //19
      "> ```mermaid", //20
      "> graph LR", //21
      "> ```", //22
    ].join("\n");
    const doc = readMarkdown("a.md", text);
    expect(doc.blocks.map((b) => [b.openLine, b.closeLine, b.lines.map((l) => [l.text, l.line, l.column])])).toEqual([
      [3, 5, [["graph TD", 4, 1]]],
      [
        8,
        11,
        [
          ["flowchart LR", 9, 3],
          ["    a --> b", 10, 3],
        ],
      ],
      [13, 15, [["C4Context", 14, 1]]],
      [20, 22, [["graph LR", 21, 3]]],
    ]);
    expect(doc.blocks[0]?.heading?.text).toBe("Title");
  });

  it("reads an unclosed fence to the end of the document", () => {
    const doc = readMarkdown("a.md", "text\n\n```mermaid\ngraph TD\n  a --> b\n");
    expect(doc.blocks).toHaveLength(1);
    expect(doc.blocks[0]?.lines.map((l) => l.text)).toEqual(["graph TD", "  a --> b"]);
  });

  it("scopes <!-- archlint-disable RULE -- reason --> to the diagram that follows", () => {
    const text = [
      "<!-- archlint-disable doc-duplicate-id, doc-syntax-error -- legacy -->",
      "",
      "```mermaid",
      "graph TD",
      "```",
      "",
      "```mermaid",
      "graph LR",
      "```",
    ].join("\n");
    const doc = readMarkdown("a.md", text);
    expect(doc.blocks[0]?.suppressions).toEqual([
      {
        rule: "doc-duplicate-id",
        reason: "legacy",
        source: { file: "a.md", line: 1, column: 1 },
        scope: { kind: "lines", file: "a.md", fromLine: 3, toLine: 5 },
      },
      {
        rule: "doc-syntax-error",
        reason: "legacy",
        source: { file: "a.md", line: 1, column: 1 },
        scope: { kind: "lines", file: "a.md", fromLine: 3, toLine: 5 },
      },
    ]);
    expect(doc.blocks[1]?.suppressions).toEqual([]);
  });

  it("reads tables with the line of each row", () => {
    const doc = readMarkdown("a.md", "| A | B |\n| --- | --- |\n| **x** | `y` |\n| 1 | 2 |\n");
    expect(doc.tables).toHaveLength(1);
    expect(doc.tables[0]?.header.map((c) => c.text)).toEqual(["A", "B"]);
    expect(doc.tables[0]?.rows.map((r) => [r.source.line, ...r.cells.map((c) => c.text)])).toEqual([
      [3, "**x**", "`y`"],
      [4, "1", "2"],
    ]);
  });
});
