/**
 * Shared by the acceptance tests: run `archlint check` in-process on a fixture, read its JSON
 * report, project findings onto the fields DRIFT.md states, and make scratch copies.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach } from "vitest";
import { type CliRun, runCli } from "../cli/run-cli.js";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const fixturesRoot = path.join(repoRoot, "fixtures");
export const seedsRoot = path.resolve(repoRoot, "../shared/seeds");

export const SYSTEMS = ["inkwell", "classifyhub", "rails-ecs", "posts-services"] as const;

/** One finding as DRIFT.md lists it: what a reader checks, in report order. */
export interface FindingRow {
  ruleId: string;
  level: string;
  file: string;
  line: number;
  column: number;
  component: string | null;
  resource: string | null;
}

interface JsonFinding {
  ruleId: string;
  level: string;
  message: string;
  location: { file: string; line: number; column: number };
  component?: string;
  resource?: string;
}

export interface JsonReport {
  findings: JsonFinding[];
  summary: Record<string, number>;
}

export interface CheckRun extends CliRun {
  report: JsonReport;
  rows: FindingRow[];
}

export function toRow(finding: JsonFinding): FindingRow {
  return {
    ruleId: finding.ruleId,
    level: finding.level,
    file: finding.location.file,
    line: finding.location.line,
    column: finding.location.column,
    component: finding.component ?? null,
    resource: finding.resource ?? null,
  };
}

/** `archlint check PATH... --format json [extra]`, run in the repository root. */
export async function checkJson(paths: string[], extra: string[] = []): Promise<CheckRun> {
  const run = await runCli(["check", ...paths, "--format", "json", ...extra], repoRoot);
  const report = JSON.parse(run.stdout) as JsonReport;
  return { ...run, report, rows: report.findings.map(toRow) };
}

/** Scratch directories, removed after each test of the file that calls this. */
export function scratchDirectories(): (prefix: string) => string {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return (prefix) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), `archlint-acceptance-${prefix}-`));
    made.push(dir);
    return dir;
  };
}

/** Copies repository paths (relative to the repository root) into `dir`, keeping their layout. */
export function copyInto(dir: string, ...repoPaths: string[]): void {
  for (const repoPath of repoPaths)
    cpSync(path.join(repoRoot, repoPath), path.join(dir, repoPath), { recursive: true });
}
