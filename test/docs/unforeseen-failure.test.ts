/**
 * A diagram the parser fails on in a way nobody foresaw costs that diagram only: it becomes a
 * doc-syntax-error at the diagram, and the other diagrams of the document are still read.
 */
import { describe, expect, it, vi } from "vitest";
import { readDocuments } from "../../src/docs/index.js";

vi.mock("../../src/parsers/mermaid/index.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/parsers/mermaid/index.js")>();
  return {
    ...original,
    parseDiagramBlock: (src: Parameters<typeof original.parseDiagramBlock>[0]) => {
      if (src.text.includes("FAILS")) throw new TypeError("unforeseen");
      return original.parseDiagramBlock(src);
    },
  };
});

describe("a diagram whose parsing throws", () => {
  it("is a doc-syntax-error at its first line; the next diagram is read", () => {
    const text = [
      "# Architecture",
      "",
      "```mermaid",
      "flowchart LR",
      "  FAILS --> x",
      "```",
      "",
      "```mermaid",
      "flowchart LR",
      "  web --> db",
      "```",
      "",
    ].join("\n");
    const result = readDocuments([{ file: "arch.md", text }]);
    expect(
      result.graph.diagnostics.map((d) => [d.code, d.source.file, d.source.line, d.source.column, d.message]),
    ).toEqual([["doc-syntax-error", "arch.md", 4, 1, "archlint could not read this diagram: unforeseen"]]);
    expect(result.graph.elements.map((e) => e.id)).toEqual(["web", "db"]);
  });
});
