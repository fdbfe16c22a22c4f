/**
 * The HCL grammar: web-tree-sitter with tree-sitter-hcl's Terraform dialect, loaded lazily
 * (once per process), plus small typed accessors over its syntax nodes.
 *
 * The grammar has almost no field names, so the accessors below name what each node type
 * holds (see node-types.json of @tree-sitter-grammars/tree-sitter-hcl 1.2.0). Positions of
 * the nodes count UTF-16 code units because the parser is fed a JavaScript string.
 */
import { createRequire } from "node:module";
import type { Parser, Tree } from "web-tree-sitter";

/** Named node types of the grammar that the converter reads. */
export type HclNodeType =
  | "config_file"
  | "body"
  | "attribute"
  | "block"
  | "block_start"
  | "block_end"
  | "identifier"
  | "expression"
  | "literal_value"
  | "numeric_lit"
  | "bool_lit"
  | "null_lit"
  | "string_lit"
  | "collection_value"
  | "tuple"
  | "object"
  | "object_elem"
  | "index"
  | "new_index"
  | "legacy_index"
  | "get_attr"
  | "splat"
  | "attr_splat"
  | "full_splat"
  | "for_expr"
  | "for_tuple_expr"
  | "for_object_expr"
  | "for_intro"
  | "for_cond"
  | "variable_expr"
  | "function_call"
  | "function_arguments"
  | "ellipsis"
  | "conditional"
  | "operation"
  | "unary_operation"
  | "binary_operation"
  | "template_expr"
  | "quoted_template_start"
  | "quoted_template_end"
  | "quoted_template"
  | "heredoc_template"
  | "heredoc_start"
  | "heredoc_identifier"
  | "strip_marker"
  | "template_literal"
  | "template_interpolation"
  | "template_directive"
  | "template_for"
  | "template_for_start"
  | "template_for_end"
  | "template_if"
  | "template_if_intro"
  | "template_else_intro"
  | "template_if_end"
  | "comment"
  | "ERROR";

/**
 * A syntax node copied out of tree-sitter's wasm memory into plain JavaScript: every property
 * read from a tree-sitter node crosses into wasm, so the tree is walked once with a cursor and
 * the converter works on these copies.
 *
 * In a tree without errors, some subtrees are not copied because their text says it all
 * (`variable_expr`, `get_attr`, `literal_value`, the brace and bracket wrappers), and the nodes
 * whose place the converter does not need carry their type only (start and end are -1):
 * anonymous tokens except parentheses, and the wrappers of UNPLACED_TYPES.
 */
export interface SyntaxNode {
  type: string;
  isNamed: boolean;
  isMissing: boolean;
  startIndex: number;
  endIndex: number;
  children: SyntaxNode[];
  parent: SyntaxNode | undefined;
}

/** Node types whose children are not copied from a tree without errors. */
const OPAQUE_TYPES = new Set([
  "variable_expr",
  "get_attr",
  "literal_value",
  "block_start",
  "block_end",
  "object_start",
  "object_end",
  "tuple_start",
  "tuple_end",
  "comment",
]);

/** Anonymous tokens whose place the converter needs even in a tree without errors. */
const PLACED_TOKENS = new Set(["(", ")"]);

/**
 * Named nodes whose place the converter never reads: it reads their children's places, or
 * slices the text around them (two wasm calls saved per node).
 */
const UNPLACED_TYPES = new Set([
  "body",
  "attribute",
  "block",
  "expression",
  "object_elem",
  "function_arguments",
  "for_intro",
  "for_cond",
  "for_expr",
  "collection_value",
  "operation",
  "template_expr",
  "template_if",
  "template_for",
  "new_index",
  "full_splat",
  "attr_splat",
  "heredoc_start",
  "template_literal",
  "quoted_template_start",
  "quoted_template_end",
]);

/**
 * Node objects reused from one copy to the next: a copy lives only while one text is
 * converted, and a run copies about a million nodes, garbage that the collector would
 * otherwise sweep many times. Large trees take fresh objects beyond the pool's size.
 */
const pool: SyntaxNode[] = [];
const POOL_LIMIT = 65_536;
let poolInUse = false;

function takeNode(pooled: boolean, index: number): SyntaxNode {
  const reused = pooled ? pool[index] : undefined;
  if (reused) {
    reused.children.length = 0;
    return reused;
  }
  const node: SyntaxNode = {
    type: "",
    isNamed: false,
    isMissing: false,
    startIndex: -1,
    endIndex: -1,
    children: [],
    parent: undefined,
  };
  if (pooled && index < POOL_LIMIT) pool.push(node);
  return node;
}

/**
 * Parses a text and hands its copied tree to `read`. The nodes are valid during `read` only
 * (they are reused by the next copy): keep spans and text, never the nodes.
 */
export function withSyntaxTree<T>(
  text: string,
  read: (root: SyntaxNode, comments: SyntaxNode[], hasError: boolean) => T,
): T {
  const pooled = !poolInUse;
  poolInUse = true;
  try {
    const tree = parseHclText(text);
    let copied: { root: SyntaxNode; comments: SyntaxNode[]; hasError: boolean };
    try {
      const hasError = tree.rootNode.hasError;
      const comments: SyntaxNode[] = [];
      copied = { root: copyTree(tree, hasError, comments, pooled), comments, hasError };
    } finally {
      tree.delete();
    }
    return read(copied.root, copied.comments, copied.hasError);
  } finally {
    if (pooled) poolInUse = false;
  }
}

let typeNames: string[] = [];
let namedTypes: boolean[] = [];

/**
 * Copies a tree (see SyntaxNode); `full` copies every node with its place (for error reports).
 * Comments are also collected into `comments`.
 */
function copyTree(tree: Tree, full: boolean, comments: SyntaxNode[], pooled: boolean): SyntaxNode {
  const cursor = tree.walk();
  let taken = 0;
  const root = takeNode(pooled, taken++);
  root.type = typeNames[cursor.nodeTypeId] ?? "ERROR";
  root.isNamed = true;
  root.isMissing = false;
  root.startIndex = 0;
  root.endIndex = cursor.endIndex;
  root.parent = undefined;
  let parent = root;
  // A node starts where its first child starts: that child's start is not read from wasm.
  let firstChild = true;
  try {
    if (!cursor.gotoFirstChild()) return root;
    for (;;) {
      const typeId = cursor.nodeTypeId;
      const type = typeNames[typeId] ?? "ERROR";
      const isNamed = type === "ERROR" || namedTypes[typeId] === true;
      const placed = full || (isNamed && !UNPLACED_TYPES.has(type)) || PLACED_TOKENS.has(type);
      const node = takeNode(pooled, taken++);
      node.type = type;
      node.isNamed = isNamed;
      node.isMissing = full ? cursor.nodeIsMissing : false;
      node.startIndex = !placed
        ? -1
        : firstChild && parent !== root && parent.startIndex >= 0
          ? parent.startIndex
          : cursor.startIndex;
      node.endIndex = placed ? cursor.endIndex : -1;
      node.parent = parent;
      parent.children.push(node);
      if (type === "comment") comments.push(node);
      if ((full || !OPAQUE_TYPES.has(type)) && cursor.gotoFirstChild()) {
        parent = node;
        firstChild = true;
        continue;
      }
      firstChild = false;
      while (!cursor.gotoNextSibling()) {
        if (parent === root) return root;
        cursor.gotoParent();
        parent = parent.parent ?? root;
      }
    }
  } finally {
    cursor.delete();
  }
}

let parserPromise: Promise<Parser> | undefined;
let loadedParser: Parser | undefined;

/** Loads web-tree-sitter and the Terraform grammar once per process. */
export function loadHclParser(): Promise<Parser> {
  parserPromise ??= (async () => {
    const treeSitter = await import("web-tree-sitter");
    await treeSitter.Parser.init();
    const require = createRequire(import.meta.url);
    const wasmPath = require.resolve("@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm");
    const language = await treeSitter.Language.load(wasmPath);
    const parser = new treeSitter.Parser();
    parser.setLanguage(language);
    typeNames = language.types;
    namedTypes = language.types.map((_, id) => language.nodeTypeIsNamed(id));
    loadedParser = parser;
    return parser;
  })();
  return parserPromise;
}

/** The parser, once loadHclParser() has resolved (evaluation needs it synchronously for templatefile). */
function hclParser(): Parser {
  if (!loadedParser) throw new Error("the HCL grammar is not loaded yet (await loadHclParser() first)");
  return loadedParser;
}

/** Parses HCL text; the caller deletes the tree when done (it lives in wasm memory). */
export function parseHclText(text: string): Tree {
  const tree = hclParser().parse(text);
  if (!tree) throw new Error("tree-sitter returned no tree");
  return tree;
}

/** The first child of a given named type. */
export function childOfType(node: SyntaxNode, type: HclNodeType): SyntaxNode | undefined {
  for (const child of node.children) if (child.type === type) return child;
  return undefined;
}

export function childrenOfType(node: SyntaxNode, type: HclNodeType): SyntaxNode[] {
  return node.children.filter((child) => child.type === type);
}

export function namedChildren(node: SyntaxNode): SyntaxNode[] {
  return node.children.filter((child) => child.isNamed && child.type !== "comment");
}

/** Does the node contain an anonymous token with this text (`<<-`, `...`, `~`)? */
export function hasToken(node: SyntaxNode, token: string): boolean {
  for (const child of node.children) if (!child.isNamed && child.type === token) return true;
  return false;
}

// --- accessors per node type ---------------------------------------------------------------

/** `block`: type identifier, labels (string_lit or identifier), `{`, body, `}`. */
export const block = {
  typeName: (node: SyntaxNode): SyntaxNode | undefined => childOfType(node, "identifier"),
  labels: (node: SyntaxNode): SyntaxNode[] => {
    const labels: SyntaxNode[] = [];
    let seenType = false;
    for (const child of node.children) {
      if (child.type === "block_start") break;
      if (child.type === "identifier" && !seenType) {
        seenType = true;
        continue;
      }
      if (child.type === "identifier" || child.type === "string_lit") labels.push(child);
    }
    return labels;
  },
  start: (node: SyntaxNode): SyntaxNode | undefined => childOfType(node, "block_start"),
  body: (node: SyntaxNode): SyntaxNode | undefined => childOfType(node, "body"),
  end: (node: SyntaxNode): SyntaxNode | undefined => childOfType(node, "block_end"),
};

/** `attribute`: name identifier `=` expression. */
export const attribute = {
  name: (node: SyntaxNode): SyntaxNode | undefined => childOfType(node, "identifier"),
  value: (node: SyntaxNode): SyntaxNode | undefined => childOfType(node, "expression"),
};

/** `object_elem`: key expression, `=` or `:`, value expression. */
export const objectElem = {
  key: (node: SyntaxNode): SyntaxNode | undefined => childrenOfType(node, "expression")[0],
  value: (node: SyntaxNode): SyntaxNode | undefined => childrenOfType(node, "expression")[1],
};

/** `for_intro`: `for` key[, value] `in` collection `:`. */
export const forIntro = {
  variables: (node: SyntaxNode): SyntaxNode[] => childrenOfType(node, "identifier"),
  collection: (node: SyntaxNode): SyntaxNode | undefined => childOfType(node, "expression"),
};

/** `function_call`: name ( arguments ). */
export const functionCall = {
  name: (node: SyntaxNode): SyntaxNode | undefined => childOfType(node, "identifier"),
  arguments: (node: SyntaxNode): SyntaxNode[] => {
    const args = childOfType(node, "function_arguments");
    return args ? childrenOfType(args, "expression") : [];
  },
  expandsFinal: (node: SyntaxNode): boolean => {
    const args = childOfType(node, "function_arguments");
    return args ? childOfType(args, "ellipsis") !== undefined : false;
  },
};

/** Strip markers (`~`) before and after the keyword of an interpolation or directive. */
export function stripMarkers(node: SyntaxNode): { before: boolean; after: boolean } {
  const children = node.children;
  const markers = children.filter((child) => child.type === "strip_marker");
  if (markers.length === 0) return { before: false, after: false };
  const openEnd = children[0]?.endIndex ?? node.startIndex;
  const closeStart = children[children.length - 1]?.startIndex ?? node.endIndex;
  return {
    before: markers.some((marker) => marker.startIndex === openEnd),
    after: markers.some((marker) => marker.endIndex === closeStart),
  };
}
