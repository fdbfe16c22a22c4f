/** The README's sample output is what archlint prints: the quick start must not drift either. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const readme = readFileSync(path.join(repoRoot, "README.md"), "utf8");

describe("README", () => {
  it("shows the quick start's real output", async () => {
    const sample = /```text\n\$ npx archlint (check [^\n]+)\n([\s\S]*?)```/.exec(readme);
    expect(sample).not.toBeNull();
    const argv = sample![1]!.split(" ");
    const run = await runCli([...argv, "--no-color"], repoRoot);
    expect(run.stdout).toBe(sample![2]);
    expect(run.code).toBe(1);
  });

  it("quick start checks the same example it shows", () => {
    const quickStart = /npm ci && npx archlint (check \S+)/.exec(readme);
    expect(quickStart?.[1]).toBe(/\$ npx archlint (check \S+)/.exec(readme)?.[1]);
  });
});
