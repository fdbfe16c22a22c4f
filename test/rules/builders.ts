/**
 * Hand-built graphs for mapping and rule tests: the documented graph as src/docs builds it and
 * the declared graph as src/iac builds it, with exact positions.
 */

import type { Finding, LevelSetting } from "../../src/model/finding.js";
import type {
  Diagnostic,
  DocView,
  Element,
  ElementAttributes,
  ElementKind,
  Graph,
  Relation,
  RelationKind,
} from "../../src/model/graph.js";
import type { Mapping, MappingPair, ViewLink } from "../../src/model/mapping.js";
import type { Evidence, SourceLocation } from "../../src/model/source.js";
import { runRules } from "../../src/rules/index.js";

export const DOC = "docs/architecture.md";
export const TF = "infra/main.tf";

export function at(file: string, line: number, column = 1): SourceLocation {
  return { file, line, column };
}

export function evidence(file: string, line: number, column: number, message: string): Evidence {
  return { file, line, column, message };
}

interface ElementOptions {
  attributes?: ElementAttributes;
  technology?: string;
  description?: string;
  parent?: string;
  boundary?: boolean;
  view?: DocView;
  evidence?: Record<string, Evidence>;
  moduleCall?: SourceLocation;
  file?: string;
  column?: number;
}

/** A documented element at `line` of docs/architecture.md (physical view unless said). */
export function doc(id: string, kind: ElementKind, label: string, line: number, options: ElementOptions = {}): Element {
  const element: Element = {
    id,
    kind,
    label,
    attributes: options.attributes ?? {},
    source: at(options.file ?? DOC, line, options.column ?? 5),
    origin: "doc",
    view: options.view ?? "physical",
  };
  return withOptions(element, options);
}

/** A declared, significant resource at `line` of infra/main.tf. */
export function resource(
  id: string,
  type: string,
  kind: ElementKind,
  line: number,
  options: ElementOptions = {},
): Element {
  const element: Element = {
    id,
    kind,
    label:
      options.attributes?.tags?.Name ??
      id
        .split(".")
        .pop()!
        .replace(/\[.*\]$/, ""),
    attributes: { type, significant: true, ...options.attributes },
    source: at(options.file ?? TF, line, options.column ?? 1),
    origin: "iac",
  };
  return withOptions(element, options);
}

/** A plumbing resource (security group, subnet, task definition …). */
export function plumbing(id: string, type: string, kind: ElementKind, line: number, options: ElementOptions = {}) {
  return resource(id, type, kind, line, {
    ...options,
    attributes: { significant: false, plumbing: true, ...options.attributes },
  });
}

function withOptions(element: Element, options: ElementOptions): Element {
  if (options.technology !== undefined) element.technology = options.technology;
  if (options.description !== undefined) element.description = options.description;
  if (options.parent !== undefined) element.parent = options.parent;
  if (options.boundary !== undefined) element.boundary = options.boundary;
  if (options.evidence !== undefined) element.evidence = options.evidence;
  if (options.moduleCall !== undefined) element.moduleCall = options.moduleCall;
  return element;
}

export function relation(
  from: string,
  to: string,
  source: SourceLocation,
  options: { kind?: RelationKind; label?: string; view?: DocView; via?: string } = {},
): Relation {
  const built: Relation = { from, to, kind: options.kind ?? "uses", source };
  if (options.label !== undefined) built.label = options.label;
  if (options.view !== undefined) built.view = options.view;
  if (options.via !== undefined) built.via = options.via;
  return built;
}

export function graph(elements: Element[], relations: Relation[] = [], diagnostics: Diagnostic[] = []): Graph {
  return { elements, relations, diagnostics };
}

/** A mapping stated by hand: component → resources (authority explicit). */
export function mapping(
  pairs: Record<string, string[]>,
  extra: { ambiguous?: Mapping["ambiguous"]; viewLinks?: ViewLink[]; unresolved?: Mapping["unresolved"] } = {},
): Mapping {
  const built: MappingPair[] = Object.entries(pairs).map(([component, resources]) => ({
    component,
    resources,
    authority: "explicit",
    evidence: "test",
  }));
  return {
    pairs: built,
    ambiguous: extra.ambiguous ?? [],
    viewLinks: extra.viewLinks ?? [],
    unresolved: extra.unresolved ?? [],
  };
}

/** Runs one rule (at its default level unless given) and returns its findings. */
export function check(
  ruleId: string,
  documented: Graph,
  actual: Graph,
  map: Mapping,
  options: { level?: LevelSetting; command?: "check" | "drift" } = {},
): Finding[] {
  const levels: Record<string, LevelSetting> = options.level ? { [ruleId]: options.level } : {};
  return runRules(
    { documented, actual, mapping: map, command: options.command ?? "check" },
    levels,
    (meta) => meta.id === ruleId,
  ).findings;
}

/** The parts of a finding a test compares: everything but message and fix wording. */
export function shape(finding: Finding) {
  return {
    ruleId: finding.ruleId,
    level: finding.level,
    location: `${finding.location.file}:${finding.location.line}:${finding.location.column}`,
    component: finding.component,
    resource: finding.resource,
    related: finding.related.map((item) => `${item.file}:${item.line}:${item.column}`),
  };
}
