/**
 * Documented elements ↔ declared or live resources.
 *
 * Authority, strongest first: configuration `mapping` entries, the component tag on resources,
 * the documents' mapping tables (logical ↔ physical), then inference from kinds and names.
 * Structure refines inference: a container drawn inside an EC2 host runs on that instance, a
 * standby is its primary's Multi-AZ standby, a documented replica is the primary's replica,
 * and a logical component follows its physical counterpart. Unsure → `ambiguous`.
 *
 * Cost: one pass over the resources to build an inverted token index, then per documented
 * element only the resources sharing a distinctive token with it: linear in the resources.
 */
import { DEFAULT_TAG_KEY } from "../config/types.js";
import { type Element, type Graph, indexElements, type Relation } from "../model/graph.js";
import type { AmbiguousMapping, Mapping, MappingAuthority, MappingPair, ViewLink } from "../model/mapping.js";
import type { SourceLocation } from "../model/source.js";
import {
  describeDoc,
  hostOf,
  incomingRelations,
  isDocParticipant,
  isResourceParticipant,
  readReplicaOf,
  standbyPrimary,
} from "./elements.js";
import { pairByElimination } from "./eliminate.js";
import { readExplicitMapping, readTagMapping, type Statement, TargetResolver, type Unresolved } from "./explicit.js";
import { type ClaimedBy, type Inference, type InferenceInput, inferElement, refineWithClaims } from "./infer.js";
import { resourceProfile, TokenIndex } from "./profile.js";
import { linkViews } from "./views.js";

export interface MappingOptions {
  /** Configuration `mapping`: element id (or DOCFILE#id) → addresses, logical ids, tag:K=V, ARNs. */
  explicit?: Record<string, string[]>;
  /** Where each `mapping` key is written in the configuration file, so unresolved entries point there. */
  explicitSources?: Record<string, SourceLocation>;
  /** Tag whose value names a documented element id (default archlint:component). */
  tagKey?: string;
  /** Logical ↔ physical links from the documents' mapping tables. */
  viewLinks?: ViewLink[];
}

/** What one documented element resolved to. */
type Resolution =
  | { kind: "mapped"; resources: string[]; authority: MappingAuthority; evidence: string }
  | { kind: "ambiguous"; candidates: string[]; evidence: string }
  | { kind: "none" };

const NONE: Resolution = { kind: "none" };

interface Counterpart {
  id: string;
  link: ViewLink;
  table: boolean;
}

function counterpartsIndex(links: ViewLink[], tableKeys: Set<string>): Map<string, Counterpart[]> {
  const index = new Map<string, Counterpart[]>();
  const add = (from: string, to: string, link: ViewLink) => {
    const table = tableKeys.has(`${link.logical}\u0000${link.physical}`);
    const list = index.get(from);
    const entry = { id: to, link, table };
    if (list) list.push(entry);
    else index.set(from, [entry]);
  };
  for (const link of links) {
    add(link.logical, link.physical, link);
    add(link.physical, link.logical, link);
  }
  return index;
}

function stated(statement: Statement, authority: MappingAuthority): Resolution {
  return {
    kind: "mapped",
    resources: [...statement.resources].sort(),
    authority,
    evidence: statement.evidence.join("; "),
  };
}

interface ResolverInput {
  docById: Map<string, Element>;
  actualById: Map<string, Element>;
  incoming: Map<string, Relation[]>;
  explicit: Map<string, Statement>;
  tags: Map<string, Statement>;
  /** Each element's own inference, refined by the others' claims. */
  own: Map<string, Inference>;
  counterparts: Map<string, Counterpart[]>;
  /** Documented element id → the ids it has a documented relation with (either direction). */
  docNeighbours: Map<string, Set<string>>;
  /** Resource id → the resources an actual relation links it to (either direction). */
  actualNeighbours: Map<string, Set<string>>;
}

/**
 * Resolves documented elements one by one. Precedence: the element's own configuration entry
 * or tag; its counterpart's (a table or name link to the other view); its own name match;
 * structure (standby, replica, host, neighbours); its counterpart's other mapping; else
 * ambiguous or nothing.
 */
class Resolver {
  private readonly memo = new Map<string, Resolution>();
  private readonly visiting = new Set<string>();
  private readonly children = new Map<string, Element[]>();
  private readonly docById: Map<string, Element>;
  private readonly actualById: Map<string, Element>;
  private readonly incoming: Map<string, Relation[]>;
  private readonly explicit: Map<string, Statement>;
  private readonly tags: Map<string, Statement>;
  private readonly own: Map<string, Inference>;
  private readonly counterparts: Map<string, Counterpart[]>;
  private readonly docNeighbours: Map<string, Set<string>>;
  private readonly actualNeighbours: Map<string, Set<string>>;

  constructor(input: ResolverInput) {
    ({
      docById: this.docById,
      actualById: this.actualById,
      incoming: this.incoming,
      explicit: this.explicit,
      tags: this.tags,
      own: this.own,
      counterparts: this.counterparts,
      docNeighbours: this.docNeighbours,
      actualNeighbours: this.actualNeighbours,
    } = input);
    for (const element of this.docById.values()) {
      if (element.parent === undefined) continue;
      const list = this.children.get(element.parent);
      if (list) list.push(element);
      else this.children.set(element.parent, [element]);
    }
  }

  resolve(id: string): Resolution {
    const known = this.memo.get(id);
    if (known) return known;
    if (this.visiting.has(id)) return NONE;
    this.visiting.add(id);
    const resolution = this.compute(id);
    this.visiting.delete(id);
    this.memo.set(id, resolution);
    return resolution;
  }

  private statedFor(id: string): Resolution | undefined {
    const explicit = this.explicit.get(id);
    if (explicit) return stated(explicit, "explicit");
    const tag = this.tags.get(id);
    if (tag) return stated(tag, "tag");
    return undefined;
  }

  private compute(id: string): Resolution {
    const own = this.statedFor(id);
    if (own) return own;
    const element = this.docById.get(id);
    if (!element) return NONE;
    const counterparts = this.counterparts.get(id) ?? [];
    const statedCounterparts = this.inherit(element, counterparts, (other) => this.statedFor(other.id) ?? NONE);
    if (statedCounterparts) return statedCounterparts;
    const inference = this.own.get(id) ?? { kind: "none" };
    const mapped = this.ownMapped(id);
    if (mapped) return mapped;
    const structural = this.structural(element);
    if (structural) return structural;
    const fromCounterparts = this.inherit(element, counterparts, (other) => this.resolve(other.id));
    if (fromCounterparts) return fromCounterparts;
    if (inference.kind === "ambiguous") {
      const candidates = inference.candidates.map((candidate) => candidate.id);
      const byNeighbours = this.neighbours(element, candidates);
      if (byNeighbours) return byNeighbours;
      const scores = inference.candidates.map((candidate) => candidate.score.toFixed(2)).join(", ");
      return {
        kind: "ambiguous",
        candidates,
        evidence: `${describeDoc(element)} matches ${candidates.join(", ")} alike (${scores}); map it explicitly in the configuration: "mapping": { "${element.id}": ["${candidates[0]}"] }`,
      };
    }
    return NONE;
  }

  /**
   * Structure decides where names do not: a standby is its primary, a replica one of the
   * primary's replicas, a component drawn on a host runs on it, a container drawn beside
   * others runs in their task.
   */
  private structural(element: Element): Resolution | undefined {
    return this.standby(element) ?? this.replica(element) ?? this.hosted(element) ?? this.beside(element);
  }

  private standby(element: Element): Resolution | undefined {
    const primary = standbyPrimary(element, this.incoming);
    if (!primary) return undefined;
    const resolved = this.resolve(primary);
    if (resolved.kind !== "mapped") return undefined;
    return {
      ...resolved,
      authority: "inferred",
      evidence: `Multi-AZ standby of ${this.describe(primary)}: ${resolved.evidence}`,
    };
  }

  private replica(element: Element): Resolution | undefined {
    const primary = readReplicaOf(element, this.incoming);
    if (!primary) return undefined;
    const resolved = this.resolve(primary);
    if (resolved.kind !== "mapped") return undefined;
    const replicas = new Set<string>();
    for (const resource of resolved.resources)
      for (const replica of this.actualById.get(resource)?.attributes.replicas ?? []) replicas.add(replica);
    if (replicas.size === 0) return undefined;
    return {
      kind: "mapped",
      resources: [...replicas].sort(),
      authority: "inferred",
      evidence: `read replica of ${this.describe(primary)} → ${resolved.resources.join(", ")}`,
    };
  }

  private hosted(element: Element): Resolution | undefined {
    const host = hostOf(element, this.docById);
    if (!host) return undefined;
    const resolved = this.resolve(host.id);
    if (resolved.kind !== "mapped") return undefined;
    return {
      ...resolved,
      authority: "inferred",
      evidence: `runs on ${describeDoc(host)} → ${resolved.resources.join(", ")}`,
    };
  }

  /**
   * A container whose name matches nothing, drawn in one group with containers that all map to
   * one container service ("Nginx Proxy" beside "Rails App" in the ECS cluster), is a second
   * container of that service's task.
   */
  private beside(element: Element): Resolution | undefined {
    if (element.kind !== "container" || element.parent === undefined) return undefined;
    const siblings = (this.children.get(element.parent) ?? []).filter(
      (other) => other.id !== element.id && other.kind === "container",
    );
    const resources = new Set<string>();
    const named: Element[] = [];
    for (const sibling of siblings) {
      const own = this.statedFor(sibling.id) ?? this.ownMapped(sibling.id);
      if (own?.kind !== "mapped") continue;
      named.push(sibling);
      for (const resource of own.resources) resources.add(resource);
    }
    const [only] = resources;
    if (resources.size !== 1 || only === undefined || this.actualById.get(only)?.kind !== "container") return undefined;
    const parent = this.docById.get(element.parent);
    return {
      kind: "mapped",
      resources: [only],
      authority: "inferred",
      evidence: `runs beside ${named.map(describeDoc).join(", ")} in ${parent ? describeDoc(parent) : element.parent} → ${only}`,
    };
  }

  /**
   * Relations decide between candidates that names cannot tell apart: of two "EC2 Instance"
   * matches, the one the code connects to what the documents connect the element (and what
   * runs on it) to. Neighbours count only by their own statement or name match, so that no
   * resolution depends on the one being decided.
   */
  private neighbours(element: Element, candidates: string[]): Resolution | undefined {
    const group = new Set([element.id, ...this.descendants(element.id)]);
    const neighbours = new Map<string, string[]>();
    for (const member of group)
      for (const other of this.docNeighbours.get(member) ?? []) {
        if (group.has(other) || neighbours.has(other)) continue;
        const resolved = this.statedFor(other) ?? this.ownMapped(other);
        if (resolved?.kind === "mapped") neighbours.set(other, resolved.resources);
      }
    const support = candidates.map((candidate) => {
      const linked = this.actualNeighbours.get(candidate) ?? new Set<string>();
      return [...neighbours].filter(([, resources]) => resources.some((resource) => linked.has(resource)));
    });
    const best = Math.max(0, ...support.map((list) => list.length));
    const winners = candidates.filter((_candidate, at) => support[at]!.length === best);
    if (best === 0 || winners.length !== 1) return undefined;
    const winner = winners[0]!;
    const names = support[candidates.indexOf(winner)]!.map(([id]) => this.describe(id));
    return {
      kind: "mapped",
      resources: [winner],
      authority: "inferred",
      evidence: `${describeDoc(element)} matches ${candidates.join(", ")} by name; ${winner} is the one connected most to what it is documented with (${names.join(", ")})`,
    };
  }

  /** Every element drawn inside this one, transitively (what runs on a host). */
  private descendants(id: string): string[] {
    const found: string[] = [];
    const pending = [id];
    while (pending.length > 0) {
      for (const child of this.children.get(pending.pop()!) ?? []) {
        if (found.includes(child.id)) continue;
        found.push(child.id);
        pending.push(child.id);
      }
    }
    return found;
  }

  private ownMapped(id: string): Resolution | undefined {
    const inference = this.own.get(id);
    if (inference?.kind !== "mapped") return undefined;
    return { kind: "mapped", resources: inference.resources, authority: "inferred", evidence: inference.evidence };
  }

  /** The union of what the counterparts resolve to, when any is mapped. */
  private inherit(
    element: Element,
    counterparts: Counterpart[],
    resolveOther: (other: Counterpart) => Resolution,
  ): Resolution | undefined {
    const resources = new Set<string>();
    const evidence: string[] = [];
    let table = false;
    for (const other of counterparts) {
      const resolved = resolveOther(other);
      if (resolved.kind !== "mapped") continue;
      for (const resource of resolved.resources) resources.add(resource);
      evidence.push(`${other.link.evidence} → ${resolved.resources.join(", ")}`);
      table ||= other.table;
    }
    if (resources.size === 0) return undefined;
    return {
      kind: "mapped",
      resources: [...resources].sort(),
      authority: table ? "table" : "inferred",
      evidence: `${describeDoc(element)} via ${evidence.join("; ")}`,
    };
  }

  private describe(id: string): string {
    const element = this.docById.get(id);
    return element ? describeDoc(element) : id;
  }
}

/** Claims on resources (stated, or inferred unambiguously), used to settle unsure inferences. */
function claimsIndex(
  explicit: Map<string, Statement>,
  tags: Map<string, Statement>,
  own: Map<string, Inference>,
  docById: Map<string, Element>,
  counterparts: Map<string, Counterpart[]>,
): ClaimedBy {
  const stated = new Map<string, string>();
  for (const statements of [explicit, tags])
    for (const [component, statement] of statements)
      for (const resource of statement.resources) if (!stated.has(resource)) stated.set(resource, component);
  const inferred = new Map<string, { component: string; strong: boolean }[]>();
  for (const [component, inference] of own) {
    if (inference.kind !== "mapped") continue;
    for (const resource of inference.resources) {
      const claim = { component, strong: inference.strong };
      const list = inferred.get(resource);
      if (list) list.push(claim);
      else inferred.set(resource, [claim]);
    }
  }
  return (resource, doc, includeWeak) => {
    const byStatement = stated.get(resource);
    if (byStatement !== undefined && byStatement !== doc.id) return byStatement;
    const linked = new Set((counterparts.get(doc.id) ?? []).map((other) => other.id));
    return (inferred.get(resource) ?? []).find(({ component, strong }) => {
      const other = docById.get(component);
      return (
        (strong || includeWeak) &&
        component !== doc.id &&
        !linked.has(component) &&
        other?.source.file === doc.source.file &&
        other.id !== doc.parent &&
        other.parent !== doc.id
      );
    })?.component;
  };
}

/**
 * Resources that belong to a mapped resource of the same kind (an instance of a mapped cluster,
 * by `parent`) are documented with it.
 */
function addMembers(pairs: MappingPair[], actual: Graph, actualById: Map<string, Element>): void {
  const componentsOf = new Map<string, MappingPair[]>();
  for (const pair of pairs)
    for (const resource of pair.resources) {
      const list = componentsOf.get(resource);
      if (list) list.push(pair);
      else componentsOf.set(resource, [pair]);
    }
  for (const element of actual.elements) {
    if (componentsOf.has(element.id) || !isResourceParticipant(element) || !element.parent) continue;
    const parent = actualById.get(element.parent);
    if (!parent || parent.kind !== element.kind) continue;
    for (const pair of componentsOf.get(parent.id) ?? []) {
      pair.resources = [...pair.resources, element.id].sort();
      pair.evidence += `; ${element.id} is a member of ${parent.id}`;
    }
  }
}

/** Each end of the relations → the other ends, in either direction. */
function undirected(relations: Relation[]): Map<string, Set<string>> {
  const neighbours = new Map<string, Set<string>>();
  const add = (from: string, to: string) => {
    const set = neighbours.get(from);
    if (set) set.add(to);
    else neighbours.set(from, new Set([to]));
  };
  for (const relation of relations) {
    if (relation.from === relation.to) continue;
    add(relation.from, relation.to);
    add(relation.to, relation.from);
  }
  return neighbours;
}

/** Every element's own inference, then refined by what the others claim. */
function inferAll(
  participants: Element[],
  input: InferenceInput,
  stated: { explicit: Map<string, Statement>; tags: Map<string, Statement> },
  docById: Map<string, Element>,
  counterparts: Map<string, Counterpart[]>,
): Map<string, Inference> {
  const own = new Map<string, Inference>();
  for (const element of participants)
    if (!stated.explicit.has(element.id) && !stated.tags.has(element.id))
      own.set(element.id, inferElement(element, input));
  const claimedBy = claimsIndex(stated.explicit, stated.tags, own, docById, counterparts);
  const refined = new Map<string, Inference>();
  for (const [id, inference] of own) refined.set(id, refineWithClaims(docById.get(id)!, inference, claimedBy));
  return refined;
}

/** Resolves every subject; then pairs what is left by elimination and resolves again. */
function resolveAll(
  subjects: string[],
  base: Omit<ResolverInput, "own">,
  inferred: Map<string, Inference>,
  resources: Element[],
) {
  const resolve = (own: Map<string, Inference>) => {
    const resolver = new Resolver({ ...base, own });
    return new Map(subjects.map((id) => [id, resolver.resolve(id)]));
  };
  const first = resolve(inferred);
  const eliminated = pairByElimination({
    unmapped: subjects
      .filter((id) => first.get(id)?.kind === "none" && inferred.has(id))
      .map((id) => base.docById.get(id)!)
      .filter((element) => standbyPrimary(element, base.incoming) === undefined),
    resolved: new Map(
      [...first].flatMap(([id, resolution]) => (resolution.kind === "mapped" ? [[id, resolution.resources]] : [])),
    ),
    docById: base.docById,
    resources,
    incoming: base.incoming,
  });
  return eliminated.size > 0 ? resolve(new Map([...inferred, ...eliminated])) : first;
}

function toMapping(resolutions: Map<string, Resolution>): Pick<Mapping, "pairs" | "ambiguous"> {
  const pairs: MappingPair[] = [];
  const ambiguous: AmbiguousMapping[] = [];
  for (const [component, resolution] of resolutions) {
    if (resolution.kind === "mapped") {
      const { resources, authority, evidence } = resolution;
      pairs.push({ component, resources, authority, evidence });
    } else if (resolution.kind === "ambiguous") {
      ambiguous.push({ component, candidates: resolution.candidates, evidence: resolution.evidence });
    }
  }
  return { pairs, ambiguous };
}

export function mapElements(documented: Graph, actual: Graph, options: MappingOptions = {}): Mapping {
  const docById = indexElements(documented);
  const actualById = indexElements(actual);
  const incoming = incomingRelations(documented);
  const unresolved: Unresolved[] = [];
  const explicit = readExplicitMapping(
    {
      explicit: options.explicit ?? {},
      sources: options.explicitSources,
      documented,
      docById,
      targets: new TargetResolver(actual),
    },
    unresolved,
  );
  const tags = readTagMapping(actual, options.tagKey ?? DEFAULT_TAG_KEY, documented, docById, unresolved);
  const tableLinks = (options.viewLinks ?? []).filter(
    (link) => docById.has(link.logical) && docById.has(link.physical),
  );
  const viewLinks = linkViews(documented, tableLinks, incoming);
  const counterparts = counterpartsIndex(
    viewLinks,
    new Set(tableLinks.map((link) => `${link.logical}\u0000${link.physical}`)),
  );

  const resources = actual.elements.filter(isResourceParticipant);
  const index = new TokenIndex();
  for (const element of resources) index.add(element.id, resourceProfile(element));
  const participants = documented.elements.filter(isDocParticipant);
  const inferred = inferAll(participants, { index, actualById, incoming }, { explicit, tags }, docById, counterparts);

  const subjects = [
    ...new Set([...explicit.keys(), ...tags.keys(), ...participants.map((element) => element.id)]),
  ].sort();
  const base = {
    docById,
    actualById,
    incoming,
    explicit,
    tags,
    counterparts,
    docNeighbours: undirected(documented.relations),
    actualNeighbours: undirected(actual.relations),
  };
  const { pairs, ambiguous } = toMapping(resolveAll(subjects, base, inferred, resources));
  addMembers(pairs, actual, actualById);
  return { pairs, ambiguous, viewLinks, unresolved };
}
