/**
 * SAM Globals merged into a resource's Properties, by the rules of the SAM translator: maps merge
 * key by key, lists concatenate (globals first), anything else, an intrinsic function included,
 * is replaced by the resource's own value.
 */
import { callOf } from "./functions.js";
import { type CfnMap, type CfnNode, type CfnPair, fieldOf } from "./tree.js";

export const SAM_PREFIX = "AWS::Serverless::";

/** The Properties a SAM resource really has: its own merged over `Globals.<Section>`. */
export function propertiesWithGlobals(type: string, properties: CfnNode | undefined, globals: CfnMap | undefined) {
  if (!globals || !type.startsWith(SAM_PREFIX)) return properties;
  const section = fieldOf(globals, type.slice(SAM_PREFIX.length));
  if (!section) return properties;
  return properties ? merge(section, properties) : section;
}

type Shape = "map" | "list" | "primitive";

function shapeOf(node: CfnNode): Shape {
  if (callOf(node)) return "primitive";
  if (node.kind === "map") return "map";
  return node.kind === "seq" ? "list" : "primitive";
}

function merge(global: CfnNode, local: CfnNode): CfnNode {
  const shape = shapeOf(local);
  if (shape !== shapeOf(global) || shape === "primitive") return local;
  if (global.kind === "seq" && local.kind === "seq") return { ...local, items: [...global.items, ...local.items] };
  if (global.kind !== "map" || local.kind !== "map") return local;
  const pairs: CfnPair[] = [...global.pairs];
  for (const pair of local.pairs) {
    const index = pairs.findIndex((candidate) => candidate.key === pair.key);
    if (index < 0) pairs.push(pair);
    else pairs[index] = { ...pair, value: merge(pairs[index]!.value, pair.value) };
  }
  return { ...local, pairs };
}
