/**
 * The names of CloudFormation's intrinsic functions and how a node is recognised as a call,
 * in either form: the YAML short form (`!GetAtt Db.Endpoint.Address`) or the long form, a map
 * with one key (`Fn::GetAtt: [Db, Endpoint.Address]`, `{"Ref": "Db"}`).
 */
import type { CfnNode, Span } from "./tree.js";

/** YAML short-form tag → long-form name. Rules functions (ValueOf, Contains …) are listed so they parse without a warning. */
export const SHORT_FORMS: ReadonlyMap<string, string> = new Map([
  ["!Ref", "Ref"],
  ["!Condition", "Condition"],
  ...[
    "And",
    "Base64",
    "Cidr",
    "Contains",
    "EachMemberEquals",
    "EachMemberIn",
    "Equals",
    "FindInMap",
    "GetAtt",
    "GetAZs",
    "If",
    "ImportValue",
    "Join",
    "Length",
    "Not",
    "Or",
    "RefAll",
    "Select",
    "Split",
    "Sub",
    "ToJsonString",
    "Transform",
    "ValueOf",
    "ValueOfAll",
  ].map((name): [string, string] => [`!${name}`, `Fn::${name}`]),
]);

export interface Call extends Span {
  /** Long-form name (`Fn::GetAtt`, `Ref`, `Condition`), or the tag as written for an unknown tag (`!Rain::Embed`). */
  name: string;
  arg: CfnNode;
  /** True for a YAML tag CloudFormation does not define. */
  unknownTag?: boolean;
}

/**
 * The intrinsic call a node is, if any. `Condition` is a function only where a condition is
 * expected (Conditions, Fn::If/And/Or/Not): elsewhere, as in an IAM policy, it is a property.
 */
export function callOf(node: CfnNode, conditionContext = false): Call | undefined {
  if (node.kind === "tagged") {
    const name = SHORT_FORMS.get(node.tag);
    if (name === undefined)
      return { name: node.tag, arg: node.value, start: node.start, end: node.end, unknownTag: true };
    return { name, arg: node.value, start: node.start, end: node.end };
  }
  if (node.kind !== "map" || node.pairs.length !== 1) return undefined;
  const { key, value } = node.pairs[0]!;
  if (key === "Ref" || key.startsWith("Fn::") || (conditionContext && key === "Condition")) {
    return { name: key, arg: value, start: node.start, end: node.end };
  }
  return undefined;
}
