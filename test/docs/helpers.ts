import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Element, Graph } from "../../src/model/graph.js";
import { parseDiagramBlock } from "../../src/parsers/mermaid/index.js";
import { fileLines, MappedText } from "../../src/parsers/mermaid/text.js";
import type { ParsedDiagram } from "../../src/parsers/mermaid/types.js";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const seedsDir = path.resolve(repoRoot, "../shared/seeds");
export const haveSeeds = existsSync(seedsDir);

export function seed(prefix: string): string {
  const name = [
    "000_ebf05f1aefb38b73.txt",
    "001_983b2ef07c8bf281.txt",
    "002_579a14eec5f94061.txt",
    "003_a8b9eef27c6b6d12.txt",
    "004_b061a553c8b7082c.txt",
  ].find((n) => n.startsWith(prefix))!;
  return readFileSync(path.join(seedsDir, name), "utf8");
}

export function fixture(relative: string): string {
  return readFileSync(path.join(repoRoot, "fixtures", relative), "utf8");
}

/** Parses one diagram given as bare text (line 1, column 1 = first character). */
export function parse(text: string, file = "d.mmd"): ParsedDiagram {
  const diagram = parseDiagramBlock(new MappedText(file, fileLines(text)));
  if (!diagram) throw new Error("no diagram");
  return diagram;
}

export function byId(graph: Graph, id: string): Element {
  const element = graph.elements.find((e) => e.id === id);
  if (!element) throw new Error(`no element ${id}; have ${graph.elements.map((e) => e.id).join(", ")}`);
  return element;
}

export function ids(graph: Graph, view?: "logical" | "physical"): string[] {
  return graph.elements.filter((e) => !view || e.view === view).map((e) => e.id);
}
