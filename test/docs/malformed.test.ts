import { describe, expect, it } from "vitest";
import { readDocuments, sniffDocument } from "../../src/docs/index.js";
import { fixture, parse } from "./helpers.js";

const diagnosticsOf = (name: string) => {
  const text = fixture(`malformed-docs/${name}`);
  const result = readDocuments([{ file: name, text }]);
  return result.graph.diagnostics.map((d) => [d.code, d.source.line, d.source.column, d.message]);
};

describe("malformed documents", () => {
  it("doc-syntax-error: a macro left open, at the end of its line; the rest still read", () => {
    expect(diagnosticsOf("syntax-error.md")).toEqual([
      ["doc-syntax-error", 6, 50, 'expected ")" to close Container(api … but found end of line'],
    ]);
    const result = readDocuments([{ file: "s.md", text: fixture("malformed-docs/syntax-error.md") }]);
    expect(result.graph.elements.map((e) => e.id)).toEqual(["user", "api", "db"]);
    expect(result.graph.relations).toHaveLength(2);
  });

  it("doc-unknown-reference: Rel and UpdateElementStyle naming aliases never defined", () => {
    expect(diagnosticsOf("unknown-reference.md")).toEqual([
      ["doc-unknown-reference", 8, 14, 'Rel names "databse", which this diagram never defines'],
      ["doc-unknown-reference", 9, 24, 'UpdateElementStyle names "cache", which this diagram never defines'],
    ]);
  });

  it("doc-duplicate-id: two macros with one alias; a node reusing a subgraph id (a restated node is fine)", () => {
    expect(diagnosticsOf("duplicate-id.md")).toEqual([
      ["doc-duplicate-id", 6, 17, 'duplicate alias "api": ContainerDb reuses the alias of the Container on line 5'],
      ["doc-duplicate-id", 14, 5, 'duplicate id "vpc": a node reuses the id of the subgraph on line 11'],
    ]);
  });

  it("unterminated strings in C4 and flowcharts, at the opening quote", () => {
    expect(diagnosticsOf("unterminated-string.md")).toEqual([
      ["doc-syntax-error", 5, 27, 'unterminated string: expected a closing " before the end of the line'],
      ["doc-syntax-error", 11, 7, 'unterminated string: expected a closing " before the end of the line'],
    ]);
  });

  it("unknown diagram type: reported and skipped; a known type archlint does not model is skipped quietly", () => {
    expect(diagnosticsOf("unknown-diagram-type.md")).toEqual([
      [
        "doc-syntax-error",
        4,
        1,
        'unknown diagram type "archtecture": expected C4Context, C4Container, C4Component, C4Dynamic, C4Deployment, graph, flowchart or architecture-beta; did you mean architecture-beta?',
      ],
    ]);
    const result = readDocuments([{ file: "u.md", text: fixture("malformed-docs/unknown-diagram-type.md") }]);
    expect(result.documents[0]!.diagrams.map((d) => [d.type, d.header, d.selected])).toEqual([
      ["unknown", "archtecture", false],
      ["unknown", "sequenceDiagram", false],
      ["flowchart", "graph TD", true],
    ]);
    expect(result.graph.elements.map((e) => e.id)).toEqual(["still_read"]);
  });

  it("unknown diagram type: did you mean the closest header, when one is close", () => {
    const suggestion = (header: string) => {
      const message = parse(`${header}\n  a --> b`).diagnostics[0]?.message ?? "";
      return /did you mean (\S+)\?$/.exec(message)?.[1] ?? (message ? "none" : "no diagnostic");
    };
    expect(
      [
        "architecture",
        "c4container",
        "C4Deploymnet",
        "flowchrt",
        "grahp",
        "sequencediagram",
        "mindmapp",
        "kanbna",
        "zzzzz",
      ].map(suggestion),
    ).toEqual([
      "architecture-beta",
      "C4Container",
      "C4Deployment",
      "flowchart",
      "graph",
      "sequenceDiagram",
      "mindmap",
      "kanban",
      "none",
    ]);
    expect(parse("archtecture\n  service api(server)[API]").diagnostics).toEqual([
      {
        code: "doc-syntax-error",
        message:
          'unknown diagram type "archtecture": expected C4Context, C4Container, C4Component, C4Dynamic, C4Deployment, graph, flowchart or architecture-beta; did you mean architecture-beta?',
        source: { file: "d.mmd", line: 1, column: 1 },
      },
    ]);
  });

  it("unclosed fence: read to the end of the document", () => {
    expect(diagnosticsOf("unclosed-fence.md")).toEqual([]);
    const result = readDocuments([{ file: "f.md", text: fixture("malformed-docs/unclosed-fence.md") }]);
    expect(result.graph.elements.map((e) => [e.id, e.kind])).toEqual([
      ["web", "application"],
      ["db", "database"],
    ]);
  });

  it("empty and binary files are no documents", () => {
    expect(sniffDocument(fixture("malformed-docs/empty.md"))).toBeNull();
    expect(sniffDocument(fixture("malformed-docs/binary.mmd"))).toBeNull();
    const result = readDocuments([
      { file: "empty.md", text: fixture("malformed-docs/empty.md") },
      { file: "binary.mmd", text: fixture("malformed-docs/binary.mmd") },
    ]);
    expect(result.documents).toEqual([]);
    expect(result.graph).toEqual({ elements: [], relations: [], diagnostics: [] });
  });
});
