/**
 * Which elements take part in the mapping, and the structural facts the mapping reads from
 * them (hosts, replicas, standbys, kind compatibility).
 */
import type { Element, ElementKind, Graph, Relation } from "../model/graph.js";

/**
 * Kinds that only exist as infrastructure: documenting one says a resource exists (rules.md,
 * component-missing; identity only for user pools, see there).
 */
export const INFRASTRUCTURE_KINDS: ReadonlySet<ElementKind> = new Set<ElementKind>([
  "compute",
  "container",
  "function",
  "database",
  "cache",
  "queue",
  "topic",
  "object-storage",
  "search",
  "gateway",
  "load-balancer",
  "cdn",
  "dns",
  "secret-store",
  "registry",
  "pipeline",
]);

/** Documented kinds that are never components: who uses the system, and the groupings. */
const NON_COMPONENT_KINDS = new Set<ElementKind>(["person", "external-system", "boundary", "network"]);

/**
 * A documented element that can be mapped: not a placeholder, person, external system or
 * grouping. A boundary takes part only when it is a host ("EC2 Instance" around Docker
 * containers): it stands for the instance.
 */
export function isDocParticipant(element: Element): boolean {
  if (element.attributes.placeholder === true) return false;
  if (NON_COMPONENT_KINDS.has(element.kind)) return false;
  if (element.boundary === true) return element.kind === "compute";
  return true;
}

/**
 * A resource that can be mapped: a significant one. When the graph says nothing either way
 * (a hand-built or live graph), anything that is not plumbing, a boundary or network counts.
 */
export function isResourceParticipant(element: Element): boolean {
  const significant = element.attributes.significant;
  if (significant !== undefined) return significant === true;
  return element.attributes.plumbing !== true && element.boundary !== true && element.kind !== "network";
}

/** The nearest enclosing host (a compute boundary) of a documented element. */
export function hostOf(element: Element, byId: Map<string, Element>): Element | undefined {
  const seen = new Set<string>([element.id]);
  let parentId = element.parent;
  while (parentId !== undefined && !seen.has(parentId)) {
    seen.add(parentId);
    const parent = byId.get(parentId);
    if (!parent) return undefined;
    if (parent.kind === "compute" && isDocParticipant(parent)) return parent;
    parentId = parent.parent;
  }
  return undefined;
}

const SYNC_REPLICATION = /\bsync(hronous)?\b/i;
const STANDBY = /\bstand-?by\b/i;

/** Incoming documented relations per element id, built once per graph. */
export function incomingRelations(graph: Graph): Map<string, Relation[]> {
  const incoming = new Map<string, Relation[]>();
  for (const relation of graph.relations) {
    const list = incoming.get(relation.to);
    if (list) list.push(relation);
    else incoming.set(relation.to, [relation]);
  }
  return incoming;
}

/**
 * A documented Multi-AZ standby ("RDS Standby Replica", or the target of "Sync Replication"):
 * not a separate resource, but the primary's standby. Returns the primary's id when one is
 * found, `null` when the element is a standby whose primary is not documented, `undefined`
 * when it is not a standby.
 */
export function standbyPrimary(element: Element, incoming: Map<string, Relation[]>): string | null | undefined {
  if (element.kind !== "database" && element.kind !== "cache") return undefined;
  const syncEdge = (incoming.get(element.id) ?? []).find(
    (relation) => SYNC_REPLICATION.test(relation.label ?? "") && !/\basync/i.test(relation.label ?? ""),
  );
  if (!STANDBY.test(element.label) && !syncEdge) return undefined;
  if (element.attributes.replicaOf) return element.attributes.replicaOf;
  const replicationEdge =
    syncEdge ?? (incoming.get(element.id) ?? []).find((relation) => /replica/i.test(relation.label ?? ""));
  return replicationEdge?.from ?? null;
}

/** A documented read replica (not a standby): the id of its documented primary. */
export function readReplicaOf(element: Element, incoming: Map<string, Relation[]>): string | undefined {
  if (standbyPrimary(element, incoming) !== undefined) return undefined;
  return element.attributes.replicaOf;
}

/**
 * How well a documented kind fits a resource kind (0 = not at all). Exact kinds fit best;
 * neighbours fit partly so that a name can still decide (an SQS queue documented as a topic
 * is mapped, and technology-mismatch says so).
 */
const KIND_FIT: Partial<Record<ElementKind, Partial<Record<ElementKind, number>>>> = {
  application: { container: 0.9, compute: 0.9, function: 0.9 },
  container: { compute: 0.8, function: 0.6 },
  compute: { container: 0.6 },
  function: { container: 0.6, compute: 0.5 },
  database: { cache: 0.5, search: 0.4 },
  cache: { database: 0.5 },
  queue: { topic: 0.6, cache: 0.5 },
  topic: { queue: 0.6 },
  // A gateway may be software in a container ("API Gateway", Nginx or Kong on ECS).
  gateway: { "load-balancer": 0.6, container: 0.5, cdn: 0.4 },
  "load-balancer": { gateway: 0.6 },
  search: { database: 0.4 },
};

function kindFitOne(docKind: ElementKind, resourceKind: ElementKind): number {
  if (docKind === resourceKind) return 1;
  return KIND_FIT[docKind]?.[resourceKind] ?? 0;
}

/** The best fit over every role of both elements. */
export function kindFit(doc: Element, resource: Element): number {
  const docKinds = [doc.kind, ...(doc.attributes.roles ?? [])];
  const resourceKinds = [resource.kind, ...(resource.attributes.roles ?? [])];
  let best = 0;
  for (const docKind of docKinds) for (const kind of resourceKinds) best = Math.max(best, kindFitOne(docKind, kind));
  return best;
}

/** `"User Service" (userService)`: how messages name a documented element. */
export function describeDoc(element: Element): string {
  const label = (element.name ?? element.label).replace(/\s+/g, " ").trim();
  return label && label !== element.id ? `"${label}" (${element.id})` : element.id;
}
