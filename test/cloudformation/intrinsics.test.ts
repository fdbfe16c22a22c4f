// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub strings are written with ${…}
import { describe, expect, test } from "vitest";
import type { IacList, IacObject, IacUnknown } from "../../src/model/iac.js";
import { parseCorpus, positionOf, projectResources, readCorpus, resourceNamed, spanOf } from "./helpers.js";

/** What CloudFormation computes for intrinsics-short.yaml, intrinsics-long.yaml and intrinsics.json alike. */
const expected = {
  Secret: { type: "AWS::SecretsManager::Secret", body: { Name: "app/db" } },
  Db: {
    type: "AWS::RDS::DBInstance",
    body: {
      Engine: "postgres",
      MultiAZ: true,
      // The region is unknown, but every region of RegionMap has the same Size.
      DBInstanceClass: "t3.micro",
      MasterUsername: { unknown: ["Secret"], secret: true },
      MasterUserPassword: { unknown: [], secret: true },
      DBName: "appprod",
    },
  },
  App: {
    type: "AWS::EC2::Instance",
    dependsOn: ["Db", "Secret"],
    body: {
      ImageId: { unknown: [] },
      InstanceType: "t3.micro",
      KeyName: { unknown: [] },
      SubnetId: "subnet-b",
      AvailabilityZone: { unknown: [] },
      UserData: '#!/bin/bash\necho "${!NotSubstituted}"\n',
      Tags: [
        { Key: "Name", Value: "app-prod-1" },
        { Key: "Endpoint", Value: { ref: "Db.Endpoint.Address" } },
        { Key: "Port", Value: { ref: "Db.Endpoint.Port" } },
        { Key: "Url", Value: { unknown: ["Db.Endpoint.Address", "Db.Endpoint.Port"] } },
        { Key: "Region", Value: { unknown: [] } },
        { Key: "Stage", Value: "alpha-prod" },
        { Key: "Escaped", Value: "${Literal}-prod" },
        { Key: "Vpc", Value: { unknown: [] } },
        { Key: "Instances", Value: 3 },
        { Key: "Zones", Value: "a" },
        { Key: "Secret", Value: { ref: "Secret", secret: true } },
        { Key: "Both", Value: { unknown: [] } },
        { Key: "Either", Value: "yes-prod" },
        { Key: "DevEast", Value: "other" },
        { Key: "Included", Value: { unknown: [] } },
      ],
    },
  },
  Vpc: { type: "AWS::EC2::VPC", body: { CidrBlock: "10.0.0.0/16" } },
  Subnet: {
    type: "AWS::EC2::Subnet",
    condition: true,
    body: {
      VpcId: { ref: "Vpc" },
      CidrBlock: "10.0.1.0/24",
      Ipv6CidrBlock: "2001:db8:0:2::/64",
      AvailabilityZone: { unknown: [] },
    },
  },
  DevQueue: { type: "AWS::SQS::Queue", condition: false, body: {} },
  EastTopic: { type: "AWS::SNS::Topic", condition: "unknown", body: {} },
};

describe.each(["intrinsics-short.yaml", "intrinsics-long.yaml", "intrinsics.json"])("%s", (file) => {
  const result = parseCorpus(file);

  test("reads without any diagnostic", () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.files).toEqual([file]);
  });

  test("evaluates every value as CloudFormation does", () => {
    expect(projectResources(result)).toEqual(expected);
  });

  test("every resource is a managed CloudFormation resource of its file", () => {
    for (const resource of result.resources) {
      expect(resource).toMatchObject({ format: "cloudformation", mode: "managed", file, name: resource.address });
    }
  });
});

describe("what unknown values keep", () => {
  const file = "intrinsics-short.yaml";
  const text = readCorpus(file);
  const app = resourceNamed(parseCorpus(file), "App");
  const tags = (app.body.entries.Tags as IacList).items as IacObject[];
  const tag = (key: string) =>
    tags.find((item) => item.entries.Key?.kind === "literal" && item.entries.Key.value === key)!;

  test("an unknown's text is the expression as written, at its place", () => {
    const url = tag("Url").entries.Value as IacUnknown;
    const written = '!Sub "postgres://${Db.Endpoint.Address}:${Db.Endpoint.Port}/${Env}"';
    expect(url.text).toBe(written);
    expect(url.source).toMatchObject({ file, ...positionOf(text, written) });
  });

  test("a Sub variable's reference points at the variable inside the string", () => {
    const url = tag("Url").entries.Value as IacUnknown;
    expect(url.refs).toEqual([
      {
        target: "Db",
        attribute: "Endpoint.Address",
        text: "${Db.Endpoint.Address}",
        source: { file, ...spanOf(text, "${Db.Endpoint.Address}") },
      },
      {
        target: "Db",
        attribute: "Endpoint.Port",
        text: "${Db.Endpoint.Port}",
        source: { file, ...spanOf(text, "${Db.Endpoint.Port}") },
      },
    ]);
  });

  test("a reference keeps its text and place", () => {
    const endpoint = tag("Endpoint").entries.Value;
    expect(endpoint).toEqual({
      kind: "ref",
      ref: {
        target: "Db",
        attribute: "Endpoint.Address",
        text: "!GetAtt Db.Endpoint.Address",
        source: { file, ...spanOf(text, "!GetAtt Db.Endpoint.Address") },
      },
      source: { file, ...spanOf(text, "!GetAtt Db.Endpoint.Address") },
    });
  });

  test("a NoEcho parameter is a secret reference, its Default never read", () => {
    const db = resourceNamed(parseCorpus(file), "Db");
    const password = db.body.entries.MasterUserPassword as IacUnknown;
    expect(password).toMatchObject({ kind: "unknown", text: "!Ref DbPassword", secretReference: true, refs: [] });
    expect(JSON.stringify(db)).not.toContain("not-a-real-password");
  });

  test("a value from a parameter Default or a mapping is placed where it is used", () => {
    const db = resourceNamed(parseCorpus(file), "Db");
    expect(db.body.entries.DBName).toMatchObject({ kind: "literal", value: "appprod" });
    expect(db.body.entries.DBInstanceClass?.source).toMatchObject(
      positionOf(text, '!FindInMap [RegionMap, !Ref "AWS::Region", Size]'),
    );
    const vpc = resourceNamed(parseCorpus(file), "Vpc");
    expect(vpc.body.entries.CidrBlock?.source).toMatchObject(positionOf(text, "!Ref VpcCidr"));
  });
});

describe("AWS::LanguageExtensions", () => {
  const result = parseCorpus("language-extensions.yaml");

  test("Fn::Length, Fn::ToJsonString and FindInMap's DefaultValue are computed", () => {
    expect(projectResources(result)).toEqual({
      Config: {
        type: "AWS::SSM::Parameter",
        body: { Type: "String", Value: '{"queues":["orders","emails"],"count":3}', Description: 1024 },
      },
      Reader: {
        type: "AWS::Lambda::Function",
        // A Ref to an SSM parameter resource is a secret-store reference.
        body: { Environment: { Variables: { CONFIG: { ref: "Config", secret: true }, QUEUE_COUNT: 2 } } },
      },
    });
  });

  test("Fn::ForEach is reported as not expanded, at its key", () => {
    expect(result.diagnostics).toEqual([
      {
        code: "iac-unresolved",
        message:
          "Fn::ForEach::Queues: Fn::ForEach (AWS::LanguageExtensions) is not expanded; the resources it declares are not read",
        source: { file: "language-extensions.yaml", line: 13, column: 3, endLine: 13, endColumn: 22 },
      },
    ]);
  });
});

describe("tags CloudFormation does not define", () => {
  const result = parseCorpus("unknown-tags.yaml");

  test("are unknown values and positioned warnings, and the rest is read", () => {
    expect(projectResources(result)).toEqual({
      Bucket: {
        type: "AWS::S3::Bucket",
        body: {
          BucketName: "assets",
          Policy: { unknown: [] },
          Notification: { unknown: [] },
          Tags: [{ Key: "Team", Value: "web" }],
        },
      },
    });
    expect(result.diagnostics.map(({ code, source }) => [code, source.line, source.column])).toEqual([
      ["iac-unresolved", 8, 15],
      ["iac-unresolved", 9, 21],
    ]);
    expect(result.diagnostics[0]!.message).toContain("unknown tag !Rain::Embed");
  });
});
