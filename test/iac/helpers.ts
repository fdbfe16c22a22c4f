/** Shared test helpers: build the declared graph and look elements up by id. */
import { expect } from "vitest";
import { buildDeclaredGraph } from "../../src/iac/index.js";
import type { Element, Graph, Relation } from "../../src/model/graph.js";
import { type CloudFormationTemplate, parsed, type TerraformFile } from "./builders.js";

export function graphOf(...groups: (TerraformFile | CloudFormationTemplate)[]): Graph {
  return buildDeclaredGraph(parsed(...groups));
}

export function element(graph: Graph, id: string): Element {
  const found = graph.elements.find((item) => item.id === id);
  expect(found, `element ${id}`).toBeDefined();
  return found!;
}

export function relationsOf(graph: Graph, kind: Relation["kind"]): Relation[] {
  return graph.relations.filter((relation) => relation.kind === kind);
}

/** from → to (path) pairs, sorted, for compact assertions. */
export function pairs(relations: Relation[]): string[] {
  return relations
    .map((relation) => `${relation.from} -> ${relation.to}${relation.path ? ` ${relation.path}` : ""}`)
    .sort();
}
