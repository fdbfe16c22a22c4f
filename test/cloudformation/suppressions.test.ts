import { describe, expect, test } from "vitest";
import { parseDirective } from "../../src/parsers/cloudformation/suppressions.js";
import { parseCorpus, readCorpus, resourceNamed, spanOf } from "./helpers.js";

describe("suppressions", () => {
  const result = parseCorpus("suppressions.yaml", "suppressions.json");
  const yaml = readCorpus("suppressions.yaml");
  const multiAz = {
    rule: "multi-az-missing",
    reason: "single-AZ is accepted in this environment",
    source: { file: "suppressions.yaml", line: 11, column: 13, endLine: 12, endColumn: 62 },
  };
  const encryption = {
    rule: "encryption-missing",
    source: { file: "suppressions.yaml", ...spanOf(yaml, "rule: encryption-missing") },
  };

  test("YAML comments cover their own line and the next; Metadata covers its resource", () => {
    expect(result.suppressions).toEqual([
      {
        rule: "resource-undocumented",
        reason: "scratch bucket, not architecture",
        source: {
          file: "suppressions.yaml",
          ...spanOf(yaml, "# archlint-disable-next-line resource-undocumented -- scratch bucket, not architecture"),
        },
        scope: { kind: "lines", file: "suppressions.yaml", fromLine: 3, toLine: 4 },
      },
      {
        rule: "placement-public",
        source: {
          file: "suppressions.yaml",
          ...spanOf(yaml, "# archlint-disable-next-line placement-public,secret-in-env"),
        },
        scope: { kind: "lines", file: "suppressions.yaml", fromLine: 16, toLine: 17 },
      },
      {
        rule: "secret-in-env",
        source: {
          file: "suppressions.yaml",
          ...spanOf(yaml, "# archlint-disable-next-line placement-public,secret-in-env"),
        },
        scope: { kind: "lines", file: "suppressions.yaml", fromLine: 16, toLine: 17 },
      },
      { ...multiAz, scope: { kind: "resource", resource: "Db" } },
      { ...encryption, scope: { kind: "resource", resource: "Db" } },
      {
        rule: "resource-undocumented",
        reason: "internal retry queue",
        source: { file: "suppressions.json", line: 6, column: 36, endLine: 6, endColumn: 105 },
        scope: { kind: "resource", resource: "Queue" },
      },
    ]);
  });

  test("the resource carries its Metadata suppressions", () => {
    expect(resourceNamed(result, "Db").suppress).toEqual([
      {
        rule: "multi-az-missing",
        reason: "single-AZ is accepted in this environment",
        source: { file: "suppressions.yaml", line: 11, column: 13, endLine: 12, endColumn: 62 },
      },
      {
        rule: "encryption-missing",
        source: { file: "suppressions.yaml", ...spanOf(yaml, "rule: encryption-missing") },
      },
    ]);
    expect(resourceNamed(result, "Scratch").suppress).toBeUndefined();
  });

  test("a directive inside a block scalar is text, not a comment", () => {
    expect(result.suppressions.some((suppression) => suppression.rule === "not-a-comment")).toBe(false);
  });

  test.each([
    ["archlint-disable-next-line secret-in-env -- test key", { rules: ["secret-in-env"], reason: "test key" }],
    [" archlint-disable-next-line a, b", { rules: ["a", "b"] }],
    ["archlint-disable-next-line a --", { rules: ["a"] }],
    ["archlint-disable-next-line", undefined],
    ["archlint-disable-next-lines a", undefined],
    ["a comment", undefined],
  ])("directive %j", (body, expected) => {
    expect(parseDirective(body)).toEqual(expected);
  });
});
