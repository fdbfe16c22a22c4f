// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub strings are written with ${…}
import { describe, expect, test } from "vitest";
import { cidrBlocks } from "../../src/parsers/cloudformation/cidr.js";
import { parseCloudFormation } from "../../src/parsers/cloudformation/index.js";
import { parseSub } from "../../src/parsers/cloudformation/sub.js";
import { corpus, parseCorpus, project, projectResources } from "./helpers.js";

describe("addresses", () => {
  test("a logical id declared by two templates is prefixed with its file, in both, and so are references to it", () => {
    expect(projectResources(parseCorpus("dup/a/app.yaml", "dup/b/app.yaml"))).toEqual({
      "dup/a/app.yaml#Bucket": { type: "AWS::S3::Bucket", body: {} },
      Reader: {
        type: "AWS::IAM::Role",
        body: { Description: { unknown: ["dup/a/app.yaml#Bucket"] }, Path: { ref: "dup/a/app.yaml#Bucket" } },
      },
      "dup/b/app.yaml#Bucket": { type: "AWS::S3::Bucket", body: {} },
      Writer: { type: "AWS::IAM::Role", body: { Path: { ref: "dup/b/app.yaml#Bucket" } } },
    });
  });

  test("alone, a template's logical ids are its addresses", () => {
    expect(parseCorpus("dup/a/app.yaml").resources.map((resource) => resource.address)).toEqual(["Bucket", "Reader"]);
  });
});

describe("parameters given by the caller", () => {
  const text = [
    "Parameters:",
    "  Env: {Type: String, Default: dev}",
    "  Zones: {Type: CommaDelimitedList}",
    "  Token: {Type: String, NoEcho: true}",
    "Resources:",
    "  Q:",
    "    Type: AWS::SQS::Queue",
    "    Properties:",
    "      QueueName: !Sub ${Env}-queue",
    "      Zone: !Select [1, !Ref Zones]",
    "      Token: !Ref Token",
    "",
  ].join("\n");

  test("override Defaults; NoEcho parameters stay secret references", () => {
    const result = parseCloudFormation([{ file: "q.yaml", text }], {
      root: corpus,
      parameters: { Env: "prod", Zones: ["a", "b"], Token: "given" },
    });
    expect(project(result.resources[0]!.body)).toEqual({
      QueueName: "prod-queue",
      Zone: "b",
      Token: { unknown: [], secret: true },
    });
  });

  test("without them, Defaults apply and a parameter without one is unknown", () => {
    const result = parseCloudFormation([{ file: "q.yaml", text }], { root: corpus });
    expect(project(result.resources[0]!.body)).toEqual({
      QueueName: "dev-queue",
      Zone: { unknown: [] },
      Token: { unknown: [], secret: true },
    });
  });
});

describe("property maps that look like functions", () => {
  test("a `Condition` key in a policy is a property, not Fn::Condition", () => {
    const text = [
      "Resources:",
      "  Policy:",
      "    Type: AWS::IAM::ManagedPolicy",
      "    Properties:",
      "      PolicyDocument:",
      "        Statement:",
      "          - Condition: {StringEquals: {aws:SourceVpc: vpc-1}}",
      "",
    ].join("\n");
    const [policy] = parseCloudFormation([{ file: "p.yaml", text }], { root: corpus }).resources;
    expect(project(policy!.body)).toEqual({
      PolicyDocument: { Statement: [{ Condition: { StringEquals: { "aws:SourceVpc": "vpc-1" } } }] },
    });
  });
});

describe("what CloudFormation would refuse", () => {
  const parse = (properties: string) =>
    parseCloudFormation(
      [{ file: "t.yaml", text: `Resources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties:\n${properties}` }],
      { root: corpus },
    );

  test.each([
    ["      P: !Ref Nowhere\n", 10, "Nowhere is neither a parameter nor a resource of this template"],
    ["      P: !GetAtt Nowhere.Arn\n", 10, "Nowhere is not a resource of this template"],
    // At the condition's name.
    ["      P: !If [Undeclared, a, b]\n", 15, "condition Undeclared is not declared in Conditions"],
    ["      P: !FindInMap [Nope, a, b]\n", 10, "Mappings has no Nope › a › b"],
    ["      P: !Select [5, [a, b]]\n", 10, "Fn::Select index 5 is outside a list of 2"],
    ["      P: !Cidr [10.0.0.0/24, 4, 8]\n", 10, "Fn::Cidr cannot carve 4 blocks of 8 host bits from 10.0.0.0/24"],
    ["      P: !Join [only-one]\n", 10, "Fn::Join expects [delimiter, [values]]; its value is unknown"],
    ["      P: !GetAtt NoDot\n", 10, "Fn::GetAtt expects Resource.Attribute; its value is unknown"],
  ])("%j is unknown, with a note at its place", (properties, column, message) => {
    const result = parse(properties);
    expect(project(result.resources[0]!.body)).toEqual({ P: { unknown: [] } });
    expect(
      result.diagnostics.map(({ code, source, resource }) => [code, source.line, source.column, resource]),
    ).toEqual([["iac-unresolved", 5, column, "R"]]);
    expect(result.diagnostics[0]?.message).toBe(message);
  });
});

describe("Fn::Cidr", () => {
  test.each([
    ["10.0.0.0/16", 3, 8, ["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"]],
    [
      "192.168.0.0/24",
      6,
      5,
      [
        "192.168.0.0/27",
        "192.168.0.32/27",
        "192.168.0.64/27",
        "192.168.0.96/27",
        "192.168.0.128/27",
        "192.168.0.160/27",
      ],
    ],
    ["10.0.5.7/16", 1, 12, ["10.0.0.0/20"]],
    ["2001:db8::/56", 3, 64, ["2001:db8::/64", "2001:db8:0:1::/64", "2001:db8:0:2::/64"]],
    ["2600:1f14:abc:de00::/56", 2, 64, ["2600:1f14:abc:de00::/64", "2600:1f14:abc:de01::/64"]],
  ])("%s, %i blocks of %i host bits", (block, count, bits, expected) => {
    expect(cidrBlocks(block, count, bits)).toEqual(expected);
  });

  test.each([
    ["10.0.0.0/24", 2, 9],
    ["10.0.0.0/24", 257, 1],
    ["10.0.0.0/24", 0, 4],
    ["10.0.0.300/24", 1, 4],
    ["not-a-cidr", 1, 4],
    ["10.0.0.0", 1, 4],
    ["2001:db8:::/56", 1, 64],
  ])("%s, %i, %i is not computable", (block, count, bits) => {
    expect(cidrBlocks(block, count, bits)).toBeUndefined();
  });
});

describe("Fn::Sub strings", () => {
  test("text, variables and ${!Literal}", () => {
    expect(parseSub("a-${X}-${Db.Arn}-${!Raw}-${ AWS::Region }")).toEqual([
      { kind: "text", text: "a-" },
      { kind: "variable", name: "X", raw: "${X}", index: 2 },
      { kind: "text", text: "-" },
      { kind: "variable", name: "Db.Arn", raw: "${Db.Arn}", index: 7 },
      { kind: "text", text: "-${Raw}-" },
      { kind: "variable", name: "AWS::Region", raw: "${ AWS::Region }", index: 25 },
    ]);
  });

  test("an unclosed ${ is text", () => {
    expect(parseSub("cost: ${ 5")).toEqual([{ kind: "text", text: "cost: ${ 5" }]);
  });
});
