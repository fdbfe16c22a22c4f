// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub strings are written with ${…}
import { describe, expect, test } from "vitest";
import type { IacValue } from "../../src/model/iac.js";
import type { SourceLocation } from "../../src/model/source.js";
import { parseCorpus, readCorpus, resourceNamed } from "./helpers.js";

/** The text at a location (its line from its column on). */
function textAt(text: string, at: SourceLocation): string {
  return text.split("\n")[at.line - 1]!.slice(at.column - 1);
}

/** Every key of an evaluated value with where it is written, depth first. */
function keysOf(value: IacValue, out: [string, SourceLocation][] = []): [string, SourceLocation][] {
  if (value.kind === "object") {
    for (const [key, entry] of Object.entries(value.entries)) {
      out.push([key, value.keySources[key]!]);
      keysOf(entry, out);
    }
  } else if (value.kind === "list") {
    for (const item of value.items) keysOf(item, out);
  }
  return out;
}

/** A one-line location. */
function at(file: string, line: number, column: number, endColumn: number): SourceLocation {
  return { file, line, column, endLine: line, endColumn };
}

describe("exact positions", () => {
  test("YAML: a resource is at its logical id's key, a property at its key, a value at its first character", () => {
    const file = "intrinsics-short.yaml";
    const db = resourceNamed(parseCorpus(file), "Db");
    expect(db.source).toEqual(at(file, 57, 3, 5));
    expect(db.body.keySources.Engine).toEqual(at(file, 60, 7, 13));
    expect(db.body.entries.Engine?.source).toEqual(at(file, 60, 15, 23));
    // A short-form call starts at its tag; Fn::If's value is the branch it picks, where that is written.
    expect(db.body.entries.MasterUsername?.source).toMatchObject({ line: 63, column: 23 });
    expect(db.body.entries.MultiAZ?.source).toEqual(at(file, 61, 29, 33));
  });

  test("JSON: a key's position is its opening quote", () => {
    const file = "intrinsics.json";
    const db = resourceNamed(parseCorpus(file), "Db");
    expect(db.source).toEqual(at(file, 183, 5, 9));
    expect(db.body.keySources.Engine).toEqual(at(file, 186, 9, 17));
    expect(db.body.entries.Engine?.source).toEqual(at(file, 186, 19, 29));
  });

  test("a nested template's resources are positioned in the nested file", () => {
    const result = parseCorpus("cdk/InkStack.template.json");
    const vpc = resourceNamed(result, "NetworkNestedStackNetworkNestedStackResource9F8E7D6C/Vpc8378EB38");
    expect(vpc.source).toEqual({
      file: "cdk/InkStackNetwork1A2B3C4D.nested.template.json",
      line: 3,
      column: 3,
      endLine: 3,
      endColumn: 16,
    });
    expect(vpc.body.keySources.CidrBlock).toMatchObject({ line: 6, column: 5 });
  });

  const files = [
    "intrinsics-short.yaml",
    "intrinsics-long.yaml",
    "intrinsics.json",
    "sam-app.yaml",
    "cdk/InkStack.template.json",
    "nested/parent.yaml",
  ];
  test.each(files)("%s: every resource and every property key is where the text writes it", (file) => {
    const result = parseCorpus(file);
    let checked = 0;
    for (const resource of result.resources) {
      const text = readCorpus(resource.file);
      const quote = resource.file.endsWith(".json") ? '"' : "";
      expect(textAt(text, resource.source)).toMatch(new RegExp(`^${quote}${resource.name}${quote}:`));
      for (const [key, at] of keysOf(resource.body)) {
        // SAM Globals are merged into Function properties: their keys stay in the Globals section.
        expect(at.file).toBe(resource.file);
        expect(textAt(readCorpus(at.file), at).startsWith(`${quote}${key}${quote}`)).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5);
  });

  test("columns count UTF-16 code units and ignore a byte-order mark", async () => {
    const { parseCloudFormation } = await import("../../src/parsers/cloudformation/index.js");
    const text =
      '\uFEFFResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags: [{Key: "名前🙂", Value: x}]\n';
    const result = parseCloudFormation([{ file: "bom.yaml", text }], { root: "/tmp" });
    const bucket = result.resources[0]!;
    expect(bucket.source).toMatchObject({ line: 2, column: 3 });
    const tags = bucket.body.entries.Tags;
    expect(tags?.kind === "list" && tags.items[0]?.kind === "object" && tags.items[0].keySources.Value).toMatchObject({
      line: 5,
      // `      Tags: [{Key: "名前🙂", ` is 27 UTF-16 units: the emoji counts two.
      column: 28,
    });
  });
});
