/**
 * `archlint graph --source iac` on posts-services/terraform, in-process: the JSON is exactly the
 * model (model.md field names, the same graph the parsers build), and the Mermaid flowchart reads
 * back with archlint's own flowchart parser without a diagnostic.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ELEMENT_KINDS, type Element, RELATION_KINDS, type Relation } from "../../src/model/graph.js";
import { parseDiagramBlock } from "../../src/parsers/mermaid/index.js";
import { fileLines, MappedText } from "../../src/parsers/mermaid/text.js";
import { runCli } from "../cli/run-cli.js";
import { declared, fixtureDir, repoRoot } from "./helpers.js";

/**
 * The fields model.md names for an element (id, kind, label, technology, attributes, parent,
 * source) and those src/model/graph.ts adds to the Element interface.
 */
const ELEMENT_FIELDS = [
  "id",
  "kind",
  "label",
  "technology",
  "attributes",
  "parent",
  "source",
  "description",
  "boundary",
  "origin",
  "view",
  "evidence",
  "moduleCall",
];
/** model.md's relation fields (from, to, label, technology, kind, source) and the Relation interface's. */
const RELATION_FIELDS = [
  "from",
  "to",
  "label",
  "technology",
  "kind",
  "source",
  "origin",
  "view",
  "via",
  "ports",
  "path",
];

const dir = fixtureDir("posts-services", "terraform");
const args = (format: string) => ["graph", path.relative(repoRoot, dir), "--source", "iac", "--format", format];

/** A JSON round trip of what the parsers built: the shape the CLI can print. */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const relationKey = (relation: Relation) =>
  `${relation.from}|${relation.to}|${relation.kind}|${relation.via}|${relation.path}|${relation.source.line}:${relation.source.column}`;

describe("archlint graph --source iac --format json", async () => {
  const run = await runCli(args("json"), repoRoot);
  const printed = JSON.parse(run.stdout) as { elements: Element[]; relations: Relation[] };
  const { graph } = await declared("posts-services", "terraform");

  it("succeeds, printing only the report on stdout", () => {
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
  });

  it("has exactly the top-level fields of model.md", () => {
    expect(Object.keys(printed)).toEqual(["elements", "relations"]);
  });

  it("uses only the model's fields and kinds on every element and relation", () => {
    for (const element of printed.elements) {
      expect(ELEMENT_FIELDS, element.id).toEqual(expect.arrayContaining(Object.keys(element)));
      expect(Object.keys(element), element.id).toEqual(
        expect.arrayContaining(["id", "kind", "label", "attributes", "source"]),
      );
      expect(ELEMENT_KINDS).toContain(element.kind);
      expect(Object.keys(element.source).sort()).toEqual(["column", "file", "line"]);
    }
    for (const relation of printed.relations) {
      expect(RELATION_FIELDS, relationKey(relation)).toEqual(expect.arrayContaining(Object.keys(relation)));
      expect(Object.keys(relation)).toEqual(expect.arrayContaining(["from", "to", "kind", "source"]));
      expect(RELATION_KINDS).toContain(relation.kind);
    }
  });

  it("prints the graph the parsers build, element for element and relation for relation", () => {
    expect([...printed.elements].sort(byId)).toEqual(plain([...graph.elements].sort(byId)));
    expect(printed.relations.map(relationKey).sort()).toEqual(graph.relations.map(relationKey).sort());
    expect([...printed.relations].sort((a, b) => (relationKey(a) < relationKey(b) ? -1 : 1))).toEqual(
      plain([...graph.relations].sort((a, b) => (relationKey(a) < relationKey(b) ? -1 : 1))),
    );
  });

  it("sorts elements by id", () => {
    const ids = printed.elements.map((element) => element.id);
    expect(ids).toEqual([...ids].sort(byIdText));
  });
});

function byIdText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

describe("archlint graph --source iac --format mermaid", async () => {
  const run = await runCli(args("mermaid"), repoRoot);
  const diagram = parseDiagramBlock(new MappedText("graph.mmd", fileLines(run.stdout)));
  const { graph } = await declared("posts-services", "terraform");
  // The documented node id: `n_` + the element id with anything but [A-Za-z0-9_] as `_`.
  const nodeId = (id: string) => `n_${id.replace(/[^A-Za-z0-9_]/g, "_")}`;

  it("succeeds with a flowchart that archlint's flowchart parser reads without a diagnostic", () => {
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(diagram?.type).toBe("flowchart");
    expect(diagram?.diagnostics).toEqual([]);
  });

  it("draws one node per element, boundaries as subgraphs holding their children", () => {
    expect(new Set(graph.elements.map((element) => nodeId(element.id))).size).toBe(graph.elements.length);
    const nodes = new Map(diagram?.nodes.map((node) => [node.id, node]));
    expect(nodes.size).toBe(graph.elements.length);
    const ids = new Set(graph.elements.map((element) => element.id));
    for (const element of graph.elements) {
      const node = nodes.get(nodeId(element.id));
      expect(node, element.id).toBeDefined();
      expect(node?.boundary, element.id).toBe(element.boundary === true);
      const parent = element.parent !== undefined && ids.has(element.parent) ? element.parent : undefined;
      const boundaryParent = graph.elements.find((other) => other.id === parent)?.boundary ? parent : undefined;
      expect(node?.parent, element.id).toBe(boundaryParent === undefined ? undefined : nodeId(boundaryParent));
    }
    expect(nodes.get(nodeId('aws_ecs_service.service["posts"]'))?.parent).toBe(nodeId("aws_ecs_cluster.main"));
    expect(nodes.get(nodeId("module.network.aws_subnet.private[0]"))?.parent).toBe(
      nodeId("module.network.aws_vpc.this"),
    );
  });

  it("draws one labelled edge per relation", () => {
    const edges = (diagram?.edges ?? []).map((edge) => `${edge.from} -> ${edge.to}: ${edge.label?.value}`).sort();
    const expected = graph.relations
      .map((relation) => `${nodeId(relation.from)} -> ${nodeId(relation.to)}: ${relation.label || relation.kind}`)
      .sort();
    expect(edges).toEqual(expected);
  });
});
