/** Reading `.archlintrc.json` (config.md): strict JSON, validated against the schema. */
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { SourceLocation } from "../model/source.js";
import { closest } from "../util/did-you-mean.js";
import { ConfigError, configError } from "./errors.js";
import { isSyntaxError, type JsonDocument, jsonPointer, parseJsonDocument, positionOf } from "./json-text.js";
import type { Config } from "./types.js";
import { validateConfigValue } from "./validate.js";

export const CONFIG_FILE_NAME = ".archlintrc.json";

/** Where each loaded configuration came from, so that later checks can point into the file. */
const sources = new WeakMap<Config, { file: string; doc: JsonDocument }>();

/** Parses and validates the text of a configuration file; `file` is only used in messages. */
export function parseConfig(text: string, file: string): Config {
  const doc = parseJsonDocument(text);
  if (isSyntaxError(doc)) {
    throw configError(`invalid JSON: ${doc.message}`, { file, line: doc.line, column: doc.column });
  }
  const value: unknown = JSON.parse(doc.text);
  const problem = validateConfigValue(value);
  if (problem) {
    const position = positionOf(doc, problem.pointer, problem.key);
    throw configError(problem.message, { file, pointer: problem.pointer, ...position });
  }
  const config = value as Config;
  sources.set(config, { file, doc });
  return config;
}

/**
 * The configuration of DIR: `explicitPath` (relative paths are taken from the current
 * directory; it must exist) or else `DIR/.archlintrc.json` when there is one; else `{}`.
 */
export function loadConfig(dir: string, explicitPath?: string): { config: Config; file?: string } {
  const file = explicitPath === undefined ? path.join(dir, CONFIG_FILE_NAME) : path.resolve(explicitPath);
  if (!existsSync(file)) {
    if (explicitPath === undefined) return { config: {} };
    throw new ConfigError(`configuration file not found: ${file}. Check the --config path.`, { file });
  }
  if (statSync(file).isDirectory()) {
    throw new ConfigError(`${file} is a directory, not a configuration file.`, { file });
  }
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`cannot read configuration file ${file}: ${reason}`, { file });
  }
  return { config: parseConfig(text, file), file };
}

/**
 * Rule ids in `rules` must name rules of the catalogue (the caller knows it). Throws a
 * ConfigError with a did-you-mean, pointing into the file when the configuration was loaded.
 */
export function checkRuleIds(config: Config, knownIds: readonly string[]): void {
  const known = new Set(knownIds);
  for (const id of Object.keys(config.rules ?? {})) {
    if (known.has(id)) continue;
    const hint = closest(id, knownIds);
    const advice = hint ? `did you mean "${hint}"?` : 'run "archlint rules" to list the rule ids';
    const source = sources.get(config);
    const pointer = jsonPointer(["rules"]);
    const position = source ? positionOf(source.doc, pointer, id) : {};
    throw configError(`unknown rule "${id}" at ${pointer}; ${advice}`, { file: source?.file, pointer, ...position });
  }
}

/**
 * Where each `mapping` key of a loaded configuration is written, as locations relative to
 * `relativeTo` (DIR), so that findings about a mapping entry point into the file.
 */
export function mappingKeySources(config: Config, relativeTo: string): Record<string, SourceLocation> {
  const origin = sources.get(config);
  if (!origin || !config.mapping) return {};
  const file = path.relative(relativeTo, origin.file).split(path.sep).join("/");
  const located: Record<string, SourceLocation> = {};
  for (const key of Object.keys(config.mapping)) {
    located[key] = { file, ...positionOf(origin.doc, "/mapping", key) };
  }
  return located;
}
