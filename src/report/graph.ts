/**
 * `archlint graph`: the model archlint built, as JSON (model.md field names, stable order) or
 * as a Mermaid flowchart (boundaries as nested subgraphs, relations as labelled edges).
 */
import type { Diagnostic, Element, Graph, Relation } from "../model/graph.js";
import type { Mapping } from "../model/mapping.js";
import { compareLocations } from "../model/source.js";

export type GraphFormat = "json" | "mermaid";

/** A report that cannot be produced as asked (the CLI turns it into exit code 2). */
export class ReportError extends Error {
  // A report asked for in a form that does not exist is a usage error: the CLI's exit code 2.
  override readonly name = "UsageError";
}

const ELEMENT_KEYS = [
  "id",
  "kind",
  "label",
  "technology",
  "description",
  "parent",
  "boundary",
  "view",
  "origin",
  "source",
  "moduleCall",
  "attributes",
  "evidence",
];
const RELATION_KEYS = ["from", "to", "kind", "label", "technology", "via", "ports", "path", "view", "origin", "source"];
const DIAGNOSTIC_KEYS = ["code", "message", "source", "related", "component", "resource"];

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The object with `order`'s keys first, in that order, then any other key as it came (stable sort). */
function orderKeys(value: object, order: readonly string[]): Record<string, unknown> {
  const rank = (key: string) => {
    const index = order.indexOf(key);
    return index === -1 ? order.length : index;
  };
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => rank(a) - rank(b)));
}

function compareElements(a: Element, b: Element): number {
  return compareText(a.id, b.id) || compareLocations(a.source, b.source);
}

function compareRelations(a: Relation, b: Relation): number {
  return (
    compareText(a.from, b.from) ||
    compareText(a.to, b.to) ||
    compareText(a.kind, b.kind) ||
    compareText(a.label ?? "", b.label ?? "") ||
    compareLocations(a.source, b.source)
  );
}

function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return compareLocations(a.source, b.source) || compareText(a.code, b.code) || compareText(a.message, b.message);
}

export function isMapping(value: Graph | Mapping): value is Mapping {
  return "pairs" in value && Array.isArray(value.pairs);
}

function graphJson(graph: Graph): string {
  const out: Record<string, unknown> = {
    elements: [...graph.elements].sort(compareElements).map((element) => orderKeys(element, ELEMENT_KEYS)),
    relations: [...graph.relations].sort(compareRelations).map((relation) => orderKeys(relation, RELATION_KEYS)),
  };
  // What the parsers could not read is kept apart from the model, and only when there is some.
  if (graph.diagnostics.length > 0) {
    out.diagnostics = [...graph.diagnostics].sort(compareDiagnostics).map((d) => orderKeys(d, DIAGNOSTIC_KEYS));
  }
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** `--source mapping`: the pairs, ambiguities, view links and unresolved entries, sorted. */
export function formatMapping(mapping: Mapping): string {
  const byComponent = <T extends { component: string }>(a: T, b: T) => compareText(a.component, b.component);
  const out = {
    pairs: [...mapping.pairs].sort((a, b) => byComponent(a, b) || compareText(a.resources.join(), b.resources.join())),
    ambiguous: [...mapping.ambiguous].sort(byComponent),
    viewLinks: [...mapping.viewLinks].sort(
      (a, b) => compareText(a.logical, b.logical) || compareText(a.physical, b.physical),
    ),
    unresolved: [...mapping.unresolved].sort((a, b) => byComponent(a, b) || compareText(a.target, b.target)),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

// --- Mermaid -------------------------------------------------------------------------------

/**
 * Text inside a quoted Mermaid label: `"` would end it and `<`/`>` would be read as HTML, so
 * they (and `#`, which starts an entity, and the backtick of Markdown strings) become numeric
 * Mermaid entity codes; line breaks become `<br/>`.
 */
export function escapeMermaidLabel(text: string): string {
  return text
    .replace(/#/g, "#35;")
    .replace(/"/g, "#34;")
    .replace(/</g, "#60;")
    .replace(/>/g, "#62;")
    .replace(/`/g, "#96;")
    .replace(/\r?\n/g, "<br/>");
}

/** Safe, readable, unique node ids: `n_` + the id with anything but [A-Za-z0-9_] as `_`. */
function nodeIdAllocator(): (id: string) => string {
  const assigned = new Map<string, string>();
  const used = new Set<string>();
  return (id) => {
    const known = assigned.get(id);
    if (known) return known;
    const base = `n_${id.replace(/[^A-Za-z0-9_]/g, "_")}`;
    let candidate = base;
    for (let suffix = 2; used.has(candidate); suffix++) candidate = `${base}_${suffix}`;
    assigned.set(id, candidate);
    used.add(candidate);
    return candidate;
  };
}

function nodeLabel(element: Element): string {
  return `"${escapeMermaidLabel(element.label || element.id)}<br/>${escapeMermaidLabel(element.kind)}"`;
}

function graphMermaid(graph: Graph): string {
  const elements = [...graph.elements].sort(compareElements);
  const byId = new Map<string, Element>();
  for (const element of elements) if (!byId.has(element.id)) byId.set(element.id, element);
  const idOf = nodeIdAllocator();
  for (const element of byId.values()) idOf(element.id);

  // Children by parent; an element whose parent is missing or not a boundary sits at the top.
  const children = new Map<string, Element[]>();
  const top: Element[] = [];
  for (const element of byId.values()) {
    const parent = element.parent === undefined ? undefined : byId.get(element.parent);
    if (parent?.boundary && parent.id !== element.id) {
      const siblings = children.get(parent.id);
      if (siblings) siblings.push(element);
      else children.set(parent.id, [element]);
    } else top.push(element);
  }

  const lines = ["flowchart LR"];
  const emitted = new Set<string>();
  const emit = (element: Element, depth: number): void => {
    // A parent cycle in a malformed graph must not loop: each element is drawn once.
    if (emitted.has(element.id)) return;
    emitted.add(element.id);
    const indent = "  ".repeat(depth);
    if (!element.boundary) {
      lines.push(`${indent}${idOf(element.id)}[${nodeLabel(element)}]`);
      return;
    }
    lines.push(`${indent}subgraph ${idOf(element.id)} [${nodeLabel(element)}]`);
    for (const child of children.get(element.id) ?? []) emit(child, depth + 1);
    lines.push(`${indent}end`);
  };
  for (const element of top) emit(element, 1);
  // Elements only reachable through a parent cycle are still drawn, at the top.
  for (const element of byId.values()) emit(element, 1);

  const relations = [...graph.relations].sort(compareRelations);
  for (const endpoint of relations.flatMap((relation) => [relation.from, relation.to])) {
    if (byId.has(endpoint) || emitted.has(endpoint)) continue;
    emitted.add(endpoint);
    lines.push(`  ${idOf(endpoint)}["${escapeMermaidLabel(endpoint)}"]`);
  }
  for (const relation of relations) {
    const label = relation.label || relation.kind;
    lines.push(`  ${idOf(relation.from)} -->|"${escapeMermaidLabel(label)}"| ${idOf(relation.to)}`);
  }
  return `${lines.join("\n")}\n`;
}

export function formatGraph(format: GraphFormat, graph: Graph | Mapping): string {
  if (isMapping(graph)) {
    if (format === "mermaid") {
      throw new ReportError("mermaid output is not available for the mapping; use --format json.");
    }
    return formatMapping(graph);
  }
  return format === "mermaid" ? graphMermaid(graph) : graphJson(graph);
}
