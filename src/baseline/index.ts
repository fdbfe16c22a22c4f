/**
 * Baselines (cli.md `--baseline`, `--update-baseline`): the findings a team has accepted, keyed
 * on meaning (report/identity.ts), so that moving a block to another line does not bring its
 * finding back. An entry matches at most as many findings as it recorded.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { isSyntaxError, parseJsonDocument } from "../config/json-text.js";
import type { Finding } from "../model/finding.js";
import { findingIdentity, identityKey, messageHash } from "../report/identity.js";

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  ruleId: string;
  file: string;
  /** The resource address, when the findings name one. */
  resource?: string;
  /** The documented element id, when the findings name no resource. */
  component?: string;
  attributePath?: string;
  /** Only when findings share everything above: a short hash of the message tells them apart. */
  messageHash?: string;
  /** How many findings the entry accepts. */
  count: number;
}

export interface Baseline {
  version: typeof BASELINE_VERSION;
  entries: BaselineEntry[];
}

/** A missing or invalid baseline file: the CLI exits 2 with the message. */
export class BaselineError extends Error {
  override readonly name = "BaselineError";
}

function entryKey(entry: Pick<BaselineEntry, "ruleId" | "file" | "resource" | "component" | "attributePath">): string {
  return identityKey({
    ruleId: entry.ruleId,
    file: entry.file,
    subject: entry.resource ?? entry.component ?? "",
    attributePath: entry.attributePath ?? "",
  });
}

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  const fields = ["ruleId", "file", "resource", "component", "attributePath", "messageHash"] as const;
  for (const field of fields) {
    const left = a[field] ?? "";
    const right = b[field] ?? "";
    if (left !== right) return left < right ? -1 : 1;
  }
  return 0;
}

function newEntry(finding: Finding, hash: string | undefined): BaselineEntry {
  const entry: BaselineEntry = { ruleId: finding.ruleId, file: finding.location.file, count: 0 };
  if (finding.resource !== undefined) entry.resource = finding.resource;
  else if (finding.component !== undefined) entry.component = finding.component;
  if (finding.attributePath !== undefined) entry.attributePath = finding.attributePath;
  if (hash !== undefined) entry.messageHash = hash;
  return entry;
}

/** The baseline that accepts exactly these findings. */
export function createBaseline(findings: readonly Finding[]): Baseline {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const key = identityKey(findingIdentity(finding));
    const group = groups.get(key);
    if (group) group.push(finding);
    else groups.set(key, [finding]);
  }
  const entries: BaselineEntry[] = [];
  for (const group of groups.values()) {
    // The message hash only breaks ties: a lone finding keeps matching when its wording changes.
    const shared = group.length > 1;
    const byHash = new Map<string, BaselineEntry>();
    for (const finding of group) {
      const hash = shared ? messageHash(finding.message) : "";
      const entry = byHash.get(hash) ?? newEntry(finding, shared ? hash : undefined);
      entry.count++;
      byHash.set(hash, entry);
    }
    entries.push(...byHash.values());
  }
  return { version: BASELINE_VERSION, entries: entries.sort(compareEntries) };
}

export function serializeBaseline(findings: readonly Finding[]): string {
  return `${JSON.stringify(createBaseline(findings), null, 2)}\n`;
}

export function writeBaseline(findings: readonly Finding[], file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, serializeBaseline(findings));
}

const OPTIONAL_STRINGS = ["resource", "component", "attributePath", "messageHash"] as const;

/** What is wrong with an entry, or undefined. */
function entryProblem(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "must be an object";
  const entry = value as Record<string, unknown>;
  if (typeof entry.ruleId !== "string" || entry.ruleId === "") return "needs a ruleId";
  if (typeof entry.file !== "string" || entry.file === "") return "needs a file";
  if (!Number.isInteger(entry.count) || (entry.count as number) < 1) return "needs a count of 1 or more";
  for (const field of OPTIONAL_STRINGS) {
    if (entry[field] !== undefined && typeof entry[field] !== "string") return `has a ${field} that is not a string`;
  }
  return undefined;
}

/** Parses the text of a baseline file; `file` is only used in messages. */
export function parseBaseline(text: string, file: string): Baseline {
  const doc = parseJsonDocument(text);
  if (isSyntaxError(doc)) {
    throw new BaselineError(`${file}:${doc.line}:${doc.column}: the baseline is not valid JSON: ${doc.message}.`);
  }
  const value = JSON.parse(doc.text) as { version?: unknown; entries?: unknown };
  const notBaseline = (why: string) =>
    new BaselineError(`${file} is not an archlint baseline (${why}). Recreate it with --update-baseline ${file}.`);
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw notBaseline("expected a JSON object");
  if (value.version !== BASELINE_VERSION) {
    throw notBaseline(`expected "version": ${BASELINE_VERSION}, found ${JSON.stringify(value.version) ?? "none"}`);
  }
  if (!Array.isArray(value.entries)) throw notBaseline('expected an "entries" array');
  value.entries.forEach((entry, index) => {
    const problem = entryProblem(entry);
    if (problem) throw notBaseline(`entry ${index + 1} ${problem}`);
  });
  return { version: BASELINE_VERSION, entries: value.entries as BaselineEntry[] };
}

export function readBaseline(file: string): Baseline {
  if (!existsSync(file)) {
    throw new BaselineError(`baseline file not found: ${file}. Create it with --update-baseline ${file}.`);
  }
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new BaselineError(
      `cannot read baseline file ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return parseBaseline(text, file);
}

/**
 * The findings the baseline does not accept. A finding is accepted by an entry with its
 * identity and message hash first, else by one with its identity and no hash; each entry
 * accepts at most `count` findings.
 */
export function filterBaseline(findings: readonly Finding[], baseline: Baseline): Finding[] {
  const remaining = new Map<string, number>();
  const slot = (key: string, hash: string | undefined) => `${key}\u0001${hash ?? ""}`;
  for (const entry of baseline.entries) {
    const id = slot(entryKey(entry), entry.messageHash);
    remaining.set(id, (remaining.get(id) ?? 0) + entry.count);
  }
  const take = (id: string): boolean => {
    const left = remaining.get(id) ?? 0;
    if (left === 0) return false;
    remaining.set(id, left - 1);
    return true;
  };
  return findings.filter((finding) => {
    const key = identityKey(findingIdentity(finding));
    return !(take(slot(key, messageHash(finding.message))) || take(slot(key, undefined)));
  });
}
