import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Config } from "../../src/config/types.js";
import { type DiscoveryOptions, discoverInputs, InputError } from "../../src/discovery/index.js";

/** Stand-ins for the docs and CloudFormation sniffers: a Mermaid header, a CloudFormation key. */
const sniffers: Pick<DiscoveryOptions, "sniffDoc" | "sniffCloudFormation"> = {
  sniffDoc: (text) => /^\s*(```mermaid|flowchart|graph|C4\w+)/m.test(text),
  sniffCloudFormation: (text) => /AWSTemplateFormatVersion|"?Resources"?:[\s\S]*AWS::/.test(text),
};

const DIAGRAM = "# Arch\n\n```mermaid\nflowchart LR\n  a --> b\n```\n";
const TEMPLATE = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Db:\n    Type: AWS::RDS::DBInstance\n";

let top: string;
let root: string;

function write(relative: string, text: string | Buffer): void {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

beforeAll(() => {
  top = mkdtempSync(path.join(tmpdir(), "archlint-discovery-"));
  root = path.join(top, "repo");
  write("README.md", "# Just prose\n");
  write("docs/architecture.md", DIAGRAM);
  write("docs/flow.mmd", "flowchart TD\n  x --> y\n");
  write("docs/notes.md", "no diagram here\n");
  write("docs/seed.txt", DIAGRAM);
  write("infra/main.tf", 'module "db" {\n  source = "./modules/db"\n}\n# module "old" { source = "./modules/old" }\n');
  write("infra/modules/db/main.tf", 'resource "aws_db_instance" "this" {}\n');
  write("infra/modules/old/main.tf", 'resource "aws_s3_bucket" "old" {}\n');
  write("infra/json/main.tf.json", '{"module": {"net": {"source": "../net"}}}');
  write("infra/net/vpc.tf", 'resource "aws_vpc" "main" {}\n');
  write("infra/.terraform/modules/x/main.tf", 'resource "aws_vpc" "cached" {}\n');
  write("cfn/app.yaml", TEMPLATE);
  write("cfn/not-a-template.yaml", "name: ci\non: push\n");
  write("cfn/bad.template", "Resources: [\n");
  write("package.json", '{ "name": "x" }');
  write("node_modules/pkg/arch.md", DIAGRAM);
  write("cdk.out/Stack.template.json", '{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}');
  write("examples/demo/arch.md", DIAGRAM);
  write("examples/demo/main.tf", 'resource "aws_instance" "demo" {}\n');
  write("notes/box-drawing.txt", "┌─────┐\n│ ALB │\n└─────┘\n");
  write("notes/main.hcl", 'resource "aws_s3_bucket" "b" {\n}\n');
  write("docs/diagram.png.md", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x0d, 0x0a]));
  mkdirSync(path.join(top, "docs"), { recursive: true });
  writeFileSync(path.join(top, "docs/architecture.md"), DIAGRAM);
});

afterAll(() => rmSync(top, { recursive: true, force: true }));

function discover(config: Config = {}, options: Partial<DiscoveryOptions> = {}) {
  return discoverInputs(root, config, { ...sniffers, ...options });
}

describe("discoverInputs without configuration", () => {
  it("finds documents with diagrams, Terraform root modules and CloudFormation templates", async () => {
    const found = await discover();
    expect(found.docs).toEqual(["docs/architecture.md", "docs/flow.mmd", "examples/demo/arch.md"]);
    // infra/modules/db and infra/net are called as local modules; the commented-out call is no call.
    expect(found.terraformModules).toEqual(["examples/demo", "infra", "infra/json", "infra/modules/old"]);
    expect(found.cloudFormation).toEqual(["cfn/app.yaml"]);
    expect(found.skipped).toEqual([{ file: "docs/diagram.png.md", reason: "binary file" }]);
  });

  it("skips files over 10 MB", async () => {
    const big = path.join(top, "big-file");
    mkdirSync(big);
    writeFileSync(path.join(big, "huge.md"), Buffer.alloc(10 * 1024 * 1024 + 1, "a"));
    const found = await discoverInputs(big, {}, sniffers);
    expect(found.docs).toEqual([]);
    expect(found.skipped).toEqual([{ file: "huge.md", reason: "larger than 10 MB (10.0 MB)" }]);
  });

  it("never reads node_modules, .git, .terraform or cdk.out, and honours exclude globs", async () => {
    const found = await discover({ exclude: ["**/examples/**"] });
    expect(found.docs).toEqual(["docs/architecture.md", "docs/flow.mmd"]);
    expect(found.terraformModules).toEqual(["infra", "infra/json", "infra/modules/old"]);
    expect(found.cloudFormation).toEqual(["cfn/app.yaml"]);
  });
});

describe("discoverInputs with configured docs and iac", () => {
  it("takes configured paths as named, globs sniffed, and paths outside DIR as ../", async () => {
    const found = await discover({
      docs: ["../docs/architecture.md", "docs/seed.txt", "docs/arch*.md"],
      iac: ["infra/net", "cdk.out/*.template.json", "cfn/*.yaml"],
    });
    expect(found.docs).toEqual(["../docs/architecture.md", "docs/architecture.md", "docs/seed.txt"]);
    expect(found.terraformModules).toEqual(["infra/net"]);
    expect(found.cloudFormation).toEqual(["cdk.out/Stack.template.json", "cfn/app.yaml"]);
    expect(found.warnings).toEqual([]);
  });

  it("keeps discovering what the configuration does not name", async () => {
    const found = await discover({ docs: ["docs/flow.mmd"] });
    expect(found.docs).toEqual(["docs/flow.mmd"]);
    expect(found.terraformModules).toEqual(["examples/demo", "infra", "infra/json", "infra/modules/old"]);
  });

  it("warns about a pattern that matches nothing and fails on a path that does not exist", async () => {
    expect((await discover({ docs: ["design/**/*.md"] })).warnings).toEqual([
      '"docs" pattern design/**/*.md matches no file.',
    ]);
    await expect(discover({ iac: ["infra/missing.tf"] })).rejects.toThrowError(
      new InputError(
        `"iac" in the configuration names infra/missing.tf, which does not exist (paths are relative to ${root}).`,
      ),
    );
  });
});

describe("discoverInputs with explicit paths", () => {
  it("reads named files by content whatever their extension, and searches named directories", async () => {
    const found = await discover(
      { docs: ["docs/flow.mmd"] },
      {
        searchDir: false,
        explicitPaths: [
          path.join(root, "docs/seed.txt"),
          path.join(root, "docs/notes.md"),
          path.join(root, "cfn/bad.template"),
          path.join(root, "package.json"),
          path.join(root, "cdk.out"),
        ],
      },
    );
    // The configured docs are not read: only what is named.
    expect(found.docs).toEqual(["docs/notes.md", "docs/seed.txt"]);
    expect(found.cloudFormation).toEqual(["cdk.out/Stack.template.json", "cfn/bad.template"]);
    expect(found.terraformModules).toEqual([]);
    expect(found.skipped).toEqual([{ file: "package.json", reason: "JSON, but not a CloudFormation template" }]);
  });

  it("searches DIR as well when asked, and takes a named .tf file's directory as a module", async () => {
    const found = await discover({}, { searchDir: true, explicitPaths: [path.join(root, "infra/modules/db/main.tf")] });
    // Named explicitly, but still called by infra: read through its caller.
    expect(found.terraformModules).toEqual(["examples/demo", "infra", "infra/json", "infra/modules/old"]);
  });

  it("takes a named text file as a document unless it looks like Terraform", async () => {
    const found = await discover(
      {},
      { explicitPaths: [path.join(root, "notes/box-drawing.txt"), path.join(root, "notes/main.hcl")] },
    );
    expect(found.docs).toEqual(["notes/box-drawing.txt"]);
    expect(found.skipped).toEqual([
      { file: "notes/main.hcl", reason: "looks like Terraform, but Terraform is read from *.tf and *.tf.json files" },
    ]);
  });

  it("fails on a named path that does not exist", async () => {
    const missing = path.join(root, "nope.md");
    await expect(discover({}, { explicitPaths: [missing] })).rejects.toThrowError(
      new InputError(`no such file or directory: ${missing}.`),
    );
  });
});

const seeds = path.resolve(import.meta.dirname, "../../../shared/seeds");

describe.skipIf(!existsSync(seeds))("the users' documents", () => {
  it("are all read as documents when named explicitly, whatever their .txt extension", async () => {
    const files = readdirSync(seeds).filter((name) => name.endsWith(".txt"));
    const found = await discoverInputs(
      seeds,
      {},
      { ...sniffers, explicitPaths: files.map((f) => path.join(seeds, f)) },
    );
    expect(found.docs).toEqual(files.sort());
    expect(found.terraformModules).toEqual([]);
    expect(found.cloudFormation).toEqual([]);
  });
});

describe("discovery speed", () => {
  it("walks 1,000 files in well under 100 ms", async () => {
    const big = path.join(top, "big");
    for (let d = 0; d < 50; d++) {
      for (let f = 0; f < 20; f++) {
        const file = path.join(
          big,
          `dir${d}`,
          f % 4 === 0 ? `doc${f}.md` : f % 4 === 1 ? `main${f}.tf` : `file${f}.ts`,
        );
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, f % 4 === 0 ? DIAGRAM : "x = 1\n");
      }
    }
    await discoverInputs(big, {}, sniffers); // warm the file system cache
    const start = performance.now();
    const found = await discoverInputs(big, {}, sniffers);
    const elapsed = performance.now() - start;
    expect(found.docs).toHaveLength(250);
    expect(found.terraformModules).toHaveLength(50);
    expect(elapsed).toBeLessThan(100);
  });
});
