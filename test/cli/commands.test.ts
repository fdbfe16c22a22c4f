import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { allRules } from "../../src/rules/index.js";
import { runCli } from "./run-cli.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempCopy(fixture: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "archlint-cli-"));
  temps.push(dir);
  cpSync(path.join(repoRoot, fixture), dir, { recursive: true });
  return dir;
}

interface JsonReport {
  findings: { ruleId: string; level: string; location: { file: string; line: number; column: number } }[];
  summary: Record<string, number>;
}

describe("archlint rules", () => {
  it("lists every rule of the catalogue with its default level", async () => {
    const run = await runCli(["rules", "--format", "json"]);
    expect(run.code).toBe(0);
    const rows = JSON.parse(run.stdout) as { id: string; defaultLevel: string }[];
    expect(rows.map((row) => row.id)).toEqual(allRules.map((rule) => rule.meta.id));
    expect(rows.find((row) => row.id === "placement-public")?.defaultLevel).toBe("error");
    expect(rows.find((row) => row.id === "relation-undocumented")?.defaultLevel).toBe("note");
  });

  it("prints an aligned table without color when asked", async () => {
    const run = await runCli(["rules", "--no-color"]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain("\u001b[");
    expect(run.stdout).toMatch(/^secret-in-env +error +A secret is passed/m);
  });
});

describe("archlint check on documents only", () => {
  it("reports the doc rules at the bad token and exits 1", async () => {
    const run = await runCli(["check", "fixtures/malformed-docs", "--format", "json"], repoRoot);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as JsonReport;
    const seen = report.findings.map((f) => `${f.ruleId} ${f.location.file}:${f.location.line}:${f.location.column}`);
    expect(seen).toContain("doc-syntax-error syntax-error.md:6:50");
    expect(seen).toContain("doc-unknown-reference unknown-reference.md:8:14");
    expect(seen).toContain("doc-duplicate-id duplicate-id.md:6:17");
    // Only document rules run when there is no infrastructure code to compare with.
    expect(report.findings.every((f) => f.ruleId.startsWith("doc-"))).toBe(true);
  });

  it("gates on --fail-on", async () => {
    const warningsOnly = await runCli(
      ["check", "fixtures/malformed-docs/duplicate-id.md", "--format", "json", "--fail-on", "error"],
      repoRoot,
    );
    expect(warningsOnly.code).toBe(0);
    const failOnWarning = await runCli(
      ["check", "fixtures/malformed-docs/duplicate-id.md", "--format", "json", "--fail-on", "warning"],
      repoRoot,
    );
    expect(failOnWarning.code).toBe(1);
  });

  it("exits 2 when nothing can be read", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "archlint-empty-"));
    temps.push(dir);
    const run = await runCli(["check", dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^archlint: no inputs found in .*: no architecture document/);
  });
});

describe("archlint graph", () => {
  it("prints the documented graph with the model's field names", async () => {
    const run = await runCli(["graph", "fixtures/inkwell/docs", "--source", "docs"], repoRoot);
    expect(run.code).toBe(0);
    const graph = JSON.parse(run.stdout) as {
      elements: Record<string, unknown>[];
      relations: Record<string, unknown>[];
    };
    const replica = graph.elements.find((element) => element.id === "db_replica");
    expect(replica).toMatchObject({ kind: "database", view: "physical", attributes: { replicaOf: "db_primary" } });
    expect(Object.keys(replica!)).toEqual(expect.arrayContaining(["id", "kind", "label", "attributes", "source"]));
    expect(graph.relations.length).toBeGreaterThan(0);
  });

  it("says that the mapping has no mermaid form", async () => {
    const run = await runCli(
      ["graph", "fixtures/inkwell/terraform", "--source", "mapping", "--format", "mermaid"],
      repoRoot,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("archlint: --source mapping prints JSON only; drop --format mermaid.\n");
  });

  it("prints the mapping with its evidence", async () => {
    const run = await runCli(["graph", "fixtures/inkwell/terraform", "--source", "mapping"], repoRoot);
    expect(run.code).toBe(0);
    const mapping = JSON.parse(run.stdout) as { pairs: { component: string; resources: string[]; evidence: string }[] };
    const replica = mapping.pairs.find((pair) => pair.component === "db_replica");
    expect(replica?.resources).toEqual(["aws_db_instance.replica"]);
    expect(replica?.evidence.length).toBeGreaterThan(0);
  });
});

describe("archlint init", () => {
  it("writes a starter configuration that check then reads, and refuses to overwrite it", async () => {
    const dir = tempCopy("fixtures/posts-services");
    rmSync(path.join(dir, "drifted"), { recursive: true });
    rmSync(path.join(dir, "cloudformation"), { recursive: true });
    const first = await runCli(["init", dir]);
    expect(first.code).toBe(0);
    const file = path.join(dir, ".archlintrc.json");
    expect(existsSync(file)).toBe(true);
    const config = JSON.parse(readFileSync(file, "utf8")) as { docs?: string[]; iac?: string[] };
    expect(config.docs).toEqual(["docs/architecture.md"]);
    const again = await runCli(["init", dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("exists already; use --force to overwrite it.");
    const check = await runCli(["check", dir, "--format", "json"]);
    expect(check.code).toBe(0);
  });
});

describe("archlint drift", () => {
  it("says it is not available yet and exits 2", async () => {
    const run = await runCli(["drift"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("archlint drift is not available in this version yet");
  });
});

const seeds = path.resolve(repoRoot, "../shared/seeds");

describe.skipIf(!existsSync(seeds))("archlint check with documents and code in different directories", () => {
  it("reads a named Terraform directory outside DIR and reports its paths relative to DIR", async () => {
    const run = await runCli(
      ["check", path.join(seeds, "002_579a14eec5f94061.txt"), "fixtures/classifyhub/terraform", "--format", "json"],
      repoRoot,
    );
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.findings.filter((finding) => finding.level !== "note")).toEqual([]);
    // Nothing was refused as outside the scanned directory.
    expect(report.findings.map((finding) => finding.ruleId)).not.toContain("iac-unreadable");
  });

  it("finds the drift of a named Terraform directory against a seed document", async () => {
    const run = await runCli(
      [
        "check",
        path.join(seeds, "002_579a14eec5f94061.txt"),
        "fixtures/classifyhub/drifted/db-multi-az-off",
        "--format",
        "json",
      ],
      repoRoot,
    );
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as JsonReport;
    const relative = path.relative(seeds, path.join(repoRoot, "fixtures/classifyhub/drifted/db-multi-az-off/data.tf"));
    expect(
      report.findings.map((f) => `${f.ruleId} ${f.location.file}:${f.location.line}:${f.location.column}`),
    ).toEqual([`multi-az-missing ${relative.split(path.sep).join("/")}:22:3`]);
  });
});
