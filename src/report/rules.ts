/** `archlint rules`: one aligned row per rule: id, default level, one-line description. */
import type { RuleMeta } from "../rules/types.js";
import { LEVEL_STYLE, painter } from "./ansi.js";

export function formatRules(rules: readonly RuleMeta[], color: boolean): string {
  const paint = painter(color);
  const idWidth = Math.max("rule".length, ...rules.map((rule) => rule.id.length));
  const levelWidth = "warning".length;
  const header = paint("bold", `${"rule".padEnd(idWidth)}  ${"default".padEnd(levelWidth)}  description`);
  const rows = rules.map((rule) => {
    const level = paint(LEVEL_STYLE[rule.defaultLevel], rule.defaultLevel.padEnd(levelWidth));
    return `${rule.id.padEnd(idWidth)}  ${level}  ${rule.description}`;
  });
  return `${[header, ...rows].join("\n")}\n`;
}
