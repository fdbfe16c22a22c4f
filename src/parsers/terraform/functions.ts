/**
 * The Terraform functions archlint evaluates. Each gets evaluated arguments and returns a
 * value placed at the call; it throws NeedsUnknown when an argument it needs is not known and
 * EvaluationError when Terraform would fail. `try` and `can` need their arguments unevaluated
 * and live in the evaluator.
 */
import type { IacList, IacObject, IacValue } from "../../model/iac.js";
import type { SourceLocation } from "../../model/source.js";
import { cidrhost, cidrsubnet } from "./cidr.js";
import {
  asBoolean,
  asList,
  asNumber,
  asObject,
  asString,
  compareStrings,
  EvaluationError,
  formatNumber,
  fromPlain,
  isNull,
  known,
  listValue,
  literal,
  objectValue,
  setEntry,
  sortedKeys,
  sortedPlain,
  toPlain,
  valuesEqual,
} from "./values.js";

export interface CallContext {
  /** Where the call is written: the place of its result. */
  source: SourceLocation;
  /** Reads a file for file() / templatefile(), relative to the root module; throws when refused. */
  readFile(path: string): string;
  /** Renders a template file with the given variables (templatefile). */
  renderTemplate(path: string, variables: IacObject): IacValue;
}

type TerraformFunction = (args: IacValue[], context: CallContext) => IacValue;

function arity(name: string, args: IacValue[], min: number, max = min): void {
  if (args.length < min || args.length > max) throw new EvaluationError(`${name}: wrong number of arguments`);
}

const str = (value: string, context: CallContext) => literal(value, context.source);
const num = (value: number, context: CallContext) => literal(value, context.source);
const list = (items: IacValue[], context: CallContext) => listValue(items, context.source);

/** A string function of one argument. */
function stringFunction(name: string, apply: (text: string) => string): TerraformFunction {
  return (args, context) => {
    arity(name, args, 1);
    return str(apply(asString(args[0]!)), context);
  };
}

function numberFunction(name: string, apply: (value: number) => number): TerraformFunction {
  return (args, context) => {
    arity(name, args, 1);
    return num(apply(asNumber(args[0]!)), context);
  };
}

function minMax(name: string, pick: (...values: number[]) => number): TerraformFunction {
  return (args, context) => {
    if (args.length === 0) throw new EvaluationError(`${name}: at least one argument is required`);
    return num(pick(...args.map(asNumber)), context);
  };
}

function distinctItems(items: IacValue[]): IacValue[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify(sortedPlain(toPlain(item)));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function flattenItems(items: IacValue[]): IacValue[] {
  return items.flatMap((item) => {
    const top = known(item);
    return top.kind === "list" ? flattenItems(top.items) : [item];
  });
}

function mergeObjects(args: IacValue[], context: CallContext): IacObject {
  const entries: Record<string, IacValue> = {};
  const keySources: Record<string, SourceLocation> = {};
  for (const arg of args) {
    if (isNull(arg)) continue;
    const object = asObject(arg);
    for (const [key, entry] of Object.entries(object.entries)) {
      setEntry(entries, key, entry);
      setEntry(keySources, key, object.keySources[key] ?? entry.source);
    }
  }
  return objectValue(entries, keySources, context.source);
}

function jsonEncode(args: IacValue[], context: CallContext): IacValue {
  arity("jsonencode", args, 1);
  const top = known(args[0]!);
  if (top.kind === "literal") return str(JSON.stringify(top.value), context);
  const encoded: IacList | IacObject = { ...top, source: context.source, encoding: "json" };
  return encoded;
}

function jsonDecode(args: IacValue[], context: CallContext): IacValue {
  arity("jsondecode", args, 1);
  let parsed: unknown;
  try {
    parsed = JSON.parse(asString(args[0]!));
  } catch {
    throw new EvaluationError("jsondecode: invalid JSON");
  }
  return fromPlain(parsed, context.source);
}

function base64Decode(args: IacValue[], context: CallContext): IacValue {
  arity("base64decode", args, 1);
  const text = asString(args[0]!);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0)
    throw new EvaluationError("base64decode: invalid base64");
  return str(Buffer.from(text, "base64").toString("utf8"), context);
}

/** Go's regexp replacement `${1}` is `$1` in JavaScript. */
function replace(args: IacValue[], context: CallContext): IacValue {
  arity("replace", args, 3);
  const [text, search, replacement] = args.map(asString) as [string, string, string];
  if (search.length > 1 && search.startsWith("/") && search.endsWith("/")) {
    let pattern: RegExp;
    try {
      pattern = new RegExp(search.slice(1, -1), "gu");
    } catch {
      throw new EvaluationError("replace: invalid regular expression");
    }
    return str(text.replace(pattern, replacement.replace(/\$\{(\d+)\}/g, "$$$1")), context);
  }
  return str(text.split(search).join(replacement), context);
}

const FORMAT_VERB = /%([-+ #0]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])/g;

function format(args: IacValue[], context: CallContext): IacValue {
  if (args.length === 0) throw new EvaluationError("format: a format string is required");
  const spec = asString(args[0]!);
  let next = 1;
  const take = (): IacValue => {
    const arg = args[next++];
    if (!arg) throw new EvaluationError("format: not enough arguments");
    return arg;
  };
  const text = spec.replace(
    FORMAT_VERB,
    (_whole, flags: string, width: string | undefined, precision: string | undefined, verb: string) => {
      if (verb === "%") return "%";
      const formatted = formatVerb(verb, take(), precision);
      return pad(formatted, width ? Number(width) : 0, flags);
    },
  );
  return str(text, context);
}

function formatVerb(verb: string, arg: IacValue, precision: string | undefined): string {
  switch (verb) {
    case "s":
      return asString(arg);
    case "d":
      return formatNumber(Math.trunc(asNumber(arg)));
    case "f":
      return asNumber(arg).toFixed(precision === undefined ? 6 : Number(precision));
    case "t":
      return String(asBoolean(arg));
    case "q":
      return JSON.stringify(asString(arg));
    case "v":
    case "#v": {
      const plain = toPlain(arg);
      return typeof plain === "string"
        ? plain
        : typeof plain === "number"
          ? formatNumber(plain)
          : JSON.stringify(sortedPlain(plain));
    }
    case "x":
      return Math.trunc(asNumber(arg)).toString(16);
    case "X":
      return Math.trunc(asNumber(arg)).toString(16).toUpperCase();
    case "o":
      return Math.trunc(asNumber(arg)).toString(8);
    case "b":
      return Math.trunc(asNumber(arg)).toString(2);
    case "e":
      return asNumber(arg).toExponential(precision === undefined ? 6 : Number(precision));
    default:
      throw new EvaluationError(`format: unsupported verb %${verb}`);
  }
}

function pad(text: string, width: number, flags: string): string {
  if (text.length >= width) return text;
  if (flags.includes("-")) return text.padEnd(width);
  return text.padStart(width, flags.includes("0") ? "0" : " ");
}

function range(args: IacValue[], context: CallContext): IacValue {
  arity("range", args, 1, 3);
  const numbers = args.map(asNumber);
  const [start, limit, step] =
    numbers.length === 1
      ? [0, numbers[0]!, 1]
      : [numbers[0]!, numbers[1]!, numbers[2] ?? (numbers[1]! >= numbers[0]! ? 1 : -1)];
  if (step === 0) throw new EvaluationError("range: step must not be zero");
  const items: IacValue[] = [];
  for (let value = start; step > 0 ? value < limit : value > limit; value += step) {
    items.push(num(value, context));
    if (items.length > 1024) throw new EvaluationError("range: too many elements");
  }
  return list(items, context);
}

function lookup(args: IacValue[], _context: CallContext): IacValue {
  arity("lookup", args, 2, 3);
  const object = asObject(args[0]!);
  const key = asString(args[1]!);
  if (Object.hasOwn(object.entries, key)) return object.entries[key]!;
  if (args[2]) return args[2];
  throw new EvaluationError(`lookup: no key "${key}"`);
}

function element(args: IacValue[], _context: CallContext): IacValue {
  arity("element", args, 2);
  const items = asList(args[0]!);
  const index = Math.floor(asNumber(args[1]!));
  if (items.length === 0 || index < 0) throw new EvaluationError("element: no such element");
  return items[index % items.length]!;
}

function length(args: IacValue[], context: CallContext): IacValue {
  arity("length", args, 1);
  const top = known(args[0]!);
  if (top.kind === "list") return num(top.items.length, context);
  if (top.kind === "object") return num(Object.keys(top.entries).length, context);
  if (typeof top.value === "string") return num([...top.value].length, context);
  throw new EvaluationError("length: a collection or string is required");
}

function coalesce(args: IacValue[], _context: CallContext): IacValue {
  for (const arg of args) {
    const top = known(arg);
    if (top.kind === "literal" && (top.value === null || top.value === "")) continue;
    return arg;
  }
  throw new EvaluationError("coalesce: no non-null, non-empty argument");
}

function toSet(args: IacValue[], context: CallContext): IacValue {
  arity("toset", args, 1);
  const items = distinctItems(asList(args[0]!));
  const plain = items.map(toPlain);
  if (plain.every((item) => typeof item === "string")) {
    const order = plain.map((item, i) => [item as string, i] as const).sort((a, b) => compareStrings(a[0], b[0]));
    return list(
      order.map(([, i]) => items[i]!),
      context,
    );
  }
  return list(items, context);
}

function keys(args: IacValue[], context: CallContext): IacValue {
  arity("keys", args, 1);
  const object = asObject(args[0]!);
  return list(
    sortedKeys(object).map((key) => literal(key, object.keySources[key] ?? context.source)),
    context,
  );
}

function values(args: IacValue[], context: CallContext): IacValue {
  arity("values", args, 1);
  const object = asObject(args[0]!);
  return list(
    sortedKeys(object).map((key) => object.entries[key]!),
    context,
  );
}

function zipmap(args: IacValue[], context: CallContext): IacValue {
  arity("zipmap", args, 2);
  const names = asList(args[0]!).map(asString);
  const items = asList(args[1]!);
  if (names.length !== items.length) throw new EvaluationError("zipmap: lists of different lengths");
  const entries: Record<string, IacValue> = {};
  const keySources: Record<string, SourceLocation> = {};
  names.forEach((name, i) => {
    setEntry(entries, name, items[i]!);
    setEntry(keySources, name, items[i]!.source);
  });
  return objectValue(entries, keySources, context.source);
}

function contains(args: IacValue[], context: CallContext): IacValue {
  arity("contains", args, 2);
  const items = asList(args[0]!);
  return literal(
    items.some((item) => valuesEqual(item, args[1]!)),
    context.source,
  );
}

function slice(args: IacValue[], context: CallContext): IacValue {
  arity("slice", args, 3);
  const items = asList(args[0]!);
  const start = asNumber(args[1]!);
  const end = asNumber(args[2]!);
  if (start < 0 || end > items.length || start > end) throw new EvaluationError("slice: index out of range");
  return list(items.slice(start, end), context);
}

function substr(args: IacValue[], context: CallContext): IacValue {
  arity("substr", args, 3);
  const chars = [...asString(args[0]!)];
  let offset = asNumber(args[1]!);
  const count = asNumber(args[2]!);
  if (offset < 0) offset = Math.max(0, chars.length + offset);
  return str(chars.slice(offset, count < 0 ? undefined : offset + count).join(""), context);
}

function index(args: IacValue[], context: CallContext): IacValue {
  arity("index", args, 2);
  const at = asList(args[0]!).findIndex((item) => valuesEqual(item, args[1]!));
  if (at < 0) throw new EvaluationError("index: value not found");
  return num(at, context);
}

function templatefile(args: IacValue[], context: CallContext): IacValue {
  arity("templatefile", args, 2);
  return context.renderTemplate(asString(args[0]!), asObject(args[1]!));
}

/** Functions archlint evaluates, by name. Any other function gives an unknown value. */
export const FUNCTIONS: Record<string, TerraformFunction> = {
  abs: numberFunction("abs", Math.abs),
  base64decode: base64Decode,
  base64encode: stringFunction("base64encode", (text) => Buffer.from(text, "utf8").toString("base64")),
  ceil: numberFunction("ceil", Math.ceil),
  chomp: stringFunction("chomp", (text) => text.replace(/(\r\n|\n|\r)+$/, "")),
  cidrhost: (args, context) => {
    arity("cidrhost", args, 2);
    return str(cidrhost(asString(args[0]!), asNumber(args[1]!)), context);
  },
  cidrsubnet: (args, context) => {
    arity("cidrsubnet", args, 3);
    return str(cidrsubnet(asString(args[0]!), asNumber(args[1]!), asNumber(args[2]!)), context);
  },
  coalesce,
  coalescelist: (args) => {
    const found = args.find((arg) => asList(arg).length > 0);
    if (!found) throw new EvaluationError("coalescelist: no non-empty list");
    return found;
  },
  compact: (args, context) => {
    arity("compact", args, 1);
    return list(
      asList(args[0]!).filter((item) => !isNull(item) && asString(item) !== ""),
      context,
    );
  },
  concat: (args, context) => list(args.flatMap(asList), context),
  contains,
  distinct: (args, context) => {
    arity("distinct", args, 1);
    return list(distinctItems(asList(args[0]!)), context);
  },
  element,
  endswith: (args, context) => {
    arity("endswith", args, 2);
    return literal(asString(args[0]!).endsWith(asString(args[1]!)), context.source);
  },
  file: (args, context) => {
    arity("file", args, 1);
    return str(context.readFile(asString(args[0]!)), context);
  },
  flatten: (args, context) => {
    arity("flatten", args, 1);
    return list(flattenItems(asList(args[0]!)), context);
  },
  floor: numberFunction("floor", Math.floor),
  format,
  index,
  join: (args, context) => {
    if (args.length < 2) throw new EvaluationError("join: a separator and a list are required");
    return str(args.slice(1).flatMap(asList).map(asString).join(asString(args[0]!)), context);
  },
  jsondecode: jsonDecode,
  jsonencode: jsonEncode,
  keys,
  length,
  lookup,
  lower: stringFunction("lower", (text) => text.toLowerCase()),
  max: minMax("max", Math.max),
  merge: mergeObjects,
  min: minMax("min", Math.min),
  nonsensitive: (args) => {
    arity("nonsensitive", args, 1);
    return args[0]!;
  },
  one: (args, context) => {
    arity("one", args, 1);
    const items = asList(args[0]!);
    if (items.length > 1) throw new EvaluationError("one: more than one element");
    return items[0] ?? literal(null, context.source);
  },
  range,
  replace,
  reverse: (args, context) => {
    arity("reverse", args, 1);
    return list([...asList(args[0]!)].reverse(), context);
  },
  sensitive: (args) => {
    arity("sensitive", args, 1);
    return args[0]!;
  },
  slice,
  sort: (args, context) => {
    arity("sort", args, 1);
    const items = asList(args[0]!);
    const order = items.map((item) => asString(item));
    return list(
      items
        .map((item, i) => [item, order[i]!] as const)
        .sort((a, b) => compareStrings(a[1], b[1]))
        .map(([item]) => item),
      context,
    );
  },
  split: (args, context) => {
    arity("split", args, 2);
    const separator = asString(args[0]!);
    return list(
      asString(args[1]!)
        .split(separator)
        .map((part) => str(part, context)),
      context,
    );
  },
  startswith: (args, context) => {
    arity("startswith", args, 2);
    return literal(asString(args[0]!).startsWith(asString(args[1]!)), context.source);
  },
  substr,
  sum: (args, context) => {
    arity("sum", args, 1);
    return num(
      asList(args[0]!).reduce((total, item) => total + asNumber(item), 0),
      context,
    );
  },
  templatefile,
  title: stringFunction("title", (text) =>
    text.replace(/(^|[^\p{L}\p{N}])(\p{L})/gu, (_m, before: string, letter: string) => before + letter.toUpperCase()),
  ),
  tobool: (args, context) => {
    arity("tobool", args, 1);
    return isNull(args[0]!) ? args[0]! : literal(asBoolean(args[0]!), context.source);
  },
  tolist: (args, context) => {
    arity("tolist", args, 1);
    return list(asList(args[0]!), context);
  },
  tomap: (args, context) => {
    arity("tomap", args, 1);
    return { ...asObject(args[0]!), source: context.source };
  },
  tonumber: (args, context) => {
    arity("tonumber", args, 1);
    return isNull(args[0]!) ? args[0]! : num(asNumber(args[0]!), context);
  },
  toset: toSet,
  tostring: (args, context) => {
    arity("tostring", args, 1);
    return isNull(args[0]!) ? args[0]! : str(asString(args[0]!), context);
  },
  trimprefix: (args, context) => {
    arity("trimprefix", args, 2);
    const [text, prefix] = [asString(args[0]!), asString(args[1]!)];
    return str(prefix !== "" && text.startsWith(prefix) ? text.slice(prefix.length) : text, context);
  },
  trimspace: stringFunction("trimspace", (text) => text.trim()),
  trimsuffix: (args, context) => {
    arity("trimsuffix", args, 2);
    const [text, suffix] = [asString(args[0]!), asString(args[1]!)];
    return str(suffix !== "" && text.endsWith(suffix) ? text.slice(0, -suffix.length) : text, context);
  },
  upper: stringFunction("upper", (text) => text.toUpperCase()),
  values,
  zipmap,
};
