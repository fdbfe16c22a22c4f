/**
 * One parsed diagram → element and relation drafts of its view: labels, boundaries and the
 * facts its structure states (placement from enclosing boundaries, replication and standby
 * from edges and siblings, one node per availability zone). Kinds and text facts are decided
 * later, on the composed picture, because "..." fields take their value from earlier diagrams.
 */
import type { DocView, ElementKind } from "../model/graph.js";
import type { SourceLocation } from "../model/source.js";
import type { DiagramNode, ParsedDiagram } from "../parsers/mermaid/types.js";
import {
  ABBREVIATION_PHRASE,
  COMPLETE_TITLE,
  type Enclosing,
  type Facts,
  isEllipsis,
  isPlaceholder,
  placementFacts,
  readable,
  type TextField,
} from "./facts.js";
import { classifyBoundary, classifyElement, hostsContainers } from "./kinds.js";

export interface ElementDraft {
  id: string;
  macro: string;
  label: TextField;
  technology?: TextField;
  description?: TextField;
  parent?: string;
  boundary: boolean;
  external?: boolean;
  icon?: string;
  source: SourceLocation;
  view: DocView;
  /** Kinds of the enclosing boundaries, nearest first; a container host (Docker, ECS cluster) counts as "container". */
  enclosing: ElementKind[];
  placeholder: boolean;
  /** Facts stated by the diagram's structure, with evidence. */
  facts: Facts;
}

export interface RelationDraft {
  from: string;
  to: string;
  label?: TextField;
  technology?: TextField;
  source: SourceLocation;
}

export interface ConvertedDiagram {
  parsed: ParsedDiagram;
  view: DocView;
  title?: string;
  abbreviated: boolean;
  abbreviatedBecause?: string;
  drafts: ElementDraft[];
  relations: RelationDraft[];
}

export function viewOf(diagram: ParsedDiagram): DocView {
  return diagram.type === "c4" && diagram.header !== "C4Deployment" ? "logical" : "physical";
}

function labelOf(node: DiagramNode): TextField {
  return node.label && node.label.value !== "" ? node.label : { value: readable(node.id), source: node.source };
}

/** Kind of a boundary as its members see it: a container host counts as "container". */
function hostKind(node: DiagramNode): ElementKind {
  const title = labelOf(node).value;
  return hostsContainers(title) ? "container" : classifyBoundary(title, node.technology?.value);
}

function ancestorsOf(node: DiagramNode, byId: Map<string, DiagramNode>): DiagramNode[] {
  const chain: DiagramNode[] = [];
  const seen = new Set([node.id]);
  let parent = node.parent ? byId.get(node.parent) : undefined;
  while (parent && !seen.has(parent.id)) {
    chain.push(parent);
    seen.add(parent.id);
    parent = parent.parent ? byId.get(parent.parent) : undefined;
  }
  return chain;
}

function enclosingOf(node: DiagramNode): Enclosing {
  return {
    id: node.id,
    title: labelOf(node).value,
    statement: node.statement,
    kind: node.boundary ? hostKind(node) : "application",
  };
}

export function convertDiagram(parsed: ParsedDiagram, heading?: string): ConvertedDiagram {
  const view = viewOf(parsed);
  const byId = new Map(parsed.nodes.map((node) => [node.id, node]));
  const drafts = parsed.nodes.map((node) => draftOf(node, byId, view));
  const relations: RelationDraft[] = parsed.edges.map((edge) => {
    const relation: RelationDraft = { from: edge.from, to: edge.to, source: edge.source };
    if (edge.label) relation.label = edge.label;
    if (edge.technology) relation.technology = edge.technology;
    return relation;
  });
  const draftsById = new Map(drafts.map((d) => [d.id, d]));
  replicationFacts(drafts, draftsById, relations);
  zoneSpreadFacts(drafts);
  const converted: ConvertedDiagram = { parsed, view, abbreviated: false, drafts, relations };
  const title = parsed.title?.value || heading;
  if (title) converted.title = title;
  const because = abbreviation(parsed, drafts);
  if (because && !(parsed.title && COMPLETE_TITLE.test(parsed.title.value))) {
    converted.abbreviated = true;
    converted.abbreviatedBecause = because;
  }
  return converted;
}

function draftOf(node: DiagramNode, byId: Map<string, DiagramNode>, view: DocView): ElementDraft {
  const ancestors = ancestorsOf(node, byId);
  const label = labelOf(node);
  const draft: ElementDraft = {
    id: node.id,
    macro: node.macro,
    label,
    boundary: node.boundary,
    source: node.source,
    view,
    enclosing: ancestors.map(hostKind),
    placeholder: isPlaceholder(label.value, node.boundary),
    facts: placementFacts(enclosingOf(node), ancestors.map(enclosingOf)),
  };
  if (node.technology) draft.technology = node.technology;
  if (node.description) draft.description = node.description;
  if (node.parent && byId.has(node.parent)) draft.parent = node.parent;
  if (node.external) draft.external = true;
  if (node.icon) draft.icon = node.icon;
  return draft;
}

const REPLICATION = /\breplicat/i;
const SYNC = /\bsync(?:hronous)?\b/i;
const STANDBY = /\bstandby\b/i;
const REPLICA = /\breplicas?\b/i;
const PRIMARY = /\b(primary|master|writer)\b/i;

function texts(draft: ElementDraft): string {
  return [draft.label.value, draft.technology?.value].filter(Boolean).join(" ");
}

/**
 * Read replicas and standbys: an edge labelled "replication" names the primary; without one,
 * the replica's sibling labelled primary is. Sync replication or a "standby" label make a
 * standby (Multi-AZ), anything else a read replica.
 */
function replicationFacts(drafts: ElementDraft[], byId: Map<string, ElementDraft>, relations: RelationDraft[]): void {
  const linked = new Set<string>();
  for (const relation of relations) {
    const text = [relation.label?.value, relation.technology?.value].filter(Boolean).join(" ");
    if (!REPLICATION.test(text)) continue;
    const primary = byId.get(relation.from);
    const secondary = byId.get(relation.to);
    if (!primary || !secondary || primary.boundary || secondary.boundary) continue;
    const standby = (SYNC.test(text) && !/\basync/i.test(text)) || STANDBY.test(texts(secondary));
    const where = { ...relation.source, message: `documented by "${text}" from ${primary.id} to ${secondary.id}` };
    link(primary, secondary, standby, where);
    linked.add(secondary.id);
  }
  for (const secondary of drafts) {
    if (linked.has(secondary.id) || secondary.boundary) continue;
    const label = texts(secondary);
    if (!REPLICA.test(label) && !STANDBY.test(label)) continue;
    const primary = drafts.find(
      (d) => d !== secondary && !d.boundary && d.parent === secondary.parent && PRIMARY.test(texts(d)),
    );
    if (!primary) continue;
    const where = { ...secondary.source, message: `"${secondary.label.value}" drawn beside "${primary.label.value}"` };
    link(primary, secondary, STANDBY.test(label), where);
  }
}

function link(
  primary: ElementDraft,
  secondary: ElementDraft,
  standby: boolean,
  where: SourceLocation & { message: string },
): void {
  const set = (draft: ElementDraft, key: string, value: unknown, claim?: string) => {
    draft.facts.attributes[key] = value;
    draft.facts.evidence[key] = where;
    if (claim) addClaim(draft, claim);
  };
  if (standby) {
    set(primary, "multiAz", true, "multi-az");
    set(primary, "standby", true, "standby");
    set(secondary, "standby", true, "standby");
    set(secondary, "standbyOf", primary.id);
    return;
  }
  set(secondary, "replicaOf", primary.id, "read-replica");
  addClaim(primary, "read-replica");
  const replicas = (primary.facts.attributes.replicas ?? []) as string[];
  if (!replicas.includes(secondary.id)) set(primary, "replicas", [...replicas, secondary.id]);
}

/** NAT gateways, endpoints, subnets: one per zone is their nature, not a Multi-AZ claim. */
function isNetworkPart(draft: ElementDraft): boolean {
  return classifyElement({ macro: draft.macro, label: draft.label.value, enclosing: [] }).kind === "network";
}

function addClaim(draft: ElementDraft, claim: string): void {
  const claims = draft.facts.attributes.claims ?? [];
  if (!claims.includes(claim)) draft.facts.attributes.claims = [...claims, claim];
}

/** The same node drawn once per availability zone ("ElastiCache Node" in AZ 1 and AZ 2) spans them. */
function zoneSpreadFacts(drafts: ElementDraft[]): void {
  const byLabel = new Map<string, ElementDraft[]>();
  for (const draft of drafts) {
    if (draft.boundary || !draft.facts.attributes.availabilityZones || isNetworkPart(draft)) continue;
    const key = draft.label.value.toLowerCase();
    byLabel.set(key, [...(byLabel.get(key) ?? []), draft]);
  }
  for (const group of byLabel.values()) {
    const zones = [...new Set(group.flatMap((d) => d.facts.attributes.availabilityZones ?? []))];
    if (zones.length < 2) continue;
    for (const draft of group) {
      draft.facts.attributes.multiAz = true;
      draft.facts.evidence.multiAz = {
        ...draft.source,
        message: `"${draft.label.value}" drawn in ${zones.map((z) => `"${z}"`).join(" and ")}`,
      };
      addClaim(draft, "multi-az");
    }
  }
}

/** Why a diagram only updates the picture (model.md), or undefined when it is complete. */
function abbreviation(parsed: ParsedDiagram, drafts: ElementDraft[]): string | undefined {
  for (const node of parsed.nodes) {
    for (const field of ["label", "technology", "description"] as const) {
      if (isEllipsis(node[field]?.value)) return `${field} "..." of ${node.id}`;
    }
  }
  const placeholder = drafts.find((d) => d.placeholder);
  if (placeholder) return `placeholder "${placeholder.label.value}"`;
  for (const comment of parsed.comments) {
    const m = ABBREVIATION_PHRASE.exec(comment.text);
    if (m) return `comment "${m[0]}" on line ${comment.source.line}`;
  }
  for (const node of parsed.nodes) {
    const m = node.description && ABBREVIATION_PHRASE.exec(node.description.value);
    if (m) return `description of ${node.id} says "${m[0]}"`;
  }
  return undefined;
}
