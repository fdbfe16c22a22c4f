/**
 * Evaluates HCL expressions to IacValues: literals, references, templates, operators,
 * conditionals, for expressions, splats and the functions of functions.ts.
 *
 * What cannot be known statically (a resource attribute, an unset variable, a function archlint
 * does not evaluate) becomes an IacUnknown with the text as written and the resource references
 * inside it; an unknown never becomes a literal by guessing. A reference to a resource attribute
 * is an IacRef whose target is the resource's address (with the module path prefixed).
 */
import type { Diagnostic } from "../../model/graph.js";
import type { IacObject, IacRef, IacValue, ResourceRef } from "../../model/iac.js";
import type { SourceLocation } from "../../model/source.js";
import {
  type BinaryExpr,
  type CallExpr,
  type ConditionalExpr,
  type Expr,
  type ForExpr,
  type ObjectExpr,
  type Span,
  spanLocation,
  spanText,
  type TemplateExpr,
  type TemplatePart,
  type TraversalExpr,
  type TraversalStep,
  type UnaryExpr,
} from "./ast.js";
import { type CallContext, FUNCTIONS } from "./functions.js";
import {
  asBoolean,
  asNumber,
  asString,
  collectRefs,
  compareStrings,
  EvaluationError,
  isSecretTarget,
  isWhollyKnown,
  known,
  listValue,
  literal,
  NeedsUnknown,
  objectValue,
  placedAt,
  setEntry,
  sortedKeys,
  unknownValue,
  valuesEqual,
} from "./values.js";

/** The instances behind `module.NAME` as the caller sees them. */
export type ModuleCallView =
  /** A registry / git module, or one whose count / for_each is unknown: its outputs are unknown. */
  | { kind: "unknown" }
  | { kind: "single"; output(name: string): IacValue | undefined }
  | { kind: "keyed"; instances: Map<string | number, { output(name: string): IacValue | undefined }> };

/**
 * The instances a resource declaration has: its count, its for_each keys, unknown when they
 * cannot be known, or one when it has neither.
 */
export type ResourceInstances =
  | { kind: "single" }
  | { kind: "count"; size: number }
  | { kind: "for_each"; keys: string[] }
  | { kind: "unknown" };

/** What a module instance offers to expressions written in it. */
export interface ModuleAccess {
  /** `module.db` (with instance keys) or "" for a root module. */
  readonly modulePath: string;
  /** `path.module`: the module's directory relative to the root module. */
  readonly pathModule: string;
  variable(name: string): IacValue | undefined;
  local(name: string): IacValue | undefined;
  moduleCall(name: string): ModuleCallView | undefined;
  /** The instances of a resource declared in this module; undefined when it is not declared here. */
  resourceInstances(mode: "managed" | "data", type: string, name: string): ResourceInstances | undefined;
}

export interface EvaluationHost {
  readFile(path: string, at: SourceLocation): string;
  /** Parses and renders a template file (templatefile()); variables are its only scope. */
  renderTemplate(path: string, variables: IacObject, at: SourceLocation, evaluator: Evaluator): IacValue;
}

export interface Scope {
  /** Absent inside a template file: only its variables are in scope. */
  module?: ModuleAccess;
  /** for-expression variables, dynamic block iterators, template variables. */
  symbols: ReadonlyMap<string, IacValue>;
  /** `count.index` of the instance being evaluated. */
  count?: IacValue;
  /** `each.key` / `each.value` of the instance being evaluated. */
  each?: { key: IacValue; value: IacValue };
}

export function withSymbols(scope: Scope, symbols: Record<string, IacValue>): Scope {
  const merged = new Map(scope.symbols);
  for (const [name, value] of Object.entries(symbols)) merged.set(name, value);
  return { ...scope, symbols: merged };
}

const RESERVED_ROOTS = new Set(["var", "local", "module", "count", "each", "path", "terraform", "self"]);

/**
 * Items the for expressions of one evaluator may produce. Nested ones multiply
 * (`[for a in range(1000) : [for b in range(1000) : …]]`); past this budget they are unknown.
 */
const MAX_FOR_ITEMS = 1_000_000;

export class Evaluator {
  private forItems = 0;
  /** The for expression that ran out of the budget, if one did. */
  private exhaustedAt: SourceLocation | undefined;

  constructor(private readonly host: EvaluationHost) {}

  /** A note at the for expression that exhausted the budget, if one did. */
  budgetDiagnostic(): Diagnostic | undefined {
    if (!this.exhaustedAt) return undefined;
    return {
      code: "iac-unresolved",
      message: `for expressions produce more than ${MAX_FOR_ITEMS} items; this one and those evaluated after it are unknown`,
      source: this.exhaustedAt,
    };
  }

  /**
   * The value of an expression; never throws. Any failure (also one archlint did not foresee,
   * such as a recursion too deep) makes the expression unknown rather than stop the reading.
   */
  evaluate(expr: Expr, scope: Scope): IacValue {
    try {
      return this.eval(expr, scope);
    } catch {
      try {
        return this.unknownOf(expr, this.refsInside(expr, scope));
      } catch {
        return this.unknownOf(expr, []);
      }
    }
  }

  /**
   * The value of a template file's expression with its variables as the only scope; throws
   * EvaluationError where Terraform's templatefile() would fail.
   */
  evaluateTemplate(expr: Expr, variables: IacObject): IacValue {
    return this.eval(expr, { symbols: new Map(Object.entries(variables.entries)) });
  }

  private unknownOf(expr: Span, operands: readonly IacValue[]): IacValue {
    return unknownValue(spanText(expr), spanLocation(expr), operands);
  }

  /** Runs a computation that may need unknown operands: its value, or the expression as unknown. */
  private orUnknown(expr: Span, operands: readonly IacValue[], compute: () => IacValue): IacValue {
    try {
      return compute();
    } catch (error) {
      if (error instanceof NeedsUnknown) return this.unknownOf(expr, operands);
      throw error;
    }
  }

  /** Evaluates; throws EvaluationError where Terraform would report an error (for try / can). */
  private eval(expr: Expr, scope: Scope): IacValue {
    const source = spanLocation(expr);
    switch (expr.type) {
      case "literal":
        return literal(expr.value, source);
      case "template":
        return this.template(expr, scope);
      case "tuple":
        return listValue(
          expr.items.map((item) => this.evaluate(item, scope)),
          source,
        );
      case "object":
        return this.object(expr, scope);
      case "variable":
        return placedAt(this.root(expr, expr.name, [], scope), source);
      case "traversal":
        return this.traversal(expr, scope);
      case "call":
        return this.call(expr, scope);
      case "for":
        return this.forExpr(expr, scope);
      case "conditional":
        return this.conditional(expr, scope);
      case "binary":
        return this.binary(expr, scope);
      case "unary":
        return this.unary(expr, scope);
      case "parentheses":
        return placedAt(this.eval(expr.expr, scope), source);
      case "invalid":
        return this.unknownOf(expr, []);
    }
  }

  // --- collections ---------------------------------------------------------------------------

  private object(expr: ObjectExpr, scope: Scope): IacValue {
    const keyValues = expr.items.map((item) => this.eval(item.key, scope));
    return this.orUnknown(expr, keyValues, () => {
      const entries: Record<string, IacValue> = {};
      const keySources: Record<string, SourceLocation> = {};
      expr.items.forEach((item, i) => {
        const key = asString(keyValues[i]!);
        setEntry(entries, key, this.evaluate(item.value, scope));
        setEntry(keySources, key, spanLocation(item.key));
      });
      return objectValue(entries, keySources, spanLocation(expr));
    });
  }

  private forExpr(expr: ForExpr, scope: Scope): IacValue {
    const collection = this.eval(expr.collection, scope);
    const operands: IacValue[] = [collection];
    return this.orUnknown(expr, operands, () => {
      const source = spanLocation(expr);
      const items: IacValue[] = [];
      const entries: Record<string, IacValue> = {};
      const keySources: Record<string, SourceLocation> = {};
      for (const [key, value] of iterate(collection, source)) {
        if (++this.forItems > MAX_FOR_ITEMS) {
          this.exhaustedAt ??= source;
          throw new EvaluationError("for expressions produce too many items");
        }
        const symbols: Record<string, IacValue> = { [expr.valueVar]: value };
        if (expr.keyVar) symbols[expr.keyVar] = key;
        const inner = withSymbols(scope, symbols);
        if (expr.condition) {
          const condition = this.eval(expr.condition, inner);
          operands.push(condition);
          if (!asBoolean(condition)) continue;
        }
        const itemValue = this.evaluate(expr.valueExpr, inner);
        if (!expr.keyExpr) {
          items.push(itemValue);
          continue;
        }
        const keyValue = this.eval(expr.keyExpr, inner);
        operands.push(keyValue);
        const name = asString(keyValue);
        if (expr.grouping) {
          const group = entries[name];
          if (group?.kind === "list") group.items.push(itemValue);
          else setEntry(entries, name, listValue([itemValue], spanLocation(expr.valueExpr)));
        } else if (Object.hasOwn(entries, name)) {
          throw new EvaluationError(`duplicate key "${name}" in a for expression`);
        } else {
          setEntry(entries, name, itemValue);
        }
        if (!Object.hasOwn(keySources, name)) setEntry(keySources, name, spanLocation(expr.keyExpr));
      }
      return expr.keyExpr ? objectValue(entries, keySources, source) : listValue(items, source);
    });
  }

  // --- templates -------------------------------------------------------------------------

  private template(expr: TemplateExpr, scope: Scope): IacValue {
    const only = expr.parts.length === 1 ? expr.parts[0] : undefined;
    if (only?.kind === "interpolation") return placedAt(this.eval(only.expr, scope), spanLocation(expr));
    const operands: IacValue[] = [];
    const text = this.render(expr.parts, scope, operands);
    if (text === undefined) return this.unknownOf(expr, operands);
    const value = literal(text, spanLocation(expr));
    const refs = collectRefs(operands);
    if (refs.length > 0) value.refs = refs;
    // A string built from a sensitive value is sensitive too, as in Terraform.
    const sensitive = operands.find((operand) => operand.kind === "literal" && operand.sensitive);
    if (sensitive?.kind === "literal" && sensitive.sensitive) value.sensitive = sensitive.sensitive;
    return value;
  }

  /** The text of template parts, or undefined when a part is unknown (operands still collected). */
  private render(parts: TemplatePart[], scope: Scope, operands: IacValue[]): string | undefined {
    let text: string | undefined = "";
    const append = (piece: string | undefined) => {
      text = text === undefined || piece === undefined ? undefined : text + piece;
    };
    for (const part of parts) {
      if (part.kind === "text") append(part.text);
      else if (part.kind === "interpolation") append(this.interpolate(part.expr, scope, operands));
      else if (part.kind === "if") append(this.renderIf(part, scope, operands));
      else append(this.renderFor(part, scope, operands));
    }
    return text;
  }

  private interpolate(expr: Expr, scope: Scope, operands: IacValue[]): string | undefined {
    const value = this.eval(expr, scope);
    operands.push(value);
    try {
      return asString(value);
    } catch (error) {
      if (error instanceof NeedsUnknown) return undefined;
      throw error;
    }
  }

  private renderIf(
    part: Extract<TemplatePart, { kind: "if" }>,
    scope: Scope,
    operands: IacValue[],
  ): string | undefined {
    const condition = this.eval(part.condition, scope);
    operands.push(condition);
    let chosen: boolean;
    try {
      chosen = asBoolean(condition);
    } catch (error) {
      if (!(error instanceof NeedsUnknown)) throw error;
      this.render(part.then, scope, operands);
      this.render(part.else, scope, operands);
      return undefined;
    }
    return this.render(chosen ? part.then : part.else, scope, operands);
  }

  private renderFor(
    part: Extract<TemplatePart, { kind: "for" }>,
    scope: Scope,
    operands: IacValue[],
  ): string | undefined {
    const collection = this.eval(part.collection, scope);
    operands.push(collection);
    let pairs: [IacValue, IacValue][];
    try {
      pairs = iterate(collection, spanLocation(part.collection));
    } catch (error) {
      if (error instanceof NeedsUnknown) return undefined;
      throw error;
    }
    let text: string | undefined = "";
    for (const [key, value] of pairs) {
      const symbols: Record<string, IacValue> = { [part.valueVar]: value };
      if (part.keyVar) symbols[part.keyVar] = key;
      const piece = this.render(part.body, withSymbols(scope, symbols), operands);
      text = text === undefined || piece === undefined ? undefined : text + piece;
    }
    return text;
  }

  // --- operators -------------------------------------------------------------------------

  private conditional(expr: ConditionalExpr, scope: Scope): IacValue {
    const condition = this.eval(expr.condition, scope);
    let chosen: boolean;
    try {
      chosen = asBoolean(condition);
    } catch (error) {
      if (!(error instanceof NeedsUnknown)) throw error;
      const branches = [this.evaluate(expr.then, scope), this.evaluate(expr.else, scope)];
      return this.unknownOf(expr, [condition, ...branches]);
    }
    return placedAt(this.eval(chosen ? expr.then : expr.else, scope), spanLocation(expr));
  }

  private binary(expr: BinaryExpr, scope: Scope): IacValue {
    const left = this.eval(expr.left, scope);
    const source = spanLocation(expr);
    if (expr.operator === "&&" || expr.operator === "||") {
      // false && x and true || x are decided by one known operand, whatever the other is.
      const decisive = expr.operator === "||";
      if (knownBoolean(left) === decisive) return literal(decisive, source);
      const right = this.eval(expr.right, scope);
      if (knownBoolean(right) === decisive) return literal(decisive, source);
      return this.orUnknown(expr, [left, right], () => {
        const [a, b] = [asBoolean(left), asBoolean(right)];
        return literal(decisive ? a || b : a && b, source);
      });
    }
    const right = this.eval(expr.right, scope);
    return this.orUnknown(expr, [left, right], () => {
      if (expr.operator === "==" || expr.operator === "!=") {
        if (!isWhollyKnown(left) || !isWhollyKnown(right)) throw new NeedsUnknown();
        return literal(valuesEqual(left, right) === (expr.operator === "=="), source);
      }
      return literal(arithmetic(expr.operator, asNumber(left), asNumber(right)), source);
    });
  }

  private unary(expr: UnaryExpr, scope: Scope): IacValue {
    const operand = this.eval(expr.operand, scope);
    const source = spanLocation(expr);
    return this.orUnknown(expr, [operand], () =>
      expr.operator === "!" ? literal(!asBoolean(operand), source) : literal(-asNumber(operand), source),
    );
  }

  // --- function calls --------------------------------------------------------------------

  private call(expr: CallExpr, scope: Scope): IacValue {
    const source = spanLocation(expr);
    if (expr.name === "try") return this.tryCall(expr, scope);
    if (expr.name === "can") return this.canCall(expr, scope);
    const implementation = FUNCTIONS[expr.name];
    if (!implementation) {
      const operands = expr.args.map((arg) => this.evaluate(arg, scope));
      return this.unknownOf(expr, operands);
    }
    const args = expr.args.map((arg) => this.eval(arg, scope));
    return this.orUnknown(expr, args, () => {
      const expanded =
        expr.expandFinal && args.length > 0 ? [...args.slice(0, -1), ...expandable(args[args.length - 1]!)] : args;
      const context: CallContext = {
        source,
        readFile: (path) => this.host.readFile(path, source),
        renderTemplate: (path, variables) => this.host.renderTemplate(path, variables, source, this),
      };
      const result = implementation(expanded, context);
      // An unknown that comes out of a function (a template file) reads as the call.
      return result.kind === "unknown" ? this.unknownOf(expr, [result]) : placedAt(result, source);
    });
  }

  private tryCall(expr: CallExpr, scope: Scope): IacValue {
    for (const arg of expr.args) {
      try {
        return placedAt(this.eval(arg, scope), spanLocation(expr));
      } catch (error) {
        if (!(error instanceof EvaluationError)) throw error;
      }
    }
    throw new EvaluationError("try: no argument could be evaluated");
  }

  private canCall(expr: CallExpr, scope: Scope): IacValue {
    const arg = expr.args[0];
    if (!arg || expr.args.length !== 1) throw new EvaluationError("can: one argument is required");
    let value: IacValue;
    try {
      value = this.eval(arg, scope);
    } catch (error) {
      if (!(error instanceof EvaluationError)) throw error;
      return literal(false, spanLocation(expr));
    }
    return isWhollyKnown(value) ? literal(true, spanLocation(expr)) : this.unknownOf(expr, [value]);
  }

  // --- references --------------------------------------------------------------------------

  private traversal(expr: TraversalExpr, scope: Scope): IacValue {
    const source = spanLocation(expr);
    if (expr.root.type === "variable") return placedAt(this.root(expr, expr.root.name, expr.steps, scope), source);
    const base = this.eval(expr.root, scope);
    return placedAt(this.applySteps(base, expr.steps, scope, expr), source);
  }

  /** A reference that starts with a name: a symbol, var/local/module/…, or a resource. */
  private root(expr: Span, name: string, steps: TraversalStep[], scope: Scope): IacValue {
    const symbol = scope.symbols.get(name);
    if (symbol) return this.applySteps(symbol, steps, scope, expr);
    const module = scope.module;
    if (!module) throw new EvaluationError(`"${name}" is not a variable of the template`);
    if (!RESERVED_ROOTS.has(name) && name !== "data")
      return this.resourceRef(expr, module, "managed", name, steps, scope);
    const first = steps[0];
    if (first?.kind !== "attr") throw new EvaluationError(`"${name}" needs an attribute`);
    const rest = steps.slice(1);
    switch (name) {
      case "data":
        return this.resourceRef(expr, module, "data", first.name, rest, scope);
      case "var":
      case "local": {
        const value = name === "var" ? module.variable(first.name) : module.local(first.name);
        const kind = name === "var" ? "variable" : "local value";
        return this.applySteps(orError(value, `undeclared ${kind} "${first.name}"`), rest, scope, expr);
      }
      case "module":
        return this.moduleOutput(expr, module, first.name, rest, scope);
      case "count":
        if (first.name !== "index" || !scope.count) throw new EvaluationError("count.index outside a counted block");
        return this.applySteps(scope.count, rest, scope, expr);
      case "each": {
        const each = scope.each;
        if (!each || (first.name !== "key" && first.name !== "value"))
          throw new EvaluationError("each outside a for_each block");
        return this.applySteps(first.name === "key" ? each.key : each.value, rest, scope, expr);
      }
      case "path":
        return this.applySteps(
          literal(first.name === "module" ? module.pathModule : ".", spanLocation(expr)),
          rest,
          scope,
          expr,
        );
      case "terraform":
        if (first.name !== "workspace") throw new EvaluationError(`unknown terraform.${first.name}`);
        return this.applySteps(literal("default", spanLocation(expr)), rest, scope, expr);
      default:
        return this.unknownOf(expr, []);
    }
  }

  private moduleOutput(expr: Span, module: ModuleAccess, call: string, steps: TraversalStep[], scope: Scope): IacValue {
    const view = module.moduleCall(call);
    if (!view) throw new EvaluationError(`no module call "${call}"`);
    if (view.kind === "unknown") return this.unknownOf(expr, []);
    let instance: { output(name: string): IacValue | undefined } | undefined;
    let rest = steps;
    if (view.kind === "keyed") {
      const step = steps[0];
      if (step?.kind !== "index") return this.unknownOf(expr, []);
      const key = this.eval(step.key, scope);
      if (key.kind !== "literal" || (typeof key.value !== "string" && typeof key.value !== "number"))
        return this.unknownOf(expr, [key]);
      instance = view.instances.get(key.value);
      if (!instance) throw new EvaluationError(`no instance ${String(key.value)} of module "${call}"`);
      rest = steps.slice(1);
    } else {
      instance = view;
    }
    const output = rest[0];
    if (output?.kind !== "attr") return this.unknownOf(expr, []);
    const value = orError(instance.output(output.name), `module "${call}" has no output "${output.name}"`);
    return this.applySteps(value, rest.slice(1), scope, expr);
  }

  /**
   * `TYPE.NAME[key].attr…` or `data.TYPE.NAME…`: a reference to the resource address (module
   * path prefixed), with the instance key when it is known and the rest of the steps as the
   * attribute. A counted resource named whole (`aws_subnet.private`, as in `[for s in
   * aws_subnet.private : s.id]`) is the list (count) or map (for_each) of its instances.
   */
  private resourceRef(
    expr: Span,
    module: ModuleAccess,
    mode: "managed" | "data",
    type: string,
    steps: TraversalStep[],
    scope: Scope,
  ): IacValue {
    const name = steps[0];
    if (name?.kind !== "attr") throw new EvaluationError(`"${spanText(expr)}" is not a resource reference`);
    const address = `${prefix(module)}${mode === "data" ? "data." : ""}${type}.${name.name}`;
    let rest = steps.slice(1);
    const instance = rest[0];
    if (!instance) {
      const instances = module.resourceInstances(mode, type, name.name);
      if (instances?.kind === "count" || instances?.kind === "for_each")
        return this.instanceRefs(expr, address, instances);
      return this.refValue(expr, address, "", instances?.kind === "unknown");
    }
    if (instance.kind === "index") {
      const rendered = renderKey(this.eval(instance.key, scope));
      rest = rest.slice(1);
      return this.refValue(expr, address + (rendered ?? ""), this.renderSteps(rest, scope), rendered === undefined);
    }
    if (instance.kind === "splat") {
      const splat = this.splatRefs(expr, module.resourceInstances(mode, type, name.name), address, instance, scope);
      return this.applySteps(splat, rest.slice(1), scope, expr);
    }
    return this.refValue(expr, address, this.renderSteps(rest, scope), false);
  }

  /**
   * `TYPE.NAME[*].attr`: the list of the instances' refs when the instances are known (so that
   * an index, element() or a for expression applied later picks the right instance, also through
   * a module output), or one splat ref to the address when they are not.
   */
  private splatRefs(
    expr: Span,
    instances: ResourceInstances | undefined,
    address: string,
    splat: Extract<TraversalStep, { kind: "splat" }>,
    scope: Scope,
  ): IacValue {
    if (!instances || instances.kind === "unknown")
      return this.refValue(expr, address, this.renderSteps(splat.each, scope), true);
    const each = this.instanceList(expr, address, instances);
    return listValue(
      each.map((item) => this.applySteps(item, splat.each, scope, expr)),
      spanLocation(expr),
    );
  }

  /** The refs of a resource's instances in Terraform's order (count index, for_each key). */
  private instanceList(
    expr: Span,
    address: string,
    instances: Exclude<ResourceInstances, { kind: "unknown" }>,
  ): IacRef[] {
    if (instances.kind === "single") return [this.refValue(expr, address, "", false)];
    const source = spanLocation(expr);
    return sortedInstanceKeys(instances).map((key) =>
      this.refValue(expr, `${address}${renderKey(literal(key, source))}`, "", false),
    );
  }

  private refValue(expr: Span, target: string, attribute: string, splat: boolean): IacRef {
    const ref: ResourceRef = { target, text: spanText(expr), source: spanLocation(expr) };
    if (attribute) ref.attribute = attribute;
    if (splat) ref.splat = true;
    const value: IacRef = { kind: "ref", ref, source: spanLocation(expr) };
    if (isSecretTarget(target)) value.secretReference = true;
    return value;
  }

  /** The instances of a counted resource as a list (count) or map (for_each) of refs. */
  private instanceRefs(
    expr: Span,
    address: string,
    instances: { kind: "count"; size: number } | { kind: "for_each"; keys: string[] },
  ): IacValue {
    const source = spanLocation(expr);
    const refs = this.instanceList(expr, address, instances);
    if (instances.kind === "count") return listValue(refs, source);
    const entries: Record<string, IacValue> = {};
    const keySources: Record<string, SourceLocation> = {};
    sortedInstanceKeys(instances).forEach((key, i) => {
      setEntry(entries, String(key), refs[i]!);
      setEntry(keySources, String(key), source);
    });
    return objectValue(entries, keySources, source);
  }

  /** Attribute path text of traversal steps: `tags.Name`, `network_interface[0].id`, `x[*].y`. */
  private renderSteps(steps: TraversalStep[], scope: Scope): string {
    let text = "";
    for (const step of steps) {
      if (step.kind === "attr") text += `.${step.name}`;
      else if (step.kind === "splat") text += `[*]${this.renderSteps(step.each, scope).replace(/^(?=[^.[])/, ".")}`;
      else text += renderKey(this.evaluate(step.key, scope)) ?? `[${spanText(step.key)}]`;
    }
    return text.startsWith(".") ? text.slice(1) : text;
  }

  /** Applies attribute, index and splat steps to a value. */
  private applySteps(value: IacValue, steps: TraversalStep[], scope: Scope, expr: Span): IacValue {
    let current = value;
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i]!;
      if (current.kind === "ref") return this.extendRef(current, steps.slice(i), scope, expr);
      if (current.kind === "unknown") return this.unknownOf(expr, [current]);
      if (step.kind === "splat") {
        if (current.kind === "literal" && current.value === null) return listValue([], spanLocation(expr));
        const items = current.kind === "list" ? current.items : [current];
        return listValue(
          items.map((item) => this.applySteps(item, step.each, scope, expr)),
          spanLocation(expr),
        );
      }
      current = this.step(current, step, scope, expr);
    }
    return current;
  }

  private step(value: IacValue, step: Exclude<TraversalStep, { kind: "splat" }>, scope: Scope, expr: Span): IacValue {
    const top = known(value);
    if (step.kind === "attr") {
      if (top.kind === "object" && Object.hasOwn(top.entries, step.name)) return top.entries[step.name]!;
      throw new EvaluationError(`no attribute "${step.name}"`);
    }
    const key = this.eval(step.key, scope);
    if (key.kind === "ref" || key.kind === "unknown") return this.unknownOf(expr, [value, key]);
    if (top.kind === "list") {
      const index = asNumber(key);
      const item = top.items[index];
      if (!item) throw new EvaluationError(`index ${index} out of range`);
      return item;
    }
    if (top.kind === "object") {
      const name = asString(key);
      if (Object.hasOwn(top.entries, name)) return top.entries[name]!;
      throw new EvaluationError(`no key "${name}"`);
    }
    throw new EvaluationError("only lists and maps can be indexed");
  }

  private extendRef(value: IacRef, steps: TraversalStep[], scope: Scope, expr: Span): IacValue {
    const first = steps[0];
    if (value.ref.splat && first?.kind === "index") return this.pickInstance(value, first, steps.slice(1), scope, expr);
    // A splat over the instances' splat applies its steps to each instance: it stays the splat.
    if (value.ref.splat && first?.kind === "splat")
      return this.extendRef(withAttribute(value, this.renderSteps(first.each, scope)), steps.slice(1), scope, expr);
    return withAttribute(value, this.renderSteps(steps, scope));
  }

  /**
   * An index applied to a splat ref (the instances of a resource whose count is not known, as a
   * list): the ref of that one instance, or unknown when the index is not known.
   */
  private pickInstance(
    splat: IacRef,
    index: Extract<TraversalStep, { kind: "index" }>,
    rest: TraversalStep[],
    scope: Scope,
    expr: Span,
  ): IacValue {
    const key = this.eval(index.key, scope);
    const rendered = renderKey(key);
    if (rendered === undefined) return this.unknownOf(expr, [splat, key]);
    const { splat: _whole, ...ref } = splat.ref;
    const picked: IacRef = { ...splat, ref: { ...ref, target: splat.ref.target + rendered } };
    return this.extendRef(picked, rest, scope, expr);
  }

  // --- references inside an expression that failed -----------------------------------------

  /** Resource references written inside an expression (for the unknown of a failed evaluation). */
  refsInside(expr: Expr, scope: Scope): IacValue[] {
    const found: IacValue[] = [];
    const visit = (node: Expr, inner: Scope): void => {
      if (node.type === "traversal" || node.type === "variable") {
        try {
          found.push(this.eval(node, inner));
        } catch {
          // a part that fails on its own carries no reference to keep
        }
        if (node.type === "traversal") {
          if (node.root.type !== "variable") visit(node.root, inner);
          for (const step of node.steps) if (step.kind === "index") visit(step.key, inner);
        }
        return;
      }
      if (node.type === "for") {
        visit(node.collection, inner);
        const hidden: Record<string, IacValue> = { [node.valueVar]: this.unknownOf(node, []) };
        if (node.keyVar) hidden[node.keyVar] = this.unknownOf(node, []);
        const body = withSymbols(inner, hidden);
        for (const part of [node.keyExpr, node.valueExpr, node.condition]) if (part) visit(part, body);
        return;
      }
      for (const child of childExpressions(node)) visit(child, inner);
    };
    visit(expr, scope);
    return found;
  }
}

function childExpressions(node: Expr): Expr[] {
  switch (node.type) {
    case "template":
      return node.parts.flatMap(templatePartExpressions);
    case "tuple":
      return node.items;
    case "object":
      return node.items.flatMap((item) => [item.key, item.value]);
    case "call":
      return node.args;
    case "conditional":
      return [node.condition, node.then, node.else];
    case "binary":
      return [node.left, node.right];
    case "unary":
      return [node.operand];
    case "parentheses":
      return [node.expr];
    default:
      return [];
  }
}

function templatePartExpressions(part: TemplatePart): Expr[] {
  if (part.kind === "text") return [];
  if (part.kind === "interpolation") return [part.expr];
  if (part.kind === "if")
    return [
      part.condition,
      ...part.then.flatMap(templatePartExpressions),
      ...part.else.flatMap(templatePartExpressions),
    ];
  return [part.collection];
}

/** Instance keys in Terraform's order: count indexes ascending, for_each keys in lexical order. */
function sortedInstanceKeys(
  instances: { kind: "count"; size: number } | { kind: "for_each"; keys: string[] },
): (string | number)[] {
  return instances.kind === "count"
    ? Array.from({ length: instances.size }, (_, i) => i)
    : [...instances.keys].sort(compareStrings);
}

/** The ref with attribute path text appended (`id`, `[0].id`, `tags.Name`). */
function withAttribute(value: IacRef, more: string): IacRef {
  if (!more) return value;
  const attribute = value.ref.attribute ? `${value.ref.attribute}${more.startsWith("[") ? "" : "."}${more}` : more;
  return { ...value, ref: { ...value.ref, attribute } };
}

function prefix(module: ModuleAccess): string {
  return module.modulePath ? `${module.modulePath}.` : "";
}

function orError(value: IacValue | undefined, message: string): IacValue {
  if (!value) throw new EvaluationError(message);
  return value;
}

function knownBoolean(value: IacValue): boolean | undefined {
  if (value.kind !== "literal") return undefined;
  try {
    return asBoolean(value);
  } catch {
    return undefined;
  }
}

/** `[0]` / `["a"]` for a known key, undefined otherwise. */
export function renderKey(key: IacValue): string | undefined {
  if (key.kind !== "literal") return undefined;
  if (typeof key.value === "number") return `[${key.value}]`;
  if (typeof key.value === "string") return `[${JSON.stringify(key.value)}]`;
  return undefined;
}

function arithmetic(operator: BinaryExpr["operator"], left: number, right: number): number | boolean {
  switch (operator) {
    case "*":
      return left * right;
    case "/":
      if (right === 0) throw new EvaluationError("division by zero");
      return left / right;
    case "%":
      if (right === 0) throw new EvaluationError("modulo by zero");
      return left % right;
    case "+":
      return left + right;
    case "-":
      return left - right;
    case ">":
      return left > right;
    case ">=":
      return left >= right;
    case "<":
      return left < right;
    case "<=":
      return left <= right;
    default:
      throw new EvaluationError(`unsupported operator ${operator}`);
  }
}

/** The last argument of `f(a, list...)` spread into arguments. */
function expandable(value: IacValue): IacValue[] {
  const top = known(value);
  if (top.kind !== "list") throw new EvaluationError("only a list can be expanded with ...");
  return top.items;
}

/**
 * (key, value) pairs of a collection, in Terraform's order: a list by index, an object by
 * key in lexical order. Throws NeedsUnknown when the collection is not known.
 */
export function iterate(collection: IacValue, source: SourceLocation): [IacValue, IacValue][] {
  const top = known(collection);
  if (top.kind === "list") return top.items.map((item, i) => [literal(i, source), item]);
  if (top.kind === "object") {
    return sortedKeys(top).map((key) => [literal(key, top.keySources[key] ?? source), top.entries[key]!]);
  }
  if (top.value === null) throw new EvaluationError("cannot iterate over null");
  throw new EvaluationError("cannot iterate over a primitive value");
}
