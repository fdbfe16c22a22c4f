/**
 * Three-valued facts with their evidence. A fact is a value (or `{ unknown: expression }`) and
 * the place that decided it; combining facts keeps the evidence of the operand that decided.
 */
import type { Element, Tri } from "../model/graph.js";
import { isUnknown } from "../model/graph.js";
import type { IacResource, IacValue } from "../model/iac.js";
import type { Evidence, SourceLocation } from "../model/source.js";
import {
  describeFound,
  type Found,
  literalBoolean,
  literalNumber,
  literalString,
  prop,
  unresolvedText,
} from "./values.js";

export interface Fact<T> {
  value: Tri<T>;
  evidence: Evidence;
}

export function evidenceAt(at: SourceLocation, message: string): Evidence {
  const evidence: Evidence = { file: at.file, line: at.line, column: at.column, message };
  if (at.endLine !== undefined) evidence.endLine = at.endLine;
  if (at.endColumn !== undefined) evidence.endColumn = at.endColumn;
  return evidence;
}

export function fact<T>(value: Tri<T>, at: SourceLocation, message: string): Fact<T> {
  return { value, evidence: evidenceAt(at, message) };
}

/** Records a fact on an element: the value under `attributes[name]`, the evidence under `evidence[name]`. */
export function setFact<T>(element: Element, name: string, value: Fact<T> | undefined): void {
  if (!value) return;
  element.attributes[name] = value.value;
  element.evidence ??= {};
  element.evidence[name] = value.evidence;
}

/** Like setFact, for facts whose value is not three-valued (lists of ids, records). */
export function setPlain(element: Element, name: string, value: unknown, evidence: Evidence | undefined): void {
  element.attributes[name] = value;
  if (evidence) {
    element.evidence ??= {};
    element.evidence[name] = evidence;
  }
}

function converted<T>(found: Found, convert: (value: IacValue) => T | undefined): Fact<T> {
  const value = convert(found.value);
  const message = describeFound(found);
  return fact<T>(value === undefined ? { unknown: unresolvedText(found.value) } : value, found.at, message);
}

/** A boolean fact from an attribute (CloudFormation's "true" / "false" strings included). */
export function boolFact(found: Found): Fact<boolean> {
  return converted(found, literalBoolean);
}

/** A boolean attribute (one name per format), else the AWS default: `multi_az not set (default false)`. */
export function flagFact(
  resource: IacResource,
  name: { terraform: string; cloudformation: string },
  byDefault: boolean,
): Fact<boolean> {
  const found = prop(resource, name);
  if (found) return boolFact(found);
  const written = resource.format === "terraform" ? name.terraform : name.cloudformation;
  return fact(byDefault, resource.source, `${written} not set (default ${byDefault})`);
}

export function stringFact(
  found: Found | undefined,
  normalise: (text: string) => string = (text) => text,
): Fact<string> | undefined {
  if (!found) return undefined;
  return converted(found, (value) => {
    const text = literalString(value);
    return text === undefined ? undefined : normalise(text);
  });
}

export function numberFact(
  found: Found | undefined,
  parse: (value: IacValue) => number | undefined = literalNumber,
): Fact<number> | undefined {
  if (!found) return undefined;
  return converted(found, parse);
}

/**
 * Three-valued AND (`decisive` false) or OR (`decisive` true): the first operand with the
 * decisive value decides, then the first unknown, else the other value with every message.
 */
function decide(decisive: boolean, facts: Fact<boolean>[]): Fact<boolean> {
  const decided = facts.find((item) => item.value === decisive);
  if (decided) return decided;
  const unknown = facts.find((item) => isUnknown(item.value));
  if (unknown) return unknown;
  return joinEvidence(!decisive, facts);
}

/** AND of three-valued booleans: false decides, then unknown, else true. */
export function triAnd(...facts: Fact<boolean>[]): Fact<boolean> {
  return decide(false, facts);
}

/** OR of three-valued booleans: true decides, then unknown, else false. */
export function triOr(...facts: Fact<boolean>[]): Fact<boolean> {
  return decide(true, facts);
}

function joinEvidence(value: boolean, facts: Fact<boolean>[]): Fact<boolean> {
  const first = facts[0]!;
  if (facts.length === 1) return first;
  const messages = [...new Set(facts.map((item) => item.evidence.message))];
  return { value, evidence: { ...first.evidence, message: messages.join("; ") } };
}

export function withMessage<T>(item: Fact<T>, message: string): Fact<T> {
  return { value: item.value, evidence: { ...item.evidence, message } };
}

/** A fact that could not be resolved: `{ unknown: expression }`. */
export function unknownFact(text: string, at: SourceLocation, message: string): Fact<never> {
  return { value: { unknown: text }, evidence: evidenceAt(at, message) };
}
