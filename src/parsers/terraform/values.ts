/**
 * Evaluated values (the model's IacValue) and the conversions HCL applies to them.
 *
 * Two signals leave an evaluation early: NeedsUnknown when an operation needs a value that is
 * not known yet (the caller turns the whole expression into an IacUnknown with its refs), and
 * EvaluationError when the expression is wrong for known values (what `try` and `can` catch).
 */
import type { IacList, IacLiteral, IacObject, IacUnknown, IacValue, ResourceRef } from "../../model/iac.js";
import type { SourceLocation } from "../../model/source.js";

/** A value is needed that is unknown (a ref, an unset variable, a runtime attribute). */
export class NeedsUnknown extends Error {
  constructor() {
    super("unknown value");
  }
}

/** The expression is wrong for the known values it got (Terraform would report an error). */
export class EvaluationError extends Error {}

export type Scalar = string | number | boolean | null;

export function literal(value: Scalar, source: SourceLocation): IacLiteral {
  return { kind: "literal", value, source };
}

export function listValue(items: IacValue[], source: SourceLocation): IacList {
  return { kind: "list", items, source };
}

export function objectValue(
  entries: Record<string, IacValue>,
  keySources: Record<string, SourceLocation>,
  source: SourceLocation,
): IacObject {
  return { kind: "object", entries, keySources, source };
}

export function unknownValue(text: string, source: SourceLocation, operands: readonly IacValue[] = []): IacUnknown {
  const refs = collectRefs(operands);
  const value: IacUnknown = { kind: "unknown", text, refs, source };
  if (refs.some((ref) => isSecretTarget(ref.target)) || operands.some(carriesSecret)) value.secretReference = true;
  return value;
}

/** Sets a key of a record, including keys such as `__proto__` that an assignment would not store. */
export function setEntry<T>(record: Record<string, T>, key: string, value: T): void {
  if (key === "__proto__")
    Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}

/** The same value, placed where the expression that produced it is written. */
export function placedAt(value: IacValue, source: SourceLocation): IacValue {
  if (value.source === source) return value;
  return { ...value, source };
}

// --- references ----------------------------------------------------------------------------

const SECRET_TYPES = ["aws_secretsmanager_secret", "aws_secretsmanager_secret_version", "aws_ssm_parameter"];

/** Is the address that of a secret store entry (managed or data, in any module)? */
export function isSecretTarget(target: string): boolean {
  const parts = target.replace(/\[[^\]]*\]/g, "").split(".");
  const type = parts[parts.length - 2];
  return type !== undefined && SECRET_TYPES.includes(type);
}

function carriesSecret(value: IacValue): boolean {
  if (value.kind === "unknown" || value.kind === "ref") return value.secretReference === true;
  if (value.kind === "list") return value.items.some(carriesSecret);
  if (value.kind === "object") return Object.values(value.entries).some(carriesSecret);
  return false;
}

/** Every resource reference inside the values, each once. */
export function collectRefs(values: readonly IacValue[]): ResourceRef[] {
  const refs: ResourceRef[] = [];
  const seen = new Set<string>();
  const add = (ref: ResourceRef) => {
    const key = `${ref.target}|${ref.attribute ?? ""}|${ref.source.file}:${ref.source.line}:${ref.source.column}`;
    if (seen.has(key)) return;
    seen.add(key);
    refs.push(ref);
  };
  const visit = (value: IacValue) => {
    switch (value.kind) {
      case "ref":
        add(value.ref);
        break;
      case "unknown":
        value.refs.forEach(add);
        break;
      case "literal":
        value.refs?.forEach(add);
        break;
      case "list":
        value.items.forEach(visit);
        break;
      case "object":
        Object.values(value.entries).forEach(visit);
        break;
    }
  };
  values.forEach(visit);
  return refs;
}

// --- knowing ---------------------------------------------------------------------------------

/** A value that is known at its top (a literal, list or object); throws NeedsUnknown otherwise. */
export function known(value: IacValue): IacLiteral | IacList | IacObject {
  if (value.kind === "ref" || value.kind === "unknown") throw new NeedsUnknown();
  return value;
}

/** True when nothing inside the value is unknown or a reference. */
export function isWhollyKnown(value: IacValue): boolean {
  switch (value.kind) {
    case "literal":
      return true;
    case "list":
      return value.items.every(isWhollyKnown);
    case "object":
      return Object.values(value.entries).every(isWhollyKnown);
    default:
      return false;
  }
}

export type Plain = Scalar | Plain[] | { [key: string]: Plain };

/** The JavaScript value of a wholly known value; throws NeedsUnknown otherwise. */
export function toPlain(value: IacValue): Plain {
  const top = known(value);
  if (top.kind === "literal") return top.value;
  if (top.kind === "list") return top.items.map(toPlain);
  const plain: { [key: string]: Plain } = {};
  for (const [key, entry] of Object.entries(top.entries)) setEntry(plain, key, toPlain(entry));
  return plain;
}

/** A JavaScript value (from configuration or JSON) as a value placed at `source`. */
export function fromPlain(plain: unknown, source: SourceLocation): IacValue {
  if (plain === null || typeof plain === "string" || typeof plain === "boolean") return literal(plain, source);
  if (typeof plain === "number")
    return Number.isFinite(plain) ? literal(plain, source) : unknownValue(String(plain), source);
  if (Array.isArray(plain))
    return listValue(
      plain.map((item) => fromPlain(item, source)),
      source,
    );
  if (typeof plain === "object") {
    const entries: Record<string, IacValue> = {};
    const keySources: Record<string, SourceLocation> = {};
    for (const [key, entry] of Object.entries(plain as Record<string, unknown>)) {
      setEntry(entries, key, fromPlain(entry, source));
      setEntry(keySources, key, source);
    }
    return objectValue(entries, keySources, source);
  }
  return unknownValue(String(plain), source);
}

// --- conversions (HCL's automatic type conversion) ---------------------------------------

export function formatNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return value.toFixed(0);
  return String(value);
}

/** A value as a string, as HCL converts it for templates and string parameters. */
export function asString(value: IacValue): string {
  const top = known(value);
  if (top.kind === "literal") {
    if (typeof top.value === "string") return top.value;
    if (typeof top.value === "number") return formatNumber(top.value);
    if (typeof top.value === "boolean") return String(top.value);
    throw new EvaluationError("null value cannot be used as a string");
  }
  if (top.encoding === "json") return JSON.stringify(sortedPlain(toPlain(top)));
  throw new EvaluationError(`a ${top.kind} cannot be used as a string`);
}

export function asNumber(value: IacValue): number {
  const top = known(value);
  if (top.kind === "literal") {
    if (typeof top.value === "number") return top.value;
    if (typeof top.value === "string" && top.value.trim() !== "" && Number.isFinite(Number(top.value)))
      return Number(top.value);
  }
  throw new EvaluationError("a number is required");
}

export function asBoolean(value: IacValue): boolean {
  const top = known(value);
  if (top.kind === "literal") {
    if (typeof top.value === "boolean") return top.value;
    if (top.value === "true" || top.value === "false") return top.value === "true";
  }
  throw new EvaluationError("a bool is required");
}

export function asList(value: IacValue): IacValue[] {
  const top = known(value);
  if (top.kind === "list") return top.items;
  throw new EvaluationError("a list is required");
}

export function asObject(value: IacValue): IacObject {
  const top = known(value);
  if (top.kind === "object") return top;
  throw new EvaluationError("a map or object is required");
}

export function isNull(value: IacValue): boolean {
  return value.kind === "literal" && value.value === null;
}

/** Keys of an object in the order HCL iterates them (lexical). */
export function sortedKeys(value: IacObject): string[] {
  return Object.keys(value.entries).sort(compareStrings);
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Objects with their keys sorted, as Terraform's jsonencode writes them. */
export function sortedPlain(plain: Plain): Plain {
  if (Array.isArray(plain)) return plain.map(sortedPlain);
  if (plain === null || typeof plain !== "object") return plain;
  const sorted: { [key: string]: Plain } = {};
  for (const key of Object.keys(plain).sort(compareStrings)) setEntry(sorted, key, sortedPlain(plain[key]!));
  return sorted;
}

/** HCL equality of two wholly known values (numbers and strings are not converted). */
export function valuesEqual(a: IacValue, b: IacValue): boolean {
  return JSON.stringify(sortedPlain(toPlain(a))) === JSON.stringify(sortedPlain(toPlain(b)));
}
