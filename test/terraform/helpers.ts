/** Fixture helpers: write a small Terraform tree to a temporary directory and read it. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { IacParseResult, IacResource, IacValue } from "../../src/model/iac.js";
import { parseTerraform, type TerraformOptions } from "../../src/parsers/terraform/index.js";

/** Writes files (relative path → text) under a fresh temporary directory; returns its path. */
export function writeTree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "archlint-tf-"));
  for (const [name, text] of Object.entries(files)) {
    const target = path.join(root, name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  }
  return root;
}

/** Parses the root module "." of a tree written from `files`. */
export async function parseFiles(
  files: Record<string, string>,
  options: Partial<Omit<TerraformOptions, "root">> = {},
): Promise<IacParseResult> {
  const root = writeTree(files);
  try {
    return await parseTerraform({ root, modules: ["."], ...options });
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

export function resourceAt(result: IacParseResult, address: string): IacResource {
  const found = result.resources.find((resource) => resource.address === address);
  if (!found) throw new Error(`no resource ${address}; have ${result.resources.map((r) => r.address).join(", ")}`);
  return found;
}

/** A value with its positions removed, for comparing evaluated values. */
export function plain(value: IacValue | undefined): unknown {
  if (!value) return undefined;
  switch (value.kind) {
    case "literal":
      return value.value;
    case "list":
      return value.items.map(plain);
    case "object":
      return Object.fromEntries(Object.entries(value.entries).map(([key, entry]) => [key, plain(entry)]));
    case "ref":
      return {
        ref: value.ref.target,
        ...(value.ref.attribute ? { attribute: value.ref.attribute } : {}),
        ...(value.ref.splat ? { splat: true } : {}),
      };
    case "unknown":
      return { unknown: value.text, refs: value.refs.map((ref) => ref.target) };
  }
}

/** The body attribute of a resource. */
export function attr(resource: IacResource, name: string): IacValue | undefined {
  return resource.body.entries[name];
}

/**
 * Evaluates expressions written as attributes of one resource (`resource "test_thing" "t" {`
 * on line 1, one attribute per line from line 2), with extra files beside main.tf.
 */
export async function evaluateAttributes(
  attributes: Record<string, string>,
  extraFiles: Record<string, string> = {},
  options: Partial<Omit<TerraformOptions, "root">> = {},
): Promise<{ values: Record<string, IacValue>; result: IacParseResult }> {
  const lines = Object.entries(attributes).map(([name, expr]) => `  ${name} = ${expr}`);
  const main = `resource "test_thing" "t" {\n${lines.join("\n")}\n}\n`;
  const result = await parseFiles({ "main.tf": main, ...extraFiles }, options);
  const resource = resourceAt(result, "test_thing.t");
  return { values: resource.body.entries, result };
}

/** Evaluates one expression (see evaluateAttributes) and returns its value without positions. */
export async function evaluatePlain(expr: string, extraFiles: Record<string, string> = {}): Promise<unknown> {
  const { values } = await evaluateAttributes({ v: expr }, extraFiles);
  return plain(values.v);
}

/** Diagnostics as rows: code, module path involved, file, line. */
export function diagnosticRows(result: IacParseResult): unknown[][] {
  return result.diagnostics.map((diagnostic) => [
    diagnostic.code,
    diagnostic.resource,
    diagnostic.source.file,
    diagnostic.source.line,
  ]);
}
