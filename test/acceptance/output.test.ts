/**
 * What CI scripts depend on (cli.md): every format is stable byte for byte, `--fail-on` and
 * `--rule` gate the exit code, a baseline survives code moving, and no format ever prints a
 * secret value.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";
import { checkJson, copyInto, repoRoot, scratchDirectories } from "./helpers.js";

const FORMATS = ["text", "json", "sarif", "github", "junit"] as const;

/** One error: SECRET_KEY_BASE as a literal in the rails container's environment. */
const SECRET_VARIANT = "fixtures/rails-ecs/drifted/secret-key-base-in-env";
/** One warning (users' maximum capacity) and one note (the ALB's zones are unknown). */
const WARNING_AND_NOTE = "fixtures/posts-services/drifted/users-max-capacity";
/** Nothing but one note. */
const NOTE_ONLY = "fixtures/posts-services/cloudformation";

const scratch = scratchDirectories();

async function check(target: string, ...options: string[]) {
  return runCli(["check", target, "--no-color", ...options], repoRoot);
}

/** The literal value the variant writes for SECRET_KEY_BASE, read from the fixture itself. */
function rawSecretValue(): string {
  const text = readFileSync(path.join(repoRoot, SECRET_VARIANT, "ecs.tf"), "utf8");
  const value = /name = "SECRET_KEY_BASE", value = "([^"]+)"/.exec(text)?.[1];
  if (!value) throw new Error("SECRET_KEY_BASE literal not found in the fixture");
  return value;
}

describe("output formats", () => {
  for (const format of FORMATS)
    it(`${format} is byte-identical across two runs`, async () => {
      const first = await check(SECRET_VARIANT, "--format", format);
      const second = await check(SECRET_VARIANT, "--format", format);
      expect(first.code).toBe(1);
      expect(first.stdout.length).toBeGreaterThan(0);
      expect(second.stdout).toBe(first.stdout);
      expect(second.code).toBe(first.code);
    });

  it("never prints the secret value, in any format, and shows it masked", async () => {
    const secret = rawSecretValue();
    expect(secret).toHaveLength(128);
    for (const format of FORMATS) {
      const run = await check(SECRET_VARIANT, "--format", format);
      expect(run.stdout).toContain("SECRET_KEY_BASE");
      expect(run.stdout).not.toContain(secret);
      // Not even a long piece of it: at most the first few characters are shown.
      expect(run.stdout).not.toContain(secret.slice(0, 12));
      expect(run.stderr).not.toContain(secret.slice(0, 12));
    }
    const json = await checkJson([SECRET_VARIANT]);
    expect(json.report.findings[0]?.message).toContain('"00ab…" (128 chars)');
  });
});

describe("--fail-on", () => {
  it.each([
    ["error", 0],
    ["warning", 1],
    ["note", 1],
    ["never", 0],
  ])("--fail-on %s on a warning and a note exits %i", async (level, code) => {
    expect((await check(WARNING_AND_NOTE, "--format", "json", "--fail-on", level)).code).toBe(code);
  });

  it.each([
    ["warning", 0],
    ["note", 1],
  ])("--fail-on %s on a note alone exits %i", async (level, code) => {
    expect((await check(NOTE_ONLY, "--format", "json", "--fail-on", level)).code).toBe(code);
  });

  it("--fail-on never exits 0 on an error, and still reports it", async () => {
    const run = await checkJson([SECRET_VARIANT], ["--fail-on", "never"]);
    expect(run.code).toBe(0);
    expect(run.rows.map((row) => row.ruleId)).toEqual(["secret-in-env"]);
  });
});

describe("--rule", () => {
  it("ID=off removes that rule's findings and only those", async () => {
    const off = await checkJson([WARNING_AND_NOTE], ["--rule", "multi-az-missing=off"]);
    expect(off.rows.map((row) => `${row.ruleId} ${row.level}`)).toEqual(["capacity-mismatch warning"]);
    const secret = await checkJson([SECRET_VARIANT], ["--rule", "secret-in-env=off"]);
    expect(secret.rows).toEqual([]);
    expect(secret.code).toBe(0);
  });

  it("ID=LEVEL changes the level, and with it the exit code", async () => {
    const run = await checkJson([SECRET_VARIANT], ["--rule", "secret-in-env=warning"]);
    expect(run.rows.map((row) => `${row.ruleId} ${row.level}`)).toEqual(["secret-in-env warning"]);
    expect(run.code).toBe(0);
  });
});

describe("baselines", () => {
  /** A scratch copy of the variant with the system's docs where its configuration expects them. */
  function variantCopy(): { root: string; variant: string } {
    const root = scratch("baseline");
    copyInto(root, "fixtures/rails-ecs/docs", SECRET_VARIANT);
    return { root, variant: path.join(root, SECRET_VARIANT) };
  }

  it("records the findings, then reports none of them, even after the flagged block moves", async () => {
    const { root, variant } = variantCopy();
    const baseline = path.join(root, "baseline.json");
    const record = await runCli(["check", variant, "--update-baseline", baseline]);
    expect(record.code).toBe(0);
    const recorded = JSON.parse(readFileSync(baseline, "utf8")) as { entries: { ruleId: string; file: string }[] };
    expect(recorded.entries.map((entry) => `${entry.ruleId} ${entry.file}`)).toEqual(["secret-in-env ecs.tf"]);

    const same = await checkJson([variant], ["--baseline", baseline]);
    expect(same.rows).toEqual([]);
    expect(same.code).toBe(0);

    // Move the task definition (and the flagged variable with it) six lines down.
    const ecs = path.join(variant, "ecs.tf");
    const text = readFileSync(ecs, "utf8");
    const block = 'resource "aws_ecs_task_definition" "app" {';
    expect(text).toContain(block);
    writeFileSync(ecs, text.replace(block, `# Rails and Nginx in one task\n\n\n\n\n\n${block}`));
    const moved = await checkJson([variant]);
    expect(moved.rows.map((row) => `${row.ruleId} ${row.file}:${row.line}`)).toEqual(["secret-in-env ecs.tf:153"]);
    const movedWithBaseline = await checkJson([variant], ["--baseline", baseline]);
    expect(movedWithBaseline.rows).toEqual([]);
    expect(movedWithBaseline.code).toBe(0);
  });

  it("still reports a finding the baseline does not record", async () => {
    const { root, variant } = variantCopy();
    const baseline = path.join(root, "baseline.json");
    expect((await runCli(["check", variant, "--update-baseline", baseline])).code).toBe(0);
    // A second literal secret in the same environment is new drift.
    const ecs = path.join(variant, "ecs.tf");
    const text = readFileSync(ecs, "utf8");
    const anchor = '{ name = "DATABASE_NAME", value = "rails_production" },';
    expect(text).toContain(anchor);
    writeFileSync(
      ecs,
      text.replace(anchor, `${anchor}\n        { name = "API_TOKEN", value = "changeme-but-secret" },`),
    );
    const run = await checkJson([variant], ["--baseline", baseline]);
    expect(run.rows.map((row) => `${row.ruleId} ${row.file}:${row.line}:${row.column}`)).toEqual([
      "secret-in-env ecs.tf:147:18",
    ]);
    expect(run.code).toBe(1);
  });
});
