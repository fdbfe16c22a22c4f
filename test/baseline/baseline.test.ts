import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  BaselineError,
  createBaseline,
  filterBaseline,
  parseBaseline,
  readBaseline,
  serializeBaseline,
  writeBaseline,
} from "../../src/baseline/index.js";
import type { Finding } from "../../src/model/finding.js";
import { errorMessage } from "../config/errors.js";
import { MISSING, MULTI_AZ } from "../report/fixtures.js";

const tmp = mkdtempSync(path.join(tmpdir(), "archlint-baseline-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function syntaxError(line: number, message: string): Finding {
  return {
    ruleId: "doc-syntax-error",
    level: "error",
    message,
    location: { file: "docs/a.md", line, column: 1 },
    related: [],
  };
}

function moved(finding: Finding, line: number): Finding {
  return { ...finding, location: { ...finding.location, line } };
}

describe("baseline file", () => {
  it("records identities (never lines), sorted, with a message hash only to break ties", () => {
    const text = serializeBaseline([MULTI_AZ, syntaxError(9, "expected )"), MISSING, syntaxError(4, "expected ]")]);
    expect(JSON.parse(text)).toEqual({
      version: 1,
      entries: [
        { ruleId: "component-missing", file: "docs/architecture.md", component: "cache", count: 1 },
        {
          ruleId: "doc-syntax-error",
          file: "docs/a.md",
          messageHash: expect.stringMatching(/^[0-9a-f]{12}$/),
          count: 1,
        },
        {
          ruleId: "doc-syntax-error",
          file: "docs/a.md",
          messageHash: expect.stringMatching(/^[0-9a-f]{12}$/),
          count: 1,
        },
        {
          ruleId: "multi-az-missing",
          file: "infra/main.tf",
          resource: "aws_db_instance.main",
          attributePath: "multi_az",
          count: 1,
        },
      ],
    });
    expect(text).not.toContain('"line"');
    expect(text.endsWith("}\n")).toBe(true);
  });

  it("is byte-identical whatever order the findings come in", () => {
    const findings = [MULTI_AZ, syntaxError(9, "expected )"), MISSING, syntaxError(4, "expected ]")];
    expect(serializeBaseline([...findings].reverse())).toBe(serializeBaseline(findings));
  });

  it("counts identical findings in one entry", () => {
    const twice = [syntaxError(1, "expected )"), syntaxError(5, "expected )")];
    expect(createBaseline(twice).entries).toEqual([
      { ruleId: "doc-syntax-error", file: "docs/a.md", messageHash: expect.any(String), count: 2 },
    ]);
  });

  it("writes and reads back the same baseline", () => {
    const file = path.join(tmp, "nested/dir/.archlint-baseline.json");
    writeBaseline([MULTI_AZ, MISSING], file);
    expect(readBaseline(file)).toEqual(createBaseline([MULTI_AZ, MISSING]));
  });
});

describe("filterBaseline", () => {
  const baseline = createBaseline([MULTI_AZ, MISSING]);

  it("hides recorded findings, also when their block moved to another line", () => {
    expect(filterBaseline([moved(MULTI_AZ, 70), moved(MISSING, 3)], baseline)).toEqual([]);
  });

  it("still reports new findings and findings of another resource, attribute or rule", () => {
    const otherAttribute: Finding = { ...MULTI_AZ, attributePath: "storage_encrypted" };
    const otherResource: Finding = { ...MULTI_AZ, resource: "aws_db_instance.replica" };
    const otherRule: Finding = { ...MISSING, ruleId: "technology-mismatch" };
    expect(filterBaseline([MULTI_AZ, otherAttribute, otherResource, otherRule], baseline)).toEqual([
      otherAttribute,
      otherResource,
      otherRule,
    ]);
  });

  it("accepts at most as many findings as an entry recorded", () => {
    expect(filterBaseline([MISSING, moved(MISSING, 40)], baseline)).toEqual([moved(MISSING, 40)]);
  });

  it("tells apart findings that share an identity by their message", () => {
    const recorded = createBaseline([syntaxError(4, "expected ]"), syntaxError(9, "expected )")]);
    const now = [syntaxError(5, "expected ]"), syntaxError(10, "expected )"), syntaxError(12, "unknown arrow")];
    expect(filterBaseline(now, recorded)).toEqual([syntaxError(12, "unknown arrow")]);
  });

  it("keeps accepting a lone finding whose wording changed", () => {
    const reworded: Finding = { ...MULTI_AZ, message: "aws_db_instance.main runs in one availability zone" };
    expect(filterBaseline([reworded], baseline)).toEqual([]);
  });
});

describe("invalid baselines", () => {
  it("says how to create a missing baseline", () => {
    const file = path.join(tmp, "missing.json");
    expect(errorMessage(BaselineError, () => readBaseline(file))).toBe(
      `baseline file not found: ${file}. Create it with --update-baseline ${file}.`,
    );
  });

  it("names the place of a JSON syntax error", () => {
    const file = path.join(tmp, "broken.json");
    writeFileSync(file, '{\n  "version": 1\n  "entries": []\n}');
    expect(errorMessage(BaselineError, () => readBaseline(file))).toBe(
      `${file}:3:3: the baseline is not valid JSON: expected a comma.`,
    );
  });

  it("rejects another format or a malformed entry", () => {
    expect(errorMessage(BaselineError, () => parseBaseline('{ "version": 2, "entries": [] }', "b.json"))).toBe(
      'b.json is not an archlint baseline (expected "version": 1, found 2). Recreate it with --update-baseline b.json.',
    );
    expect(errorMessage(BaselineError, () => parseBaseline("[]", "b.json"))).toBe(
      "b.json is not an archlint baseline (expected a JSON object). Recreate it with --update-baseline b.json.",
    );
    expect(
      errorMessage(BaselineError, () =>
        parseBaseline('{ "version": 1, "entries": [{ "ruleId": "x", "file": "a", "count": 0 }] }', "b.json"),
      ),
    ).toBe(
      "b.json is not an archlint baseline (entry 1 needs a count of 1 or more). Recreate it with --update-baseline b.json.",
    );
  });

  it("reads what it wrote byte for byte", () => {
    const file = path.join(tmp, "roundtrip.json");
    writeBaseline([MISSING], file);
    expect(readFileSync(file, "utf8")).toBe(serializeBaseline([MISSING]));
  });
});
