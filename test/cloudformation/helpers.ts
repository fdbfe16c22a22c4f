/** Shared by the CloudFormation tests: reading corpus templates and projecting values for exact assertions. */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { IacParseResult, IacResource, IacValue, ResourceRef } from "../../src/model/iac.js";
import { parseCloudFormation } from "../../src/parsers/cloudformation/index.js";

export const corpus = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../corpus/cloudformation");

export function readCorpus(file: string): string {
  return fs.readFileSync(path.join(corpus, file), "utf8");
}

/** Parses corpus templates (paths relative to the corpus, which is the scan root). */
export function parseCorpus(...files: string[]): IacParseResult {
  return parseCloudFormation(
    files.map((file) => ({ file, text: readCorpus(file) })),
    { root: corpus },
  );
}

export function resourceNamed(result: IacParseResult, address: string): IacResource {
  const resource = result.resources.find((candidate) => candidate.address === address);
  if (!resource) throw new Error(`no resource ${address} in ${result.resources.map((r) => r.address).join(", ")}`);
  return resource;
}

function refText(ref: ResourceRef): string {
  return ref.attribute === undefined ? ref.target : `${ref.target}.${ref.attribute}`;
}

export type Projected =
  | string
  | number
  | boolean
  | null
  | Projected[]
  | { [key: string]: Projected }
  | { ref: string; secret?: true }
  | { unknown: string[]; secret?: true };

/**
 * What a value means, without positions or source text: literals as themselves, `{ ref, secret }`
 * for a reference, `{ unknown: [refs], secret }` for an unknown.
 */
export function project(value: IacValue): Projected {
  switch (value.kind) {
    case "literal":
      return value.value;
    case "ref":
      return value.secretReference ? { ref: refText(value.ref), secret: true } : { ref: refText(value.ref) };
    case "unknown":
      return value.secretReference
        ? { unknown: value.refs.map(refText), secret: true }
        : { unknown: value.refs.map(refText) };
    case "list":
      return value.items.map(project);
    case "object":
      return Object.fromEntries(Object.entries(value.entries).map(([key, entry]) => [key, project(entry)]));
  }
}

/** Every resource as { address: { type, condition?, dependsOn?, body } } with projected bodies. */
export function projectResources(result: IacParseResult): Record<string, Record<string, Projected>> {
  const out: Record<string, Record<string, Projected>> = {};
  for (const resource of result.resources) {
    const entry: Record<string, Projected> = { type: resource.type, body: project(resource.body) };
    if (resource.condition !== undefined) entry.condition = resource.condition;
    if (resource.dependsOn) entry.dependsOn = resource.dependsOn;
    out[resource.address] = entry;
  }
  return out;
}

/** 1-based line and column of the n-th occurrence (0-based) of `needle` in `text`. */
export function positionOf(text: string, needle: string, occurrence = 0): { line: number; column: number } {
  let at = text.indexOf(needle);
  for (let i = 0; i < occurrence && at >= 0; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`${needle} not found`);
  const before = text.slice(0, at);
  const line = before.split("\n").length;
  return { line, column: at - before.lastIndexOf("\n") };
}

/** The location of a single-line needle, start and end, as parsers report it. */
export function spanOf(
  text: string,
  needle: string,
  occurrence = 0,
): { line: number; column: number; endLine: number; endColumn: number } {
  const { line, column } = positionOf(text, needle, occurrence);
  return { line, column, endLine: line, endColumn: column + needle.length };
}
