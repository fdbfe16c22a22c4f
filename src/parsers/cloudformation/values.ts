/** Building and inspecting IacValues: literals, unknowns, the references and secrecy inside a value. */
import type { IacLiteral, IacUnknown, IacValue, ResourceRef } from "../../model/iac.js";
import type { SourceLocation } from "../../model/source.js";

/** What `!Ref AWS::NoValue` evaluates to: the property (or list item) is removed. */
export const NO_VALUE: unique symbol = Symbol("AWS::NoValue");
export type Evaluated = IacValue | typeof NO_VALUE;

export type Primitive = string | number | boolean | null;

export function literal(value: Primitive, source: SourceLocation): IacLiteral {
  return { kind: "literal", value, source };
}

export function unknownValue(text: string, source: SourceLocation, refs: ResourceRef[], secret = false): IacUnknown {
  const value: IacUnknown = { kind: "unknown", text, refs, source };
  if (secret) value.secretReference = true;
  return value;
}

/** Every resource reference inside a value. */
export function refsOf(value: Evaluated): ResourceRef[] {
  if (value === NO_VALUE) return [];
  switch (value.kind) {
    case "literal":
      return value.refs ?? [];
    case "ref":
      return [value.ref];
    case "unknown":
      return value.refs;
    case "list":
      return value.items.flatMap(refsOf);
    case "object":
      return Object.values(value.entries).flatMap(refsOf);
  }
}

/** True when the value is, or contains, a secret-store reference. */
export function isSecret(value: Evaluated): boolean {
  if (value === NO_VALUE) return false;
  switch (value.kind) {
    case "unknown":
    case "ref":
      return value.secretReference === true;
    case "list":
      return value.items.some(isSecret);
    case "object":
      return Object.values(value.entries).some(isSecret);
    default:
      return false;
  }
}

/**
 * `{{resolve:…}}` dynamic references are resolved at deployment: unknown to archlint, and a
 * secret when they read Secrets Manager or an SSM SecureString.
 */
export function dynamicReference(text: string): { secret: boolean } | undefined {
  if (!text.includes("{{resolve:")) return undefined;
  return { secret: text.includes("{{resolve:secretsmanager:") || text.includes("{{resolve:ssm-secure:") };
}

/** The value with every location (its own, its items', its keys') moved to `source`. */
export function relocate(value: IacValue, source: SourceLocation): IacValue {
  switch (value.kind) {
    case "list":
      return { ...value, source, items: value.items.map((item) => relocate(item, source)) };
    case "object": {
      const entries: Record<string, IacValue> = {};
      const keySources: Record<string, SourceLocation> = {};
      for (const [key, entry] of Object.entries(value.entries)) {
        entries[key] = relocate(entry, source);
        keySources[key] = source;
      }
      return { ...value, source, entries, keySources };
    }
    default:
      return { ...value, source };
  }
}

export type Plain = Primitive | Plain[] | { [key: string]: Plain };

/** The value as plain JSON data when it is fully known (no reference, no unknown), else undefined. */
export function plainOf(value: IacValue): Plain | undefined {
  switch (value.kind) {
    case "literal":
      return value.value;
    case "list": {
      const items: Plain[] = [];
      for (const item of value.items) {
        const plain = plainOf(item);
        if (plain === undefined) return undefined;
        items.push(plain);
      }
      return items;
    }
    case "object": {
      const entries: { [key: string]: Plain } = {};
      for (const [key, entry] of Object.entries(value.entries)) {
        const plain = plainOf(entry);
        if (plain === undefined) return undefined;
        entries[key] = plain;
      }
      return entries;
    }
    default:
      return undefined;
  }
}

/** The string CloudFormation makes of a scalar (Join, Sub, Equals compare strings). */
export function stringOf(value: Primitive): string {
  return value === null ? "" : String(value);
}
