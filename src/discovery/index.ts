/**
 * Input discovery (cli.md): which architecture documents, Terraform root modules and
 * CloudFormation templates a run reads. Content sniffing is delegated to callbacks so that
 * this module loads no parser.
 */
import { statSync } from "node:fs";
import path from "node:path";
import picomatch from "picomatch";
import type { Config } from "../config/types.js";
import { readCandidate } from "./read.js";
import { localModuleSources, localModuleSourcesJson, resolveModuleSource, rootModules } from "./terraform-roots.js";
import { IGNORED_DIRECTORIES, walkFiles } from "./walk.js";

export { MAX_INPUT_BYTES } from "./read.js";
export { IGNORED_DIRECTORIES } from "./walk.js";

/** Bad input paths (a configured file that does not exist): the CLI exits 2. */
export class InputError extends Error {
  override readonly name = "InputError";
}

export interface DiscoveryOptions {
  /** Files and directories named on the command line (absolute, or relative to the current directory). */
  explicitPaths?: string[];
  /** Search DIR itself (configured `docs` / `iac`, else discovery). Default: when nothing is named explicitly. */
  searchDir?: boolean;
  /** Does the text hold a diagram archlint understands? */
  sniffDoc(text: string): boolean;
  /** Is the text a CloudFormation template? */
  sniffCloudFormation(text: string): boolean;
}

export interface SkippedInput {
  file: string;
  reason: string;
}

export interface DiscoveredInputs {
  /** Architecture documents, relative to DIR (`../` for documents outside it), sorted. */
  docs: string[];
  /** Terraform root module directories, relative to DIR (`.` for DIR itself), sorted. */
  terraformModules: string[];
  /** CloudFormation templates, relative to DIR, sorted. */
  cloudFormation: string[];
  /** Files that were looked at and not read: too large, binary, unreadable, of no known format. */
  skipped: SkippedInput[];
  /** Configured patterns that matched nothing. */
  warnings: string[];
}

const DOC_EXTENSIONS = [".md", ".mmd", ".mermaid"];
const TEMPLATE_EXTENSIONS = [".yaml", ".yml", ".json", ".template"];
/** Block keywords that only Terraform's HCL starts a line with. */
const HCL_BLOCK = /^\s*(resource|data|module|provider|variable|output|terraform|locals)\b[^\n]*\{/m;
const HCL_OUTSIDE_TF = "looks like Terraform, but Terraform is read from *.tf and *.tf.json files";

function hasExtension(file: string, extensions: readonly string[]): boolean {
  const lower = file.toLowerCase();
  return extensions.some((extension) => lower.endsWith(extension));
}

export function isTerraformFile(file: string): boolean {
  return hasExtension(file, [".tf", ".tf.json"]);
}

type Want = { docs: boolean; iac: boolean };

/** One discovery run: what is found so far, and the rules it is found by. */
class Discovery {
  readonly docs = new Set<string>();
  readonly templates = new Set<string>();
  readonly moduleDirs = new Set<string>();
  readonly calls = new Map<string, Set<string>>();
  readonly skipped = new Map<string, string>();
  readonly warnings: string[] = [];
  private readonly excluded: (relative: string) => boolean;

  constructor(
    readonly dir: string,
    config: Config,
    private readonly options: DiscoveryOptions,
  ) {
    const patterns = config.exclude ?? [];
    const matcher = patterns.length > 0 ? picomatch(patterns, { dot: true }) : () => false;
    this.excluded = (relative) => matcher(relative);
  }

  relative(file: string): string {
    return path.relative(this.dir, file).split(path.sep).join("/") || ".";
  }

  isExcluded = (file: string): boolean => this.excluded(this.relative(file));

  /** Walks a directory; default-ignored directories stay out unless `pattern` names them. */
  walk(root: string, pattern = ""): string[] {
    const segments = new Set(pattern.split(/[\\/]/));
    const ignoredNames = new Set(IGNORED_DIRECTORIES.filter((name) => !segments.has(name)));
    return walkFiles(root, { ignoredNames, isExcluded: this.isExcluded });
  }

  private read(file: string): string | undefined {
    const result = readCandidate(file);
    if ("skipped" in result) {
      this.skipped.set(this.relative(file), result.skipped);
      return undefined;
    }
    return result.text;
  }

  private addTerraformFile(file: string): void {
    const moduleDir = path.dirname(file);
    this.moduleDirs.add(moduleDir);
    const text = this.read(file);
    if (text === undefined) return;
    const sources = file.toLowerCase().endsWith(".json") ? localModuleSourcesJson(text) : localModuleSources(text);
    if (sources.length === 0) return;
    const callees = this.calls.get(moduleDir) ?? new Set<string>();
    for (const source of sources) callees.add(resolveModuleSource(moduleDir, source));
    this.calls.set(moduleDir, callees);
  }

  /** Discovery (and `iac` globs): a file is taken when its name and its content say so. */
  addDiscovered(file: string, want: Want): void {
    if (want.iac && isTerraformFile(file)) {
      this.addTerraformFile(file);
      return;
    }
    const docCandidate = want.docs && hasExtension(file, DOC_EXTENSIONS);
    const templateCandidate = want.iac && hasExtension(file, TEMPLATE_EXTENSIONS);
    if (!docCandidate && !templateCandidate) return;
    const text = this.read(file);
    if (text === undefined) return;
    if (templateCandidate && this.options.sniffCloudFormation(text)) this.templates.add(file);
    else if (docCandidate && this.options.sniffDoc(text)) this.docs.add(file);
  }

  /**
   * A file named by the configuration (a path in `docs` or `iac`, or a match of a `docs` glob)
   * or on the command line (`key` undefined): read whatever its extension, its format told by
   * its content. What is neither Terraform nor CloudFormation is a document where documents
   * are wanted, even when no diagram is recognised, so that the docs reader can say what is
   * wrong with it.
   */
  addNamed(file: string, key?: "docs" | "iac"): void {
    if (key !== "docs" && isTerraformFile(file)) {
      this.addTerraformFile(file);
      return;
    }
    const text = this.read(file);
    if (text === undefined) return;
    if (key === "docs") this.docs.add(file);
    else if (this.options.sniffCloudFormation(text)) this.templates.add(file);
    else if (key === undefined && this.options.sniffDoc(text)) this.docs.add(file);
    else if (HCL_BLOCK.test(text)) this.skipped.set(this.relative(file), HCL_OUTSIDE_TF);
    else if (hasExtension(file, TEMPLATE_EXTENSIONS)) {
      // A named template that does not parse is still read, so that the parse error is reported;
      // JSON that parses and is no template is some other file (package.json …).
      if (isValidJson(file, text)) this.skipped.set(this.relative(file), "JSON, but not a CloudFormation template");
      else this.templates.add(file);
    } else if (key === undefined) this.docs.add(file);
    else this.skipped.set(this.relative(file), "neither Terraform nor a CloudFormation template");
  }

  /** Default discovery in a directory (cli.md "Commands"). */
  discoverIn(root: string, want: Want): void {
    for (const file of this.walk(root)) this.addDiscovered(file, want);
  }

  /** A `docs` or `iac` entry of the configuration: a path (file or folder) or a glob. */
  addConfigured(entry: string, key: "docs" | "iac"): void {
    const want: Want = { docs: key === "docs", iac: key === "iac" };
    const scan = picomatch.scan(entry);
    if (!scan.isGlob) {
      const target = path.resolve(this.dir, entry);
      const kind = statKind(target);
      if (kind === undefined) {
        throw new InputError(
          `"${key}" in the configuration names ${entry}, which does not exist (paths are relative to ${this.dir}).`,
        );
      }
      if (kind === "directory") this.discoverIn(target, want);
      else if (!this.isExcluded(target)) this.addNamed(target, key);
      return;
    }
    const base = path.resolve(this.dir, scan.base);
    const matches = picomatch(scan.glob, { dot: true });
    let matched = 0;
    if (statKind(base) === "directory") {
      for (const file of this.walk(base, entry)) {
        if (!matches(path.relative(base, file).split(path.sep).join("/"))) continue;
        matched++;
        // A `docs` glob names documents; an `iac` glob may also match READMEs next to templates.
        if (key === "docs") this.addNamed(file, key);
        else this.addDiscovered(file, want);
      }
    }
    if (matched === 0) this.warnings.push(`"${key}" pattern ${entry} matches no file.`);
  }

  result(): DiscoveredInputs {
    const sorted = (files: Iterable<string>) => [...new Set([...files].map((file) => this.relative(file)))].sort();
    return {
      docs: sorted(this.docs),
      terraformModules: sorted(rootModules(this.moduleDirs, this.calls)),
      cloudFormation: sorted(this.templates),
      skipped: [...this.skipped]
        .map(([file, reason]) => ({ file, reason }))
        .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)),
      warnings: this.warnings,
    };
  }
}

function statKind(target: string): "file" | "directory" | undefined {
  try {
    const stats = statSync(target);
    return stats.isDirectory() ? "directory" : "file";
  } catch {
    return undefined;
  }
}

/** A `.json` file that parses but is no template is some other JSON (package.json …), not a broken template. */
function isValidJson(file: string, text: string): boolean {
  if (!file.toLowerCase().endsWith(".json")) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds the inputs of a run in DIR (`dir`) and in the paths named on the command line.
 * Paths are reported relative to DIR with `/` separators, sorted.
 */
export async function discoverInputs(
  dir: string,
  config: Config,
  options: DiscoveryOptions,
): Promise<DiscoveredInputs> {
  const root = path.resolve(dir);
  const discovery = new Discovery(root, config, options);
  const explicitPaths = (options.explicitPaths ?? []).map((file) => path.resolve(file));
  if (options.searchDir ?? explicitPaths.length === 0) {
    if (config.docs) for (const entry of config.docs) discovery.addConfigured(entry, "docs");
    if (config.iac) for (const entry of config.iac) discovery.addConfigured(entry, "iac");
    if (!config.docs || !config.iac) discovery.discoverIn(root, { docs: !config.docs, iac: !config.iac });
  }
  for (const file of explicitPaths) {
    const kind = statKind(file);
    if (kind === undefined) throw new InputError(`no such file or directory: ${file}.`);
    if (kind === "directory") discovery.discoverIn(file, { docs: true, iac: true });
    else discovery.addNamed(file);
  }
  return discovery.result();
}
