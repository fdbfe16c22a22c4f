/** Connections in the actual graph, as the relation rules read them. */
import type { Element, Graph, Relation } from "../../model/graph.js";
import { compareLocations } from "../../model/source.js";

/** Records an undirected edge between two distinct ids. */
export function linkBothWays(neighbours: Map<string, Set<string>>, a: string, b: string): void {
  if (a === b) return;
  for (const [from, to] of [
    [a, b],
    [b, a],
  ] as const) {
    const set = neighbours.get(from);
    if (set) set.add(to);
    else neighbours.set(from, new Set([to]));
  }
}

/** Undirected adjacency over actual relations and replica links, built once per graph. */
export function adjacency(graph: Graph): Map<string, Set<string>> {
  const neighbours = new Map<string, Set<string>>();
  const link = (a: string, b: string) => linkBothWays(neighbours, a, b);
  for (const relation of graph.relations) link(relation.from, relation.to);
  for (const element of graph.elements)
    if (element.attributes.replicaOf) link(element.id, element.attributes.replicaOf);
  return neighbours;
}

/**
 * Whether any resource of `from` reaches any resource of `to` within `depth` hops, passing
 * only through resources `isDocumented` refuses (an undocumented NLB between an API
 * gateway and its instances carries the gateway's route; a documented hop would need its own
 * documented relation).
 */
export function connected(
  from: string[],
  to: string[],
  neighbours: Map<string, Set<string>>,
  isDocumented: (resource: string) => boolean,
  depth = 3,
): boolean {
  const targets = new Set(to);
  let frontier = [...new Set(from)];
  const seen = new Set(frontier);
  for (let hop = 0; hop < depth && frontier.length > 0; hop++) {
    const next: string[] = [];
    for (const node of frontier) {
      for (const neighbour of neighbours.get(node) ?? []) {
        if (targets.has(neighbour)) return true;
        if (seen.has(neighbour) || isDocumented(neighbour)) continue;
        seen.add(neighbour);
        next.push(neighbour);
      }
    }
    frontier = next;
  }
  return false;
}

/**
 * Documented relations in report order: physical view first (a relation without a view has
 * its source element's), then by position.
 */
export function orderedRelations(relations: Relation[], byId: Map<string, Element>): Relation[] {
  const rank = (relation: Relation) => {
    const view = relation.view ?? byId.get(relation.from)?.view;
    return view === "physical" ? 0 : view === "logical" ? 1 : 2;
  };
  return [...relations].sort((a, b) => rank(a) - rank(b) || compareLocations(a.source, b.source));
}

/** A stable key for an unordered pair of resource sets. */
export function pairKey(a: Element[], b: Element[]): string {
  const side = (elements: Element[]) => [...new Set(elements.map((element) => element.id))].sort().join(",");
  return [side(a), side(b)].sort().join("|");
}
