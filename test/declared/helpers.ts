/**
 * The declared graph of the four systems' conforming infrastructure code, built through the real
 * parsers, and the way back to the fixture text: every expected position is found by searching
 * the fixture file for the declaration or attribute, never written down as a number.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { buildDeclaredGraph } from "../../src/iac/index.js";
import type { Element, ElementKind, Graph, Relation, RelationKind } from "../../src/model/graph.js";
import type { IacFormat, IacParseResult } from "../../src/model/iac.js";
import type { SourceLocation } from "../../src/model/source.js";
import { parseCloudFormation } from "../../src/parsers/cloudformation/index.js";
import { parseTerraform } from "../../src/parsers/terraform/index.js";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export type System = "inkwell" | "classifyhub" | "rails-ecs" | "posts-services";
export const FORMATS: readonly IacFormat[] = ["terraform", "cloudformation"];

export function fixtureDir(system: System, format: IacFormat): string {
  return path.join(repoRoot, "fixtures", system, format);
}

export interface Declared {
  format: IacFormat;
  dir: string;
  parsed: IacParseResult;
  graph: Graph;
}

/** CloudFormation templates of a fixture folder (its `.archlintrc.json` is not one). */
function templateFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => !name.startsWith(".") && /\.(ya?ml|json)$/.test(name))
    .sort();
}

async function parseFixture(dir: string, format: IacFormat): Promise<IacParseResult> {
  if (format === "terraform") return parseTerraform({ root: dir, modules: ["."] });
  const inputs = templateFiles(dir).map((file) => ({ file, text: readFileSync(path.join(dir, file), "utf8") }));
  return parseCloudFormation(inputs, { root: dir });
}

const graphs = new Map<string, Promise<Declared>>();

/** The declared graph of one system in one format, built once per test file. */
export function declared(system: System, format: IacFormat): Promise<Declared> {
  const key = `${system}/${format}`;
  let pending = graphs.get(key);
  if (!pending) {
    const dir = fixtureDir(system, format);
    pending = parseFixture(dir, format).then((parsed) => ({ format, dir, parsed, graph: buildDeclaredGraph(parsed) }));
    graphs.set(key, pending);
  }
  return pending;
}

// --- positions in the fixture text -------------------------------------------------------

const texts = new Map<string, string>();

function fixtureText(dir: string, file: string): string {
  const absolute = path.join(dir, file);
  let text = texts.get(absolute);
  if (text === undefined) {
    text = readFileSync(absolute, "utf8");
    texts.set(absolute, text);
  }
  return text;
}

/**
 * Where the last of `steps` is written in `file`: each step is searched after the previous one,
 * and the position is that of the step's first non-blank character (so `"\n  multi_az "` finds
 * the key `multi_az` at the start of a line, not `multi_az_enabled`). 1-based line, UTF-16 column.
 */
export function locate(dir: string, file: string, ...steps: string[]): SourceLocation {
  const text = fixtureText(dir, file);
  let offset = 0;
  let found = -1;
  for (const step of steps) {
    found = text.indexOf(step, offset);
    if (found === -1) throw new Error(`${file}: ${JSON.stringify(step)} not found after ${JSON.stringify(steps)}`);
    found += step.length - step.trimStart().length;
    offset = found + 1;
  }
  const lineStart = text.lastIndexOf("\n", found - 1) + 1;
  const line = text.slice(0, lineStart).split("\n").length;
  return { file, line, column: found - lineStart + 1 };
}

/** `resource "aws_db_instance" "primary"` for any address of it (module path and instance key dropped). */
export function terraformHeader(address: string): string {
  const match = /^(?:module\.[^.]+(?:\[[^\]]*\])?\.)*([^.]+)\.([^.[]+)/.exec(address);
  if (!match) throw new Error(`not a Terraform resource address: ${address}`);
  return `resource "${match[1]}" "${match[2]}" {`;
}

/** The key of a logical id under `Resources` (YAML: `  Id:`; JSON: `"Id": {`). */
export function logicalIdKey(file: string, id: string): string[] {
  return file.endsWith(".json") ? ['"Resources"', `"${id}": {`] : ["\nResources:", `\n  ${id}:\n`];
}

/** A resource's declaration: the file it is in and the steps that find its first line. */
export interface Site {
  file: string;
  id: string;
}

/** Terraform file and address, CloudFormation template and logical id of one resource. */
export type SiteRow = readonly [terraformFile: string, address: string, template: string, logicalId: string];

/** Each role's declaration in both formats. */
export function siteTable<Role extends string>(rows: Record<Role, SiteRow>): Record<Role, Record<IacFormat, Site>> {
  const table = {} as Record<Role, Record<IacFormat, Site>>;
  for (const role of Object.keys(rows) as Role[]) {
    const [terraformFile, address, template, logicalId] = rows[role];
    table[role] = {
      terraform: { file: terraformFile, id: address },
      cloudformation: { file: template, id: logicalId },
    };
  }
  return table;
}

/** Steps to a resource's first line: the `resource` keyword, or the logical id's key. */
export function declarationSteps(format: IacFormat, site: Site): string[] {
  return format === "terraform" ? [terraformHeader(site.id)] : logicalIdKey(site.file, site.id);
}

/** The first line of a resource's declaration, found in the fixture text. */
export function declarationOf(declaredGraph: Declared, site: Site): SourceLocation {
  return locate(declaredGraph.dir, site.file, ...declarationSteps(declaredGraph.format, site));
}

/** An attribute (or anything else) inside a resource's declaration: steps searched from its first line. */
export function inside(declaredGraph: Declared, site: Site, ...steps: string[]): SourceLocation {
  return locate(declaredGraph.dir, site.file, ...declarationSteps(declaredGraph.format, site), ...steps);
}

/** Only the start of a location (parsers may add its end). */
export function position(location: SourceLocation): SourceLocation {
  return { file: location.file, line: location.line, column: location.column };
}

// --- one system in one format, by role ----------------------------------------------------

/** A system's declared graph with its resources named by role, the same in both formats. */
export interface SystemView<Role extends string> {
  system: Declared;
  graph: Graph;
  tf: boolean;
  site(role: Role): Site;
  id(role: Role): string;
  /** The first line of the role's declaration, found in the fixture text. */
  declaration(role: Role): SourceLocation;
  /** Steps searched from the role's declaration (an attribute, a value inside it). */
  at(role: Role, ...steps: string[]): SourceLocation;
}

export async function systemView<Role extends string>(
  name: System,
  format: IacFormat,
  sites: Record<Role, Record<IacFormat, Site>>,
): Promise<SystemView<Role>> {
  const system = await declared(name, format);
  const site = (role: Role): Site => sites[role][format];
  return {
    system,
    graph: system.graph,
    tf: format === "terraform",
    site,
    id: (role) => site(role).id,
    declaration: (role) => declarationOf(system, site(role)),
    at: (role, ...steps) => inside(system, site(role), ...steps),
  };
}

// --- looking things up in the graph ------------------------------------------------------

export function element(graph: Graph, id: string): Element {
  const found = graph.elements.find((item) => item.id === id);
  expect(found, `element ${id}`).toBeDefined();
  return found!;
}

export function relations(graph: Graph, kind: RelationKind, from?: string, to?: string): Relation[] {
  return graph.relations.filter(
    (relation) =>
      relation.kind === kind &&
      (from === undefined || relation.from === from) &&
      (to === undefined || relation.to === to),
  );
}

/** The single relation of a kind between two elements. */
export function relation(graph: Graph, kind: RelationKind, from: string, to: string): Relation {
  const found = relations(graph, kind, from, to);
  expect(found, `${kind} ${from} -> ${to}`).toHaveLength(1);
  return found[0]!;
}

/** `from -> to` pairs of a kind of relation, sorted, each pair once. */
export function pairs(graph: Graph, kind: RelationKind): string[] {
  return [...new Set(relations(graph, kind).map((item) => `${item.from} -> ${item.to}`))].sort();
}

/** Ids and kinds of the significant elements, sorted by id. */
export function significantKinds(graph: Graph): Record<string, string> {
  const kinds: Record<string, string> = {};
  for (const item of [...graph.elements].sort((a, b) => (a.id < b.id ? -1 : 1)))
    if (item.attributes.significant) kinds[item.id] = item.kind;
  return kinds;
}

/** An evidence entry as the graph holds it: the place found in the text, and its message. */
export function evidenceAt(place: SourceLocation, message: string | RegExp): Record<string, unknown> {
  return { ...place, message: typeof message === "string" ? message : expect.stringMatching(message) };
}

/**
 * The tests every system shares: no diagnostic; exactly the significant resources, each with its
 * kind; the listed plumbing marked plumbing with its kind; every element one or the other.
 */
export function itReadsAndClassifies<Role extends string>(
  view: SystemView<Role>,
  significant: [Role, ElementKind][],
  plumbing: [Role, ElementKind][],
): void {
  it("reads every file without a diagnostic", () => {
    expect(view.system.parsed.diagnostics).toEqual([]);
  });

  it("has exactly the significant resources of the system, each with its kind", () => {
    expect(significantKinds(view.graph)).toEqual(
      Object.fromEntries(significant.map(([role, kind]) => [view.id(role), kind])),
    );
  });

  it("marks the rest plumbing (network, IAM, wiring), each with its kind", () => {
    for (const [role, kind] of plumbing)
      expect(element(view.graph, view.id(role)), role).toMatchObject({ kind, attributes: { plumbing: true } });
    const neither = view.graph.elements.filter((item) => !item.attributes.significant === !item.attributes.plumbing);
    expect(neither.map((item) => item.id)).toEqual([]);
  });
}
