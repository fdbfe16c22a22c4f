/**
 * Composes the diagrams of one view of one document into the documented target (model.md
 * "Multi-diagram documents"): diagrams are read in order; a complete diagram replaces the
 * picture, an abbreviated one updates it; "..." fields keep their earlier value; structural
 * facts about an id that persists (placement, replication) carry forward until restated.
 */
import type { DiagramSelector } from "../config/types.js";
import type { DocView, Element, ElementAttributes, Relation } from "../model/graph.js";
import { oneLine } from "../parsers/mermaid/scanner.js";
import type { ConvertedDiagram, ElementDraft, RelationDraft } from "./convert.js";
import {
  type Facts,
  isEllipsis,
  relationKind,
  relationPath,
  relationPorts,
  type TextField,
  textFacts,
} from "./facts.js";
import { ingressFacts, type NamedElement, type SourceResolver, sourceResolver } from "./ingress.js";
import { classifyBoundary, classifyElement } from "./kinds.js";

interface Picture {
  elements: Map<string, ElementDraft>;
  relations: RelationDraft[];
}

/** Which diagrams (0-based positions in `diagrams`) take part, per the `diagrams` option. */
export function selectDiagrams(diagrams: ConvertedDiagram[], selector: DiagramSelector | undefined): Set<number> {
  const positions = diagrams.map((_, i) => i).filter((i) => diagrams[i]!.parsed.type !== "unknown");
  if (selector === undefined || selector === "all") return new Set(positions);
  if (Array.isArray(selector)) return new Set(positions.filter((i) => selector.includes(i + 1)));
  if (selector === "last") {
    const last = new Map<DocView, number>();
    for (const i of positions) last.set(diagrams[i]!.view, i);
    return new Set(last.values());
  }
  const needle = selector.toLowerCase();
  return new Set(positions.filter((i) => diagrams[i]!.title?.toLowerCase().includes(needle)));
}

function keep(next: TextField | undefined, old: TextField | undefined): TextField | undefined {
  return next === undefined || isEllipsis(next.value) ? old : next;
}

function merge(old: ElementDraft, next: ElementDraft, placeholders: Set<string>): ElementDraft {
  const carried = withoutMembership(old.facts);
  const merged: ElementDraft = {
    ...next,
    label: keep(next.label, old.label)!,
    facts: {
      attributes: { ...carried.attributes, ...next.facts.attributes },
      evidence: { ...carried.evidence, ...next.facts.evidence },
    },
  };
  const technology = keep(next.technology, old.technology);
  const description = keep(next.description, old.description);
  if (technology) merged.technology = technology;
  if (description) merged.description = description;
  // "Other AWS Services" groups existing elements for the picture; it is not where they live.
  if (next.parent && placeholders.has(next.parent)) {
    if (old.parent) merged.parent = old.parent;
    else delete merged.parent;
    merged.enclosing = old.enclosing;
  }
  return merged;
}

/**
 * Which VPC and subnet boxes an element sits in is read from each diagram anew (a node drawn
 * outside the VPC box is outside it); the subnet tier, zones and region carry forward (a host
 * drawn without its subnet box stays where it was documented).
 */
function withoutMembership(facts: Facts): Facts {
  const attributes = { ...facts.attributes };
  const evidence = { ...facts.evidence };
  for (const key of ["vpc", "subnets"]) {
    delete attributes[key];
    delete evidence[key];
  }
  return { attributes, evidence };
}

function pairKey(r: { from: string; to: string }): string {
  return `${r.from}\u0000${r.to}`;
}

/** Reads the selected diagrams of one view in order. `mergeAll`: every diagram updates ("all"). */
export function composeView(diagrams: ConvertedDiagram[], mergeAll: boolean): Picture {
  let picture: Picture = { elements: new Map(), relations: [] };
  for (const diagram of diagrams) {
    const abbreviated = mergeAll || diagram.abbreviated;
    const placeholders = new Set(diagram.drafts.filter((d) => d.placeholder && d.boundary).map((d) => d.id));
    const elements = new Map<string, ElementDraft>(abbreviated ? picture.elements : []);
    for (const draft of diagram.drafts) {
      const old = picture.elements.get(draft.id);
      elements.set(draft.id, old ? merge(old, draft, placeholders) : draft);
    }
    let relations = diagram.relations;
    if (abbreviated) {
      const restated = new Set(diagram.relations.map(pairKey));
      relations = [...picture.relations.filter((r) => !restated.has(pairKey(r))), ...diagram.relations];
      if (!mergeAll) pruneEmptiedBoundaries(picture.elements, elements, new Set(diagram.drafts.map((d) => d.id)));
    }
    picture = { elements, relations: relations.filter((r) => elements.has(r.from) && elements.has(r.to)) };
  }
  return picture;
}

/** A boundary carried forward whose members all moved elsewhere is gone (host renamed). */
function pruneEmptiedBoundaries(
  before: Map<string, ElementDraft>,
  after: Map<string, ElementDraft>,
  restated: Set<string>,
): void {
  const hadMembers = new Set([...before.values()].map((d) => d.parent).filter((p): p is string => p !== undefined));
  let changed = true;
  while (changed) {
    changed = false;
    const hasMembers = new Set([...after.values()].map((d) => d.parent).filter((p): p is string => p !== undefined));
    for (const [id, draft] of after) {
      if (draft.boundary && !restated.has(id) && hadMembers.has(id) && !hasMembers.has(id)) {
        after.delete(id);
        changed = true;
      }
    }
  }
}

/** Attributes whose values are element ids (renamed with their elements, dropped when dangling). */
export const ID_ATTRIBUTES = ["vpc", "replicaOf", "standbyOf"] as const;
export const ID_LIST_ATTRIBUTES = ["subnets", "replicas"] as const;

/** Drafts → Elements: kinds, text facts, and references only to ids that exist in the view. */
export function finalize(picture: Picture, view: DocView): { elements: Element[]; relations: Relation[] } {
  const drafts = [...picture.elements.values()];
  const resolve = sourceResolver(drafts.map(namedElement));
  const elements = drafts.map((draft) => elementOf(draft, resolve));
  const ids = new Set(elements.map((e) => e.id));
  for (const element of elements) {
    const attributes = element.attributes as Record<string, unknown>;
    for (const key of ID_ATTRIBUTES) {
      if (typeof attributes[key] === "string" && !ids.has(attributes[key])) dropFact(element, key);
    }
    for (const key of ID_LIST_ATTRIBUTES) {
      const list = attributes[key];
      if (!Array.isArray(list)) continue;
      const kept = list.filter((id: string) => ids.has(id));
      if (kept.length === 0) dropFact(element, key);
      else attributes[key] = kept;
    }
    if (element.parent && !ids.has(element.parent)) delete element.parent;
  }
  return { elements, relations: picture.relations.map((r) => relationOf(r, view)) };
}

function dropFact(element: Element, key: string): void {
  delete (element.attributes as Record<string, unknown>)[key];
  if (element.evidence) delete element.evidence[key];
}

/** What names a draft: ingress sources ("from ALB SG") are resolved against it. */
function namedElement(draft: ElementDraft): NamedElement {
  const named: NamedElement = {
    id: draft.id,
    label: draft.label.value,
    boundary: draft.boundary,
    placeholder: draft.placeholder,
  };
  if (draft.technology && !isEllipsis(draft.technology.value)) named.technology = draft.technology.value;
  if (draft.description && !isEllipsis(draft.description.value)) named.description = draft.description.value;
  return named;
}

function elementOf(draft: ElementDraft, resolve: SourceResolver): Element {
  const classified = draft.boundary
    ? { kind: classifyBoundary(draft.label.value, draft.technology?.value) }
    : classifyElement({
        macro: draft.macro,
        label: draft.label.value,
        technology: draft.technology?.value,
        description: draft.description?.value,
        external: draft.external,
        icon: draft.icon,
        enclosing: draft.enclosing,
      });
  const stated = textFacts({
    kind: classified.kind,
    label: draft.label,
    technology: draft.technology,
    description: draft.description,
  });
  const fields = [draft.label, draft.technology, draft.description].filter(
    (field): field is TextField => field !== undefined && !isEllipsis(field.value),
  );
  const ingress = ingressFacts(fields, resolve, draft.id);
  const attributes: ElementAttributes = { ...stated.attributes, ...ingress.attributes, ...draft.facts.attributes };
  const claims = [...new Set([...(stated.attributes.claims ?? []), ...(draft.facts.attributes.claims ?? [])])];
  if (claims.length > 0) attributes.claims = claims;
  if ("roles" in classified && classified.roles) attributes.roles = classified.roles;
  if (draft.placeholder) attributes.placeholder = true;
  const element: Element = {
    id: draft.id,
    kind: classified.kind,
    label: oneLine(draft.label.value),
    attributes,
    source: draft.source,
    origin: "doc",
    view: draft.view,
  };
  const [firstLine, ...moreLines] = draft.label.value.split("\n");
  if (moreLines.length > 0 && firstLine) element.name = oneLine(firstLine);
  if (draft.technology && !isEllipsis(draft.technology.value)) element.technology = oneLine(draft.technology.value);
  if (draft.description && !isEllipsis(draft.description.value)) element.description = oneLine(draft.description.value);
  if (draft.parent) element.parent = draft.parent;
  if (draft.boundary) element.boundary = true;
  const evidence = { ...stated.evidence, ...ingress.evidence, ...draft.facts.evidence };
  if (Object.keys(evidence).length > 0) element.evidence = evidence;
  return element;
}

function relationOf(draft: RelationDraft, view: DocView): Relation {
  const label = (draft.label && oneLine(draft.label.value)) || undefined;
  const relation: Relation = {
    from: draft.from,
    to: draft.to,
    kind: relationKind(label, draft.technology?.value),
    source: draft.source,
    origin: "doc",
    view,
  };
  if (label) relation.label = label;
  if (draft.technology) relation.technology = oneLine(draft.technology.value);
  const ports = relationPorts(`${label ?? ""} ${draft.technology?.value ?? ""}`);
  if (ports.length > 0) relation.ports = ports;
  const path = relationPath(label);
  if (path && relation.kind === "routes") relation.path = path;
  else if (path && label?.startsWith("/")) relation.path = path;
  return relation;
}
