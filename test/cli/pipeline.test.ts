/** What the pipeline adds around the modules: suppression rules in reports, discovery warnings, symlinked roots. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { parseTerraform } from "../../src/parsers/terraform/index.js";
import { SUPPRESSION_INVALID_RULE } from "../../src/suppress/index.js";
import { runCli } from "./run-cli.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "archlint-pipeline-"));
  temps.push(dir);
  return dir;
}

interface Sarif {
  runs: {
    tool: { driver: { rules: { id: string; shortDescription?: { text: string } }[] } };
    results: { ruleId: string }[];
  }[];
}

describe("suppressions in a check", () => {
  it("a suppression without a reason hides its finding, is reported, and SARIF describes its rule", async () => {
    const dir = path.join(tempDir(), "variant");
    cpSync(path.join(repoRoot, "fixtures/rails-ecs/drifted/secret-key-base-in-env"), dir, { recursive: true });
    mkdirSync(path.join(dir, "..", "..", "docs"), { recursive: true });
    cpSync(path.join(repoRoot, "fixtures/rails-ecs/docs"), path.join(dir, "..", "..", "docs"), { recursive: true });
    const file = path.join(dir, "ecs.tf");
    const lines = readFileSync(file, "utf8").split("\n");
    const at = lines.findIndex((line) => line.includes('name = "SECRET_KEY_BASE"'));
    lines.splice(at, 0, "        # archlint-disable-next-line secret-in-env");
    writeFileSync(file, lines.join("\n"));

    const run = await runCli(["check", dir, "--format", "sarif", "--rule", "relation-undocumented=off"]);
    const sarif = JSON.parse(run.stdout) as Sarif;
    const results = sarif.runs[0]!.results.map((result) => result.ruleId);
    expect(results).toEqual(["suppression-invalid"]);
    const rule = sarif.runs[0]!.tool.driver.rules.find((candidate) => candidate.id === "suppression-invalid");
    expect(rule?.shortDescription?.text).toBe(SUPPRESSION_INVALID_RULE.description);
    expect(run.code).toBe(0);
  });
});

describe("discovery warnings", () => {
  it("a configured pattern that matches nothing is said on stderr, and not with --quiet", async () => {
    const dir = tempDir();
    cpSync(path.join(repoRoot, "fixtures/posts-services/docs"), path.join(dir, "docs"), { recursive: true });
    writeFileSync(path.join(dir, ".archlintrc.json"), JSON.stringify({ docs: ["docs/*.md"], iac: ["infra/*.tf"] }));
    const loud = await runCli(["check", dir, "--format", "json"]);
    expect(loud.stderr).toBe('archlint: warning: "iac" pattern infra/*.tf matches no file.\n');
    const quiet = await runCli(["check", dir, "--format", "json", "--quiet"]);
    expect(quiet.stderr).toBe("");
  });
});

describe("paths under a scan root reached through a symbolic link", () => {
  it("are reported under the root as the user named it", async () => {
    const base = tempDir();
    const real = path.join(base, "real");
    mkdirSync(real);
    mkdirSync(path.join(base, "a", "b"), { recursive: true });
    const link = path.join(base, "a", "b", "link");
    symlinkSync(real, link);
    const infra = path.join(base, "other", "infra");
    mkdirSync(infra, { recursive: true });
    writeFileSync(path.join(infra, "main.tf"), 'resource "aws_sqs_queue" "jobs" {\n  name = "jobs"\n}\n');
    const parsed = await parseTerraform({ root: link, modules: [path.relative(link, infra)], scanRoots: [infra] });
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.resources.map((resource) => `${resource.address} ${resource.source.file}`)).toEqual([
      "aws_sqs_queue.jobs ../../../other/infra/main.tf",
    ]);
  });
});
