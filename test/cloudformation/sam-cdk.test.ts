import { describe, expect, test } from "vitest";
import { humanNameOf } from "../../src/parsers/cloudformation/resource.js";
import { parseCorpus, projectResources, readCorpus, resourceNamed, spanOf } from "./helpers.js";

describe("SAM", () => {
  const result = parseCorpus("sam-app.yaml");

  test("resources keep their SAM types; Globals merge into their sections' resources", () => {
    const layer = "arn:aws:lambda:us-east-1:123456789012:layer:common:1";
    expect(result.diagnostics).toEqual([]);
    expect(projectResources(result)).toEqual({
      Table: { type: "AWS::Serverless::SimpleTable", body: {} },
      Api: { type: "AWS::Serverless::Api", body: { Cors: "'*'", StageName: "prod" } },
      HttpApi: { type: "AWS::Serverless::HttpApi", body: {} },
      Layer: { type: "AWS::Serverless::LayerVersion", body: { ContentUri: "layer/" } },
      Handler: {
        type: "AWS::Serverless::Function",
        body: {
          Runtime: "python3.12",
          // The function's own value wins over the global one.
          Timeout: 60,
          MemorySize: 256,
          // Maps merge key by key.
          Environment: {
            Variables: {
              TABLE_NAME: { ref: "Table" },
              LOG_LEVEL: "debug",
              API_KEY: { unknown: [], secret: true },
              DB_PASSWORD: { unknown: [], secret: true },
              // A plain SSM parameter is resolved at deployment, but is not a secret.
              FEATURE: { unknown: [] },
            },
          },
          // Lists concatenate, globals first.
          Layers: [layer, { ref: "Layer" }],
          Handler: "app.handler",
          CodeUri: "src/",
          Events: { Get: { Type: "Api", Properties: { RestApiId: { ref: "Api" }, Path: "/items", Method: "get" } } },
        },
      },
      Worker: {
        type: "AWS::Serverless::Function",
        // An intrinsic function replaces the global value whole: here it removes Environment.
        body: {
          Runtime: "python3.12",
          Timeout: 30,
          MemorySize: 256,
          Layers: [layer],
          Handler: "worker.handler",
          CodeUri: "src/",
        },
      },
    });
  });

  test("a merged global keeps the place it is written in Globals", () => {
    const text = readCorpus("sam-app.yaml");
    const handler = resourceNamed(result, "Handler");
    expect(handler.body.keySources.Runtime).toEqual({ file: "sam-app.yaml", ...spanOf(text, "Runtime") });
    expect(handler.body.keySources.Timeout).toEqual({ file: "sam-app.yaml", ...spanOf(text, "Timeout", 1) });
  });

  test("without the SAM transform, Globals are not applied", async () => {
    const { parseCloudFormation } = await import("../../src/parsers/cloudformation/index.js");
    const text = "Globals:\n  Function:\n    Timeout: 5\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n";
    const [fn] = parseCloudFormation([{ file: "t.yaml", text }], { root: "/tmp" }).resources;
    expect(fn?.body.entries).toEqual({});
  });
});

describe("CDK-synthesized template", () => {
  const result = parseCorpus("cdk/InkStack.template.json", "cdk/InkStackNetwork1A2B3C4D.nested.template.json");

  test("is read as a JSON template, with human names from aws:cdk:path", () => {
    expect(result.diagnostics).toEqual([]);
    expect(
      result.resources.map(({ address, type, humanName, condition }) => ({ address, type, humanName, condition })),
    ).toEqual([
      { address: "PostsTable8F1D2A7B", type: "AWS::DynamoDB::Table", humanName: "PostsTable", condition: undefined },
      {
        address: "PostsHandlerServiceRole5C3B2C1A",
        type: "AWS::IAM::Role",
        humanName: "PostsHandler/ServiceRole",
        condition: undefined,
      },
      {
        address: "PostsHandler0A1B2C3D",
        type: "AWS::Lambda::Function",
        humanName: "PostsHandler",
        condition: undefined,
      },
      {
        address: "NetworkNestedStackNetworkNestedStackResource9F8E7D6C",
        type: "AWS::CloudFormation::Stack",
        humanName: "Network",
        condition: undefined,
      },
      {
        address: "NetworkNestedStackNetworkNestedStackResource9F8E7D6C/Vpc8378EB38",
        type: "AWS::EC2::VPC",
        humanName: "Network/Vpc",
        condition: undefined,
      },
      // The region decides: unknown.
      { address: "CDKMetadata", type: "AWS::CDK::Metadata", humanName: "CDKMetadata", condition: "unknown" },
    ]);
  });

  test("references between constructs are references; the asset bucket is unknown", () => {
    const handler = projectResources(result).PostsHandler0A1B2C3D!;
    expect(handler).toEqual({
      type: "AWS::Lambda::Function",
      dependsOn: ["PostsHandlerServiceRole5C3B2C1A"],
      body: {
        Code: { S3Bucket: { unknown: [] }, S3Key: "0123456789abcdef.zip" },
        Environment: { Variables: { TABLE_NAME: { ref: "PostsTable8F1D2A7B" } } },
        Handler: "index.handler",
        Role: { ref: "PostsHandlerServiceRole5C3B2C1A.Arn" },
        Runtime: "nodejs20.x",
      },
    });
  });

  test("the nested stack template is found through the asset metadata and read once, through its parent", () => {
    expect(result.files).toEqual(["cdk/InkStack.template.json", "cdk/InkStackNetwork1A2B3C4D.nested.template.json"]);
    expect(result.resources.filter((resource) => resource.type === "AWS::EC2::VPC")).toHaveLength(1);
  });

  test.each([
    ["InkStack/PostsTable/Resource", "PostsTable"],
    ["InkStack/Vpc/PublicSubnet1/Subnet", "Vpc/PublicSubnet1/Subnet"],
    ["InkStack/CDKMetadata/Default", "CDKMetadata"],
    ["InkStack/Network.NestedStack/Network.NestedStackResource", "Network"],
    ["Single", "Single"],
  ])("human name of %s is %s", (cdkPath, name) => {
    expect(humanNameOf(cdkPath)).toBe(name);
  });
});
