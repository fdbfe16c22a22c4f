/**
 * Component-to-resource mapping tables in Markdown (seed 001: "Logical Component | Physical
 * Resource | Rationale"): each row links a logical element to a physical one. Cell text is
 * resolved to element ids of the same document by label: exact first, then by shared words
 * (a node's words include its group's title: "Redis Cluster" in "Amazon ElastiCache").
 */
import type { Element } from "../model/graph.js";
import type { ViewLink } from "../model/mapping.js";
import type { SourceLocation } from "../model/source.js";
import type { MarkdownTable } from "../parsers/markdown.js";

/** A view link with the place that states it. */
export interface DocViewLink extends ViewLink {
  source: SourceLocation;
}

const LOGICAL_HEADER = /\b(logical|component|element|container|service)\b/i;
const PHYSICAL_HEADER = /\b(physical|resource|deployment|infrastructure|aws|cloud)\b/i;
/** Words that say nothing about which element is meant. */
const STOP_WORDS = new Set([
  "amazon",
  "aws",
  "for",
  "the",
  "a",
  "an",
  "of",
  "on",
  "in",
  "to",
  "and",
  "with",
  "running",
  "shared",
]);

/** The text a cell names: its first code span when it has one, else the cell without markup. */
export function cellName(markdown: string): string {
  const code = /`([^`]+)`/.exec(markdown);
  const text = code
    ? code[1]!
    : markdown
        .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
        .replace(/\*\*|__|[*_]/g, "")
        .replace(/<[^>]+>/g, " ");
  return text.replace(/\s+/g, " ").trim();
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0 && !STOP_WORDS.has(w));
}

/** Resolves a cell's name to one element id, or undefined when nothing matches well enough. */
export function resolveName(name: string, elements: Element[]): string | undefined {
  const wanted = name.toLowerCase();
  const candidates = elements.filter((e) => !e.attributes.placeholder);
  const exact = candidates.find((e) => e.label.toLowerCase() === wanted || e.id.toLowerCase() === wanted);
  if (exact) return exact.id;
  const byId = new Map(elements.map((e) => [e.id, e]));
  const target = words(name);
  if (target.length === 0) return undefined;
  const scored = candidates.map((element, order) => {
    const parent = element.parent ? byId.get(element.parent) : undefined;
    const own = new Set(words(`${element.label} ${element.technology ?? ""} ${parent?.label ?? ""}`));
    const score = target.filter((w) => own.has(w)).length / target.length;
    const secondary = element.attributes.replicaOf !== undefined || element.attributes.standbyOf !== undefined;
    return { element, score, rank: [element.boundary ? 1 : 0, secondary ? 1 : 0, order] };
  });
  scored.sort((a, b) => b.score - a.score || compareRanks(a.rank, b.rank));
  const best = scored[0];
  return best && best.score >= 0.5 ? best.element.id : undefined;
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

function mappingColumns(table: MarkdownTable): { logical: number; physical: number } | undefined {
  const headers = table.header.map((cell) => cellName(cell.text));
  const logical = headers.findIndex((h) => /\blogical\b/i.test(h));
  const physical = headers.findIndex((h) => /\bphysical\b/i.test(h));
  const l = logical !== -1 ? logical : headers.findIndex((h) => LOGICAL_HEADER.test(h));
  const p = physical !== -1 ? physical : headers.findIndex((h, i) => i !== l && PHYSICAL_HEADER.test(h));
  return l !== -1 && p !== -1 && l !== p ? { logical: l, physical: p } : undefined;
}

/** View links stated by the mapping tables of one document. */
export function tableViewLinks(
  file: string,
  tables: MarkdownTable[],
  logical: Element[],
  physical: Element[],
): DocViewLink[] {
  const links: DocViewLink[] = [];
  for (const table of tables) {
    const columns = mappingColumns(table);
    if (!columns) continue;
    for (const row of table.rows) {
      const logicalCell = row.cells[columns.logical];
      const physicalCell = row.cells[columns.physical];
      if (!logicalCell || !physicalCell) continue;
      const from = resolveName(cellName(logicalCell.text), logical);
      const to = resolveName(cellName(physicalCell.text), physical);
      if (!from || !to) continue;
      links.push({
        logical: from,
        physical: to,
        evidence: `mapping table row at ${file}:${row.source.line}: ${cellName(logicalCell.text)} → ${cellName(physicalCell.text)}`,
        source: row.source,
      });
    }
  }
  return links;
}
