/**
 * Validation against schema/archlintrc.schema.json with ajv, and messages that name the key's
 * path and what was expected, with a did-you-mean for misspelled keys and values.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type AjvModule from "ajv";
import type { ErrorObject, ValidateFunction } from "ajv";
import { closest } from "../util/did-you-mean.js";

/** The subset of JSON Schema the configuration schema uses. */
export interface SchemaNode {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  anyOf?: SchemaNode[];
  items?: SchemaNode;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  definitions?: Record<string, SchemaNode>;
  minLength?: number;
  minItems?: number;
  minimum?: number;
  description?: string;
}

export interface ValidationProblem {
  /** JSON pointer of the value at fault (`/` for the whole file). */
  pointer: string;
  /** For an unknown key: the key, so that the message can point at where it is written. */
  key?: string;
  message: string;
}

const SCHEMA_URL = new URL("../../schema/archlintrc.schema.json", import.meta.url);

let cached: { schema: SchemaNode; validate: ValidateFunction } | undefined;

export function configSchema(): { schema: SchemaNode; validate: ValidateFunction } {
  if (cached === undefined) {
    const schema = JSON.parse(readFileSync(SCHEMA_URL, "utf8")) as SchemaNode;
    // Loaded here, not imported: ajv costs ~17 ms, which runs without a configuration file never pay.
    const Ajv = createRequire(import.meta.url)("ajv") as typeof AjvModule;
    // verbose: errors carry the failing value and schema, which the messages describe.
    const ajv = new Ajv.default({ allErrors: false, verbose: true, strict: false });
    cached = { schema, validate: ajv.compile(schema) };
  }
  return cached;
}

function resolve(node: SchemaNode, root: SchemaNode): SchemaNode {
  const name = node.$ref?.replace(/^#\/definitions\//, "");
  return name !== undefined && root.definitions?.[name] ? resolve(root.definitions[name], root) : node;
}

/** A noun phrase for what a schema accepts: "a non-empty string", "an array of integers >= 1". */
export function describeSchema(node: SchemaNode, root: SchemaNode, plural = false): string {
  const s = resolve(node, root);
  if (s.enum) return `${plural ? "each " : ""}one of ${s.enum.map((value) => JSON.stringify(value)).join(", ")}`;
  if (s.anyOf) return s.anyOf.map((branch) => describeSchema(branch, root, plural)).join(" or ");
  const article = (word: string) => (plural ? "" : /^[aeiou]/.test(word) ? "an " : "a ");
  const noun = (singular: string) => (plural ? `${singular}s` : singular);
  switch (s.type) {
    case "string":
      return s.minLength ? `${article("non")}non-empty ${noun("string")}` : `${article("s")}${noun("string")}`;
    case "integer":
      return `${article("integer")}${noun("integer")}${s.minimum !== undefined ? ` >= ${s.minimum}` : ""}`;
    case "number":
      return `${article("number")}${noun("number")}`;
    case "boolean":
      return plural ? "booleans (true or false)" : "true or false";
    case "array": {
      const of = s.items ? ` of ${describeSchema(s.items, root, true)}` : "";
      return s.minItems
        ? `${article("non")}non-empty ${noun("array")}${of}`
        : `${article("array")}${noun("array")}${of}`;
    }
    case "object":
      return `${article("object")}${noun("object")}`;
    default:
      return "a value";
  }
}

export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  if (typeof value === "number") return `the number ${value}`;
  return String(value);
}

function knownKeys(schema: SchemaNode | undefined): string[] {
  return Object.keys(schema?.properties ?? {});
}

function problemFor(error: ErrorObject, root: SchemaNode): ValidationProblem {
  const pointer = error.instancePath === "" ? "/" : error.instancePath;
  const parent = (error.parentSchema ?? {}) as SchemaNode;
  switch (error.keyword) {
    case "additionalProperties": {
      const key = String((error.params as { additionalProperty: string }).additionalProperty);
      const keys = knownKeys(parent);
      const hint = closest(key, keys);
      const suggestion = hint ? `did you mean "${hint}"?` : `expected one of ${keys.map((k) => `"${k}"`).join(", ")}`;
      return { pointer, key, message: `unknown key "${key}" at ${pointer}; ${suggestion}` };
    }
    case "enum": {
      const allowed = (parent.enum ?? []).map(String);
      const hint = typeof error.data === "string" ? closest(error.data, allowed) : undefined;
      const expected = describeSchema(parent, root);
      const value = JSON.stringify(error.data);
      return {
        pointer,
        message: `invalid value ${value} at ${pointer}: expected ${expected}${hint ? `; did you mean "${hint}"?` : ""}`,
      };
    }
    case "type":
      return {
        pointer,
        message: `wrong type at ${pointer}: expected ${describeSchema(parent, root)}, got ${describeValue(error.data)}`,
      };
    default:
      return {
        pointer,
        message: `invalid value ${JSON.stringify(error.data)} at ${pointer}: expected ${describeSchema(parent, root)}`,
      };
  }
}

/**
 * The one problem to report: the first error ajv found, except that when a value matched none
 * of several alternatives (anyOf), the alternatives as a whole are what was expected.
 */
export function validateConfigValue(value: unknown): ValidationProblem | undefined {
  const { schema, validate } = configSchema();
  if (validate(value)) return undefined;
  const errors = validate.errors ?? [];
  const chosen = errors.find((error) => error.keyword === "anyOf") ?? errors[0];
  return chosen ? problemFor(chosen, schema) : { pointer: "/", message: "invalid configuration" };
}
