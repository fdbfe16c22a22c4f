/**
 * Terraform that points outside the scanned directory or at remote modules: `../../outside`
 * module sources, `file("../../etc/passwd")`, symbolic links out of the root, registry and git
 * modules. archlint reports each at its place and reads nothing outside the directory.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildDeclaredGraph } from "../../src/iac/index.js";
import type { Graph } from "../../src/model/graph.js";
import type { IacParseResult } from "../../src/model/iac.js";
import { parseTerraform } from "../../src/parsers/terraform/index.js";
import { runCli } from "../cli/run-cli.js";
import { locate } from "./helpers.js";

/** Planted outside the scanned directory: must never show up in anything archlint produces. */
const SENTINEL = "SENTINEL-outside-the-scan-root-7f3a";

const MAIN_TF = `module "outside" {
  source = "../../outside"
}

module "linked" {
  source = "./linked-module"
}

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.8.1"
}

module "db" {
  source = "git::https://example.com/acme/db.git?ref=v1.2.0"
  count  = 2
}

resource "aws_instance" "app" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  user_data     = file("../../etc/passwd")

  tags = {
    Linked = file("linked.txt")
  }
}
`;

/**
 * <tmp>/a/etc/passwd and <tmp>/a/outside/main.tf hold the sentinel; the scan root is
 * <tmp>/a/b/scan, where `../../` leads to <tmp>/a. Two symbolic links inside the root lead out.
 */
function plant(): { base: string; root: string } {
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "archlint-escape-")));
  const outer = path.join(base, "a");
  const root = path.join(outer, "b", "scan");
  fs.mkdirSync(path.join(outer, "etc"), { recursive: true });
  fs.mkdirSync(path.join(outer, "outside"), { recursive: true });
  fs.mkdirSync(root, { recursive: true });
  fs.writeFileSync(path.join(outer, "etc", "passwd"), `root:x:0:0:${SENTINEL}:/root:/bin/sh\n`);
  fs.writeFileSync(
    path.join(outer, "outside", "main.tf"),
    `resource "aws_s3_bucket" "leak" {\n  bucket = "${SENTINEL}"\n}\n`,
  );
  fs.writeFileSync(path.join(root, "main.tf"), MAIN_TF);
  fs.symlinkSync(path.join(outer, "etc", "passwd"), path.join(root, "linked.txt"));
  fs.symlinkSync(path.join(outer, "outside"), path.join(root, "linked-module"), "dir");
  return { base, root };
}

/** Every path handed to a content-reading fs function while `action` runs. */
async function pathsRead<T>(action: () => Promise<T>): Promise<{ result: T; paths: string[] }> {
  const paths: string[] = [];
  const record = (target: unknown) => {
    if (typeof target === "string") paths.push(path.resolve(target));
    else if (target instanceof URL) paths.push(target.pathname);
  };
  // The originals, taken before the spies replace them.
  const { readFileSync, readdirSync, openSync } = fs;
  const spies = [
    vi.spyOn(fs, "readFileSync").mockImplementation(passThrough(readFileSync, record)),
    vi.spyOn(fs, "readdirSync").mockImplementation(passThrough(readdirSync, record)),
    vi.spyOn(fs, "openSync").mockImplementation(passThrough(openSync, record)),
  ];
  try {
    return { result: await action(), paths };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

/** The original function, recording its first argument. */
function passThrough<F extends (...args: never[]) => unknown>(original: F, record: (target: unknown) => void): F {
  const bound = original.bind(fs) as F;
  return ((...args: Parameters<F>) => {
    record(args[0]);
    return bound(...args);
  }) as F;
}

describe("Terraform pointing outside the scanned directory", () => {
  let base = "";
  let root = "";
  let parsed: IacParseResult;
  let graph: Graph;
  let read: string[] = [];

  beforeAll(async () => {
    ({ base, root } = plant());
    // Load the grammars first: their wasm files live in node_modules, not in the scan.
    await parseTerraform({ root, modules: [] });
    const run = await pathsRead(() => parseTerraform({ root, modules: ["."] }));
    parsed = run.result;
    read = run.paths;
    graph = buildDeclaredGraph(parsed);
  });

  afterAll(() => {
    if (base) fs.rmSync(base, { recursive: true, force: true });
  });

  it("reports the module source that leaves the directory at its `source` value", () => {
    const escapes = parsed.diagnostics.filter((diagnostic) => diagnostic.code === "iac-path-escape");
    expect(escapes).toContainEqual(
      expect.objectContaining({
        resource: "module.outside",
        source: expect.objectContaining(locate(root, "main.tf", 'module "outside"', '"../../outside"')),
        message: expect.stringContaining("../../outside"),
      }),
    );
  });

  it("reports a module source that is a symbolic link out of the directory", () => {
    const escapes = parsed.diagnostics.filter((diagnostic) => diagnostic.code === "iac-path-escape");
    expect(escapes).toContainEqual(
      expect.objectContaining({
        resource: "module.linked",
        source: expect.objectContaining(locate(root, "main.tf", 'module "linked"', '"./linked-module"')),
      }),
    );
  });

  it("reports file() of a path outside the directory, and of a link out of it, at the call", () => {
    const escapes = parsed.diagnostics.filter(
      (diagnostic) => diagnostic.code === "iac-path-escape" && diagnostic.message.startsWith("file "),
    );
    expect(escapes.map((diagnostic) => diagnostic.source)).toEqual([
      locate(root, "main.tf", 'file("../../etc/passwd")'),
      locate(root, "main.tf", 'file("linked.txt")'),
    ]);
    expect(escapes[0]?.message).toContain("../../etc/passwd");
    expect(escapes[1]?.message).toContain("linked.txt");
  });

  it("gives one iac-module-not-read note per remote module call, at its `module` block", () => {
    const notRead = parsed.diagnostics.filter((diagnostic) => diagnostic.code === "iac-module-not-read");
    expect(notRead.map((diagnostic) => [diagnostic.resource, diagnostic.source])).toEqual([
      ["module.vpc", locate(root, "main.tf", 'module "vpc" {')],
      // `count = 2`: still one note for the one call.
      ["module.db", locate(root, "main.tf", 'module "db" {')],
    ]);
    expect(notRead[0]?.message).toContain("terraform-aws-modules/vpc/aws");
    expect(notRead[1]?.message).toContain("git::https://example.com/acme/db.git");
  });

  it("has no other diagnostic", () => {
    expect(parsed.diagnostics.map((diagnostic) => diagnostic.code).sort()).toEqual([
      "iac-module-not-read",
      "iac-module-not-read",
      "iac-path-escape",
      "iac-path-escape",
      "iac-path-escape",
      "iac-path-escape",
    ]);
  });

  it("declares only the resource inside the directory, its file-read values unknown", () => {
    expect(parsed.resources.map((resource) => resource.address)).toEqual(["aws_instance.app"]);
    expect(graph.elements.map((element) => element.id)).toEqual(["aws_instance.app"]);
    expect(parsed.resources[0]?.body.entries.user_data?.kind).toBe("unknown");
    expect(parsed.files).toEqual(["main.tf"]);
  });

  it("never opens, lists or reads anything outside the directory", () => {
    const outside = read.filter((file) => file.startsWith(base) && !file.startsWith(root));
    expect(outside).toEqual([]);
    expect(read.some((file) => file === path.join(root, "main.tf"))).toBe(true);
  });

  it("never lets the content planted outside reach the parse result or the graph", () => {
    expect(JSON.stringify(parsed)).not.toContain(SENTINEL);
    expect(JSON.stringify(graph)).not.toContain(SENTINEL);
  });

  it("reports the skipped modules as iac-unreadable notes in `archlint check`, and exits 0", async () => {
    const run = await runCli(["check", root, "--format", "json"]);
    expect(run.stdout).not.toContain(SENTINEL);
    const report = JSON.parse(run.stdout) as { findings: { ruleId: string; level: string; line: number }[] };
    const unreadable = report.findings.filter((finding) => finding.ruleId === "iac-unreadable");
    expect(unreadable).toHaveLength(6);
    expect(unreadable.every((finding) => finding.level === "note")).toBe(true);
    expect(run.code).toBe(0);
  });
});

describe("a .tf file that cannot be read", () => {
  // A read error (EACCES here) must not make the file's resources vanish without a word.
  it("is reported at the file, not silently skipped", async () => {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "archlint-unreadable-")));
    try {
      fs.writeFileSync(path.join(root, "main.tf"), 'resource "aws_sqs_queue" "jobs" {}\n');
      fs.writeFileSync(path.join(root, "other.tf"), 'resource "aws_sqs_queue" "mail" {}\n');
      await parseTerraform({ root, modules: [] });
      const { readFileSync } = fs;
      const denied = path.join(root, "main.tf");
      const spy = vi.spyOn(fs, "readFileSync").mockImplementation(((
        file: fs.PathOrFileDescriptor,
        options?: unknown,
      ) => {
        if (file === denied)
          throw Object.assign(new Error(`EACCES: permission denied, open '${denied}'`), { code: "EACCES" });
        return (readFileSync as (file: fs.PathOrFileDescriptor, options?: unknown) => string | Buffer)(file, options);
      }) as typeof fs.readFileSync);
      const parsed = await parseTerraform({ root, modules: ["."] }).finally(() => spy.mockRestore());
      expect(parsed.resources.map((resource) => resource.address)).toEqual(["aws_sqs_queue.mail"]);
      expect(parsed.diagnostics).toEqual([
        {
          code: "iac-parse-error",
          message: "could not read the file: permission denied",
          source: { file: "main.tf", line: 1, column: 1 },
        },
      ]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
