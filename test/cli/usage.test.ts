import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const version = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
).version;

describe("archlint usage", () => {
  it("prints the version", async () => {
    const run = await runCli(["--version"]);
    expect(run).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("prints the commands with --help", async () => {
    const run = await runCli(["--help"]);
    expect(run.code).toBe(0);
    for (const command of ["check", "drift", "graph", "rules", "init"]) expect(run.stdout).toContain(`  ${command} `);
  });

  it("prints a command's options with <command> --help", async () => {
    const run = await runCli(["check", "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: archlint check \[PATH\.\.\.\]/);
    for (const option of [
      "--config FILE",
      "--format FORMAT",
      "--fail-on LEVEL",
      "--rule ID=LEVEL",
      "--baseline FILE",
    ]) {
      expect(run.stdout).toContain(option);
    }
  });

  it("exits 2 with a did-you-mean for an unknown command", async () => {
    const run = await runCli(["chek"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      'archlint: unknown command "chek". Did you mean "archlint check"? Run "archlint --help" for the commands.\n',
    );
  });

  it("exits 2 with a did-you-mean for an unknown option", async () => {
    const run = await runCli(["check", "--fial-on", "warning"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'archlint: unknown option --fial-on for "archlint check". Did you mean --fail-on? Run "archlint check --help" for the options.\n',
    );
  });

  it("exits 2 when an option value is not one of its choices", async () => {
    const run = await runCli(["check", "--format", "sarf"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'archlint: --format must be one of text, json, sarif, github, junit; got "sarf". Did you mean sarif?\n',
    );
  });

  it("exits 2 when an option lacks its value", async () => {
    const run = await runCli(["check", "--output"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("archlint: --output needs a value: --output FILE.\n");
  });

  it("exits 2 for a path that does not exist", async () => {
    const run = await runCli(["check", "no/such/dir"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("archlint: no such file or directory: no/such/dir. Check the PATH arguments.\n");
  });
});
