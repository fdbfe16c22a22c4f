/** One Resources entry → IacResource: its evaluated Properties and its attributes. */
import type { IacObject, IacResource } from "../../model/iac.js";
import type { SourceLocation } from "../../model/source.js";
import type { Evaluator, Scope } from "./evaluate.js";
import { propertiesWithGlobals } from "./sam.js";
import { metadataSuppress } from "./suppressions.js";
import type { ResourceDecl } from "./template.js";
import { fieldOf, scalarString } from "./tree.js";
import { NO_VALUE } from "./values.js";

export function resourceOf(decl: ResourceDecl, evaluator: Evaluator, scope: Scope): IacResource {
  const { loc } = scope;
  const address = scope.addressOf(decl.logicalId);
  const source = loc.at(decl.keySpan);
  evaluator.resource = address;
  const resource: IacResource = {
    format: "cloudformation",
    address,
    type: decl.type,
    name: decl.logicalId,
    mode: "managed",
    body: bodyOf(decl, evaluator, scope, source),
    source,
    file: loc.file,
  };
  const conditionNode = fieldOf(decl.node, "Condition");
  const condition = scalarString(conditionNode);
  if (conditionNode && condition !== undefined) resource.condition = evaluator.namedCondition(condition, conditionNode);
  const dependsOn = dependsOnOf(decl);
  if (dependsOn.length > 0) resource.dependsOn = dependsOn.map((id) => scope.addressOf(id));
  const metadata = fieldOf(decl.node, "Metadata");
  const cdkPath = scalarString(fieldOf(metadata, "aws:cdk:path"));
  if (cdkPath !== undefined) resource.humanName = humanNameOf(cdkPath);
  const suppress = metadataSuppress(metadata, loc);
  if (suppress.length > 0) resource.suppress = suppress;
  evaluator.resource = undefined;
  return resource;
}

/** Properties, with SAM Globals merged in; a resource without Properties has an empty body at its key. */
function bodyOf(decl: ResourceDecl, evaluator: Evaluator, scope: Scope, source: SourceLocation): IacObject {
  const properties = propertiesWithGlobals(decl.type, fieldOf(decl.node, "Properties"), scope.model.globals);
  const value = properties ? evaluator.value(properties) : NO_VALUE;
  if (value !== NO_VALUE && value.kind === "object") return value;
  return { kind: "object", entries: {}, keySources: {}, source };
}

function dependsOnOf(decl: ResourceDecl): string[] {
  const node = fieldOf(decl.node, "DependsOn");
  const ids = node?.kind === "seq" ? node.items.map(scalarString) : [scalarString(node)];
  return ids.filter((id) => id !== undefined);
}

/**
 * The construct path without the stack and the construct's default child:
 * `InkStack/Database/Resource` → `Database`, `InkStack/Vpc/PublicSubnet1/Subnet` → `Vpc/PublicSubnet1/Subnet`,
 * `InkStack/Network.NestedStack/Network.NestedStackResource` → `Network`.
 */
export function humanNameOf(cdkPath: string): string {
  const parts = cdkPath.split("/").filter((part) => part !== "");
  if (parts.length > 1) parts.shift();
  const last = parts.at(-1);
  if (parts.length > 1 && (last === "Resource" || last === "Default")) parts.pop();
  if (last?.endsWith(".NestedStackResource")) return last.slice(0, -".NestedStackResource".length);
  return parts.length > 0 ? parts.join("/") : cdkPath;
}
