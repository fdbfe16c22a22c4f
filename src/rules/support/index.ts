/**
 * What every rule needs to read the two graphs through the mapping: lookups built once per run
 * (shared by all rules through a cache keyed on the mapping), and the helpers that place
 * findings (locations, related evidence) and name things in messages.
 */
import { hostOf, incomingRelations, isDocParticipant, isResourceParticipant, kindFit } from "../../mapping/elements.js";
import type { Element, Graph, Relation } from "../../model/graph.js";
import type { Mapping } from "../../model/mapping.js";
import { compareLocations, type Evidence, type SourceLocation } from "../../model/source.js";
import type { ReportedFinding, RuleContext } from "../types.js";
import { attributeLocation, moduleEvidence } from "./evidence.js";

export interface RuleIndex {
  docById: Map<string, Element>;
  actualById: Map<string, Element>;
  /** Documented incoming relations per element id. */
  incoming: Map<string, Relation[]>;
  /** Resources a documented element maps to. */
  resourcesOf(component: string): Element[];
  /** Documented elements mapped to a resource: physical view first, then in document order. */
  componentsOf(resource: string): Element[];
  /** Documented counterparts in the other view (view links). */
  counterpartsOf(component: string): Element[];
  isAmbiguous(component: string): boolean;
  /** The resource is a candidate of an ambiguous mapping (the ambiguity note covers it). */
  isAmbiguousCandidate(resource: string): boolean;
  /** The documented host (compute boundary) of an element, if it is drawn inside one. */
  hostOf(component: Element): Element | undefined;
  /**
   * The first of the attributes whose evidence lies in the resource's own declaration (not
   * in a subnet or module it refers to): where the user fixes the resource.
   */
  ownAttribute(resource: Element, attributes: string[]): string | undefined;
  /** Whether a location lies in the resource's own declaration (up to the next declaration of its file). */
  declares(resource: Element, location: SourceLocation): boolean;
  /**
   * The resource whose declaration holds a location: the autoscaling target that sets a
   * service's maximum, the task definition that sets its memory (plumbing only). Among
   * instances declared by one block (count / for_each), the one with the mapped resource's
   * instance key; else the mapped resource itself.
   */
  resourceAt(location: SourceLocation, mapped: Element): Element;
  docParticipants: Element[];
  actualParticipants: Element[];
  /** Resources some documented element maps to, with those elements (physical first). */
  mappedResources: { resource: Element; components: Element[] }[];
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Physical before logical (the physical element carries placement), components before the
 * hosts drawn around them, then document order.
 */
export function compareDocElements(a: Element, b: Element, resource?: Element): number {
  const viewRank = (element: Element) => (element.view === "physical" ? 0 : element.view === "logical" ? 1 : 2);
  const boundaryRank = (element: Element) => (element.boundary === true ? 1 : 0);
  const fitness = (element: Element) => (resource ? kindFit(element, resource) : 0);
  return (
    viewRank(a) - viewRank(b) ||
    boundaryRank(a) - boundaryRank(b) ||
    fitness(b) - fitness(a) ||
    compareLocations(a.source, b.source) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

function byId(graph: Graph): Map<string, Element> {
  return new Map(graph.elements.map((element) => [element.id, element]));
}

/** Where each declaration of a file starts, sorted: a declaration runs to the next one. */
function declarationStarts(graph: Graph): Map<string, number[]> {
  const starts = new Map<string, number[]>();
  for (const element of graph.elements) push(starts, element.source.file, element.source.line);
  for (const lines of starts.values()) lines.sort((a, b) => a - b);
  return starts;
}

/** The instance key of an address (`["posts"]`, `[0]`), if any. */
function instanceKey(id: string): string | undefined {
  return /(\[[^\]]*\])$/.exec(id)?.[1];
}

function resourceAt(
  declarations: Map<string, Element[]>,
  starts: Map<string, number[]>,
  location: SourceLocation,
  mapped: Element,
): Element {
  if (declares(starts, mapped, location)) return mapped;
  const lines = starts.get(location.file) ?? [];
  let start: number | undefined;
  for (const line of lines) if (line <= location.line) start = line;
  if (start === undefined) return mapped;
  // Only plumbing that configures another resource (a scaling target, a task definition, an
  // encryption configuration): a significant resource found this way would be a neighbour,
  // the location then lying in a block archlint keeps no element for (locals, variables).
  const declared = (declarations.get(`${location.file}:${start}`) ?? []).filter(
    (element) => element.attributes.significant !== true,
  );
  if (declared.length === 1) return declared[0]!;
  const key = instanceKey(mapped.id);
  return declared.find((element) => key !== undefined && instanceKey(element.id) === key) ?? mapped;
}

function declares(starts: Map<string, number[]>, resource: Element, location: SourceLocation): boolean {
  if (location.file !== resource.source.file || location.line < resource.source.line) return false;
  const next = (starts.get(location.file) ?? []).find((line) => line > resource.source.line);
  return next === undefined || location.line < next;
}

function buildIndex(documented: Graph, actual: Graph, mapping: Mapping): RuleIndex {
  const docById = byId(documented);
  const actualById = byId(actual);
  const resources = new Map<string, Element[]>();
  const components = new Map<string, Element[]>();
  for (const pair of mapping.pairs) {
    const component = docById.get(pair.component);
    for (const id of pair.resources) {
      const resource = actualById.get(id);
      if (!resource) continue;
      push(resources, pair.component, resource);
      if (component) push(components, id, component);
    }
  }
  // The element whose kind fits the resource best speaks for it (the container on an
  // instance, not the IAM role drawn beside it).
  for (const [id, list] of components) {
    const resource = actualById.get(id)!;
    list.sort((a, b) => compareDocElements(a, b, resource));
  }
  const counterparts = new Map<string, Element[]>();
  for (const link of mapping.viewLinks) {
    const logical = docById.get(link.logical);
    const physical = docById.get(link.physical);
    if (!logical || !physical) continue;
    push(counterparts, logical.id, physical);
    push(counterparts, physical.id, logical);
  }
  const actualParticipants = actual.elements.filter(isResourceParticipant);
  const starts = declarationStarts(actual);
  const declarations = new Map<string, Element[]>();
  for (const element of actual.elements) push(declarations, `${element.source.file}:${element.source.line}`, element);
  const ambiguous = new Set(mapping.ambiguous.map((entry) => entry.component));
  const candidates = new Set(mapping.ambiguous.flatMap((entry) => entry.candidates));
  return {
    docById,
    actualById,
    incoming: incomingRelations(documented),
    resourcesOf: (component) => resources.get(component) ?? [],
    componentsOf: (resource) => components.get(resource) ?? [],
    counterpartsOf: (component) => counterparts.get(component) ?? [],
    isAmbiguous: (component) => ambiguous.has(component),
    isAmbiguousCandidate: (resource) => candidates.has(resource),
    hostOf: (component) => hostOf(component, docById),
    declares: (resource, location) => declares(starts, resource, location),
    resourceAt: (location, mapped) => resourceAt(declarations, starts, location, mapped),
    ownAttribute: (resource, attributes) =>
      attributes.find((attribute) => {
        const stated = resource.evidence?.[attribute];
        return stated !== undefined && declares(starts, resource, stated);
      }),
    docParticipants: documented.elements.filter(isDocParticipant),
    actualParticipants,
    mappedResources: actualParticipants.flatMap((resource) => {
      const mapped = components.get(resource.id);
      return mapped ? [{ resource, components: mapped }] : [];
    }),
  };
}

interface CacheEntry {
  documented: Graph;
  actual: Graph;
  index: RuleIndex;
}

const cache = new WeakMap<Mapping, CacheEntry>();

/** The lookups for a rule context, built once per (documented, actual, mapping). */
export function ruleIndex(context: Pick<RuleContext, "documented" | "actual" | "mapping">): RuleIndex {
  const cached = cache.get(context.mapping);
  if (cached && cached.documented === context.documented && cached.actual === context.actual) return cached.index;
  const index = buildIndex(context.documented, context.actual, context.mapping);
  cache.set(context.mapping, { documented: context.documented, actual: context.actual, index });
  return index;
}

/**
 * The parts of a finding about one attribute of a mapped resource: located at the attribute,
 * `resource` the declaration that holds it, the documented side first in `related`, then the
 * calling module.
 */
export function findingAt(
  index: RuleIndex,
  resource: Element,
  attribute: string,
  component: Element,
  documented: Evidence[],
  attributePath = attribute,
): Pick<ReportedFinding, "location" | "related" | "component" | "resource" | "attributePath"> {
  const at = atAttribute(index, resource, attribute);
  return {
    location: at.location,
    related: [...documented, ...moduleEvidence(at.declaring)],
    component: component.id,
    resource: at.resource,
    attributePath,
  };
}

/**
 * Where a finding about a resource's attribute points: the attribute's place, and as
 * `resource` the declaration that holds it (where a suppression or the fix goes).
 */
export function atAttribute(
  index: RuleIndex,
  resource: Element,
  attribute: string | undefined,
): { location: SourceLocation; resource: string; declaring: Element } {
  const location = attributeLocation(resource, attribute);
  const declaring = index.resourceAt(location, resource);
  return { location, resource: declaring.id, declaring };
}

export * from "./describe.js";
export * from "./evidence.js";
