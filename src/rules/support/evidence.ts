/** Where findings point: the place to fix, and the evidence of the other side. */
import { parseAddress } from "../../mapping/tokens.js";
import type { Element, Unknown } from "../../model/graph.js";
import type { Evidence, SourceLocation } from "../../model/source.js";

function positionOf(location: SourceLocation): SourceLocation {
  const position: SourceLocation = { file: location.file, line: location.line, column: location.column };
  if (location.endLine !== undefined) position.endLine = location.endLine;
  if (location.endColumn !== undefined) position.endColumn = location.endColumn;
  return position;
}

/** The attribute at fault when the graph says where it is written, else the element itself. */
export function attributeLocation(element: Element, attribute?: string): SourceLocation {
  const stated = attribute ? element.evidence?.[attribute] : undefined;
  return positionOf(stated ?? element.source);
}

/**
 * Documented evidence for a fact: where the document states it (the subgraph that says
 * "Private Subnet", the "Multi-AZ" text) with the document's own explanation, else the element.
 */
export function docEvidence(element: Element, attribute: string | undefined, fallback: string): Evidence {
  const stated = attribute ? element.evidence?.[attribute] : undefined;
  if (stated) return { ...positionOf(stated), message: stated.message || fallback };
  return { ...positionOf(element.source), message: fallback };
}

/** Evidence pointing at an element as a whole. */
export function elementEvidence(element: Element, message: string): Evidence {
  return { ...positionOf(element.source), message };
}

/** `module.db` for `module.db.aws_db_instance.this`. */
export function modulePath(element: Element): string | undefined {
  const modules = parseAddress(element.id).modules;
  return modules.length > 0 ? modules.map((name) => `module.${name}`).join(".") : undefined;
}

/** For a resource declared in a local module: the calling `module` block. */
export function moduleEvidence(element: Element): Evidence[] {
  if (!element.moduleCall) return [];
  const path = modulePath(element);
  return [{ ...positionOf(element.moduleCall), message: path ? `called from ${path}` : "called from a module" }];
}

/** The fix hint of every note about an unresolved value. */
export const UNRESOLVED_FIX = "give the unresolved value in .archlintrc.json so archlint can decide";

/** The fix hint of a note about an unresolved value of this resource. */
export function unresolvedFix(resource?: Element): string {
  return fromCloudFormation(resource)
    ? "check the value in the deployed stack: archlint reads only what the templates declare"
    : UNRESOLVED_FIX;
}

/** A resource read from a CloudFormation template (its type is `AWS::…`, `Custom::…`). */
function fromCloudFormation(resource: Element | undefined): boolean {
  const type = resource?.attributes.type;
  return typeof type === "string" && /^(AWS|Custom|Alexa)::/.test(type);
}

/**
 * How to give archlint a value it could not resolve. Terraform takes values from the
 * configuration's `variables` and `tfvars`; a CloudFormation value that the templates do not
 * give (an import from another stack, a parameter without default) exists only at deployment.
 */
export function unresolvedHint(value: Unknown, resource?: Element): string {
  if (fromCloudFormation(resource))
    return `${value.unknown} could not be resolved: CloudFormation only knows it when the stack is deployed`;
  return `${value.unknown} could not be resolved; give its value with "variables" or "tfvars" in .archlintrc.json`;
}
