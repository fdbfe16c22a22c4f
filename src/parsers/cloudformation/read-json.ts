/**
 * JSON template text → CfnNode tree, with jsonc-parser: strict JSON (no comments, no trailing
 * commas, as CloudFormation accepts it), offsets on every node, and a tree even after an error.
 */
import type { Node as JsonNode } from "jsonc-parser";
import type { Diagnostic } from "../../model/graph.js";
import { loadJsonc } from "./libs.js";
import { type CfnNode, type CfnPair, cutDiagnostic, type Locator, MAX_DEPTH } from "./tree.js";

export interface JsonReadResult {
  root: CfnNode | undefined;
  diagnostics: Diagnostic[];
}

export function readJson(loc: Locator): JsonReadResult {
  const jsonc = loadJsonc();
  const errors: { error: number; offset: number; length: number }[] = [];
  const tree = jsonc.parseTree(loc.text, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  const diagnostics: Diagnostic[] = errors.map((error) => ({
    code: "iac-parse-error",
    message: `invalid JSON: ${sentenceOf(jsonc.printParseErrorCode(error.error))}`,
    source: loc.at({ start: error.offset, end: error.offset + error.length }),
  }));
  const cut: { at?: number } = {};
  const root = tree ? convert(tree, loc, 0, cut) : undefined;
  if (cut.at !== undefined) diagnostics.push(cutDiagnostic(loc, cut.at));
  return { root, diagnostics };
}

/** `CloseBraceExpected` → `close brace expected`. */
function sentenceOf(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

function convert(node: JsonNode, loc: Locator, depth: number, cut: { at?: number }): CfnNode {
  const start = node.offset;
  const end = node.offset + node.length;
  if (depth > MAX_DEPTH) {
    cut.at ??= start;
    return { kind: "scalar", value: null, start, end: start };
  }
  switch (node.type) {
    case "object": {
      const pairs: CfnPair[] = [];
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key === undefined || value === undefined) continue;
        pairs.push({
          key: String(key.value),
          keySpan: { start: key.offset, end: key.offset + key.length },
          value: convert(value, loc, depth + 1, cut),
        });
      }
      return { kind: "map", pairs, start, end };
    }
    case "array":
      return {
        kind: "seq",
        items: (node.children ?? []).map((child) => convert(child, loc, depth + 1, cut)),
        start,
        end,
      };
    case "number": {
      // As in YAML: a number whose canonical form differs from the text (1.0, 1e3) stays as written.
      const written = loc.text.slice(start, end);
      return { kind: "scalar", value: String(node.value) === written ? Number(node.value) : written, start, end };
    }
    case "string":
    case "boolean":
      return { kind: "scalar", value: node.value as string | boolean, start, end };
    default:
      return { kind: "scalar", value: null, start, end };
  }
}
