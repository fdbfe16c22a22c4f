/**
 * The last resort for components whose names match nothing ("Message Queue" against
 * `aws_sqs_queue.notifications`): within one view of one document, the only unmapped
 * component of a kind and the only resource of that kind the view does not draw elsewhere
 * belong together. Never for services and instances, whose names are what tells them apart.
 */
import type { Element, ElementKind, Relation } from "../model/graph.js";
import { describeDoc, INFRASTRUCTURE_KINDS, readReplicaOf } from "./elements.js";
import type { Inference } from "./infer.js";

/** Services, instances, functions and pipelines are told apart by name only: never by elimination. */
const NAMED_KINDS = new Set<ElementKind>(["compute", "container", "function", "pipeline"]);

function eligible(element: Element): boolean {
  return INFRASTRUCTURE_KINDS.has(element.kind) && !NAMED_KINDS.has(element.kind) && element.boundary !== true;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function viewKey(element: Element): string {
  return `${element.source.file}\u0000${element.view ?? ""}`;
}

export interface EliminationInput {
  /** Documented elements that resolved to nothing and may be paired. */
  unmapped: Element[];
  /** Every documented element id → the resources it resolved to. */
  resolved: Map<string, string[]>;
  docById: Map<string, Element>;
  resources: Element[];
  incoming: Map<string, Relation[]>;
}

/** New inferences for the elements elimination pairs, by element id. */
export function pairByElimination(input: EliminationInput): Map<string, Inference> {
  const drawnIn = new Map<string, Set<string>>();
  for (const [component, resources] of input.resolved) {
    const element = input.docById.get(component);
    if (!element) continue;
    const key = viewKey(element);
    const set = drawnIn.get(key) ?? new Set<string>();
    for (const resource of resources) set.add(resource);
    drawnIn.set(key, set);
  }
  const groups = new Map<string, Element[]>();
  for (const element of input.unmapped) {
    if (!eligible(element)) continue;
    const key = `${viewKey(element)}\u0000${element.kind}`;
    push(groups, key, element);
  }
  const byKind = new Map<ElementKind, Element[]>();
  for (const resource of input.resources) push(byKind, resource.kind, resource);
  const paired = new Map<string, Inference>();
  for (const [, elements] of groups) {
    if (elements.length !== 1) continue;
    const element = elements[0]!;
    const drawn = drawnIn.get(viewKey(element)) ?? new Set<string>();
    const replica = readReplicaOf(element, input.incoming) !== undefined;
    const pool = (byKind.get(element.kind) ?? []).filter(
      (resource) =>
        resource.kind === element.kind && !drawn.has(resource.id) && Boolean(resource.attributes.replicaOf) === replica,
    );
    if (pool.length !== 1) continue;
    paired.set(element.id, {
      kind: "mapped",
      resources: [pool[0]!.id],
      strong: false,
      evidence: `${describeDoc(element)} is the only ${element.kind} of its view without a resource, ${pool[0]!.id} the only one it does not draw`,
    });
  }
  return paired;
}
