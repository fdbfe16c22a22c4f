/**
 * Format-neutral reading of declared values. A derivation names an attribute once for both
 * formats (`{ terraform: "multi_az", cloudformation: "MultiAZ" }`) and reads it through these
 * helpers; nested blocks and CloudFormation property maps are walked alike.
 */
import type { IacFormat, IacObject, IacResource, IacValue, ResourceRef } from "../model/iac.js";
import type { SourceLocation } from "../model/source.js";
import { maskSecret } from "./secrets.js";

/** An attribute path per format: dotted keys, `vpc_config.subnet_ids` / `VpcConfig.SubnetIds`. */
export interface AttrName {
  terraform?: string | readonly string[];
  cloudformation?: string | readonly string[];
}

/** A value found under a key, with the place the key is written (the evidence of a fact). */
export interface Found {
  value: IacValue;
  /** The key as written (last path segment). */
  key: string;
  /** The dotted path as written, for messages. */
  path: string;
  /** Where the key is written (`multi_az = true` → position of `multi_az`). */
  at: SourceLocation;
  format: IacFormat;
}

/** A one-line rendering of a value for evidence messages. Never used on environment values. */
export function renderValue(value: IacValue, maxLength = 80): string {
  let text: string;
  switch (value.kind) {
    case "literal":
      if (value.sensitive) return maskSecret(String(value.value));
      text = typeof value.value === "string" ? JSON.stringify(value.value) : String(value.value);
      break;
    case "ref":
      text = value.ref.text;
      break;
    case "unknown":
      text = value.text;
      break;
    case "list":
      text = `[${value.items.map((item) => renderValue(item, maxLength)).join(", ")}]`;
      break;
    case "object":
      text = "{…}";
      break;
  }
  return clip(text, maxLength);
}

export function clip(text: string, maxLength: number): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > maxLength ? `${oneLine.slice(0, maxLength - 1)}…` : oneLine;
}

/** `multi_az = false` (Terraform) or `MultiAZ: false` (CloudFormation). */
export function describeFound(found: Found): string {
  return found.format === "terraform"
    ? `${found.path} = ${renderValue(found.value)}`
    : `${found.path}: ${renderValue(found.value)}`;
}

function namesFor(format: IacFormat, name: AttrName): readonly string[] {
  const names = format === "terraform" ? name.terraform : name.cloudformation;
  if (names === undefined) return [];
  return typeof names === "string" ? [names] : names;
}

/**
 * The object a nested block or property map denotes: Terraform gives a block as a list of
 * objects (the first is taken when one is expected), CloudFormation as an object.
 */
export function asObject(value: IacValue | undefined): IacObject | undefined {
  if (!value) return undefined;
  if (value.kind === "object") return value;
  if (value.kind === "list") {
    const first = value.items[0];
    return first?.kind === "object" ? first : undefined;
  }
  return undefined;
}

/** Every object of a block list (`ingress { … } ingress { … }`) or list of property maps. */
export function objectsOf(value: IacValue | undefined): IacObject[] {
  if (!value) return [];
  if (value.kind === "object") return [value];
  if (value.kind === "list") return value.items.filter((item): item is IacObject => item.kind === "object");
  return [];
}

/** Items of a list value; a single non-list value counts as a list of one. */
export function itemsOf(value: IacValue | undefined): IacValue[] {
  if (!value) return [];
  return value.kind === "list" ? value.items : [value];
}

/** Reads a dotted path inside an object. */
export function fieldPath(object: IacObject | undefined, path: string, format: IacFormat): Found | undefined {
  if (!object) return undefined;
  if (!path.includes(".")) {
    // The common case, without allocating a key list.
    if (!Object.hasOwn(object.entries, path)) return undefined;
    const value = object.entries[path]!;
    return { value, key: path, path, at: object.keySources[path] ?? value.source, format };
  }
  const keys = path.split(".");
  let current: IacObject | undefined = object;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (!current || !Object.hasOwn(current.entries, key)) return undefined;
    const value: IacValue = current.entries[key]!;
    if (i === keys.length - 1) {
      return { value, key, path: keys.join("."), at: current.keySources[key] ?? value.source, format };
    }
    current = asObject(value);
  }
  return undefined;
}

/** The first of the names that the object has (`{ terraform: ["a", "b"] }` tries a, then b). */
export function field(object: IacObject | undefined, format: IacFormat, name: AttrName): Found | undefined {
  for (const path of namesFor(format, name)) {
    const found = fieldPath(object, path, format);
    if (found) return found;
  }
  return undefined;
}

/** A resource's attribute, by its name in the resource's format. */
export function prop(resource: IacResource, name: AttrName): Found | undefined {
  return field(resource.body, resource.format, name);
}

/**
 * The object that holds a group of settings: the body itself for the format that writes them at
 * the top (Terraform's distribution), else the nested map (CloudFormation's `DistributionConfig`).
 */
export function sectionOf(resource: IacResource, name: AttrName): IacObject | undefined {
  if (namesFor(resource.format, name).length === 0) return resource.body;
  return asObject(prop(resource, name)?.value);
}

/** The literal string of a value (numbers and booleans as written), else undefined. */
export function literalString(value: IacValue | undefined): string | undefined {
  if (value?.kind !== "literal" || value.value === null) return undefined;
  // A sensitive variable's value never enters the graph as written.
  return value.sensitive ? maskSecret(String(value.value)) : String(value.value);
}

export function literalNumber(value: IacValue | undefined): number | undefined {
  if (value?.kind !== "literal") return undefined;
  if (typeof value.value === "number") return value.value;
  if (typeof value.value === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(value.value)) return Number(value.value);
  return undefined;
}

/** Booleans, including CloudFormation's `"true"` / `"false"` strings. */
export function literalBoolean(value: IacValue | undefined): boolean | undefined {
  if (value?.kind !== "literal") return undefined;
  if (typeof value.value === "boolean") return value.value;
  if (typeof value.value === "string") {
    const lower = value.value.trim().toLowerCase();
    if (lower === "true") return true;
    if (lower === "false") return false;
  }
  return undefined;
}

/** The expression a value could not be resolved from, for `{ unknown: … }`. */
export function unresolvedText(value: IacValue): string {
  switch (value.kind) {
    case "unknown":
      return clip(value.text, 200);
    case "ref":
      return value.ref.text;
    default:
      return clip(renderValue(value, 200), 200);
  }
}

/** Every resource reference inside a value, depth first in source order. */
export function refsIn(value: IacValue | undefined, out: ResourceRef[] = []): ResourceRef[] {
  if (!value) return out;
  switch (value.kind) {
    case "ref":
      out.push(value.ref);
      break;
    case "unknown":
      out.push(...value.refs);
      break;
    case "literal":
      if (value.refs) out.push(...value.refs);
      break;
    case "list":
      for (const item of value.items) refsIn(item, out);
      break;
    case "object":
      for (const key of Object.keys(value.entries)) refsIn(value.entries[key], out);
      break;
  }
  return out;
}

/** Literal tags: Terraform `tags` maps and `tag { key, value }` blocks, CloudFormation `Tags` lists or maps. */
export function literalTags(resource: IacResource): Record<string, string> | undefined {
  const tags: Record<string, string> = {};
  const add = (value: IacValue | undefined) => {
    if (!value) return;
    if (value.kind === "object" && value.entries.Key === undefined && value.entries.key === undefined) {
      for (const [key, entry] of Object.entries(value.entries)) {
        const text = literalString(entry);
        if (text !== undefined) tags[key] = text;
      }
      return;
    }
    for (const item of objectsOf(value)) {
      const key = literalString(item.entries.Key ?? item.entries.key);
      const text = literalString(item.entries.Value ?? item.entries.value);
      if (key !== undefined && text !== undefined) tags[key] = text;
    }
  };
  if (resource.format === "terraform") {
    add(resource.body.entries.tags_all);
    add(resource.body.entries.tag);
    add(resource.body.entries.tags);
  } else {
    add(resource.body.entries.Tags);
  }
  return Object.keys(tags).length > 0 ? tags : undefined;
}

/**
 * A JSON document written as a string (a heredoc, a file) as a value tree. Its parts have no
 * positions of their own: every part is placed at `at`, the attribute that holds the string.
 */
export function fromJson(data: unknown, at: SourceLocation): IacValue {
  if (Array.isArray(data))
    return { kind: "list", encoding: "json", source: at, items: data.map((item) => fromJson(item, at)) };
  if (typeof data === "object" && data !== null) {
    const entries: Record<string, IacValue> = {};
    const keySources: Record<string, SourceLocation> = {};
    for (const [key, item] of Object.entries(data)) {
      entries[key] = fromJson(item, at);
      keySources[key] = at;
    }
    return { kind: "object", encoding: "json", source: at, entries, keySources };
  }
  const value = typeof data === "string" || typeof data === "number" || typeof data === "boolean" ? data : null;
  return { kind: "literal", source: at, value };
}

/**
 * A value that holds a JSON document: an object or list as is (jsonencode, CloudFormation),
 * a literal string parsed. `error` says why a string is not JSON.
 */
export function jsonDocument(found: Found): { value?: IacValue; error?: string } {
  const value = found.value;
  if (value.kind === "object" || value.kind === "list") return { value };
  if (value.kind !== "literal" || typeof value.value !== "string") return {};
  try {
    return { value: fromJson(JSON.parse(value.value), found.at) };
  } catch (error) {
    return { error: jsonErrorWithoutExcerpt(error) };
  }
}

/**
 * JSON.parse's message without the excerpt of the text that V8 quotes in it
 * (`Unexpected token ']', ..."etValue"},]" is not valid JSON`): the text may hold a secret.
 */
function jsonErrorWithoutExcerpt(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/,?\s*(?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, "").trim() || "not valid JSON";
}

/**
 * Every value a dotted path reaches, fanning out over lists of blocks / property maps on the
 * way (`subnet_mapping.subnet_id` of every `subnet_mapping` block).
 */
export function allFields(object: IacObject | undefined, format: IacFormat, name: AttrName): Found[] {
  for (const path of namesFor(format, name)) {
    const found: Found[] = [];
    const walk = (current: IacObject, keys: string[], written: string[]) => {
      const [key, ...rest] = keys;
      if (key === undefined || !Object.hasOwn(current.entries, key)) return;
      const value = current.entries[key]!;
      if (rest.length === 0) {
        found.push({
          value,
          key,
          path: [...written, key].join("."),
          at: current.keySources[key] ?? value.source,
          format,
        });
        return;
      }
      for (const child of objectsOf(value)) walk(child, rest, [...written, key]);
    };
    if (object) walk(object, path.split("."), []);
    if (found.length > 0) return found;
  }
  return [];
}
