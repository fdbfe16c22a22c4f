import { describe, expect, it } from "vitest";
import type { Element, Graph, Relation } from "../../src/model/graph.js";
import type { Mapping } from "../../src/model/mapping.js";
import { fileLines, parseDiagramBlock } from "../../src/parsers/mermaid/index.js";
import { MappedText } from "../../src/parsers/mermaid/text.js";
import { formatGraph, formatMapping } from "../../src/report/index.js";

function element(id: string, kind: Element["kind"], label: string, extra: Partial<Element> = {}): Element {
  return {
    id,
    kind,
    label,
    attributes: {},
    source: { file: "docs/a.md", line: 1, column: 1 },
    origin: "doc",
    ...extra,
  };
}

function relation(from: string, to: string, label?: string): Relation {
  const out: Relation = { from, to, kind: "uses", source: { file: "docs/a.md", line: 9, column: 3 } };
  if (label !== undefined) out.label = label;
  return out;
}

const GRAPH: Graph = {
  elements: [
    element("web", "container", "Web App", { parent: "private", technology: "Container: Go" }),
    element("vpc", "network", "VPC", { boundary: true }),
    element("private", "network", "Private Subnet", { boundary: true, parent: "vpc" }),
    element("db", "database", 'Postgres "main" <primary>', { parent: "private", attributes: { multiAz: true } }),
    element("end", "person", "User"),
  ],
  relations: [relation("web", "db", "reads #1"), relation("end", "web"), relation("web", "ghost.service")],
  diagnostics: [],
};

describe("formatGraph json", () => {
  it("prints elements and relations with the model's field names in a stable order", () => {
    const parsed = JSON.parse(formatGraph("json", GRAPH)) as { elements: Element[]; relations: Relation[] };
    expect(Object.keys(parsed)).toEqual(["elements", "relations"]);
    expect(parsed.elements.map((e) => e.id)).toEqual(["db", "end", "private", "vpc", "web"]);
    expect(Object.keys(parsed.elements[4]!)).toEqual([
      "id",
      "kind",
      "label",
      "technology",
      "parent",
      "origin",
      "source",
      "attributes",
    ]);
    expect(parsed.relations.map((r) => `${r.from}->${r.to}`)).toEqual(["end->web", "web->db", "web->ghost.service"]);
    expect(Object.keys(parsed.relations[1]!)).toEqual(["from", "to", "kind", "label", "source"]);
  });

  it("is byte-identical whatever order the parser produced, and lists diagnostics apart", () => {
    const shuffled: Graph = {
      ...GRAPH,
      elements: [...GRAPH.elements].reverse(),
      relations: [...GRAPH.relations].reverse(),
    };
    expect(formatGraph("json", shuffled)).toBe(formatGraph("json", GRAPH));
    const withDiagnostic: Graph = {
      ...GRAPH,
      diagnostics: [
        { code: "doc-syntax-error", message: "expected )", source: { file: "docs/a.md", line: 4, column: 2 } },
      ],
    };
    const parsed = JSON.parse(formatGraph("json", withDiagnostic)) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(["elements", "relations", "diagnostics"]);
  });
});

describe("formatGraph mermaid", () => {
  it("draws boundaries as nested subgraphs, elements as labelled nodes and relations as labelled edges", () => {
    expect(formatGraph("mermaid", GRAPH)).toBe(
      [
        "flowchart LR",
        '  n_end["User<br/>person"]',
        '  subgraph n_vpc ["VPC<br/>network"]',
        '    subgraph n_private ["Private Subnet<br/>network"]',
        '      n_db["Postgres #34;main#34; #60;primary#62;<br/>database"]',
        '      n_web["Web App<br/>container"]',
        "    end",
        "  end",
        '  n_ghost_service["ghost.service"]',
        '  n_end -->|"uses"| n_web',
        '  n_web -->|"reads #35;1"| n_db',
        '  n_web -->|"uses"| n_ghost_service',
        "",
      ].join("\n"),
    );
  });

  it("is valid Mermaid: the flowchart grammar reads back every node, subgraph, label and edge", () => {
    const diagram = parseDiagramBlock(new MappedText("graph.mmd", fileLines(formatGraph("mermaid", GRAPH))));
    expect(diagram?.type).toBe("flowchart");
    expect(diagram?.diagnostics).toEqual([]);
    expect(diagram?.nodes.map((node) => [node.id, node.parent ?? null, node.boundary, node.label?.value])).toEqual([
      ["n_end", null, false, "User\nperson"],
      ["n_vpc", null, true, "VPC\nnetwork"],
      ["n_private", "n_vpc", true, "Private Subnet\nnetwork"],
      ["n_db", "n_private", false, 'Postgres "main" <primary>\ndatabase'],
      ["n_web", "n_private", false, "Web App\ncontainer"],
      ["n_ghost_service", null, false, "ghost.service"],
    ]);
    expect(diagram?.edges.map((edge) => [edge.from, edge.to, edge.label?.value])).toEqual([
      ["n_end", "n_web", "uses"],
      ["n_web", "n_db", "reads #1"],
      ["n_web", "n_ghost_service", "uses"],
    ]);
  });

  it("gives distinct safe ids to ids that differ only in punctuation and survives a parent cycle", () => {
    const graph: Graph = {
      elements: [
        element("a.b", "cache", "A"),
        element("a-b", "queue", "B"),
        element("x", "network", "X", { boundary: true, parent: "y" }),
        element("y", "network", "Y", { boundary: true, parent: "x" }),
      ],
      relations: [relation("a.b", "a-b")],
      diagnostics: [],
    };
    const text = formatGraph("mermaid", graph);
    expect(text).toContain('n_a_b_2["A<br/>cache"]');
    expect(text).toContain('n_a_b["B<br/>queue"]');
    expect(text).toContain('n_a_b_2 -->|"uses"| n_a_b');
    expect(text.match(/^\s*subgraph /gm)).toHaveLength(2);
    expect(text.match(/^\s*end$/gm)).toHaveLength(2);
  });
});

describe("mapping output", () => {
  const mapping: Mapping = {
    pairs: [
      { component: "web", resources: ["aws_ecs_service.web"], authority: "table", evidence: "ECS service" },
      {
        component: "db",
        resources: ["aws_db_instance.main"],
        authority: "explicit",
        evidence: "configuration mapping",
      },
    ],
    ambiguous: [{ component: "cache", candidates: ["a", "b"], evidence: "two Redis clusters" }],
    viewLinks: [],
    unresolved: [],
  };

  it("prints pairs, ambiguous, viewLinks and unresolved as JSON, sorted", () => {
    const parsed = JSON.parse(formatGraph("json", mapping)) as Mapping;
    expect(Object.keys(parsed)).toEqual(["pairs", "ambiguous", "viewLinks", "unresolved"]);
    expect(parsed.pairs.map((pair) => pair.component)).toEqual(["db", "web"]);
    expect(formatMapping(mapping)).toBe(formatGraph("json", mapping));
  });

  it("refuses mermaid for the mapping with a usage error", () => {
    expect(() => formatGraph("mermaid", mapping)).toThrowError(
      "mermaid output is not available for the mapping; use --format json.",
    );
  });
});
