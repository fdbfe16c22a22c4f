/**
 * Template text → syntax tree and read diagnostics, whatever the format. Never throws: a
 * failure of a library becomes an iac-parse-error at the start of the file.
 */
import type { Diagnostic } from "../../model/graph.js";
import { readJson } from "./read-json.js";
import { type CfnComment, readYaml } from "./read-yaml.js";
import type { CfnNode, Locator } from "./tree.js";

export type TemplateFormat = "yaml" | "json";

export interface ReadTemplate {
  format: TemplateFormat;
  root: CfnNode | undefined;
  diagnostics: Diagnostic[];
  /** YAML comments (JSON has none), for suppressions. */
  comments: CfnComment[];
}

/** JSON when the first significant character opens an object or array; a YAML template never starts so in practice. */
export function formatOf(text: string): TemplateFormat {
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === " " || ch === "\t" || ch === "\n" || ch === "\r") continue;
    return ch === "{" || ch === "[" ? "json" : "yaml";
  }
  return "yaml";
}

export function readTemplate(loc: Locator): ReadTemplate {
  let format = formatOf(loc.text);
  try {
    let read = format === "json" ? { ...readJson(loc), comments: [] } : readYaml(loc);
    if (format === "json" && hasParseError(read.diagnostics) && !loc.file.endsWith(".json")) {
      // A `.yaml` / `.template` file may be YAML in flow style (`{Resources: …}`): valid YAML is not a JSON error.
      const yaml = readYaml(loc);
      if (!hasParseError(yaml.diagnostics)) {
        format = "yaml";
        read = yaml;
      }
    }
    const duplicates = read.root ? duplicateKeys(read.root, loc) : [];
    return {
      format,
      root: read.root,
      diagnostics: firstPerPlace([...read.diagnostics, ...duplicates]),
      comments: read.comments,
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      format,
      root: undefined,
      diagnostics: [
        {
          code: "iac-parse-error",
          message: `could not read the template: ${reason}`,
          source: loc.at({ start: 0, end: 0 }),
        },
      ],
      comments: [],
    };
  }
}

/**
 * Reads of templates that discovery parsed to tell them from other YAML and JSON files, kept for
 * the parser, which reads the same texts next: a template is then parsed once, not twice (the
 * parse is most of a large template's cost). Each is handed out once; the texts kept are bounded.
 */
const remembered = new Map<string, ReadTemplate>();
let rememberedChars = 0;
const MAX_REMEMBERED_CHARS = 8 * 1024 * 1024;

/** Keeps the read of a text (made with any file name) for takeRememberedRead. */
export function rememberRead(text: string, read: ReadTemplate): void {
  if (remembered.has(text) || rememberedChars + text.length > MAX_REMEMBERED_CHARS) return;
  remembered.set(text, read);
  rememberedChars += text.length;
}

/** The remembered read of `loc`'s text, its diagnostics placed in `loc`'s file; undefined when there is none. */
export function takeRememberedRead(loc: Locator): ReadTemplate | undefined {
  const read = remembered.get(loc.text);
  if (!read) return undefined;
  remembered.delete(loc.text);
  rememberedChars -= loc.text.length;
  // A `.json` file is never read as YAML (readTemplate): a read that fell back to YAML does not apply.
  if (read.format !== formatOf(loc.text) && loc.file.endsWith(".json")) return undefined;
  const diagnostics = read.diagnostics.map((diagnostic) => ({
    ...diagnostic,
    source: { ...diagnostic.source, file: loc.file },
  }));
  return { ...read, diagnostics };
}

function hasParseError(diagnostics: Diagnostic[]): boolean {
  return diagnostics.some((diagnostic) => diagnostic.code === "iac-parse-error");
}

/** One mistake often yields several errors at one place; the first says it best. */
function firstPerPlace(diagnostics: Diagnostic[]): Diagnostic[] {
  const places = new Set<string>();
  return diagnostics.filter(({ code, source }) => {
    if (code !== "iac-parse-error") return true;
    const place = `${source.line}:${source.column}`;
    if (places.has(place)) return false;
    places.add(place);
    return true;
  });
}

/** A key written twice in one map, reported at the second one (the last one is read). */
function duplicateKeys(root: CfnNode, loc: Locator): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const stack: CfnNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.kind === "tagged") stack.push(node.value);
    else if (node.kind === "seq") stack.push(...node.items);
    else if (node.kind === "map") {
      const seen = new Map<string, number>();
      for (const pair of node.pairs) {
        const first = seen.get(pair.key);
        if (first === undefined) seen.set(pair.key, pair.keySpan.start);
        else {
          const firstLine = loc.lines.position(first).line;
          diagnostics.push({
            code: "iac-parse-error",
            message: `duplicate key "${pair.key}" (first written on line ${firstLine}); the last one is read`,
            source: loc.at(pair.keySpan),
          });
        }
        stack.push(pair.value);
      }
    }
  }
  return diagnostics.sort((a, b) => a.source.line - b.source.line || a.source.column - b.source.column);
}
