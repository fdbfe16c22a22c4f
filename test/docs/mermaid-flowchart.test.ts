import { describe, expect, it } from "vitest";
import { subgraphSlug } from "../../src/parsers/mermaid/flowchart.js";
import { parse } from "./helpers.js";

const edgeList = (text: string) =>
  parse(text).edges.map((e) => `${e.from}${e.label ? `|${e.label.value}|` : ""}${e.to}`);

describe("flowchart parser", () => {
  it("reads every node shape with its label and the position of the id token", () => {
    const shapes = [
      ["a[rect]", "rect", "rect"],
      ["a(round)", "round", "round"],
      ["a([stadium])", "stadium", "stadium"],
      ["a[[sub]]", "subroutine", "sub"],
      ["a[(db)]", "cylinder", "db"],
      ["a((circle))", "circle", "circle"],
      ["a(((double)))", "double-circle", "double"],
      ["a>flag]", "asymmetric", "flag"],
      ["a{rhombus}", "diamond", "rhombus"],
      ["a{{hex}}", "hexagon", "hex"],
      ["a[/lean r/]", "lean", "lean r"],
      ["a[\\lean l\\]", "lean", "lean l"],
      ["a[/trap\\]", "lean", "trap"],
      ["a[\\trap alt/]", "lean", "trap alt"],
      ['a@{ shape: cyl, label: "Orders DB" }', "cyl", "Orders DB"],
      ['a["quoted <br/> two"]', "rect", "quoted\ntwo"],
      ['a["`**md** string`"]', "rect", "md string"],
    ] as const;
    for (const [text, shape, label] of shapes) {
      const d = parse(`flowchart LR\n  ${text}:::hot`);
      expect(d.diagnostics, text).toEqual([]);
      expect(d.nodes[0], text).toMatchObject({ id: "a", macro: shape, declared: true, source: { line: 2, column: 3 } });
      expect(d.nodes[0]?.label?.value, text).toBe(label);
    }
  });

  it("reads every link kind, edge texts, chains and & on both sides", () => {
    const arrows = ["-->", "---", "-.->", "-.-", "==>", "===", "--o", "--x", "<-->", "~~~", "---->", "===>", "-..->"];
    for (const arrow of arrows) expect(edgeList(`graph TD\nA ${arrow} B`), arrow).toEqual(["AB"]);
    expect(edgeList("graph TD\nI o--o J\nK x--x L")).toEqual(["IJ", "KL"]);
    expect(
      edgeList(
        'graph TD\nA -- plain text --> B\nA -. dotted .-> C\nA == thick ==> D\nA -->|pipe| E\nA -- "HTTPS (Port 443)" --> F',
      ),
    ).toEqual(["A|plain text|B", "A|dotted|C", "A|thick|D", "A|pipe|E", "A|HTTPS (Port 443)|F"]);
    expect(edgeList("graph LR\nA --> B --> C")).toEqual(["AB", "BC"]);
    expect(edgeList("graph LR\nA & B -- x --> C & D")).toEqual(["A|x|C", "A|x|D", "B|x|C", "B|x|D"]);
    expect(edgeList("graph LR\nA-->B;B-->C")).toEqual(["AB", "BC"]);
  });

  it("gives each edge the position of its source node token", () => {
    const d = parse("graph TD\n    a & b --> c");
    expect(d.edges.map((e) => [e.from, e.source.line, e.source.column])).toEqual([
      ["a", 2, 5],
      ["b", 2, 9],
    ]);
  });

  it("reads every subgraph form, nesting and membership", () => {
    const d = parse(
      [
        "flowchart TB",
        "subgraph one [Title One]",
        "  direction LR",
        '  subgraph two["Two"]',
        "    n1[N1]",
        "  end",
        "end",
        'subgraph "Quoted Title"',
        "  n2",
        "end",
        "subgraph Plain words",
        "  n3",
        "end",
        'subgraph "VPC"',
        "end",
        "subgraph Solo",
        "end",
      ].join("\n"),
    );
    expect(d.diagnostics).toEqual([]);
    const sub = (id: string) => d.nodes.find((n) => n.id === id)!;
    expect(sub("one")).toMatchObject({
      boundary: true,
      label: { value: "Title One" },
      source: { line: 2, column: 10 },
    });
    expect(sub("two")).toMatchObject({ parent: "one", label: { value: "Two" }, statement: { line: 4, column: 3 } });
    expect(sub("n1").parent).toBe("two");
    expect(sub("Quoted_Title")).toMatchObject({
      generatedId: true,
      label: { value: "Quoted Title" },
      source: { line: 8, column: 10 },
    });
    expect(sub("n2").parent).toBe("Quoted_Title");
    expect(sub("Plain_words")).toMatchObject({ generatedId: true, label: { value: "Plain words" } });
    expect(sub("VPC").generatedId).toBeUndefined();
    expect(sub("Solo")).toMatchObject({ boundary: true, label: { value: "Solo" } });
  });

  it("reports a subgraph title without an id at its bracket, and still reads what the subgraph holds", () => {
    const d = parse(["flowchart LR", "  subgraph [Title]", "    a --> b", "  end"].join("\n"));
    expect(d.diagnostics.map((x) => [x.code, x.source.line, x.source.column, x.message])).toEqual([
      ["doc-syntax-error", 2, 12, 'expected the id of the subgraph before "[" but found "[Title]"'],
    ]);
    expect(d.edges.map((e) => [e.from, e.to])).toEqual([["a", "b"]]);
  });

  it("lets an edge end on a subgraph, also through the id made from its title (seed 000)", () => {
    const d = parse(
      [
        "graph TD",
        'subgraph "EC2 Instance (e.g., t3.medium)"',
        "  app[App]",
        "end",
        "User --> EC2_Instance",
        "x --> Later",
        'subgraph Later["Later"]',
        "end",
      ].join("\n"),
    );
    expect(subgraphSlug("EC2 Instance (Private Subnet)")).toBe("EC2_Instance");
    expect(d.diagnostics).toEqual([]);
    expect(d.nodes.filter((n) => n.boundary).map((n) => n.id)).toEqual(["EC2_Instance", "Later"]);
    expect(d.nodes.find((n) => n.id === "Later")?.source).toMatchObject({ line: 7, column: 10 });
    expect(d.edges.map((e) => e.to)).toEqual(["EC2_Instance", "Later"]);
  });

  it("reports a node that reuses a subgraph's id, but not a restated node", () => {
    const d = parse(
      ["graph TD", 'subgraph vpc["VPC"]', '  a["A"]', "end", 'vpc["VPC node"]', 'a["A again"] --> vpc'].join("\n"),
    );
    expect(d.diagnostics.map((x) => [x.code, x.source.line, x.source.column])).toEqual([["doc-duplicate-id", 5, 1]]);
    expect(d.nodes.find((n) => n.id === "a")?.label?.value).toBe("A again");
  });

  it("ignores classDef, class, style, linkStyle, click and accessibility lines", () => {
    const d = parse(
      [
        "graph TD",
        "classDef x fill:#f00,stroke:#333;",
        "class a,b x",
        "style a fill:#0f0",
        "linkStyle 0 stroke:#f00",
        'click a "https://e.x"',
        "accTitle: T",
        "a --> b",
      ].join("\n"),
    );
    expect(d.diagnostics).toEqual([]);
    expect(d.nodes.map((n) => n.id)).toEqual(["a", "b"]);
  });

  it("says what was expected at the bad token and recovers on the next line", () => {
    const d = parse(
      [
        "graph TD",
        "a[open --> b",
        'c["never closed] --> d',
        "e --> ",
        "end",
        "--> f",
        "g --> h",
        'subgraph s["S"]',
      ].join("\n"),
    );
    expect(d.diagnostics.map((x) => [x.source.line, x.source.column, x.message])).toEqual([
      [2, 2, 'expected "]" to close "[" of node a but found end of line'],
      [3, 3, 'unterminated string: expected a closing " before the end of the line'],
      [4, 7, 'expected a node id after "-->" but found end of line'],
      [5, 1, 'unexpected "end": no subgraph is open'],
      [6, 1, 'expected a node id, subgraph, end or another flowchart statement but found "-->"'],
      [8, 1, 'expected "end" to close subgraph "S" but found end of diagram'],
    ]);
    expect(d.edges.map((e) => `${e.from}${e.to}`)).toEqual(["gh"]);
  });
});
