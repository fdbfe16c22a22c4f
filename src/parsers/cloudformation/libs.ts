/**
 * The parser libraries, loaded on first use. The public functions are synchronous (their
 * signatures are a contract), so a dynamic import() is not possible; createRequire keeps the
 * ~25 ms of loading `yaml` out of CLI start-up and out of runs with no CloudFormation at all.
 */
import { createRequire } from "node:module";
import type * as JsoncModule from "jsonc-parser";
import type * as YamlModule from "yaml";

export type Yaml = typeof YamlModule;
export type Jsonc = typeof JsoncModule;

const requireFromHere = createRequire(import.meta.url);
let yaml: Yaml | undefined;
let jsonc: Jsonc | undefined;

export function loadYaml(): Yaml {
  yaml ??= requireFromHere("yaml") as Yaml;
  return yaml;
}

export function loadJsonc(): Jsonc {
  jsonc ??= requireFromHere("jsonc-parser") as Jsonc;
  return jsonc;
}
