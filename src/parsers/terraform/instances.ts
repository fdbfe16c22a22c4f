/**
 * Module instances and resource instances: binds variables (from tfvars or the caller's
 * arguments), evaluates locals and outputs lazily, expands count / for_each and local module
 * calls, and turns each resource instance's block into an IacResource.
 */
import path from "node:path";
import type { Diagnostic } from "../../model/graph.js";
import type { IacObject, IacResource, IacValue } from "../../model/iac.js";
import type { SourceLocation } from "../../model/source.js";
import type { Suppression } from "../../model/suppression.js";
import { type Attribute, attributeNamed, type Block, type Body, type Expr, spanLocation, spanText } from "./ast.js";
import {
  type ConfigLoader,
  isLocalSource,
  type ModuleCallDecl,
  type ModuleConfig,
  moduleSource,
  type ResourceDecl,
  type VariableDecl,
} from "./config.js";
import {
  type Evaluator,
  iterate,
  type ModuleAccess,
  type ModuleCallView,
  type ResourceInstances,
  renderKey,
  type Scope,
  withSymbols,
} from "./evaluate.js";
import type { RootFiles } from "./files.js";
import { lineSuppressions, moduleSuppressions, type SuppressionComment, suppressionComments } from "./suppressions.js";
import {
  asNumber,
  asString,
  EvaluationError,
  listValue,
  literal,
  NeedsUnknown,
  objectValue,
  setEntry,
  unknownValue,
} from "./values.js";

/** Module calls deeper than this are not followed (a guard against pathological nesting). */
const MAX_MODULE_DEPTH = 16;

/**
 * More instances than this of one resource or module call are not expanded (`count = 100000000`
 * would exhaust memory): the block is read as one instance whose key is unknown.
 */
const MAX_INSTANCES = 10_000;

const RESOURCE_META_ATTRIBUTES = new Set(["count", "for_each", "provider", "depends_on"]);
const RESOURCE_META_BLOCKS = new Set(["lifecycle", "provisioner", "connection"]);
const MODULE_META_ATTRIBUTES = new Set(["source", "version", "count", "for_each", "providers", "depends_on"]);

/** Lengths of what a session collected, to tell apart what each root module added. */
export interface SessionMark {
  resources: number;
  diagnostics: number;
  suppressions: number;
}

/** What one parseTerraform run collects, shared by every module instance. */
export class ReadSession {
  readonly resources: IacResource[] = [];
  private readonly diagnosticKeys = new Set<string>();
  readonly diagnostics: Diagnostic[] = [];
  private readonly suppressionKeys = new Set<string>();
  /** Module suppressions, in the order their calls are read. */
  readonly suppressions: Suppression[] = [];
  /** Suppression comments by file, read once per file. */
  private readonly commentsByFile = new Map<string, SuppressionComment[]>();

  constructor(
    readonly files: RootFiles,
    readonly loader: ConfigLoader,
  ) {}

  report(diagnostic: Diagnostic): void {
    const { file, line, column } = diagnostic.source;
    const key = `${diagnostic.code}|${file}:${line}:${column}|${diagnostic.resource ?? ""}|${diagnostic.message}`;
    if (this.diagnosticKeys.has(key)) return;
    this.diagnosticKeys.add(key);
    this.diagnostics.push(diagnostic);
  }

  suppress(suppressions: Suppression[]): void {
    for (const suppression of suppressions) {
      const key = JSON.stringify([suppression.rule, suppression.source, suppression.scope]);
      if (this.suppressionKeys.has(key)) continue;
      this.suppressionKeys.add(key);
      this.suppressions.push(suppression);
    }
  }

  mark(): SessionMark {
    return {
      resources: this.resources.length,
      diagnostics: this.diagnostics.length,
      suppressions: this.suppressions.length,
    };
  }

  /** Suppression comments of a file of a module, read on first sight. */
  commentsOf(config: ModuleConfig, file: string): SuppressionComment[] {
    let comments = this.commentsByFile.get(file);
    if (!comments) {
      const parsed = config.files.find((candidate) => candidate.file === file);
      comments = parsed ? suppressionComments(parsed) : [];
      this.commentsByFile.set(file, comments);
    }
    return comments;
  }

  /** Line suppressions of every file read, by file. */
  lineSuppressions(): Suppression[] {
    return [...this.commentsByFile.values()].flatMap(lineSuppressions);
  }
}

interface ProviderConfig {
  region?: string;
}
type ProviderTable = Map<string, ProviderConfig>;

/** Supplies a variable's value from outside the module (tfvars, -var, the caller's arguments). */
export type InputSource = (variable: VariableDecl) => IacValue | undefined;

interface InstanceBinding {
  key?: string | number;
  count?: IacValue;
  each?: { key: IacValue; value: IacValue };
}

/** Memoised lazy values with a guard against reference cycles. */
class LazyValues {
  private readonly values = new Map<string, IacValue>();
  private readonly pending = new Set<string>();

  get(name: string, compute: () => IacValue, onCycle: () => IacValue): IacValue {
    const cached = this.values.get(name);
    if (cached) return cached;
    if (this.pending.has(name)) return onCycle();
    this.pending.add(name);
    try {
      const value = compute();
      this.values.set(name, value);
      return value;
    } finally {
      this.pending.delete(name);
    }
  }
}

interface ExpandedCall {
  view: ModuleCallView;
  children: ModuleInstance[];
}

export class ModuleInstance implements ModuleAccess {
  readonly pathModule: string;
  private readonly variables = new LazyValues();
  private readonly locals = new LazyValues();
  private readonly outputs = new LazyValues();
  private readonly calls = new Map<string, ExpandedCall>();
  private readonly bindings = new Map<ResourceDecl, InstanceBinding[] | "pending">();
  private providers: ProviderTable | undefined;

  constructor(
    private readonly session: ReadSession,
    private readonly evaluator: Evaluator,
    readonly config: ModuleConfig,
    readonly modulePath: string,
    private readonly inputs: InputSource,
    private readonly place: {
      rootDir: string;
      call?: SourceLocation;
      /** Directories of the calling modules, outermost first (recursion guard). */
      ancestors: string[];
      inheritedProviders: ProviderTable;
    },
  ) {
    this.pathModule = path.relative(place.rootDir, config.dir).split(path.sep).join("/") || ".";
  }

  private scope(binding: InstanceBinding = {}): Scope {
    const scope: Scope = { module: this, symbols: new Map() };
    if (binding.count) scope.count = binding.count;
    if (binding.each) scope.each = binding.each;
    return scope;
  }

  // --- ModuleAccess ------------------------------------------------------------------------

  variable(name: string): IacValue | undefined {
    const declaration = this.config.variables.get(name);
    if (!declaration) return undefined;
    const at = spanLocation(declaration.block.typeSpan);
    const value = (): IacValue => {
      const given = this.inputs(declaration);
      if (given) return convertToType(given, declaration.type);
      if (declaration.default) return this.evaluator.evaluate(declaration.default, { symbols: new Map() });
      return unknownValue(`var.${name}`, at);
    };
    return this.variables.get(
      name,
      () => (declaration.sensitive ? markSensitive(value(), `var.${name}`) : value()),
      () => unknownValue(`var.${name}`, at),
    );
  }

  local(name: string): IacValue | undefined {
    const attribute = this.config.locals.get(name);
    if (!attribute) return undefined;
    return this.locals.get(
      name,
      () => this.evaluator.evaluate(attribute.expr, this.scope()),
      () => unknownValue(`local.${name}`, spanLocation(attribute.nameSpan)),
    );
  }

  output(name: string): IacValue | undefined {
    const declaration = this.config.outputs.get(name);
    if (!declaration) return undefined;
    const expr = declaration.value;
    if (!expr) return unknownValue(`${this.modulePath}.${name}`, spanLocation(declaration.block.typeSpan));
    return this.outputs.get(
      name,
      () => this.evaluator.evaluate(expr, this.scope()),
      () => unknownValue(spanText(expr), spanLocation(expr)),
    );
  }

  resourceInstances(mode: "managed" | "data", type: string, name: string): ResourceInstances | undefined {
    const declaration = this.config.resources.find(
      (resource) => resource.mode === mode && resource.type === type && resource.name === name,
    );
    if (!declaration) return undefined;
    const bindings = this.resourceBindings(declaration);
    const first = bindings[0];
    if (bindings.length === 1 && first?.key === undefined)
      return first?.count || first?.each ? { kind: "unknown" } : { kind: "single" };
    if (attributeNamed(declaration.block.body, "count")) return { kind: "count", size: bindings.length };
    return { kind: "for_each", keys: bindings.map((binding) => String(binding.key)) };
  }

  /** The instances of a resource declaration, evaluated once (a reference cycle gives one unknown instance). */
  private resourceBindings(declaration: ResourceDecl): InstanceBinding[] {
    const cached = this.bindings.get(declaration);
    const at = spanLocation(declaration.block.typeSpan);
    if (cached === "pending") return [{ count: unknownValue("count.index", at) }];
    if (cached) return cached;
    this.bindings.set(declaration, "pending");
    const bindings = this.instancesOf(declaration.block);
    this.bindings.set(declaration, bindings);
    return bindings;
  }

  moduleCall(name: string): ModuleCallView | undefined {
    const declaration = this.config.calls.find((call) => call.name === name);
    return declaration ? this.expandCall(declaration).view : undefined;
  }

  // --- resources ---------------------------------------------------------------------------

  /** Records this instance's resources, then those of its module calls, depth first. */
  emit(): void {
    for (const file of this.config.files) this.session.commentsOf(this.config, file.file);
    for (const declaration of this.config.resources) {
      for (const binding of this.resourceBindings(declaration))
        this.session.resources.push(this.resource(declaration, binding));
    }
    for (const call of this.config.calls) {
      const callLine = spanLocation(call.block.typeSpan).line;
      const comments = this.session.commentsOf(this.config, call.file);
      this.session.suppress(moduleSuppressions(comments, callLine, this.childPath(call.name)));
      for (const child of this.expandCall(call).children) child.emit();
    }
  }

  private resource(declaration: ResourceDecl, binding: InstanceBinding): IacResource {
    const scope = this.scope(binding);
    const { block } = declaration;
    const key = binding.key === undefined ? "" : renderKey(literal(binding.key, spanLocation(block.typeSpan)));
    const address = `${this.prefix()}${declaration.mode === "data" ? "data." : ""}${declaration.type}.${declaration.name}${key}`;
    const resource: IacResource = {
      format: "terraform",
      address,
      type: declaration.type,
      name: declaration.name,
      mode: declaration.mode,
      body: this.bodyValue(block.body, spanLocation(block.bodySpan), scope, true),
      source: spanLocation(block.typeSpan),
      modulePath: this.modulePath,
      file: declaration.file,
    };
    if (this.place.call) resource.moduleCall = this.place.call;
    if (binding.key !== undefined) resource.instanceKey = binding.key;
    const providerExpr = attributeNamed(block.body, "provider")?.expr;
    const providerKey = providerExpr ? spanText(providerExpr).trim() : declaration.type.split("_")[0]!;
    if (providerExpr) resource.provider = providerKey;
    const region = this.providerTable().get(providerKey)?.region;
    if (region) resource.region = region;
    const dependsOn = attributeNamed(block.body, "depends_on")?.expr;
    if (dependsOn?.type === "tuple")
      resource.dependsOn = dependsOn.items.map((item) => this.prefix() + spanText(item).trim());
    return resource;
  }

  /**
   * A block body as an object: attributes by name, nested blocks as lists of objects under
   * their type, `dynamic` blocks expanded into those lists.
   */
  private bodyValue(body: Body, source: SourceLocation, scope: Scope, resourceLevel: boolean): IacObject {
    const entries: Record<string, IacValue> = {};
    const keySources: Record<string, SourceLocation> = {};
    for (const attribute of body.attributes) {
      if (resourceLevel && RESOURCE_META_ATTRIBUTES.has(attribute.name)) continue;
      setEntry(entries, attribute.name, this.evaluator.evaluate(attribute.expr, scope));
      setEntry(keySources, attribute.name, spanLocation(attribute.nameSpan));
    }
    const append = (name: string, at: SourceLocation, items: IacValue[]) => {
      const list = entries[name];
      if (list?.kind === "list" && Object.hasOwn(keySources, name)) list.items.push(...items);
      else {
        setEntry(entries, name, listValue(items, at));
        setEntry(keySources, name, at);
      }
    };
    for (const nested of body.blocks) {
      if (resourceLevel && RESOURCE_META_BLOCKS.has(nested.type)) continue;
      const at = spanLocation(nested.typeSpan);
      if (nested.type === "dynamic") {
        const name = nested.labels[0];
        if (name) append(name, at, this.dynamicItems(nested, name, scope));
      } else {
        append(nested.type, at, [this.bodyValue(nested.body, at, scope, false)]);
      }
    }
    return objectValue(entries, keySources, source);
  }

  /** `dynamic "x" { for_each … content { … } }`: one object per element, or one unknown item. */
  private dynamicItems(block: Block, name: string, scope: Scope): IacValue[] {
    const at = spanLocation(block.typeSpan);
    const forEach = attributeNamed(block.body, "for_each")?.expr;
    const content = block.body.blocks.find((nested) => nested.type === "content");
    if (!forEach || !content) return [];
    const iteratorExpr = attributeNamed(block.body, "iterator")?.expr;
    const iterator = iteratorExpr?.type === "variable" ? iteratorExpr.name : name;
    const collection = this.evaluator.evaluate(forEach, scope);
    let pairs: [IacValue, IacValue][];
    try {
      pairs = iterate(collection, spanLocation(forEach));
    } catch (error) {
      if (!(error instanceof NeedsUnknown) && !(error instanceof EvaluationError)) throw error;
      return [unknownValue(spanText(forEach), at, [collection])];
    }
    return pairs.map(([key, value]) => {
      const element = objectValue({ key, value }, { key: key.source, value: value.source }, at);
      return this.bodyValue(content.body, at, withSymbols(scope, { [iterator]: element }), false);
    });
  }

  /** Instances of a counted / for_each block; one unbound instance when the set is unknown. */
  private instancesOf(block: Block, scope: Scope = this.scope()): InstanceBinding[] {
    const countExpr = attributeNamed(block.body, "count")?.expr;
    if (countExpr) return this.countInstances(countExpr, scope);
    const forEachExpr = attributeNamed(block.body, "for_each")?.expr;
    if (forEachExpr) return this.forEachInstances(forEachExpr, scope);
    return [{}];
  }

  private countInstances(expr: Expr, scope: Scope): InstanceBinding[] {
    const at = spanLocation(expr);
    const value = this.evaluator.evaluate(expr, scope);
    let count: number;
    try {
      count = asNumber(value);
    } catch {
      return [{ count: unknownValue("count.index", at, [value]) }];
    }
    if (!Number.isInteger(count) || count < 0) return [{ count: unknownValue("count.index", at, [value]) }];
    if (count > MAX_INSTANCES) {
      this.reportTooManyInstances(`count = ${count}`, at);
      return [{ count: unknownValue("count.index", at, [value]) }];
    }
    return Array.from({ length: count }, (_, i) => ({ key: i, count: literal(i, at) }));
  }

  private forEachInstances(expr: Expr, scope: Scope): InstanceBinding[] {
    const at = spanLocation(expr);
    const value = this.evaluator.evaluate(expr, scope);
    const unbound = (): InstanceBinding[] => [
      { each: { key: unknownValue("each.key", at, [value]), value: unknownValue("each.value", at, [value]) } },
    ];
    const size =
      value.kind === "object" ? Object.keys(value.entries).length : value.kind === "list" ? value.items.length : 0;
    if (size > MAX_INSTANCES) {
      this.reportTooManyInstances(`for_each over ${size} items`, at);
      return unbound();
    }
    if (value.kind === "object") {
      return Object.keys(value.entries)
        .sort()
        .map((key) => ({ key, each: { key: literal(key, value.keySources[key] ?? at), value: value.entries[key]! } }));
    }
    if (value.kind !== "list") return unbound();
    try {
      // The first item with each key, as Terraform's toset keeps one of equal items.
      const byKey = new Map<string, IacValue>();
      for (const item of value.items) {
        if (item.kind !== "literal") return unbound();
        const key = asString(item);
        if (!byKey.has(key)) byKey.set(key, item);
      }
      return [...byKey.keys()].sort().map((key) => {
        const item = byKey.get(key)!;
        return { key, each: { key: literal(key, item.source), value: item } };
      });
    } catch {
      return unbound();
    }
  }

  private reportTooManyInstances(what: string, at: SourceLocation): void {
    this.session.report({
      code: "iac-unresolved",
      message: `${what}: more than ${MAX_INSTANCES} instances are not expanded; the block is read as one instance of unknown key`,
      source: at,
    });
  }

  // --- providers ---------------------------------------------------------------------------

  /** Provider configurations visible here: inherited defaults, the call's `providers`, own blocks. */
  private providerTable(): ProviderTable {
    if (this.providers) return this.providers;
    const table: ProviderTable = new Map(this.place.inheritedProviders);
    for (const provider of this.config.providers) {
      const regionExpr = attributeNamed(provider.block.body, "region")?.expr;
      const region = regionExpr ? this.evaluator.evaluate(regionExpr, this.scope()) : undefined;
      table.set(
        provider.key,
        region?.kind === "literal" && typeof region.value === "string" ? { region: region.value } : {},
      );
    }
    this.providers = table;
    return table;
  }

  /** What a child module call inherits: default (unaliased) providers and its `providers` map. */
  private providersFor(call: ModuleCallDecl): ProviderTable {
    const own = this.providerTable();
    const inherited: ProviderTable = new Map([...own].filter(([key]) => !key.includes(".")));
    const mapping = attributeNamed(call.block.body, "providers")?.expr;
    if (mapping?.type === "object") {
      for (const item of mapping.items) {
        const childKey = item.key.type === "literal" ? String(item.key.value) : spanText(item.key).trim();
        inherited.set(childKey, own.get(spanText(item.value).trim()) ?? {});
      }
    }
    return inherited;
  }

  // --- module calls ------------------------------------------------------------------------

  private prefix(): string {
    return this.modulePath ? `${this.modulePath}.` : "";
  }

  private childPath(name: string): string {
    return `${this.prefix()}module.${name}`;
  }

  private expandCall(call: ModuleCallDecl): ExpandedCall {
    const cached = this.calls.get(call.name);
    if (cached) return cached;
    const unread: ExpandedCall = { view: { kind: "unknown" }, children: [] };
    this.calls.set(call.name, unread);
    const config = this.childConfig(call);
    if (!config) return unread;
    const bindings = this.instancesOf(call.block);
    const children = bindings.map((binding) => this.child(call, config, binding));
    const expanded: ExpandedCall = {
      children,
      view:
        bindings.length === 1 && bindings[0]!.key === undefined
          ? { kind: "single", output: (name) => children[0]!.output(name) }
          : { kind: "keyed", instances: new Map(children.map((child, i) => [bindings[i]!.key!, child])) },
    };
    this.calls.set(call.name, expanded);
    return expanded;
  }

  private child(call: ModuleCallDecl, config: ModuleConfig, binding: InstanceBinding): ModuleInstance {
    const key = binding.key === undefined ? "" : renderKey(literal(binding.key, spanLocation(call.block.typeSpan)));
    const callerScope = this.scope(binding);
    const args = new Map<string, Attribute>();
    for (const attribute of call.block.body.attributes)
      if (!MODULE_META_ATTRIBUTES.has(attribute.name)) args.set(attribute.name, attribute);
    const inputs: InputSource = (variable) => {
      const argument = args.get(variable.name);
      return argument ? this.evaluator.evaluate(argument.expr, callerScope) : undefined;
    };
    return new ModuleInstance(this.session, this.evaluator, config, `${this.childPath(call.name)}${key}`, inputs, {
      rootDir: this.place.rootDir,
      call: spanLocation(call.block.typeSpan),
      ancestors: [...this.place.ancestors, this.config.dir],
      inheritedProviders: this.providersFor(call),
    });
  }

  /** The configuration a module call reads, or undefined with a diagnostic saying why not. */
  private childConfig(call: ModuleCallDecl): ModuleConfig | undefined {
    const at = spanLocation(call.block.typeSpan);
    const resource = this.childPath(call.name);
    const source = moduleSource(call);
    const notRead = (why: string) => {
      this.session.report({
        code: "iac-module-not-read",
        message: `module "${call.name}" ${why}; its resources are not seen`,
        source: at,
        resource,
      });
      return undefined;
    };
    if (source.value === undefined) return notRead("has no literal source");
    if (!isLocalSource(source.value)) {
      return notRead(`(source "${source.value}") is not read: registry, git and other remote modules are not fetched`);
    }
    const directory = path.resolve(this.config.dir, source.value);
    if (this.session.files.escapes(directory)) {
      this.session.report({
        code: "iac-path-escape",
        message: `module "${call.name}" source "${source.value}" is outside the scanned directory; it is not read`,
        source: source.expr ? spanLocation(source.expr) : at,
        resource,
      });
      return undefined;
    }
    const real = this.session.files.inside(directory);
    if (!real || !this.session.files.isDirectory(directory))
      return notRead(`(source "${source.value}") is not a directory`);
    if ([...this.place.ancestors, this.config.dir].includes(real))
      return notRead(`(source "${source.value}") calls itself`);
    if (this.place.ancestors.length >= MAX_MODULE_DEPTH) return notRead("is nested too deeply");
    const config = this.session.loader.load(real);
    return config ?? notRead(`(source "${source.value}") has no .tf files`);
  }
}

/** Primitive type constraints convert values as Terraform does (`"3"` for a number variable). */
function convertToType(value: IacValue, type: Expr | undefined): IacValue {
  if (type?.type !== "variable" || value.kind !== "literal" || value.value === null) return value;
  try {
    if (type.name === "number") return literal(asNumber(value), value.source);
    if (type.name === "string") return literal(asString(value), value.source);
    if (type.name === "bool" && (value.value === "true" || value.value === "false"))
      return literal(value.value === "true", value.source);
  } catch {
    // a value of the wrong type stays as given
  }
  return value;
}

/** Every literal inside a sensitive variable's value carries the variable's name (it is a secret). */
function markSensitive(value: IacValue, variable: string): IacValue {
  switch (value.kind) {
    case "literal":
      return { ...value, sensitive: variable };
    case "list":
      return { ...value, items: value.items.map((item) => markSensitive(item, variable)) };
    case "object":
      return {
        ...value,
        entries: Object.fromEntries(
          Object.entries(value.entries).map(([key, entry]) => [key, markSensitive(entry, variable)]),
        ),
      };
    default:
      return value;
  }
}
