/**
 * Terraform (HCL2 and .tf.json) → declared resources.
 *
 * Reads every root module named in the options (and the local modules they call, with their
 * variables bound from the call's arguments), evaluates what can be known statically and
 * returns one IacResource per resource instance, each value with the place it is written.
 * Registry and git modules are not fetched; nothing outside the scan root is read.
 */
import path from "node:path";
import type { Diagnostic } from "../../model/graph.js";
import type { IacObject, IacParseResult, IacValue } from "../../model/iac.js";
import { compareLocations, type SourceLocation } from "../../model/source.js";
import type { Expr } from "./ast.js";
import { ConfigLoader, isLocalSource, type ModuleConfig, moduleSource } from "./config.js";
import { type EvaluationHost, Evaluator } from "./evaluate.js";
import { RootFiles } from "./files.js";
import { loadHclParser } from "./grammar.js";
import { ModuleInstance, ReadSession, type SessionMark } from "./instances.js";
import { loadJsonParser } from "./json-syntax.js";
import { parseTemplateText } from "./native.js";
import { EvaluationError } from "./values.js";
import { rootInputs } from "./variables.js";

export interface TerraformOptions {
  /** Absolute path of the scan root; nothing outside it is ever read. */
  root: string;
  /** Root module directories, relative to root (every *.tf / *.tf.json in each is one module). */
  modules: string[];
  /** Input variable values, as -var would give them (config `variables`). */
  variables?: Record<string, unknown>;
  /** Extra tfvars files relative to root (config `tfvars`), as -var-file would give them. */
  tfvars?: string[];
  /**
   * Directories outside root that the user named explicitly (absolute, or relative to root):
   * reading inside them is allowed too; paths stay relative to root.
   */
  scanRoots?: string[];
}

export async function parseTerraform(options: TerraformOptions): Promise<IacParseResult> {
  await Promise.all([loadHclParser(), loadJsonParser()]);
  const files = new RootFiles(options.root, options.scanRoots);
  const loader = new ConfigLoader(files);
  const session = new ReadSession(files, loader);
  const runs: RootRun[] = [];
  for (const directory of rootModuleDirectories(session, options)) {
    const config = loader.load(directory);
    if (!config) continue;
    const start = session.mark();
    const callees = localCallees(session, directory, new Set());
    const evaluator = new Evaluator(new FileHost(session, directory));
    const inputs = rootInputs(session, evaluator, directory, options);
    new ModuleInstance(session, evaluator, config, "", inputs, {
      rootDir: directory,
      ancestors: [],
      inheritedProviders: new Map(),
    }).emit();
    const exhausted = evaluator.budgetDiagnostic();
    if (exhausted) session.report(exhausted);
    runs.push({ directory, callees, start, end: session.mark() });
    // Its syntax is not needed once its resources are read (a later root calling it reads it again).
    loader.release(directory);
  }
  for (const diagnostic of loader.diagnostics) session.report(diagnostic);
  const dropped = runsCalledByOthers(runs);
  const keep = (key: keyof SessionMark) => (_: unknown, index: number) =>
    !dropped.some((run) => index >= run.start[key] && index < run.end[key]);
  return {
    resources: session.resources.filter(keep("resources")),
    diagnostics: oncePerPlace(session.diagnostics.filter(keep("diagnostics"))).sort((a, b) =>
      compareLocations(a.source, b.source),
    ),
    suppressions: [...session.lineSuppressions(), ...session.suppressions.filter(keep("suppressions"))],
    files: [...loader.filesRead].sort(),
  };
}

/**
 * One diagnostic per place and message: a module read through two callers reports the remote
 * module it calls once, with the first caller's path.
 */
function oncePerPlace(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((diagnostic) => {
    const { file, line, column } = diagnostic.source;
    const key = `${diagnostic.code}|${file}:${line}:${column}|${diagnostic.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** What reading one root module added to the session, and the folders it calls as local modules. */
interface RootRun {
  directory: string;
  callees: Set<string>;
  start: SessionMark;
  end: SessionMark;
}

/**
 * A folder that another root module calls as a local module is read through its caller only
 * (cli.md): what its own run added is dropped. When every root calls another, none is dropped.
 */
function runsCalledByOthers(runs: RootRun[]): RootRun[] {
  const called = runs.filter((run) => runs.some((other) => other !== run && other.callees.has(run.directory)));
  return called.length < runs.length ? called : [];
}

/** The real directories of the root modules, each once. */
function rootModuleDirectories(session: ReadSession, options: TerraformOptions): string[] {
  const directories: string[] = [];
  for (const module of options.modules) {
    const absolute = path.resolve(options.root, module);
    if (session.files.escapes(absolute)) {
      session.report({
        code: "iac-path-escape",
        message: `module directory ${module} is outside the scanned directory; it is not read`,
        source: { file: module, line: 1, column: 1 },
      });
      continue;
    }
    const real = session.files.inside(absolute);
    if (real && !directories.includes(real)) directories.push(real);
  }
  return directories;
}

/** Directories a module calls as local modules, transitively (read from the configuration). */
function localCallees(session: ReadSession, directory: string, seen: Set<string>): Set<string> {
  const config: ModuleConfig | undefined = session.loader.load(directory);
  for (const call of config?.calls ?? []) {
    const source = moduleSource(call).value;
    if (source === undefined || !isLocalSource(source)) continue;
    const real = session.files.inside(path.resolve(directory, source));
    if (!real || seen.has(real)) continue;
    seen.add(real);
    localCallees(session, real, seen);
  }
  return seen;
}

/** file() and templatefile(): paths relative to the root module, inside the scan root only. */
class FileHost implements EvaluationHost {
  private readonly templates = new Map<string, Expr | undefined>();

  constructor(
    private readonly session: ReadSession,
    private readonly rootModule: string,
  ) {}

  readFile(file: string, at: SourceLocation): string {
    const absolute = path.resolve(this.rootModule, file);
    if (this.session.files.escapes(absolute)) {
      this.session.report({
        code: "iac-path-escape",
        message: `file ${file} is outside the scanned directory; it is not read`,
        source: at,
      });
      throw new EvaluationError(`file ${file} is outside the scanned directory`);
    }
    const read = this.session.files.read(absolute);
    if (read.kind === "unreadable") throw new EvaluationError(`file ${file} could not be read: ${read.reason}`);
    if (read.kind === "missing") throw new EvaluationError(`file ${file} was not found`);
    this.session.loader.filesRead.add(this.session.files.relative(this.session.files.inside(absolute) ?? absolute));
    return read.text;
  }

  renderTemplate(file: string, variables: IacObject, at: SourceLocation, evaluator: Evaluator): IacValue {
    const text = this.readFile(file, at);
    const absolute =
      this.session.files.inside(path.resolve(this.rootModule, file)) ?? path.resolve(this.rootModule, file);
    if (!this.templates.has(absolute))
      this.templates.set(absolute, parseTemplateText(this.session.files.relative(absolute), text));
    const template = this.templates.get(absolute);
    if (!template) throw new EvaluationError(`template ${file} does not parse`);
    return evaluator.evaluateTemplate(template, variables);
  }
}
