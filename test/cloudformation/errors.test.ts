// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub strings are written with ${…}
import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import type { IacParseResult } from "../../src/model/iac.js";
import { parseCloudFormation } from "../../src/parsers/cloudformation/index.js";
import { corpus, parseCorpus, readCorpus } from "./helpers.js";

type Row = [code: string, line: number, column: number, message: string];

function rows(result: IacParseResult, file: string): Row[] {
  return result.diagnostics
    .filter((diagnostic) => diagnostic.source.file === file)
    .map(({ code, source, message }) => [code, source.line, source.column, message]);
}

function addresses(result: IacParseResult, file: string): string[] {
  return result.resources.filter((resource) => resource.file === file).map((resource) => resource.address);
}

/** Every broken file with what archlint reports and what it still reads. */
const broken: Record<string, { diagnostics: Row[]; resources: string[] }> = {
  "broken/bad-indent.yaml": {
    diagnostics: [["iac-parse-error", 6, 11, "invalid YAML: Nested mappings are not allowed in compact mappings"]],
    resources: ["Good", "After"],
  },
  "broken/duplicate-key.yaml": {
    diagnostics: [
      ["iac-parse-error", 8, 7, 'duplicate key "QueueName" (first written on line 6); the last one is read'],
      ["iac-parse-error", 11, 3, 'duplicate key "Queue" (first written on line 3); the last one is read'],
    ],
    resources: ["Topic", "Queue"],
  },
  "broken/missing-comma.json": {
    diagnostics: [["iac-parse-error", 4, 40, "invalid JSON: comma expected"]],
    resources: ["Good", "Bad", "After"],
  },
  "broken/missing-type.yaml": {
    diagnostics: [
      ["iac-parse-error", 3, 3, "resource NoType has no Type"],
      ["iac-parse-error", 6, 3, "resource NotAMap has no Type"],
    ],
    resources: ["Fine"],
  },
  "broken/no-resources.yaml": {
    diagnostics: [["iac-parse-error", 1, 1, "the template has no Resources section (CloudFormation requires one)"]],
    resources: [],
  },
  "broken/not-a-map.yaml": {
    diagnostics: [["iac-parse-error", 1, 1, "the template's top level is not a map of sections"]],
    resources: [],
  },
  "broken/trailing-comma.json": {
    diagnostics: [
      ["iac-parse-error", 3, 42, "invalid JSON: property name expected"],
      ["iac-parse-error", 4, 5, 'duplicate key "Good" (first written on line 3); the last one is read'],
    ],
    resources: ["Good"],
  },
  "broken/two-documents.yaml": {
    diagnostics: [
      [
        "iac-parse-error",
        4,
        1,
        "a CloudFormation template is one YAML document; the documents after the first are not read",
      ],
    ],
    resources: ["A"],
  },
  "broken/unclosed-flow.yaml": {
    diagnostics: [["iac-parse-error", 2, 12, "invalid YAML: this [ is never closed"]],
    resources: [],
  },
  "broken/unclosed-quote.yaml": {
    diagnostics: [["iac-parse-error", 8, 18, "invalid YAML: this quoted string is never closed"]],
    resources: ["Good", "Bad"],
  },
};

describe("broken templates", () => {
  const files = Object.keys(broken);
  // Together, to show that one file's errors do not spill into another's results.
  const together = parseCorpus(...files, "intrinsics-short.yaml");

  test("the corpus holds exactly the broken files listed here", () => {
    const onDisk = fs.readdirSync(path.join(corpus, "broken")).map((file) => `broken/${file}`);
    expect(onDisk.sort()).toEqual([...files].sort());
  });

  test.each(files)("%s: the error at its place, and what can still be read", (file) => {
    const alone = parseCorpus(file);
    expect(rows(alone, file)).toEqual(broken[file]!.diagnostics);
    expect(addresses(alone, file)).toEqual(broken[file]!.resources);
    expect(rows(together, file)).toEqual(broken[file]!.diagnostics);
  });

  test("a broken file does not affect the others", () => {
    expect(rows(together, "intrinsics-short.yaml")).toEqual([]);
    const alone = parseCorpus("intrinsics-short.yaml");
    expect(together.resources.filter((r) => r.file === "intrinsics-short.yaml")).toEqual(alone.resources);
  });

  test("a resource written twice is read once, from its last definition", () => {
    const result = parseCorpus("broken/trailing-comma.json");
    expect(result.resources.map(({ address, type, source }) => [address, type, source.line])).toEqual([
      ["Good", "AWS::SQS::Queue", 4],
    ]);
  });
});

describe("never throws", () => {
  const parse = (text: string, file = "t.yaml") => parseCloudFormation([{ file, text }], { root: corpus });

  test.each([
    ["empty", ""],
    ["only a comment", "# nothing\n"],
    ["null", "null\n"],
    ["a scalar", "just text"],
    ["an empty JSON object", "{}"],
    ["a JSON array", "[1, 2]"],
    ["control characters", "\u0000\u0001\u0002Resources:\u0007"],
    ["a tab-indented YAML map", "Resources:\n\tA:\n\t\tType: AWS::S3::Bucket\n"],
    ["deep JSON nesting", `${"[".repeat(3000)}${"]".repeat(3000)}`],
    [
      "deep YAML nesting",
      `Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      P: ${"[".repeat(5000)}${"]".repeat(5000)}\n`,
    ],
    ["a recursive alias", "Resources:\n  A: &a\n    Type: AWS::S3::Bucket\n    Properties:\n      Self: *a\n"],
    ["a Ref to nothing", "Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      P: !Ref\n"],
    [
      "a cyclic condition",
      "Conditions:\n  A: !Condition B\n  B: !Condition A\nResources:\n  R:\n    Type: AWS::S3::Bucket\n    Condition: A\n",
    ],
  ])("%s", (_name, text) => {
    const result = parse(text);
    for (const diagnostic of result.diagnostics) {
      expect(diagnostic.source.line).toBeGreaterThanOrEqual(1);
      expect(diagnostic.source.column).toBeGreaterThanOrEqual(1);
    }
  });

  test.each([
    [
      "JSON nested too deep",
      `{"Resources": {"A": {"Type": "AWS::S3::Bucket", "Properties": {"P": ${"[".repeat(600)}${"]".repeat(600)}}}}}`,
    ],
    [
      "YAML nested too deep",
      `Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      P: ${"[".repeat(600)}${"]".repeat(600)}\n`,
    ],
    [
      "aliases that expand without end",
      [
        "Resources:",
        "  A:",
        "    Type: AWS::S3::Bucket",
        "    Properties:",
        "      l0: &l0 [x, x, x, x, x, x, x, x, x, x]",
        ...Array.from({ length: 9 }, (_, i) => `      l${i + 1}: &l${i + 1} [${Array(10).fill(`*l${i}`).join(", ")}]`),
        "",
      ].join("\n"),
    ],
  ])("%s: cut, reported, and the resource still read", (_name, text) => {
    const result = parse(text);
    expect(result.resources.map((resource) => resource.address)).toEqual(["A"]);
    expect(result.diagnostics.map(({ code, message }) => [code, message])).toEqual([
      [
        "iac-parse-error",
        "nesting deeper than 500 levels (or aliases that expand without end); what lies below is not read",
      ],
    ]);
  });

  test("a cyclic condition is unknown and reported", () => {
    const text =
      "Conditions:\n  A: !Condition B\n  B: !Condition A\nResources:\n  R:\n    Type: AWS::S3::Bucket\n    Condition: A\n";
    const result = parse(text);
    expect(result.resources[0]?.condition).toBe("unknown");
    expect(result.diagnostics.map((d) => [d.code, d.source.line, d.message])).toEqual([
      ["iac-unresolved", 3, "condition A depends on itself"],
    ]);
  });

  test.each(["intrinsics-short.yaml", "intrinsics.json", "sam-app.yaml", "nested/parent.yaml"])(
    "%s cut at every 97th character",
    (file) => {
      const text = readCorpus(file);
      const lineCount = text.split("\n").length;
      for (let end = 0; end < text.length; end += 97) {
        const result = parse(text.slice(0, end), file);
        for (const diagnostic of result.diagnostics) {
          expect(diagnostic.source.line).toBeLessThanOrEqual(lineCount);
        }
      }
    },
  );
});
