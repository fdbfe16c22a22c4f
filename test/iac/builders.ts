/**
 * Hand-built IacResources for the derivation tests, laid out as the parsers would place them.
 *
 * Terraform layout: `resource "T" "n" {` at line L column 1; each attribute on its own line at
 * column 3 (nested: +2 per level), its value at `key = ` → column + key length + 3; an object or
 * nested block opens on its key's line, its entries follow, and a closing `}` takes one line.
 * Resources are separated by one blank line.
 *
 * CloudFormation layout: `Resources:` at line 1; a resource's logical id at column 3, `Type` on
 * the next line, `Properties:` on the one after; properties at column 7 (+2 per level), values at
 * column + key length + 2; list items (`- `) on their own lines, an item's entries at +2 after
 * the dash.
 */
import type { IacFormat, IacObject, IacParseResult, IacResource, IacValue, ResourceRef } from "../../src/model/iac.js";
import type { SourceLocation } from "../../src/model/source.js";

type Scalar = string | number | boolean | null;

interface RefSpec {
  $ref: { target: string; attribute?: string; splat?: boolean; text?: string; secret?: boolean };
}
interface UnknownSpec {
  $unknown: { text: string; refs: RefSpec["$ref"][]; secretReference?: boolean };
}
interface BlocksSpec {
  $blocks: SpecObject[];
}
interface JsonSpec {
  $json: Spec;
}
interface HeredocSpec {
  $heredoc: string;
}
export type Spec = Scalar | Spec[] | SpecObject | RefSpec | UnknownSpec | BlocksSpec | JsonSpec | HeredocSpec;
export interface SpecObject {
  [key: string]: Spec;
}

/** `aws_subnet.a.id` (Terraform) — a reference to a resource attribute. */
export function ref(target: string, attribute?: string): RefSpec {
  return { $ref: attribute === undefined ? { target } : { target, attribute } };
}

/** `aws_subnet.private[*].id` — every instance of a counted resource. */
export function splat(target: string, attribute: string): RefSpec {
  return { $ref: { target, attribute, splat: true, text: `${target}[*].${attribute}` } };
}

/** `!Ref Db` (CloudFormation). */
export function cfnRef(logicalId: string): RefSpec {
  return { $ref: { target: logicalId, text: `!Ref ${logicalId}` } };
}

/** `!GetAtt Db.Endpoint.Address` (CloudFormation). */
export function getAtt(logicalId: string, attribute: string): RefSpec {
  return { $ref: { target: logicalId, attribute, text: `!GetAtt ${logicalId}.${attribute}` } };
}

/** An expression archlint could not evaluate, with the references written inside it (each found in `text`). */
export function unknown(text: string, refs: RefSpec[] = [], secretReference = false): UnknownSpec {
  const spec: UnknownSpec = { $unknown: { text, refs: refs.map((item) => item.$ref) } };
  if (secretReference) spec.$unknown.secretReference = true;
  return spec;
}

/** Terraform nested blocks (`ingress { … } ingress { … }`): a list of objects, one header line each. */
export function blocks(...items: SpecObject[]): BlocksSpec {
  return { $blocks: items };
}

/** `jsonencode(...)`: the object or list, marked as JSON. */
export function json(spec: Spec): JsonSpec {
  return { $json: spec };
}

/** A heredoc / block scalar: a string whose lines start on the line after the value. */
export function heredoc(text: string): HeredocSpec {
  return { $heredoc: text };
}

function has<T extends Spec>(key: string) {
  return (spec: Spec): spec is T => typeof spec === "object" && spec !== null && !Array.isArray(spec) && key in spec;
}
const isRef = has<RefSpec>("$ref");
const isUnknown = has<UnknownSpec>("$unknown");
const isBlocks = has<BlocksSpec>("$blocks");
const isJson = has<JsonSpec>("$json");
const isHeredoc = has<HeredocSpec>("$heredoc");

function isObjectSpec(spec: Spec): spec is SpecObject {
  return (
    typeof spec === "object" &&
    spec !== null &&
    !Array.isArray(spec) &&
    ![isRef, isUnknown, isBlocks, isJson, isHeredoc].some((test) => test(spec))
  );
}

class Layout {
  constructor(
    readonly file: string,
    readonly format: IacFormat,
  ) {}

  at(line: number, column: number, endLine?: number): SourceLocation {
    return endLine === undefined
      ? { file: this.file, line, column }
      : { file: this.file, line, column, endLine, endColumn: 1 };
  }

  private separator(): number {
    return this.format === "terraform" ? 3 : 2;
  }

  private refText(spec: RefSpec["$ref"]): string {
    if (spec.text) return spec.text;
    if (this.format === "cloudformation")
      return spec.attribute ? `!GetAtt ${spec.target}.${spec.attribute}` : `!Ref ${spec.target}`;
    return spec.attribute ? `${spec.target}.${spec.attribute}` : spec.target;
  }

  private makeRef(spec: RefSpec["$ref"], line: number, column: number): ResourceRef {
    const ref: ResourceRef = { target: spec.target, text: this.refText(spec), source: this.at(line, column) };
    if (spec.attribute !== undefined) ref.attribute = spec.attribute;
    if (spec.splat) ref.splat = true;
    return ref;
  }

  /** Entries of an object starting at `line`, keys at `indent`; returns the line after the last. */
  object(
    spec: SpecObject,
    line: number,
    indent: number,
    source: SourceLocation,
    encoding?: "json",
  ): { value: IacObject; next: number } {
    const entries: Record<string, IacValue> = {};
    const keySources: Record<string, SourceLocation> = {};
    let current = line;
    for (const [key, item] of Object.entries(spec)) {
      keySources[key] = this.at(current, indent);
      const placed = this.value(item, current, indent + key.length + this.separator(), indent, encoding);
      entries[key] = placed.value;
      current = placed.next;
    }
    const value: IacObject = { kind: "object", entries, keySources, source };
    if (encoding) value.encoding = encoding;
    return { value, next: current };
  }

  /** A value written at (line, column) of a key at `indent`; returns the line after it. */
  value(
    spec: Spec,
    line: number,
    column: number,
    indent: number,
    encoding?: "json",
  ): { value: IacValue; next: number } {
    const source = this.at(line, column);
    const closing = this.format === "terraform" ? 1 : 0;
    if (spec === null || typeof spec !== "object")
      return { value: { kind: "literal", value: spec, source }, next: line + 1 };
    if (isRef(spec))
      return { value: { kind: "ref", ref: this.makeRef(spec.$ref, line, column), source }, next: line + 1 };
    if (isUnknown(spec)) {
      const { text, refs, secretReference } = spec.$unknown;
      const lines = text.split("\n");
      const placedRefs = refs.map((item) => {
        const written = this.refText(item);
        const offset = Math.max(0, text.indexOf(written));
        const before = text.slice(0, offset).split("\n");
        const refLine = line + before.length - 1;
        const refColumn = before.length === 1 ? column + offset : before[before.length - 1]!.length + 1;
        return this.makeRef(item, refLine, refColumn);
      });
      const end = lines.length > 1 ? line + lines.length - 1 : undefined;
      const value: IacValue = { kind: "unknown", text, refs: placedRefs, source: this.at(line, column, end) };
      if (secretReference) value.secretReference = true;
      return { value, next: line + lines.length };
    }
    if (isHeredoc(spec)) {
      const count = spec.$heredoc.split("\n").length;
      return {
        value: { kind: "literal", value: spec.$heredoc, source: this.at(line, column, line + count + 1) },
        next: line + count + 2,
      };
    }
    if (isJson(spec)) return this.value(spec.$json, line, column, indent, "json");
    if (isBlocks(spec)) {
      const items: IacObject[] = [];
      let current = line;
      for (const item of spec.$blocks) {
        const placed = this.object(item, current + 1, indent + 2, this.at(current, indent));
        items.push(placed.value);
        current = placed.next + closing;
      }
      return { value: { kind: "list", items, source: this.at(line, indent) }, next: current };
    }
    if (Array.isArray(spec)) {
      if (spec.some((item) => isObjectSpec(item))) {
        const items: IacValue[] = [];
        let current = line + 1;
        for (const item of spec) {
          const placed = isObjectSpec(item)
            ? this.object(item, current, indent + 4, this.at(current, indent + 2), encoding)
            : this.value(item, current, indent + 4, indent + 4, encoding);
          items.push(placed.value);
          current = placed.next;
        }
        const list: IacValue = { kind: "list", items, source };
        if (encoding) list.encoding = encoding;
        return { value: list, next: current };
      }
      let itemColumn = column + 1;
      const items = spec.map((item) => {
        const placed = this.value(item, line, itemColumn, indent, encoding).value;
        itemColumn += JSON.stringify(item).length + 2;
        return placed;
      });
      const list: IacValue = { kind: "list", items, source };
      if (encoding) list.encoding = encoding;
      return { value: list, next: line + 1 };
    }
    const placed = this.object(spec, line + 1, indent + 2, source, encoding);
    return { value: placed.value, next: placed.next + closing };
  }
}

export interface ResourceOptions {
  address?: string;
  modulePath?: string;
  moduleCall?: SourceLocation;
  instanceKey?: string | number;
  humanName?: string;
  condition?: boolean | "unknown";
  region?: string;
  /** Start line (default: after the previous resource). */
  line?: number;
}

function applyOptions(resource: IacResource, options: ResourceOptions): IacResource {
  if (options.modulePath !== undefined) resource.modulePath = options.modulePath;
  if (options.moduleCall) resource.moduleCall = options.moduleCall;
  if (options.instanceKey !== undefined) resource.instanceKey = options.instanceKey;
  if (options.humanName) resource.humanName = options.humanName;
  if (options.condition !== undefined) resource.condition = options.condition;
  if (options.region) resource.region = options.region;
  return resource;
}

/** The resources of one file, laid out one after the other. */
abstract class SourceFile {
  protected readonly layout: Layout;
  readonly resources: IacResource[] = [];

  constructor(
    readonly file: string,
    format: IacFormat,
    protected nextLine: number,
  ) {
    this.layout = new Layout(file, format);
  }

  /** The resource built with this address. */
  find(address: string): IacResource {
    const found = this.resources.find((resource) => resource.address === address);
    if (!found) throw new Error(`no resource ${address} in ${this.file}`);
    return found;
  }
}

/** Builds the resources of one Terraform file. */
export class TerraformFile extends SourceFile {
  constructor(file = "main.tf") {
    super(file, "terraform", 1);
  }

  resource(type: string, name: string, body: SpecObject, options: ResourceOptions = {}): IacResource {
    return this.add("managed", type, name, body, options);
  }

  data(type: string, name: string, body: SpecObject, options: ResourceOptions = {}): IacResource {
    return this.add("data", type, name, body, options);
  }

  private add(
    mode: "managed" | "data",
    type: string,
    name: string,
    body: SpecObject,
    options: ResourceOptions,
  ): IacResource {
    const line = options.line ?? this.nextLine;
    const source = this.layout.at(line, 1);
    const placed = this.layout.object(body, line + 1, 3, source);
    this.nextLine = placed.next + 2;
    const prefix = options.modulePath ? `${options.modulePath}.` : "";
    const key =
      options.instanceKey === undefined
        ? ""
        : typeof options.instanceKey === "number"
          ? `[${options.instanceKey}]`
          : `["${options.instanceKey}"]`;
    const address = options.address ?? `${prefix}${mode === "data" ? "data." : ""}${type}.${name}${key}`;
    const resource: IacResource = {
      format: "terraform",
      address,
      type,
      name,
      mode,
      body: placed.value,
      source,
      file: this.file,
    };
    this.resources.push(applyOptions(resource, options));
    return resource;
  }
}

/** Builds the resources of one CloudFormation template. */
export class CloudFormationTemplate extends SourceFile {
  constructor(file = "template.yaml") {
    super(file, "cloudformation", 2);
  }

  resource(logicalId: string, type: string, properties: SpecObject, options: ResourceOptions = {}): IacResource {
    const line = options.line ?? this.nextLine;
    const source = this.layout.at(line, 3);
    const placed = this.layout.object(properties, line + 3, 7, this.layout.at(line + 2, 5));
    this.nextLine = placed.next;
    const resource: IacResource = {
      format: "cloudformation",
      address: options.address ?? logicalId,
      type,
      name: logicalId,
      mode: "managed",
      body: placed.value,
      source,
      file: this.file,
    };
    this.resources.push(applyOptions(resource, options));
    return resource;
  }
}

export function parsed(...groups: (TerraformFile | CloudFormationTemplate | IacResource[])[]): IacParseResult {
  const resources = groups.flatMap((group) => (Array.isArray(group) ? group : group.resources));
  return {
    resources,
    diagnostics: [],
    suppressions: [],
    files: [...new Set(resources.map((resource) => resource.file))],
  };
}

/** The position of a key of a resource's body (dotted path through objects and first list items). */
export function keyAt(resource: IacResource, path: string): SourceLocation {
  let object: IacObject = resource.body;
  const keys = path.split(".");
  for (let i = 0; i < keys.length - 1; i++) {
    const value = object.entries[keys[i]!]!;
    object = (value.kind === "list" ? value.items[0] : value) as IacObject;
  }
  return object.keySources[keys[keys.length - 1]!]!;
}

/** The position of a key, as an Evidence-like subset for toMatchObject. */
export function position(location: SourceLocation): { file: string; line: number; column: number } {
  return { file: location.file, line: location.line, column: location.column };
}

/** Where the `index`-th item of a list attribute (a nested block, a list of maps) starts. */
export function itemAt(resource: IacResource, key: string, index = 0): SourceLocation {
  const value = resource.body.entries[key];
  if (value?.kind !== "list") throw new Error(`${key} is not a list`);
  return value.items[index]!.source;
}

/**
 * The position of a key reached through objects and list indexes:
 * `container_definitions.0.environment.1.name`.
 */
export function keyPath(resource: IacResource, path: string): SourceLocation {
  let value: IacValue = resource.body;
  const keys = path.split(".");
  let at: SourceLocation | undefined;
  for (const key of keys) {
    if (value.kind === "list") {
      value = value.items[Number(key)]!;
      at = value.source;
    } else if (value.kind === "object") {
      at = value.keySources[key];
      value = value.entries[key]!;
    } else {
      throw new Error(`${path}: ${key} is not reachable`);
    }
  }
  return at!;
}

/** Where the value reached by a `keyPath` path is written. */
export function valuePath(resource: IacResource, path: string): SourceLocation {
  let value: IacValue = resource.body;
  for (const key of path.split(".")) {
    if (value.kind === "list") value = value.items[Number(key)]!;
    else if (value.kind === "object") value = value.entries[key]!;
    else throw new Error(`${path}: ${key} is not reachable`);
  }
  return value.source;
}
