/**
 * Evaluation of a template's values as CloudFormation would compute them at deployment:
 * parameters, pseudo parameters, mappings, conditions and the intrinsic functions. What only
 * the deployment knows (a resource's runtime attributes, the region, an import) stays an
 * IacUnknown that keeps its resource references; a reference to a resource is an IacRef
 * (`secretReference` when the resource is a secret store entry).
 */
import type { Diagnostic } from "../../model/graph.js";
import type { IacList, IacLiteral, IacObject, IacRef, IacValue, ResourceRef } from "../../model/iac.js";
import type { SourceLocation } from "../../model/source.js";
import { cidrBlocks } from "./cidr.js";
import { type Call, callOf } from "./functions.js";
import { parseSub, type SubPart, variableOffset } from "./sub.js";
import type { ParameterDecl, TemplateModel } from "./template.js";
import {
  type CfnMap,
  type CfnNode,
  type CfnScalar,
  fieldOf,
  type Locator,
  pairOf,
  type Span,
  scalarString,
} from "./tree.js";
import {
  dynamicReference,
  type Evaluated,
  isSecret,
  literal,
  NO_VALUE,
  plainOf,
  refsOf,
  relocate,
  stringOf,
  unknownValue,
} from "./values.js";

/** A condition's value: known, or depending on what only the deployment knows. */
export type Tri = boolean | "unknown";

export interface Scope {
  loc: Locator;
  model: TemplateModel;
  /** The address a logical id of this template has in the scan (`Db`, `app.yaml#Db`, `Network/Db`). */
  addressOf(logicalId: string): string;
  /** Values given to parameters: the parent stack's `Parameters` property, or the caller's overrides. */
  bound: ReadonlyMap<string, IacValue>;
  diagnostics: Diagnostic[];
}

const PSEUDO_PARAMETERS = new Set([
  "AWS::AccountId",
  "AWS::NotificationARNs",
  "AWS::Partition",
  "AWS::Region",
  "AWS::StackId",
  "AWS::StackName",
  "AWS::URLSuffix",
]);

/** Resources whose Ref / GetAtt lead to a secret store. */
const SECRET_TYPES = new Set([
  "AWS::SecretsManager::Secret",
  "AWS::SecretsManager::SecretTargetAttachment",
  "AWS::SSM::Parameter",
]);

const CONDITION_FUNCTIONS = new Set(["Condition", "Fn::And", "Fn::Equals", "Fn::Not", "Fn::Or"]);

/** Where a reference is written: a whole call (`!Ref Db`) or a variable inside a Sub string (`${Db}`). */
interface Site {
  text: string;
  span: Span;
}

export class Evaluator {
  private readonly resourceTypes = new Map<string, string>();
  private readonly conditions = new Map<string, Tri | "evaluating">();
  /** The resource being evaluated, named in diagnostics. */
  resource: string | undefined;

  constructor(private readonly scope: Scope) {
    for (const decl of scope.model.resources) this.resourceTypes.set(decl.logicalId, decl.type);
  }

  value(node: CfnNode): Evaluated {
    const call = callOf(node);
    if (call) return this.call(call);
    switch (node.kind) {
      case "scalar":
        return this.scalar(node);
      case "seq":
        return this.list(node.items, node);
      case "map":
        return this.object(node);
      default:
        return this.unknownAt(this.siteOf(node), []);
    }
  }

  /** A named condition of the Conditions section, evaluated once. */
  namedCondition(name: string, span: Span): Tri {
    const cached = this.conditions.get(name);
    if (cached === "evaluating") {
      this.unresolved(span, `condition ${name} depends on itself`);
      return "unknown";
    }
    if (cached !== undefined) return cached;
    const node = this.scope.model.conditions.get(name);
    if (!node) {
      this.unresolved(span, `condition ${name} is not declared in Conditions`);
      return "unknown";
    }
    this.conditions.set(name, "evaluating");
    const result = this.condition(node);
    this.conditions.set(name, result);
    return result;
  }

  private at(span: Span): SourceLocation {
    return this.scope.loc.at(span);
  }

  private siteOf(span: Span): Site {
    return { text: this.scope.loc.textOf(span), span };
  }

  private unknownAt(site: Site, refs: ResourceRef[], secret = false): IacValue {
    return unknownValue(site.text, this.at(site.span), refs, secret);
  }

  /** Unknown, keeping the references and secrecy of the values it was computed from. */
  private unknownFrom(span: Span, inputs: Evaluated[]): IacValue {
    return this.unknownAt(this.siteOf(span), inputs.flatMap(refsOf), inputs.some(isSecret));
  }

  private unresolved(span: Span, message: string): void {
    const diagnostic: Diagnostic = { code: "iac-unresolved", message, source: this.at(span) };
    if (this.resource !== undefined) diagnostic.resource = this.resource;
    this.scope.diagnostics.push(diagnostic);
  }

  private malformed(call: Call, expected: string): IacValue {
    this.unresolved(call, `${call.name} expects ${expected}; its value is unknown`);
    return this.unknownFrom(call, []);
  }

  private scalar(node: CfnScalar): Evaluated {
    return typeof node.value === "string" ? this.stringValue(node.value, node) : literal(node.value, this.at(node));
  }

  /** A computed or written string; a `{{resolve:…}}` dynamic reference in it makes it unknown. */
  private stringValue(text: string, span: Span, inputs: Evaluated[] = []): IacValue {
    const dynamic = dynamicReference(text);
    if (dynamic) return this.unknownAt(this.siteOf(span), inputs.flatMap(refsOf), dynamic.secret);
    const value = literal(text, this.at(span));
    const refs = inputs.flatMap(refsOf);
    if (refs.length > 0) value.refs = refs;
    return value;
  }

  private list(nodes: CfnNode[], span: Span): IacList {
    const items: IacValue[] = [];
    for (const node of nodes) {
      const item = this.value(node);
      if (item !== NO_VALUE) items.push(item);
    }
    return { kind: "list", items, source: this.at(span) };
  }

  private object(node: CfnMap): IacObject {
    const entries: Record<string, IacValue> = {};
    const keySources: Record<string, SourceLocation> = {};
    for (const pair of node.pairs) {
      const value = this.value(pair.value);
      if (value === NO_VALUE) continue;
      define(entries, pair.key, value);
      define(keySources, pair.key, this.at(pair.keySpan));
    }
    return { kind: "object", entries, keySources, source: this.at(node) };
  }

  private call(call: Call): Evaluated {
    if (CONDITION_FUNCTIONS.has(call.name)) {
      const result = this.conditionCall(call);
      return result === "unknown" ? this.unknownFrom(call, []) : literal(result, this.at(call));
    }
    if (Object.hasOwn(this.functions, call.name)) return this.functions[call.name]!(call);
    // Fn::ImportValue, Fn::GetAZs, Fn::Transform, Rules functions, unknown tags: deployment-time values.
    return call.unknownTag ? this.unknownFrom(call, []) : this.unknownFrom(call, [this.value(call.arg)]);
  }

  /** The functions archlint computes, by long-form name. */
  private readonly functions: Readonly<Record<string, (call: Call) => Evaluated>> = {
    Ref: (call) => this.ref(call),
    "Fn::GetAtt": (call) => this.getAtt(call),
    "Fn::Sub": (call) => this.sub(call),
    "Fn::Join": (call) => this.join(call),
    "Fn::Select": (call) => this.select(call),
    "Fn::Split": (call) => this.split(call),
    "Fn::If": (call) => this.ifCall(call),
    "Fn::FindInMap": (call) => this.findInMap(call),
    // User data is read decoded: the value itself.
    "Fn::Base64": (call) => this.value(call.arg),
    "Fn::Cidr": (call) => this.cidr(call),
    "Fn::Length": (call) => this.length(call),
    "Fn::ToJsonString": (call) => this.toJsonString(call),
  };

  /** The arguments of a call written as a list of `min`..`max` items. */
  private argsOf(call: Call, min: number, max = min): CfnNode[] | undefined {
    const { arg } = call;
    return arg.kind === "seq" && arg.items.length >= min && arg.items.length <= max ? arg.items : undefined;
  }

  private ref(call: Call): Evaluated {
    const name = scalarString(call.arg);
    if (name === undefined) return this.malformed(call, "the name of a parameter or resource");
    return this.refByName(name, this.siteOf(call));
  }

  private refByName(name: string, site: Site): Evaluated {
    if (name === "AWS::NoValue") return NO_VALUE;
    if (PSEUDO_PARAMETERS.has(name)) return this.unknownAt(site, []);
    const parameter = this.scope.model.parameters.get(name);
    if (parameter) return this.parameter(parameter, site);
    const type = this.resourceTypes.get(name);
    if (type !== undefined) return this.resourceRef(name, type, undefined, site);
    this.unresolved(site.span, `${name} is neither a parameter nor a resource of this template`);
    return this.unknownAt(site, []);
  }

  private parameter(parameter: ParameterDecl, site: Site): Evaluated {
    const source = this.at(site.span);
    // NoEcho values are secrets: never read as literals, not even their Default.
    if (parameter.noEcho) return unknownValue(site.text, source, [], true);
    // Resolved from Parameter Store at deployment; the Default is a parameter name, not the value.
    if (parameter.type.startsWith("AWS::SSM::Parameter::Value<")) return unknownValue(site.text, source, []);
    const bound = this.scope.bound.get(parameter.name);
    if (bound) return listParameter(parameter, relocate(bound, source));
    const written = parameter.default;
    if (written?.kind === "scalar" && written.value !== null) {
      return listParameter(parameter, literal(written.value, source));
    }
    if (written) {
      const value = this.value(written);
      return value === NO_VALUE ? value : relocate(value, source);
    }
    return unknownValue(site.text, source, []);
  }

  private resourceRef(logicalId: string, type: string, attribute: string | undefined, site: Site): IacValue {
    const ref: ResourceRef = { target: this.scope.addressOf(logicalId), text: site.text, source: this.at(site.span) };
    if (attribute !== undefined) ref.attribute = attribute;
    const value: IacRef = { kind: "ref", ref, source: ref.source };
    if (SECRET_TYPES.has(type)) value.secretReference = true;
    return value;
  }

  private attributeRef(logicalId: string, attribute: string | undefined, site: Site): IacValue {
    const type = this.resourceTypes.get(logicalId);
    if (type === undefined) {
      this.unresolved(site.span, `${logicalId} is not a resource of this template`);
      return this.unknownAt(site, []);
    }
    if (attribute === undefined) {
      // The attribute is computed at deployment: still a reference to the resource.
      const ref: ResourceRef = { target: this.scope.addressOf(logicalId), text: site.text, source: this.at(site.span) };
      return this.unknownAt(site, [ref], SECRET_TYPES.has(type));
    }
    return this.resourceRef(logicalId, type, attribute, site);
  }

  private getAtt(call: Call): Evaluated {
    const site = this.siteOf(call);
    const written = scalarString(call.arg);
    if (written !== undefined) {
      const dot = written.indexOf(".");
      if (dot <= 0 || dot === written.length - 1) return this.malformed(call, "Resource.Attribute");
      return this.attributeRef(written.slice(0, dot), written.slice(dot + 1), site);
    }
    const args = this.argsOf(call, 2);
    const logicalId = scalarString(args?.[0]);
    if (!args || logicalId === undefined) return this.malformed(call, "[Resource, Attribute]");
    const attribute = this.value(args[1]!);
    const name = literalText(attribute);
    return this.attributeRef(logicalId, name, site);
  }

  private sub(call: Call): Evaluated {
    const { arg } = call;
    const [templateNode, variables] =
      arg.kind === "seq" && arg.items.length === 2 ? [arg.items[0]!, arg.items[1]!] : [arg, undefined];
    if (templateNode.kind !== "scalar" || typeof templateNode.value !== "string") {
      return this.malformed(call, "a string, or [string, {variables}]");
    }
    const template = templateNode.value;
    let text = "";
    let complete = true;
    const inputs: Evaluated[] = [];
    for (const part of parseSub(template)) {
      if (part.kind === "text") {
        text += part.text;
        continue;
      }
      const value = this.subVariable(part, templateNode, template, variables?.kind === "map" ? variables : undefined);
      inputs.push(value);
      const piece = literalText(value);
      if (piece === undefined) complete = false;
      else text += piece;
    }
    if (complete) return this.stringValue(text, call, inputs);
    const secret = inputs.some(isSecret) || dynamicReference(template)?.secret === true;
    return this.unknownAt(this.siteOf(call), inputs.flatMap(refsOf), secret);
  }

  private subVariable(
    part: Extract<SubPart, { kind: "variable" }>,
    templateNode: CfnScalar,
    template: string,
    variables: CfnMap | undefined,
  ): Evaluated {
    const given = variables ? pairOf(variables, part.name) : undefined;
    if (given) return this.value(given.value);
    const offset = variableOffset(this.scope.loc.textOf(templateNode), template, part);
    const span =
      offset < 0
        ? templateNode
        : { start: templateNode.start + offset, end: templateNode.start + offset + part.raw.length };
    const site = { text: part.raw, span };
    const dot = part.name.indexOf(".");
    if (dot > 0) return this.attributeRef(part.name.slice(0, dot), part.name.slice(dot + 1), site);
    return this.refByName(part.name, site);
  }

  /** The two evaluated arguments of an `[a, b]` call (Join, Select, Split), or the unknown of a malformed one. */
  private pairOf(call: Call, expected: string): [Evaluated, Evaluated] | IacValue {
    const args = this.argsOf(call, 2);
    if (!args) return this.malformed(call, expected);
    return [this.value(args[0]!), this.value(args[1]!)];
  }

  private join(call: Call): Evaluated {
    const args = this.pairOf(call, "[delimiter, [values]]");
    if (!Array.isArray(args)) return args;
    const [delimiter, list] = args;
    const separator = literalOf(delimiter);
    if (!separator || list === NO_VALUE || list.kind !== "list") return this.unknownFrom(call, args);
    const strings: string[] = [];
    for (const item of list.items) {
      if (item.kind !== "literal") return this.unknownFrom(call, list.items);
      strings.push(stringOf(item.value));
    }
    return this.stringValue(strings.join(stringOf(separator.value)), call, list.items);
  }

  private select(call: Call): Evaluated {
    const args = this.pairOf(call, "[index, [values]]");
    if (!Array.isArray(args)) return args;
    const [index, list] = args;
    const position = Number(literalOf(index)?.value ?? Number.NaN);
    if (!Number.isInteger(position) || list === NO_VALUE || list.kind !== "list") return this.unknownFrom(call, args);
    const item = list.items[position];
    if (item === undefined || position < 0) {
      this.unresolved(call, `Fn::Select index ${position} is outside a list of ${list.items.length}`);
      return this.unknownFrom(call, [list]);
    }
    return item;
  }

  private split(call: Call): Evaluated {
    const args = this.pairOf(call, "[delimiter, string]");
    if (!Array.isArray(args)) return args;
    const [delimiter, text] = args.map(literalOf);
    if (!delimiter || !text) return this.unknownFrom(call, args);
    const source = this.at(call);
    const items = stringOf(text.value)
      .split(stringOf(delimiter.value))
      .map((part) => literal(part, source));
    return { kind: "list", items, source };
  }

  private ifCall(call: Call): Evaluated {
    const args = this.argsOf(call, 3);
    const name = scalarString(args?.[0]);
    if (!args || name === undefined) return this.malformed(call, "[ConditionName, value if true, value if false]");
    const condition = this.namedCondition(name, args[0]!);
    if (condition === true) return this.value(args[1]!);
    if (condition === false) return this.value(args[2]!);
    return this.unknownFrom(call, [this.value(args[1]!), this.value(args[2]!)]);
  }

  private findInMap(call: Call): Evaluated {
    const args = this.argsOf(call, 3, 4);
    if (!args) return this.malformed(call, "[MapName, TopLevelKey, SecondLevelKey]");
    const keys = args.slice(0, 3).map((node) => this.value(node));
    const [mapName, topKey, secondKey] = keys.map(literalText);
    if (mapName === undefined || secondKey === undefined) return this.unknownFrom(call, keys);
    const table = fieldOf(this.scope.model.mappings, mapName);
    if (topKey === undefined) {
      const agreed = table ? this.sameForEveryKey(table, secondKey) : undefined;
      return agreed ? relocate(agreed, this.at(call)) : this.unknownFrom(call, keys);
    }
    const fallback = args[3] ? fieldOf(args[3], "DefaultValue") : undefined;
    const node = fieldOf(fieldOf(table, topKey), secondKey) ?? fallback;
    if (!node) {
      this.unresolved(call, `Mappings has no ${mapName} › ${topKey} › ${secondKey}`);
      return this.unknownFrom(call, keys);
    }
    const value = this.value(node);
    return value === NO_VALUE ? value : relocate(value, this.at(call));
  }

  /** A FindInMap whose top-level key is unknown still has one value when every entry agrees. */
  private sameForEveryKey(table: CfnNode, secondKey: string): IacValue | undefined {
    if (table.kind !== "map" || table.pairs.length === 0) return undefined;
    let first: IacValue | undefined;
    let firstPlain: string | undefined;
    for (const { value: entry } of table.pairs) {
      const node = fieldOf(entry, secondKey);
      const value = node ? this.value(node) : NO_VALUE;
      const plain = value === NO_VALUE ? undefined : plainOf(value);
      if (value === NO_VALUE || plain === undefined) return undefined;
      const text = JSON.stringify(plain);
      if (first === undefined) {
        first = value;
        firstPlain = text;
      } else if (text !== firstPlain) return undefined;
    }
    return first;
  }

  private cidr(call: Call): Evaluated {
    const args = this.argsOf(call, 3);
    if (!args) return this.malformed(call, "[ipBlock, count, cidrBits]");
    const values = args.map((node) => this.value(node));
    const [block, count, bits] = values.map(literalText);
    if (block === undefined || count === undefined || bits === undefined) return this.unknownFrom(call, values);
    const blocks = cidrBlocks(block, Number(count), Number(bits));
    if (!blocks) {
      this.unresolved(call, `Fn::Cidr cannot carve ${count} blocks of ${bits} host bits from ${block}`);
      return this.unknownFrom(call, values);
    }
    const source = this.at(call);
    return { kind: "list", items: blocks.map((cidr) => literal(cidr, source)), source };
  }

  private length(call: Call): Evaluated {
    const list = this.value(call.arg);
    if (list === NO_VALUE || list.kind !== "list") return this.unknownFrom(call, [list]);
    return literal(list.items.length, this.at(call));
  }

  private toJsonString(call: Call): Evaluated {
    const value = this.value(call.arg);
    const plain = value === NO_VALUE ? undefined : plainOf(value);
    if (plain === undefined) return this.unknownFrom(call, [value]);
    return literal(JSON.stringify(plain), this.at(call));
  }

  /** A condition (Conditions entries, Fn::If, Fn::And/Or/Not operands) in three-valued logic. */
  private condition(node: CfnNode): Tri {
    const call = callOf(node, true);
    if (call) return this.conditionCall(call);
    const written = scalarString(node)?.toLowerCase();
    if (written === "true" || written === "false") return written === "true";
    return "unknown";
  }

  private conditionCall(call: Call): Tri {
    switch (call.name) {
      case "Condition": {
        const name = scalarString(call.arg);
        return name === undefined ? "unknown" : this.namedCondition(name, call);
      }
      case "Fn::Equals": {
        const args = this.argsOf(call, 2);
        if (!args) return "unknown";
        const [left, right] = args.map((node) => this.value(node));
        if (left === NO_VALUE || right === NO_VALUE || left?.kind !== "literal" || right?.kind !== "literal") {
          return "unknown";
        }
        return stringOf(left.value) === stringOf(right.value);
      }
      case "Fn::Not": {
        const operand = this.argsOf(call, 1);
        const value = operand ? this.condition(operand[0]!) : "unknown";
        return value === "unknown" ? value : !value;
      }
      case "Fn::And":
      case "Fn::Or": {
        const operands = call.arg.kind === "seq" ? call.arg.items.map((node) => this.condition(node)) : [];
        // One false decides an And, one true decides an Or.
        const decisive = call.name === "Fn::Or";
        if (operands.includes(decisive)) return decisive;
        return operands.length > 0 && operands.every((value) => value === !decisive) ? !decisive : "unknown";
      }
      default:
        return "unknown";
    }
  }
}

/** The value when it is a literal. */
function literalOf(value: Evaluated): IacLiteral | undefined {
  return value !== NO_VALUE && value.kind === "literal" ? value : undefined;
}

/** A literal's text, as CloudFormation strings it (keys, Sub variables, Cidr arguments). */
function literalText(value: Evaluated): string | undefined {
  const known = literalOf(value);
  return known ? stringOf(known.value) : undefined;
}

/** CommaDelimitedList and List<…> parameters are lists of their comma-separated, trimmed members. */
function listParameter(parameter: ParameterDecl, value: IacValue): IacValue {
  const isList = parameter.type === "CommaDelimitedList" || parameter.type.startsWith("List<");
  if (!isList || value.kind !== "literal" || typeof value.value !== "string") return value;
  const items = value.value.split(",").map((member) => literal(member.trim(), value.source));
  return { kind: "list", items, source: value.source };
}

/** Sets a key even when it is `__proto__`, which plain assignment would turn into a prototype change. */
function define<T>(record: Record<string, T>, key: string, value: T): void {
  if (key === "__proto__")
    Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}
