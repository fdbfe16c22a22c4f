import { describe, expect, test } from "vitest";
import { looksLikeCloudFormation } from "../../src/parsers/cloudformation/index.js";
import { readCorpus } from "./helpers.js";

describe("looksLikeCloudFormation", () => {
  test.each([
    "intrinsics-short.yaml",
    "intrinsics.json",
    "sam-app.yaml",
    "cdk/InkStack.template.json",
    "nested/network.yaml",
    "dup/a/app.yaml",
    "suppressions.json",
  ])("%s is a template", (file) => {
    expect(looksLikeCloudFormation(readCorpus(file))).toBe(true);
  });

  test.each([
    ["a format version alone", 'AWSTemplateFormatVersion: "2010-09-09"\n'],
    ["a custom resource", "Resources:\n  Seed:\n    Type: Custom::Seed\n"],
    ["a SAM function", "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n"],
    ["YAML in flow style", "{Resources: {Q: {Type: 'AWS::SQS::Queue'}}}"],
    ["a byte-order mark", '\uFEFF{"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}'],
    ["a template with a syntax error further down", "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n  Bad: [\n"],
  ])("%s is a template", (_name, text) => {
    expect(looksLikeCloudFormation(text)).toBe(true);
  });

  test.each([
    ["empty", ""],
    ["a GitHub workflow", "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n"],
    ["a Kubernetes manifest", "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n"],
    ["a package.json", '{"name": "x", "dependencies": {"aws-cdk-lib": "2.0.0"}}'],
    [
      "a Serverless Framework file (CloudFormation nested under `resources`)",
      "service: api\nresources:\n  Resources:\n    Q:\n      Type: AWS::SQS::Queue\n",
    ],
    ["Resources of other types", "Resources:\n  Thing:\n    Type: Vendor::Thing\n"],
    [
      "a CDK tree.json",
      '{"version": "tree-0.1", "tree": {"id": "App", "attributes": {"aws:cdk:cloudformation:type": "AWS::SQS::Queue"}}}',
    ],
    ["the words in prose", "# Notes\nWe use AWS::SQS::Queue and AWSTemplateFormatVersion in the design.\n"],
    ["binary garbage", "\u0000\u0001AWS::\uFFFF{[[["],
  ])("%s is not a template", (_name, text) => {
    expect(looksLikeCloudFormation(text)).toBe(false);
  });

  test("a large file without any CloudFormation marker is rejected without parsing", () => {
    const big = "key: value\n".repeat(500_000);
    const started = performance.now();
    expect(looksLikeCloudFormation(big)).toBe(false);
    // A substring test, not a parse: milliseconds for 5 MB.
    expect(performance.now() - started).toBeLessThan(200);
  });
});
