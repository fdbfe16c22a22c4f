/**
 * The mappings people state: configuration `mapping` entries and component tags on resources.
 * Anything they name that does not exist becomes an `unresolved` entry, never an exception.
 */
import type { Element, Graph } from "../model/graph.js";
import type { SourceLocation } from "../model/source.js";
import { isResourceParticipant } from "./elements.js";
import { parseAddress } from "./tokens.js";

export interface Unresolved {
  component: string;
  target: string;
  message: string;
  source?: SourceLocation;
}

/** A stated mapping of one documented element. */
export interface Statement {
  resources: Set<string>;
  evidence: string[];
}

export type KeyResolution = { ids: string[] } | { error: string };

/**
 * A documented element named in configuration or a tag: its id, or `DOCFILE#id`; an id that
 * only exists prefixed (two documents share it) is accepted when exactly one document has it.
 */
export function resolveComponentKey(key: string, documented: Graph, byId: Map<string, Element>): KeyResolution {
  if (byId.has(key)) return { ids: [key] };
  const hash = key.lastIndexOf("#");
  if (hash > 0) {
    const file = key.slice(0, hash);
    const local = key.slice(hash + 1);
    const ids = documented.elements
      .filter((element) => element.source.file === file && (element.id === local || element.id.endsWith(`#${local}`)))
      .map((element) => element.id);
    if (ids.length > 0) return { ids };
    return { error: `no documented element "${local}" in ${file}` };
  }
  const prefixed = documented.elements.filter((element) => element.id.endsWith(`#${key}`));
  if (prefixed.length === 1) return { ids: [prefixed[0]!.id] };
  if (prefixed.length > 1) {
    const files = prefixed.map((element) => element.source.file).join(", ");
    return { error: `several documents define "${key}" (${files}); write it as DOCFILE#${key}` };
  }
  return { error: `no documented element has id "${key}"` };
}

/** Lookups over the actual graph for explicit targets, built once. */
export class TargetResolver {
  private readonly byId: Map<string, Element>;
  private readonly byArn = new Map<string, Element>();

  constructor(private readonly actual: Graph) {
    this.byId = new Map(actual.elements.map((element) => [element.id, element]));
    for (const element of actual.elements) {
      const arn = element.attributes.arn;
      if (typeof arn === "string") this.byArn.set(arn, element);
    }
  }

  /** Element ids a target names, or why it names none. */
  resolve(target: string): KeyResolution {
    if (target.startsWith("tag:")) return this.byTag(target.slice(4));
    if (this.byId.has(target)) return { ids: [target] };
    const arn = this.byArn.get(target);
    if (arn) return { ids: [arn.id] };
    const hash = target.lastIndexOf("#");
    if (hash > 0) return this.inTemplate(target.slice(0, hash), target.slice(hash + 1));
    // A counted resource or a module call names every instance / resource under it.
    const under = this.actual.elements.filter(
      (element) =>
        element.id.startsWith(`${target}[`) ||
        (target.startsWith("module.") && element.id.startsWith(`${target}.`) && isResourceParticipant(element)),
    );
    if (under.length > 0) return { ids: under.map((element) => element.id) };
    return { error: this.notFound(target) };
  }

  private byTag(expression: string): KeyResolution {
    const equals = expression.indexOf("=");
    if (equals <= 0) return { error: `"tag:${expression}" is not of the form tag:KEY=VALUE` };
    const key = expression.slice(0, equals);
    const value = expression.slice(equals + 1);
    const ids = this.actual.elements
      .filter((element) => element.attributes.tags?.[key] === value)
      .map((element) => element.id);
    return ids.length > 0 ? { ids } : { error: `no resource has the tag ${key}=${value}` };
  }

  private inTemplate(file: string, logicalId: string): KeyResolution {
    const ids = this.actual.elements
      .filter(
        (element) =>
          element.source.file === file && (element.id === logicalId || element.id === `${file}#${logicalId}`),
      )
      .map((element) => element.id);
    return ids.length > 0 ? { ids } : { error: `no resource "${logicalId}" in ${file}` };
  }

  /** Says what is missing, with the closest existing address of the same type when there is one. */
  private notFound(target: string): string {
    const kind = target.startsWith("arn:") ? "no resource has the ARN" : "no resource has the address";
    const suggestion = this.closest(target);
    return `${kind} ${target}${suggestion ? ` (did you mean ${suggestion}?)` : ""}`;
  }

  private closest(target: string): string | undefined {
    const type = parseAddress(target).type;
    if (!type) return undefined;
    let best: string | undefined;
    let bestDistance = Math.max(3, Math.floor(target.length / 4)) + 1;
    for (const element of this.actual.elements) {
      if (parseAddress(element.id).type !== type) continue;
      const distance = editDistance(target, element.id, bestDistance);
      if (distance < bestDistance) {
        best = element.id;
        bestDistance = distance;
      }
    }
    return best;
  }
}

/** Levenshtein distance, giving up (returning `limit`) once it cannot be under `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin >= limit) return limit;
    previous = current;
  }
  return Math.min(previous[b.length]!, limit);
}

function addStatement(statements: Map<string, Statement>, component: string, ids: string[], evidence: string): void {
  const statement = statements.get(component) ?? { resources: new Set<string>(), evidence: [] };
  for (const id of ids) statement.resources.add(id);
  statement.evidence.push(evidence);
  statements.set(component, statement);
}

export interface ExplicitInput {
  explicit: Record<string, string[]>;
  /** Where each configuration entry is written (key → location), for reporting. */
  sources?: Record<string, SourceLocation>;
  documented: Graph;
  docById: Map<string, Element>;
  targets: TargetResolver;
}

/** Configuration `mapping` entries → statements per documented element id. */
export function readExplicitMapping(input: ExplicitInput, unresolved: Unresolved[]): Map<string, Statement> {
  const statements = new Map<string, Statement>();
  for (const key of Object.keys(input.explicit).sort()) {
    const source = input.sources?.[key];
    const targets = input.explicit[key] ?? [];
    const components = resolveComponentKey(key, input.documented, input.docById);
    if ("error" in components) {
      unresolved.push(withSource({ component: key, target: targets.join(", "), message: components.error }, source));
      continue;
    }
    for (const target of targets) {
      const resolved = input.targets.resolve(target);
      if ("error" in resolved) {
        unresolved.push(withSource({ component: key, target, message: resolved.error }, source));
        continue;
      }
      for (const component of components.ids)
        addStatement(statements, component, resolved.ids, `configuration mapping "${key}" → ${target}`);
    }
  }
  return statements;
}

function withSource(entry: Unresolved, source: SourceLocation | undefined): Unresolved {
  return source ? { ...entry, source } : entry;
}

/** Resources tagged `tagKey=<documented element id>` → statements per documented element id. */
export function readTagMapping(
  actual: Graph,
  tagKey: string,
  documented: Graph,
  docById: Map<string, Element>,
  unresolved: Unresolved[],
): Map<string, Statement> {
  const statements = new Map<string, Statement>();
  for (const element of actual.elements) {
    const value = element.attributes.tags?.[tagKey];
    if (value === undefined || value === "") continue;
    const components = resolveComponentKey(value, documented, docById);
    if ("error" in components) {
      unresolved.push({
        component: value,
        target: element.id,
        message: `tag ${tagKey}=${value} on ${element.id}: ${components.error}`,
        source: element.source,
      });
      continue;
    }
    for (const component of components.ids)
      addStatement(statements, component, [element.id], `tag ${tagKey}=${value} on ${element.id}`);
  }
  return statements;
}
