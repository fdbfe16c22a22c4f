import { describe, expect, it } from "vitest";
import { readDocuments, sniffDocument } from "../../src/docs/index.js";

const doc = [
  "# Evolution",
  "",
  "```mermaid",
  "C4Container",
  "title Step one",
  'Container(api, "API", "Go", "First version.")',
  'ContainerDb(db, "DB", "PostgreSQL")',
  'Rel(api, db, "Reads")',
  "```",
  "",
  "```mermaid",
  "C4Container",
  "title Step two (representative example)",
  'Container(api, "API", "...", "...")',
  'Container(cache, "Cache", "Redis")',
  'Rel(api, cache, "Reads")',
  "```",
  "",
  "```mermaid",
  "graph TD",
  'subgraph priv["Private Subnet"]',
  '  app["App server"]',
  "end",
  "```",
  "",
  "```mermaid",
  "graph TD",
  'subgraph host["EC2 Instance"]',
  '  app["App server"]',
  "end",
  "```",
].join("\n");

const read = (selector?: "last" | "all" | string | number[]) =>
  readDocuments([{ file: "a.md", text: doc }], selector === undefined ? {} : { diagrams: { "a.md": selector } });

describe("composition and the diagrams option", () => {
  it("default: an abbreviated diagram updates, '...' keeps the earlier value, placement carries forward", () => {
    const { graph, documents } = read();
    expect(documents[0]!.diagrams.map((d) => [d.index, d.view, d.abbreviated, d.abbreviatedBecause])).toEqual([
      [1, "logical", false, undefined],
      [2, "logical", true, 'technology "..." of api'],
      [3, "physical", false, undefined],
      [4, "physical", false, undefined],
    ]);
    expect(graph.elements.filter((e) => e.view === "logical").map((e) => e.id)).toEqual(["api", "db", "cache"]);
    const api = graph.elements.find((e) => e.id === "api")!;
    expect(api).toMatchObject({ technology: "Go", description: "First version.", source: { line: 14, column: 11 } });
    expect(graph.relations.filter((r) => r.view === "logical").map((r) => `${r.from}>${r.to}`)).toEqual([
      "api>db",
      "api>cache",
    ]);
    // The complete step 4 drops the subnet box but not the fact that the app is private.
    const app = graph.elements.find((e) => e.id === "app")!;
    expect(app).toMatchObject({ parent: "host", attributes: { subnetTier: "private" } });
    expect(app.evidence?.subnetTier).toEqual({
      file: "a.md",
      line: 21,
      column: 1,
      message: 'documented in "Private Subnet"',
    });
    expect(graph.elements.map((e) => e.id)).not.toContain("priv");
  });

  it('"last": only the last diagram of each view', () => {
    const { graph, documents } = read("last");
    expect(documents[0]!.diagrams.map((d) => d.selected)).toEqual([false, true, false, true]);
    expect(graph.elements.map((e) => e.id)).toEqual(["api", "cache", "host", "app"]);
    expect(graph.elements.find((e) => e.id === "api")?.technology).toBeUndefined();
    expect(graph.elements.find((e) => e.id === "app")?.attributes.subnetTier).toBeUndefined();
  });

  it('"all": every diagram merged in order, a later definition replacing an earlier one', () => {
    const { graph } = read("all");
    expect(graph.elements.map((e) => e.id)).toEqual(["api", "db", "cache", "priv", "app", "host"]);
  });

  it("a title substring or a list of 1-based indexes", () => {
    expect(read("step one").graph.elements.map((e) => e.id)).toEqual(["api", "db"]);
    expect(read([1, 3]).graph.elements.map((e) => e.id)).toEqual(["api", "db", "priv", "app"]);
  });

  it("an id in both views: the physical one is renamed and linked", () => {
    const text = [
      "```mermaid",
      "C4Container",
      'ContainerDb(db, "DB", "PostgreSQL")',
      "```",
      "```mermaid",
      "graph TD",
      'db[("RDS")]',
      "```",
    ].join("\n");
    const result = readDocuments([{ file: "b.md", text }]);
    expect(result.graph.elements.map((e) => `${e.view}:${e.id}`)).toEqual(["logical:db", "physical:db@physical"]);
    expect(result.viewLinks).toEqual([
      {
        logical: "db",
        physical: "db@physical",
        evidence: 'same id "db" in both views',
        source: { file: "b.md", line: 7, column: 1 },
      },
    ]);
  });

  it("ids used by two documents are prefixed with their document, in relations and parents too", () => {
    const text = ["```mermaid", "graph TD", 'subgraph vpc["VPC"]', "  web --> db", "end", "```"].join("\n");
    const result = readDocuments([
      { file: "a.md", text },
      { file: "b.md", text: text.replace("web", "api") },
    ]);
    expect(result.graph.elements.map((e) => [e.id, e.parent])).toEqual([
      ["a.md#vpc", undefined],
      ["web", "a.md#vpc"],
      ["a.md#db", "a.md#vpc"],
      ["b.md#vpc", undefined],
      ["api", "b.md#vpc"],
      ["b.md#db", "b.md#vpc"],
    ]);
    expect(result.graph.relations.map((r) => `${r.from}>${r.to}`)).toEqual(["web>a.md#db", "api>b.md#db"]);
  });
});

describe("never crashes", () => {
  it("reads a 5 MB Markdown file", () => {
    const prose =
      "Some prose with `code`, **bold** and a [link](https://example.com).\n\n| x | y |\n| - | - |\n| 1 | 2 |\n\n";
    const diagram = '```mermaid\ngraph TD\n  a["A"] --> b[(B)]\n```\n\n';
    const section = prose.repeat(50) + diagram;
    const sections = Math.ceil((5 * 1024 * 1024) / section.length);
    const text = section.repeat(sections);
    const started = performance.now();
    const result = readDocuments([{ file: "big.md", text }]);
    expect(performance.now() - started).toBeLessThan(15000);
    expect(result.documents[0]!.diagrams).toHaveLength(sections);
    expect(result.graph.elements.map((e) => e.id)).toEqual(["a", "b"]);
  });

  it("survives garbage inside a diagram and keeps the diagnostics few", () => {
    const garbage = `graph TD\n${'a["x --> [[ (( {{ | ~~~ \\ " \n'.repeat(20000)}`;
    const c4 = `C4Container\n${'Rel(a, "b\n'.repeat(20000)}`;
    const result = readDocuments([
      { file: "g.mmd", text: garbage },
      { file: "c.mmd", text: c4 },
    ]);
    expect(result.graph.diagnostics.length).toBeLessThanOrEqual(200);
    expect(sniffDocument("")).toBeNull();
    expect(sniffDocument("just prose\n")).toBeNull();
    expect(sniffDocument("---\ntitle: x\n---\n%%{init: {}}%%\nflowchart LR\n")).toBe("mermaid");
    expect(readDocuments([{ file: "e.mmd", text: "graph TD" }]).graph.elements).toEqual([]);
  });
});
