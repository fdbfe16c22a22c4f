/**
 * Files of a module that exist and cannot be read are reported at the file (line 1, column 1)
 * instead of vanishing with their resources; what is simply not there stays silent.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, test, vi } from "vitest";
import type { IacParseResult } from "../../src/model/iac.js";
import { parseTerraform } from "../../src/parsers/terraform/index.js";
import { plain, resourceAt, writeTree } from "./helpers.js";

const QUEUE = 'resource "aws_sqs_queue" "jobs" {}\n';

const roots: string[] = [];

/** A tree written from `files`, then changed by `arrange` (links, FIFOs, directories). */
function tree(files: Record<string, string>, arrange: (root: string) => void = () => {}): string {
  const root = fs.realpathSync(writeTree(files));
  roots.push(root);
  arrange(root);
  return root;
}

function parse(root: string, options: { tfvars?: string[] } = {}): Promise<IacParseResult> {
  return parseTerraform({ root, modules: ["."], ...options });
}

function unreadable(file: string, reason: string, what = "file") {
  return {
    code: "iac-parse-error",
    message: `could not read the ${what}: ${reason}`,
    source: { file, line: 1, column: 1 },
  };
}

afterEach(() => {
  vi.restoreAllMocks();
  for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
});

describe("a .tf entry that cannot be read", () => {
  test("a symbolic link to nothing is reported at the link; the other files are read", async () => {
    const root = tree({ "main.tf": QUEUE }, (dir) =>
      fs.symlinkSync(path.join(dir, "gone.tf"), path.join(dir, "db.tf")),
    );
    const result = await parse(root);
    expect(result.resources.map((resource) => resource.address)).toEqual(["aws_sqs_queue.jobs"]);
    expect(result.diagnostics).toEqual([unreadable("db.tf", "a symbolic link to nothing")]);
    expect(result.files).toEqual(["main.tf"]);
  });

  test.skipIf(process.platform === "win32")("a FIFO is reported, never read (the read would block)", async () => {
    const root = tree({ "main.tf": QUEUE }, (dir) => execFileSync("mkfifo", [path.join(dir, "pipe.tf")]));
    const result = await parse(root);
    expect(result.resources.map((resource) => resource.address)).toEqual(["aws_sqs_queue.jobs"]);
    expect(result.diagnostics).toEqual([unreadable("pipe.tf", "not a regular file")]);
  });

  test("a permission error is reported with its reason, without the absolute path", async () => {
    const root = tree({ "main.tf": QUEUE, "db.tf": 'resource "aws_db_instance" "main" {}\n' });
    const denied = path.join(root, "db.tf");
    const { readFileSync } = fs;
    vi.spyOn(fs, "readFileSync").mockImplementation(((file: fs.PathOrFileDescriptor, options?: unknown) => {
      if (file === denied)
        throw Object.assign(new Error(`EACCES: permission denied, open '${denied}'`), { code: "EACCES" });
      return (readFileSync as (file: fs.PathOrFileDescriptor, options?: unknown) => string | Buffer)(file, options);
    }) as typeof fs.readFileSync);
    const result = await parse(root);
    expect(result.resources.map((resource) => resource.address)).toEqual(["aws_sqs_queue.jobs"]);
    expect(result.diagnostics).toEqual([unreadable("db.tf", "permission denied")]);
  });

  test("a module directory that cannot be listed is reported at the directory", async () => {
    const root = tree({
      "main.tf": 'module "net" {\n  source = "./net"\n}\n',
      "net/main.tf": QUEUE,
    });
    const denied = path.join(root, "net");
    const { readdirSync } = fs;
    vi.spyOn(fs, "readdirSync").mockImplementation(((directory: fs.PathLike, options?: unknown) => {
      if (directory === denied)
        throw Object.assign(new Error(`EACCES: permission denied, scandir '${denied}'`), { code: "EACCES" });
      return (readdirSync as (directory: fs.PathLike, options?: unknown) => unknown)(directory, options);
    }) as typeof fs.readdirSync);
    const result = await parse(root);
    expect(result.resources).toEqual([]);
    expect(result.diagnostics).toContainEqual(unreadable("net", "permission denied", "directory"));
  });

  test("an unreadable tfvars file is reported; a missing one stays iac-unresolved", async () => {
    const root = tree(
      { "main.tf": `variable "name" { default = "jobs" }\nresource "aws_sqs_queue" "q" {\n  name = var.name\n}\n` },
      (dir) => fs.symlinkSync(path.join(dir, "gone.tfvars"), path.join(dir, "terraform.tfvars")),
    );
    const result = await parse(root, { tfvars: ["absent.tfvars"] });
    expect(plain(resourceAt(result, "aws_sqs_queue.q").body)).toEqual({ name: "jobs" });
    expect(result.diagnostics).toEqual([
      { code: "iac-unresolved", message: "tfvars file absent.tfvars was not found", source: expect.anything() },
      unreadable("terraform.tfvars", "a symbolic link to nothing"),
    ]);
  });

  test("file() of a link to nothing is unknown, with the reason, and nothing stops", async () => {
    const root = tree({ "main.tf": 'resource "aws_instance" "app" {\n  user_data = file("boot.sh")\n}\n' }, (dir) =>
      fs.symlinkSync(path.join(dir, "gone.sh"), path.join(dir, "boot.sh")),
    );
    const result = await parse(root);
    expect(resourceAt(result, "aws_instance.app").body.entries.user_data?.kind).toBe("unknown");
  });
});

describe("what is not there stays silent", () => {
  test("a directory named like a .tf file is skipped, as Terraform skips it", async () => {
    const root = tree({ "main.tf": QUEUE, "extra.tf/inner.txt": "not configuration" });
    const result = await parse(root);
    expect(result.resources.map((resource) => resource.address)).toEqual(["aws_sqs_queue.jobs"]);
    expect(result.diagnostics).toEqual([]);
    expect(result.files).toEqual(["main.tf"]);
  });

  test("a module directory that does not exist gets the module note, no read error", async () => {
    const root = tree({ "main.tf": 'module "net" {\n  source = "./net"\n}\n' });
    const result = await parse(root);
    expect(result.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(["iac-module-not-read"]);
  });
});
