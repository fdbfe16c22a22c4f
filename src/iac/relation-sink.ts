/**
 * Collects the declared graph's relations, once each: a relation is identified by its kind,
 * ends, path and what carries it, and the first place it is written is kept.
 */
import type { PortRange, Relation, RelationKind } from "../model/graph.js";
import type { SourceLocation } from "../model/source.js";
import type { Node } from "./resource-index.js";

export interface RelationExtras {
  label?: string;
  ports?: PortRange[];
  path?: string;
  technology?: string;
}

export class RelationSink {
  readonly relations: Relation[] = [];
  private readonly seen = new Map<string, Relation>();

  /**
   * Adds `from → to` unless either end has no element (data sources, resources not created)
   * or both ends are the same element.
   */
  add(
    kind: RelationKind,
    from: Node,
    to: Node,
    source: SourceLocation,
    via: Node | string,
    extras: RelationExtras = {},
  ): void {
    if (!from.element || !to.element || from === to) return;
    const viaId = typeof via === "string" ? via : via.id;
    const key = `${kind}\u0000${from.id}\u0000${to.id}\u0000${viaId}\u0000${extras.path ?? ""}`;
    const existing = this.seen.get(key);
    if (existing) {
      mergeExtras(existing, extras);
      return;
    }
    const relation: Relation = { from: from.id, to: to.id, kind, source: { ...source }, origin: "iac", via: viaId };
    if (extras.label !== undefined) relation.label = extras.label;
    if (extras.ports !== undefined) relation.ports = [...extras.ports];
    if (extras.path !== undefined) relation.path = extras.path;
    if (extras.technology !== undefined) relation.technology = extras.technology;
    this.seen.set(key, relation);
    this.relations.push(relation);
  }
}

/** A second statement of the same relation adds its ports and actions. */
function mergeExtras(relation: Relation, extras: RelationExtras): void {
  for (const range of extras.ports ?? []) {
    relation.ports ??= [];
    if (
      !relation.ports.some(
        (known) => known.from === range.from && known.to === range.to && known.protocol === range.protocol,
      )
    )
      relation.ports.push(range);
  }
  if (extras.label && relation.label) {
    const parts = relation.label.split(", ");
    for (const part of extras.label.split(", ")) if (!parts.includes(part)) parts.push(part);
    relation.label = parts.join(", ");
  }
}
