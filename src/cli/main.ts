/**
 * The archlint command line: parses arguments, runs a command, returns the exit code
 * (0 clean, 1 findings at or above --fail-on, 2 archlint could not do its job).
 *
 * Nothing but the report goes to stdout; messages and progress go to stderr.
 */
import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { closest } from "../util/did-you-mean.js";
import { commandHelp, type ParsedArgs, parseCommandArgs, UsageError } from "./args.js";
import { COMMANDS, findCommand, mainHelp } from "./commands.js";
import type { Progress } from "./progress.js";

export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  cwd: string;
  env: NodeJS.ProcessEnv;
}

const defaultIO = (): CliIO => ({
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});

let cachedVersion: string | undefined;
export function toolVersion(): string {
  if (cachedVersion === undefined) {
    const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
      version: string;
    };
    cachedVersion = manifest.version;
  }
  return cachedVersion;
}

/** An error that ends the run with exit code 2 and a message that says how to fix it. */
function isUserError(error: unknown): error is Error {
  if (!(error instanceof Error)) return false;
  return (
    error instanceof UsageError || ["ConfigError", "BaselineError", "UsageError", "InputError"].includes(error.name)
  );
}

export async function main(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (isUserError(error)) {
      io.stderr.write(`archlint: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

async function dispatch(argv: string[], io: CliIO): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === "--help" || first === "-h" || first === "help") {
    io.stdout.write(mainHelp(toolVersion()));
    return first === undefined ? 2 : 0;
  }
  if (first === "--version" || first === "-v") {
    io.stdout.write(`${toolVersion()}\n`);
    return 0;
  }
  const spec = findCommand(first);
  if (!spec) {
    if (first.startsWith("-")) {
      throw new UsageError(`unknown option ${first}. Run "archlint --help" for the commands and options.`);
    }
    const hint = closest(
      first,
      COMMANDS.map((command) => command.name),
    );
    throw new UsageError(
      `unknown command "${first}".${hint ? ` Did you mean "archlint ${hint}"?` : ""} Run "archlint --help" for the commands.`,
    );
  }
  const args = parseCommandArgs(spec, rest);
  if (args.flags.has("help")) {
    io.stdout.write(commandHelp(spec));
    return 0;
  }
  switch (spec.name) {
    case "check":
      return runCheckCommand(args, io);
    case "graph":
      return runGraphCommand(args, io);
    case "rules":
      return runRulesCommand(args, io);
    case "init":
      return runInitCommand(args, io);
    case "drift":
      throw new UsageError(
        "archlint drift is not available in this version yet (the live AWS scanner is on the roadmap). Use archlint check to compare the documents with the infrastructure code.",
      );
    default:
      throw new UsageError(`unknown command "${spec.name}".`);
  }
}

function useColor(args: ParsedArgs, io: CliIO): boolean {
  if (args.flags.has("no-color") || args.values.has("output")) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "") return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== "0") return true;
  return io.stdout.isTTY === true;
}

async function emit(args: ParsedArgs, io: CliIO, text: string): Promise<void> {
  const output = args.values.get("output");
  if (output === undefined) {
    io.stdout.write(text);
    return;
  }
  const target = path.resolve(io.cwd, output);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, text);
}

async function startProgress(args: ParsedArgs, io: CliIO): Promise<Progress | undefined> {
  if (args.flags.has("quiet") || io.stderr.isTTY !== true || io.env.CI) return undefined;
  const { createProgress } = await import("./progress.js");
  return createProgress(io.stderr);
}

const LEVEL_SETTINGS = ["off", "note", "warning", "error"] as const;
type LevelSettingName = (typeof LEVEL_SETTINGS)[number];

async function parseRuleOverrides(values: string[]): Promise<Record<string, LevelSettingName>> {
  const overrides: Record<string, LevelSettingName> = {};
  if (values.length === 0) return overrides;
  const { allRules } = await import("../rules/index.js");
  const known = allRules.map((rule) => rule.meta.id);
  for (const value of values) {
    const eq = value.indexOf("=");
    const id = eq === -1 ? value : value.slice(0, eq);
    const level = eq === -1 ? "" : value.slice(eq + 1);
    if (!LEVEL_SETTINGS.includes(level as LevelSettingName)) {
      throw new UsageError(`--rule ${value}: write --rule ID=LEVEL with LEVEL one of off, note, warning, error.`);
    }
    if (!known.includes(id)) {
      const hint = closest(id, known);
      throw new UsageError(
        `--rule ${value}: unknown rule "${id}".${hint ? ` Did you mean "${hint}"?` : ""} "archlint rules" lists them.`,
      );
    }
    overrides[id] = level as LevelSettingName;
  }
  return overrides;
}

async function runCheckCommand(args: ParsedArgs, io: CliIO): Promise<number> {
  const ruleOverrides = await parseRuleOverrides(args.lists.get("rule") ?? []);
  const progress = await startProgress(args, io);
  try {
    const { loadWorkspace } = await import("../pipeline/workspace.js");
    const workspace = await loadWorkspace(args.positionals, io.cwd, args.values.get("config"));
    if (!args.flags.has("quiet")) {
      for (const warning of workspace.warnings) io.stderr.write(`archlint: warning: ${warning}\n`);
    }
    if (
      workspace.docs.length === 0 &&
      workspace.terraformModules.length === 0 &&
      workspace.cloudFormation.length === 0
    ) {
      throw new UsageError(
        `no inputs found in ${path.relative(io.cwd, workspace.dir) || "."}: no architecture document (Markdown or Mermaid with a diagram) and no Terraform or CloudFormation. Name them as PATH arguments or in .archlintrc.json ("docs", "iac").`,
      );
    }
    const { checkRuleIds } = await import("../config/index.js");
    const { allRules } = await import("../rules/index.js");
    checkRuleIds(
      workspace.config,
      allRules.map((rule) => rule.meta.id),
    );
    const { runCheck } = await import("../pipeline/check.js");
    const result = await runCheck(workspace, {
      ruleOverrides,
      reportUnusedSuppressions: args.flags.has("report-unused-suppressions"),
      onStage: (stage) => progress?.update(stage),
    });
    progress?.stop();

    let findings = result.findings;
    const baselineModule = await import("../baseline/index.js");
    const updateTo = args.values.get("update-baseline");
    if (updateTo !== undefined) {
      await baselineModule.writeBaseline(findings, path.resolve(io.cwd, updateTo));
      io.stderr.write(`archlint: recorded ${findings.length} finding(s) in ${updateTo}\n`);
      return 0;
    }
    const baselineFile =
      args.values.get("baseline") ??
      (workspace.config.baseline ? path.resolve(workspace.dir, workspace.config.baseline) : undefined);
    if (baselineFile !== undefined) {
      const baseline = await baselineModule.readBaseline(path.resolve(io.cwd, baselineFile));
      findings = baselineModule.filterBaseline(findings, baseline);
    }

    const { formatFindings } = await import("../report/index.js");
    const format = (args.values.get("format") ?? "text") as "text" | "json" | "sarif" | "github" | "junit";
    const report = formatFindings(format, {
      findings,
      rules: result.rules,
      toolVersion: toolVersion(),
      color: useColor(args, io),
      root: workspace.dir,
    });
    await emit(args, io, report);
    return exitCode(findings, args.values.get("fail-on") ?? "error");
  } finally {
    progress?.stop();
  }
}

const FAIL_RANK: Record<string, number> = { note: 1, warning: 2, error: 3, never: 4 };

export function exitCode(findings: { level: string }[], failOn: string): number {
  const threshold = FAIL_RANK[failOn] ?? 3;
  return findings.some((finding) => (FAIL_RANK[finding.level] ?? 0) >= threshold) ? 1 : 0;
}

async function runGraphCommand(args: ParsedArgs, io: CliIO): Promise<number> {
  const source = args.values.get("source") ?? "docs";
  const format = (args.values.get("format") ?? "json") as "json" | "mermaid";
  if (source === "live") {
    throw new UsageError("--source live needs the live AWS scanner, which is not available in this version yet.");
  }
  if (source === "mapping" && format === "mermaid") {
    throw new UsageError("--source mapping prints JSON only; drop --format mermaid.");
  }
  const { loadWorkspace } = await import("../pipeline/workspace.js");
  const workspace = await loadWorkspace(args.positionals, io.cwd, args.values.get("config"));
  const read = await import("../pipeline/read.js");
  const { formatGraph, formatMapping } = await import("../report/index.js");
  if (source === "docs") {
    if (workspace.docs.length === 0)
      throw new UsageError(
        'no architecture documents found. Name them as PATH arguments or in .archlintrc.json ("docs").',
      );
    const docs = await read.readDocs(workspace);
    await emit(args, io, formatGraph(format, docs.graph));
    return 0;
  }
  if (!read.hasIac(workspace))
    throw new UsageError(
      'no Terraform or CloudFormation found. Name them as PATH arguments or in .archlintrc.json ("iac").',
    );
  const iac = await read.readIac(workspace);
  if (source === "iac") {
    await emit(args, io, formatGraph(format, iac.graph));
    return 0;
  }
  const docs = await read.readDocs(workspace);
  const { mapWorkspace } = await import("../pipeline/check.js");
  await emit(args, io, formatMapping(await mapWorkspace(workspace, docs, iac.graph)));
  return 0;
}

async function runRulesCommand(args: ParsedArgs, io: CliIO): Promise<number> {
  const { allRules } = await import("../rules/index.js");
  const metas = allRules.map((rule) => rule.meta);
  if ((args.values.get("format") ?? "text") === "json") {
    const rows = metas.map((meta) => ({ id: meta.id, defaultLevel: meta.defaultLevel, description: meta.description }));
    io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const { formatRules } = await import("../report/index.js");
  io.stdout.write(formatRules(metas, useColor(args, io)));
  return 0;
}

async function runInitCommand(args: ParsedArgs, io: CliIO): Promise<number> {
  const { existsSync } = await import("node:fs");
  const dir = path.resolve(io.cwd, args.positionals[0] ?? ".");
  const target = path.join(dir, ".archlintrc.json");
  if (existsSync(target) && !args.flags.has("force")) {
    throw new UsageError(`${path.relative(io.cwd, target)} exists already; use --force to overwrite it.`);
  }
  const { loadWorkspace } = await import("../pipeline/workspace.js");
  // A starter file describes what discovery finds, whatever an existing configuration says.
  const workspace = await loadWorkspace([dir], io.cwd, undefined, { ignoreConfig: true });
  const { initConfig } = await import("../init/index.js");
  const text = initConfig(dir, workspace);
  await writeFile(target, text);
  io.stderr.write(
    `archlint: wrote ${path.relative(io.cwd, target) || target} (${workspace.docs.length} document(s), ${workspace.terraformModules.length} Terraform module(s), ${workspace.cloudFormation.length} CloudFormation template(s))\n`,
  );
  return 0;
}
