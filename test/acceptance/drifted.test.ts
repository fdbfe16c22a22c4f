/**
 * Every drifted variant gives exactly the findings its DRIFT.md lists: same fields, same order,
 * nothing more (notes included), and exit code 1 exactly when one of them is an error.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkJson, type FindingRow, fixturesRoot, SYSTEMS } from "./helpers.js";

/** The fenced JSON list of DRIFT.md: the exact expected findings. */
function expectedFindings(driftFile: string): FindingRow[] {
  const text = readFileSync(driftFile, "utf8");
  const block = /```json\n([\s\S]*?)\n```/.exec(text);
  if (!block) throw new Error(`${driftFile} has no JSON block of expected findings`);
  return JSON.parse(block[1]!) as FindingRow[];
}

function variantsOf(system: string): string[] {
  const dir = path.join(fixturesRoot, system, "drifted");
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Variants that must give nothing, named for what they prove. */
const NEGATIVE: Record<string, string> = {
  "inkwell/db-sg-open-to-world":
    "a database security group open to 0.0.0.0/0 on a private, non-public database is exposure without reachability: no finding",
};

describe("drifted variants", () => {
  for (const system of SYSTEMS)
    for (const variant of variantsOf(system)) {
      const dir = `fixtures/${system}/drifted/${variant}`;
      const expected = expectedFindings(path.join(fixturesRoot, system, "drifted", variant, "DRIFT.md"));
      const negative = NEGATIVE[`${system}/${variant}`];
      const title = negative
        ? `${system}/${variant}: ${negative}`
        : `${system}/${variant}: ${expected.map((row) => `${row.ruleId} (${row.component ?? row.resource})`).join(", ")}`;
      it(title, async () => {
        const run = await checkJson([dir]);
        expect(run.stderr).toBe("");
        expect(run.rows).toEqual(expected);
        expect(run.code).toBe(expected.some((row) => row.level === "error") ? 1 : 0);
      });
    }

  it("lists a negative variant as one with no expected finding", () => {
    const file = path.join(fixturesRoot, "inkwell", "drifted", "db-sg-open-to-world", "DRIFT.md");
    expect(expectedFindings(file)).toEqual([]);
  });
});
