/**
 * Where a run reads from: DIR, its configuration, and the inputs found in it (cli.md).
 */
import { stat } from "node:fs/promises";
import path from "node:path";
import { UsageError } from "../cli/args.js";
import { loadConfig } from "../config/index.js";
import type { Config } from "../config/types.js";
import { discoverInputs } from "../discovery/index.js";

export interface Workspace {
  /** Absolute path of DIR: reported paths are relative to it. */
  dir: string;
  config: Config;
  configFile?: string;
  /** Architecture documents, relative to dir. */
  docs: string[];
  /** Terraform root module directories, relative to dir. */
  terraformModules: string[];
  /** CloudFormation templates, relative to dir. */
  cloudFormation: string[];
  /** What discovery wants the user to know (a configured pattern that matches nothing). */
  warnings: string[];
  /**
   * Directories the user named (absolute): besides DIR, the parsers may read inside them
   * (local modules, file(), nested templates), and nowhere else.
   */
  scanRoots: string[];
}

/** DIR is the first PATH when it is a directory, else the directory that holds it. */
export async function resolveDir(
  paths: string[],
  cwd: string,
): Promise<{ dir: string; explicit: string[]; scanRoots: string[] }> {
  const absolute = (paths.length > 0 ? paths : ["."]).map((p) => path.resolve(cwd, p));
  const kinds = await Promise.all(
    absolute.map(async (p) => {
      try {
        return (await stat(p)).isDirectory() ? "dir" : "file";
      } catch {
        throw new UsageError(`no such file or directory: ${path.relative(cwd, p) || p}. Check the PATH arguments.`);
      }
    }),
  );
  const first = absolute[0]!;
  const dir = kinds[0] === "dir" ? first : path.dirname(first);
  // The first path only sets DIR when it is a directory and nothing else is named: then DIR is
  // searched. Every other path (and a first path that is a file) is read explicitly.
  const explicit = paths.length === 0 ? [] : absolute.filter((_p, index) => !(index === 0 && kinds[0] === "dir"));
  const scanRoots = [...new Set(absolute.map((p, index) => (kinds[index] === "dir" ? p : path.dirname(p))))].filter(
    (root) => root !== dir,
  );
  return { dir, explicit, scanRoots };
}

export async function loadWorkspace(
  paths: string[],
  cwd: string,
  configPath?: string,
  options: { ignoreConfig?: boolean } = {},
): Promise<Workspace> {
  const { dir, explicit, scanRoots } = await resolveDir(paths, cwd);
  const { config, file } = options.ignoreConfig
    ? { config: {}, file: undefined }
    : await loadConfig(dir, configPath ? path.resolve(cwd, configPath) : undefined);
  const [{ sniffDocument }, { looksLikeCloudFormation }] = await Promise.all([
    import("../docs/index.js"),
    import("../parsers/cloudformation/index.js"),
  ]);
  const searchDir = !(paths.length > 0 && explicit.length === paths.length);
  const inputs = await discoverInputs(dir, config, {
    explicitPaths: explicit,
    searchDir,
    sniffDoc: (text: string) => sniffDocument(text) !== null,
    sniffCloudFormation: looksLikeCloudFormation,
  });
  const workspace: Workspace = {
    dir,
    config,
    docs: inputs.docs,
    terraformModules: inputs.terraformModules,
    cloudFormation: inputs.cloudFormation,
    warnings: inputs.warnings,
    scanRoots,
  };
  if (file) workspace.configFile = file;
  return workspace;
}
