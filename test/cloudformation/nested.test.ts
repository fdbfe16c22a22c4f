import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { parseCloudFormation } from "../../src/parsers/cloudformation/index.js";
import { corpus, parseCorpus, projectResources, readCorpus, spanOf } from "./helpers.js";

describe("nested stacks", () => {
  // network.yaml is also given as an input, as discovery would: it is read through its parent only.
  const result = parseCorpus("nested/parent.yaml", "nested/network.yaml");
  const parent = readCorpus("nested/parent.yaml");

  test("local child templates are read, their resources addressed under the stack, their parameters bound", () => {
    const projected = projectResources(result);
    expect(Object.keys(projected)).toEqual([
      "Network",
      "Network/Vpc",
      "Network/PrivateSubnet",
      "Data",
      "Data/DbSubnets",
      "Data/Db",
      "Remote",
      "Escape",
      "Missing",
      "Worker",
      "Worker/Queue",
      "Sar",
    ]);
    expect(projected["Network/Vpc"]).toEqual({
      type: "AWS::EC2::VPC",
      // VpcCidr given by the parent wins over the child's Default; Env comes from the parent's Default.
      body: { CidrBlock: "10.1.0.0/16", Tags: [{ Key: "Name", Value: "staging-vpc" }] },
    });
    expect(projected["Network/PrivateSubnet"]).toEqual({
      type: "AWS::EC2::Subnet",
      body: { VpcId: { ref: "Network/Vpc" }, CidrBlock: "10.1.0.0/24" },
    });
    expect(projected["Data/DbSubnets"]).toEqual({
      type: "AWS::RDS::DBSubnetGroup",
      // A JSON child; its SubnetIds parameter is bound to the other stack's output.
      body: {
        DBSubnetGroupDescription: "staging database subnets",
        SubnetIds: { ref: "Network.Outputs.PrivateSubnets" },
      },
    });
    expect(projected["Data/Db"]?.body).toEqual({ Engine: "postgres", DBSubnetGroupName: { ref: "Data/DbSubnets" } });
  });

  test("child resources are positioned in their own file, with the stack as their module call", () => {
    const vpc = result.resources.find((resource) => resource.address === "Network/Vpc")!;
    expect(readCorpus("nested/network.yaml").split("\n")[9]).toBe("  Vpc:");
    expect(vpc).toMatchObject({
      name: "Vpc",
      file: "nested/network.yaml",
      source: { file: "nested/network.yaml", line: 10, column: 3, endLine: 10, endColumn: 6 },
      moduleCall: { file: "nested/parent.yaml", ...spanOf(parent, "Network") },
    });
  });

  test("every file read is listed once", () => {
    expect(result.files).toEqual([
      "nested/parent.yaml",
      "nested/network.yaml",
      "nested/stacks/data.json",
      "nested/worker.yaml",
    ]);
  });

  test("remote, escaping, missing and repository templates are reported, never read", () => {
    const at = (needle: string) => spanOf(parent, needle);
    expect(result.diagnostics).toEqual([
      {
        code: "iac-module-not-read",
        message:
          "nested stack Remote: https://s3.amazonaws.com/example-bucket/remote.yaml is not a local template file; its resources are not read",
        source: { file: "nested/parent.yaml", ...at("https://s3.amazonaws.com/example-bucket/remote.yaml") },
        resource: "Remote",
      },
      {
        code: "iac-path-escape",
        message: "nested stack Escape: ../../outside.yaml is outside the scanned folder; it is not read",
        source: { file: "nested/parent.yaml", ...at("../../outside.yaml") },
        resource: "Escape",
      },
      {
        code: "iac-module-not-read",
        message: "nested stack Missing: cannot read ./does-not-exist.yaml (ENOENT)",
        source: { file: "nested/parent.yaml", ...at("./does-not-exist.yaml") },
        resource: "Missing",
      },
      {
        code: "iac-module-not-read",
        message:
          "nested stack Sar: its Location (not a local path) is not a local template file; its resources are not read",
        source: { file: "nested/parent.yaml", line: 42, column: 9, endLine: 43, endColumn: 31 },
        resource: "Sar",
      },
    ]);
  });

  test("a template that nests itself is read once", () => {
    const text =
      "Resources:\n  Self:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./loop.yaml\n";
    const loop = parseCloudFormation([{ file: "loop.yaml", text }], { root: corpus });
    expect(loop.resources.map((resource) => resource.address)).toEqual(["Self"]);
    expect(loop.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.source.line])).toEqual([
      ["iac-module-not-read", 5],
    ]);
  });

  test("a link inside the root that leads outside it is refused", () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), "archlint-cfn-outside-"));
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "archlint-cfn-root-"));
    try {
      fs.writeFileSync(path.join(outside, "secret.yaml"), "Resources:\n  Hidden:\n    Type: AWS::S3::Bucket\n");
      fs.symlinkSync(path.join(outside, "secret.yaml"), path.join(root, "link.yaml"));
      const text =
        "Resources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: link.yaml\n";
      const linked = parseCloudFormation([{ file: "parent.yaml", text }], { root });
      expect(linked.resources.map((resource) => resource.address)).toEqual(["Child"]);
      expect(linked.diagnostics.map(({ code, source }) => [code, source.line, source.column])).toEqual([
        ["iac-path-escape", 5, 20],
      ]);
    } finally {
      fs.rmSync(outside, { recursive: true });
      fs.rmSync(root, { recursive: true });
    }
  });

  test("a conditional stack's resources share its condition", () => {
    const text = [
      "Conditions:",
      "  Never: !Equals [a, b]",
      '  InEast: !Equals [!Ref "AWS::Region", us-east-1]',
      "Resources:",
      "  Off:",
      "    Type: AWS::CloudFormation::Stack",
      "    Condition: Never",
      "    Properties: {TemplateURL: nested/worker.yaml}",
      "  Maybe:",
      "    Type: AWS::CloudFormation::Stack",
      "    Condition: InEast",
      "    Properties: {TemplateURL: nested/worker.yaml}",
      "",
    ].join("\n");
    const conditional = parseCloudFormation([{ file: "conditional.yaml", text }], { root: corpus });
    expect(conditional.resources.map(({ address, condition }) => [address, condition])).toEqual([
      ["Off", false],
      ["Off/Queue", false],
      ["Maybe", "unknown"],
      ["Maybe/Queue", "unknown"],
    ]);
  });
});
