/**
 * `--format text`: findings grouped by file, one aligned row per finding, the other side of the
 * drift and a fix hint beneath it, then a summary line. ANSI colors only when `color` is set.
 */
import type { Finding } from "../model/finding.js";
import { LEVEL_STYLE, type Painter, painter, type Style } from "./ansi.js";
import { countLevels, formatPosition, type LevelCounts, plural, sortFindings } from "./common.js";

const LEVEL_WIDTH = "warning".length;

function groupByFile(findings: readonly Finding[]): Finding[][] {
  const groups: Finding[][] = [];
  for (const finding of findings) {
    const last = groups[groups.length - 1];
    if (last && last[0]!.location.file === finding.location.file) last.push(finding);
    else groups.push([finding]);
  }
  return groups;
}

/** Continuation lines of a multi-line message stay under the message column. */
function indentContinuation(text: string, indent: string): string {
  return text.replace(/\r?\n/g, `\n${indent}`);
}

function formatGroup(group: Finding[], paint: Painter): string[] {
  const positions = group.map((finding) => `${finding.location.line}:${finding.location.column}`);
  const positionWidth = Math.max(...positions.map((position) => position.length));
  const detailIndent = " ".repeat(2 + positionWidth + 2);
  const messageIndent = " ".repeat(2 + positionWidth + 2 + LEVEL_WIDTH + 2);
  const lines = [paint("underline", group[0]!.location.file)];
  group.forEach((finding, index) => {
    const position = paint("dim", positions[index]!.padEnd(positionWidth));
    const level = paint(LEVEL_STYLE[finding.level], finding.level.padEnd(LEVEL_WIDTH));
    const message = indentContinuation(finding.message, messageIndent);
    lines.push(`  ${position}  ${level}  ${message}  ${paint("dim", finding.ruleId)}`);
    for (const related of finding.related) {
      const where = formatPosition(related);
      const text = related.message === "" ? where : `${where} ${indentContinuation(related.message, detailIndent)}`;
      lines.push(`${detailIndent}${paint("dim", `↳ ${text}`)}`);
    }
    if (finding.fix !== undefined && finding.fix !== "") {
      lines.push(`${detailIndent}${paint("green", "fix:")} ${indentContinuation(finding.fix, detailIndent)}`);
    }
  });
  return lines;
}

function summaryLine(counts: LevelCounts, paint: Painter): string {
  const total = counts.error + counts.warning + counts.note;
  if (total === 0) return paint("green", "✔ no problems");
  const style: Style = counts.error > 0 ? "red" : counts.warning > 0 ? "yellow" : "cyan";
  const details = [plural(counts.error, "error"), plural(counts.warning, "warning"), plural(counts.note, "note")].join(
    ", ",
  );
  return paint("bold", paint(style, `✖ ${plural(total, "problem")} (${details})`));
}

export function formatText(findings: readonly Finding[], color: boolean): string {
  const paint = painter(color);
  const sorted = sortFindings(findings);
  const blocks = groupByFile(sorted).map((group) => formatGroup(group, paint).join("\n"));
  blocks.push(summaryLine(countLevels(sorted), paint));
  return `${blocks.join("\n\n")}\n`;
}
