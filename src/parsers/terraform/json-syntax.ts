/**
 * Terraform's JSON syntax (`*.tf.json`, `*.tfvars.json`) → the typed syntax of ast.ts.
 *
 * Follows https://developer.hashicorp.com/terraform/language/syntax/json: block types nest
 * their labels as object keys (`resource` → type → name → body), each level may also be an
 * array of objects; strings are templates (`"${var.x}"`) except where the spec says literal
 * (variable defaults, module sources); `depends_on` and `provider` strings are references;
 * a `"//"` key is a comment.
 */
import type { Node as JsonNode, ParseError } from "jsonc-parser";
import type { Diagnostic } from "../../model/graph.js";
import { type Attribute, type Block, type Body, type ConfigFile, type Expr, SourceText, type Span } from "./ast.js";
import { parseExpressionText, parseTemplateText } from "./native.js";

type JsoncModule = typeof import("jsonc-parser");
let jsonc: JsoncModule | undefined;

/** Loads jsonc-parser once (only when a JSON file is read). */
export async function loadJsonParser(): Promise<void> {
  jsonc ??= await import("jsonc-parser");
}

function jsonParser(): JsoncModule {
  if (!jsonc) throw new Error("jsonc-parser is not loaded (await loadJsonParser() first)");
  return jsonc;
}

/** Labels each top-level block type takes. */
const LABEL_COUNTS: Record<string, number> = {
  resource: 2,
  data: 2,
  module: 1,
  variable: 1,
  output: 1,
  provider: 1,
  locals: 0,
};

/** Attributes whose strings are read as references, not templates. */
const REFERENCE_ATTRIBUTES = new Set(["depends_on", "provider", "providers"]);

export interface JsonParse {
  config: ConfigFile;
  diagnostics: Diagnostic[];
}

/** Parses JSON text with positions; syntax errors become diagnostics. */
export function parseJsonDocument(src: SourceText): { root: JsonNode | undefined; diagnostics: Diagnostic[] } {
  const parser = jsonParser();
  const errors: ParseError[] = [];
  const root = parser.parseTree(src.text, errors, { allowTrailingComma: false, disallowComments: true });
  const diagnostics = errors.slice(0, 1).map(
    (error): Diagnostic => ({
      code: "iac-parse-error",
      message: describeJsonError(
        parser.printParseErrorCode(error.error),
        src.text.slice(error.offset, error.offset + error.length),
      ),
      source: src.location(error.offset),
    }),
  );
  return { root, diagnostics };
}

function describeJsonError(code: string, token: string): string {
  const words = code.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return token && /^[\p{P}\p{S}]$/u.test(token) ? `${words}: unexpected "${token}"` : words;
}

export function readJsonConfig(file: string, text: string): JsonParse {
  const src = new SourceText(file, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const { root, diagnostics } = parseJsonDocument(src);
  const blocks: Block[] = [];
  if (root?.type === "object") {
    for (const [key, value] of properties(root)) {
      const labels = LABEL_COUNTS[key.value as string];
      if (labels === undefined) continue;
      blocks.push(...new JsonReader(src).blocks(key.value as string, key, value, labels, []));
    }
  } else if (root) {
    diagnostics.push({
      code: "iac-parse-error",
      message: "a .tf.json file must hold an object",
      source: src.location(root.offset),
    });
  }
  return { config: { file, body: { attributes: [], blocks }, comments: [] }, diagnostics };
}

/** Properties of an object node as [key node, value node], `"//"` comments left out. */
function properties(node: JsonNode): [JsonNode, JsonNode][] {
  const pairs: [JsonNode, JsonNode][] = [];
  for (const property of node.children ?? []) {
    const [key, value] = property.children ?? [];
    if (key && value && key.value !== "//") pairs.push([key, value]);
  }
  return pairs;
}

class JsonReader {
  constructor(private readonly src: SourceText) {}

  private span(node: JsonNode): Span {
    return { src: this.src, start: node.offset, end: node.offset + node.length };
  }

  /** Blocks of one type: each level of labels is an object key; any level may be an array. */
  blocks(type: string, keyNode: JsonNode, value: JsonNode, labelsLeft: number, labels: string[]): Block[] {
    if (value.type === "array")
      return (value.children ?? []).flatMap((item) => this.blocks(type, keyNode, item, labelsLeft, labels));
    if (value.type !== "object") return [];
    if (labelsLeft > 0) {
      return properties(value).flatMap(([key, inner]) =>
        this.blocks(type, key, inner, labelsLeft - 1, [...labels, String(key.value)]),
      );
    }
    return [{ type, labels, typeSpan: this.span(keyNode), bodySpan: this.span(value), body: this.body(type, value) }];
  }

  private body(blockType: string, node: JsonNode): Body {
    const attributes: Attribute[] = [];
    const blocks: Block[] = [];
    for (const [key, value] of properties(node)) {
      const name = String(key.value);
      if (blockType === "locals") {
        attributes.push(this.attribute(key, value, "template"));
      } else if (
        name === "dynamic" &&
        (blockType === "resource" || blockType === "data" || blockType === "dynamic-content")
      ) {
        blocks.push(...this.dynamicBlocks(value));
      } else if (
        ["lifecycle", "provisioner", "connection"].includes(name) &&
        (blockType === "resource" || blockType === "data")
      ) {
        // not part of a resource's body
      } else if (blockType === "variable" && name === "default") {
        attributes.push(this.attribute(key, value, "literal"));
      } else if (blockType === "module" && name === "source") {
        attributes.push(this.attribute(key, value, "literal"));
      } else {
        attributes.push(this.attribute(key, value, REFERENCE_ATTRIBUTES.has(name) ? "reference" : "template"));
      }
    }
    return { attributes, blocks };
  }

  /** `"dynamic": { "x": { "for_each": …, "content": { … } } }`: content is a nested block. */
  private dynamicBlocks(value: JsonNode): Block[] {
    if (value.type === "array") return (value.children ?? []).flatMap((item) => this.dynamicBlocks(item));
    if (value.type !== "object") return [];
    return properties(value).flatMap(([labelKey, spec]) =>
      (spec.type === "array" ? (spec.children ?? []) : [spec])
        .filter((item) => item.type === "object")
        .map((item): Block => {
          const attributes: Attribute[] = [];
          const blocks: Block[] = [];
          for (const [key, inner] of properties(item)) {
            if (key.value !== "content") attributes.push(this.attribute(key, inner, "template"));
            else if (inner.type === "object") {
              blocks.push({
                type: "content",
                labels: [],
                typeSpan: this.span(key),
                bodySpan: this.span(inner),
                body: this.body("dynamic-content", inner),
              });
            }
          }
          return {
            type: "dynamic",
            labels: [String(labelKey.value)],
            typeSpan: this.span(labelKey),
            bodySpan: this.span(item),
            body: { attributes, blocks },
          };
        }),
    );
  }

  literalAttribute(key: JsonNode, value: JsonNode): Attribute {
    return this.attribute(key, value, "literal");
  }

  private attribute(key: JsonNode, value: JsonNode, mode: "template" | "literal" | "reference"): Attribute {
    return { name: String(key.value), nameSpan: this.span(key), expr: this.expression(value, mode) };
  }

  /** A JSON value as an expression: strings are templates (or literals / references by mode). */
  expression(node: JsonNode, mode: "template" | "literal" | "reference"): Expr {
    const span = this.span(node);
    switch (node.type) {
      case "string":
        return this.string(node, mode);
      case "number":
      case "boolean":
      case "null":
        return { type: "literal", value: node.value as number | boolean | null, ...span };
      case "array":
        return { type: "tuple", items: (node.children ?? []).map((item) => this.expression(item, mode)), ...span };
      case "object":
        return {
          type: "object",
          items: properties(node).map(([key, value]) => ({
            key: this.string(key, mode === "reference" ? "literal" : mode),
            value: this.expression(value, mode),
          })),
          ...span,
        };
      default:
        return { type: "invalid", ...span };
    }
  }

  private string(node: JsonNode, mode: "template" | "literal" | "reference"): Expr {
    const span = this.span(node);
    const text = String(node.value);
    if (mode === "literal" || (mode === "template" && !text.includes("${") && !text.includes("%{"))) {
      return { type: "literal", value: text, ...span };
    }
    const at = this.src.location(node.offset);
    const parsed =
      mode === "reference" ? parseExpressionText(this.src.file, text, at) : parseTemplateText(this.src.file, text, at);
    return parsed ?? { type: "invalid", ...span };
  }
}

/** A `.tfvars.json` file: its top-level properties as literal attributes. */
export function readJsonTfvars(file: string, text: string): { attributes: Attribute[]; diagnostics: Diagnostic[] } {
  const src = new SourceText(file, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const { root, diagnostics } = parseJsonDocument(src);
  const reader = new JsonReader(src);
  const attributes =
    root?.type === "object" ? properties(root).map(([key, value]) => reader.literalAttribute(key, value)) : [];
  if (root && root.type !== "object") {
    diagnostics.push({
      code: "iac-parse-error",
      message: "a .tfvars.json file must hold an object of variable values",
      source: src.location(root.offset),
    });
  }
  return { attributes, diagnostics };
}
