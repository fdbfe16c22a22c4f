/**
 * Discovery parses a file to tell a template from other YAML; the parser then takes that read
 * instead of parsing the same text again, with the same result as a parse of its own.
 */
import { describe, expect, test } from "vitest";
import { looksLikeCloudFormation, parseCloudFormation } from "../../src/parsers/cloudformation/index.js";
import { takeRememberedRead } from "../../src/parsers/cloudformation/read.js";
import { Locator } from "../../src/parsers/cloudformation/tree.js";
import { corpus, readCorpus } from "./helpers.js";

/** A template with a syntax error on line 5, so that the read carries a positioned diagnostic. */
const BROKEN = "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n  Other:\n    Type: [\n";

function parse(file: string, text: string) {
  return parseCloudFormation([{ file, text }], { root: corpus });
}

describe("the read made while detecting a template", () => {
  test("is handed to the parser once, placed in the parser's file", () => {
    const text = `${BROKEN}# handed once\n`;
    expect(looksLikeCloudFormation(text)).toBe(true);
    const read = takeRememberedRead(new Locator("stacks/queue.yaml", text));
    expect(read?.root?.kind).toBe("map");
    expect(
      read?.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.source.file, diagnostic.source.line]),
    ).toEqual([["iac-parse-error", "stacks/queue.yaml", 5]]);
    expect(takeRememberedRead(new Locator("stacks/queue.yaml", text))).toBeUndefined();
  });

  test.each([
    ["a template with a syntax error", "queue.yaml", BROKEN],
    ["a corpus template", "sam-app.yaml", readCorpus("sam-app.yaml")],
    ["a JSON template", "intrinsics.json", readCorpus("intrinsics.json")],
    // Valid YAML in flow style, but a .json file is read as JSON only: its JSON errors stay.
    ["a .json file in YAML flow style", "flow.json", "{Resources: {Q: {Type: 'AWS::SQS::Queue'}}}"],
  ])("gives the parser the same result as its own parse: %s", (_name, file, text) => {
    const alone = parse(file, text);
    expect(looksLikeCloudFormation(text)).toBe(true);
    expect(parse(file, text)).toEqual(alone);
  });
});
