/**
 * `archlint init`: the text of a starter `.archlintrc.json` from what discovery found. The CLI
 * writes it (and refuses to overwrite an existing file without --force).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type { Config } from "../config/types.js";
import { allRules } from "../rules/index.js";
import type { RuleMeta } from "../rules/types.js";

export interface DiscoveredForInit {
  docs: string[];
  terraformModules: string[];
  cloudFormation: string[];
}

const LOCAL_SCHEMA = "./node_modules/archlint/schema/archlintrc.schema.json";
const PUBLISHED_SCHEMA = "https://raw.githubusercontent.com/archlint/archlint/main/schema/archlintrc.schema.json";

const STARTER_COMMENT =
  "Starter configuration written by archlint init. Every key is optional: without docs or iac, archlint discovers them. " +
  "The schema documents the others (diagrams, exclude, variables, tfvars, mapping, tagKey, baseline, live); " +
  'rule levels are off, note, warning or error ("archlint rules" describes each rule).';

/** The schema as installed next to the project, else as published (a global install). */
function schemaReference(dir: string): string {
  return existsSync(path.join(dir, LOCAL_SCHEMA)) ? LOCAL_SCHEMA : PUBLISHED_SCHEMA;
}

export function initConfig(
  dir: string,
  discovered: DiscoveredForInit,
  rules: readonly RuleMeta[] = allRules.map((rule) => rule.meta),
): string {
  // `$comment` is a key the schema allows for notes; JSON itself has no comments.
  const starter: Config & { $comment: string } = { $schema: schemaReference(dir), $comment: STARTER_COMMENT };
  if (discovered.docs.length > 0) starter.docs = [...discovered.docs].sort();
  const iac = [...new Set([...discovered.terraformModules, ...discovered.cloudFormation])].sort();
  if (iac.length > 0) starter.iac = iac;
  if (rules.length > 0) starter.rules = Object.fromEntries(rules.map((rule) => [rule.id, rule.defaultLevel]));
  return `${JSON.stringify(starter, null, 2)}\n`;
}
