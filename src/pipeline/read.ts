/**
 * files → parsers → graphs. Each parser is loaded only when there is input for it, so that a
 * docs-only run never loads the HCL grammar and `archlint rules` loads no parser at all.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { DocsResult } from "../docs/index.js";
import type { Graph } from "../model/graph.js";
import type { IacParseResult } from "../model/iac.js";
import type { Workspace } from "./workspace.js";

async function readText(dir: string, file: string): Promise<string> {
  return readFile(path.resolve(dir, file), "utf8");
}

export async function readDocs(workspace: Workspace): Promise<DocsResult> {
  const { readDocuments } = await import("../docs/index.js");
  const inputs = await Promise.all(
    workspace.docs.map(async (file) => ({ file, text: await readText(workspace.dir, file) })),
  );
  const options = workspace.config.diagrams ? { diagrams: workspace.config.diagrams } : {};
  return readDocuments(inputs, options);
}

function mergeResults(results: IacParseResult[]): IacParseResult {
  return {
    resources: results.flatMap((result) => result.resources),
    diagnostics: results.flatMap((result) => result.diagnostics),
    suppressions: results.flatMap((result) => result.suppressions),
    files: results.flatMap((result) => result.files),
  };
}

export async function parseIac(workspace: Workspace): Promise<IacParseResult> {
  const results: IacParseResult[] = [];
  if (workspace.terraformModules.length > 0) {
    const { parseTerraform } = await import("../parsers/terraform/index.js");
    const options: Parameters<typeof parseTerraform>[0] = {
      root: workspace.dir,
      modules: workspace.terraformModules,
      scanRoots: workspace.scanRoots,
    };
    if (workspace.config.variables) options.variables = workspace.config.variables;
    if (workspace.config.tfvars) options.tfvars = workspace.config.tfvars;
    results.push(await parseTerraform(options));
  }
  if (workspace.cloudFormation.length > 0) {
    const { parseCloudFormation } = await import("../parsers/cloudformation/index.js");
    const inputs = await Promise.all(
      workspace.cloudFormation.map(async (file) => ({ file, text: await readText(workspace.dir, file) })),
    );
    results.push(parseCloudFormation(inputs, { root: workspace.dir, scanRoots: workspace.scanRoots }));
  }
  return mergeResults(results);
}

export async function readIac(workspace: Workspace): Promise<{ parsed: IacParseResult; graph: Graph }> {
  const parsed = await parseIac(workspace);
  const { buildDeclaredGraph } = await import("../iac/index.js");
  return { parsed, graph: buildDeclaredGraph(parsed) };
}

export function hasIac(workspace: Workspace): boolean {
  return workspace.terraformModules.length > 0 || workspace.cloudFormation.length > 0;
}
