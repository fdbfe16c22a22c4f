import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CONFIG_FILE_NAME, ConfigError, checkRuleIds, loadConfig, parseConfig } from "../../src/config/index.js";
import { allRules } from "../../src/rules/index.js";
import { errorMessage } from "./errors.js";

const repoRoot = path.resolve(import.meta.dirname, "../..");
const tmp = mkdtempSync(path.join(tmpdir(), "archlint-config-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let counter = 0;
/** A fresh directory holding `.archlintrc.json` with this text; returns the directory. */
function dirWithConfig(text: string): string {
  const dir = path.join(tmp, `case-${++counter}`);
  mkdirSync(dir);
  writeFileSync(path.join(dir, CONFIG_FILE_NAME), text);
  return dir;
}

function loadError(text: string): { dir: string; error: ConfigError } {
  const dir = dirWithConfig(text);
  try {
    loadConfig(dir);
  } catch (error) {
    if (error instanceof ConfigError) return { dir, error };
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("returns an empty configuration when DIR has no .archlintrc.json", () => {
    const dir = path.join(tmp, "empty");
    mkdirSync(dir);
    expect(loadConfig(dir)).toEqual({ config: {} });
  });

  it("reads DIR/.archlintrc.json and says which file it read", () => {
    const dir = dirWithConfig('{ "docs": ["../docs/architecture.md"], "rules": { "secret-in-env": "warning" } }');
    expect(loadConfig(dir)).toEqual({
      config: { docs: ["../docs/architecture.md"], rules: { "secret-in-env": "warning" } },
      file: path.join(dir, CONFIG_FILE_NAME),
    });
  });

  it("reads an explicit file instead, and fails when it does not exist", () => {
    const dir = dirWithConfig('{ "tagKey": "ignored" }');
    const explicit = path.join(dir, "other.json");
    writeFileSync(explicit, '{ "tagKey": "team" }');
    expect(loadConfig(dir, explicit)).toEqual({ config: { tagKey: "team" }, file: explicit });
    const missing = path.join(dir, "missing.json");
    expect(errorMessage(ConfigError, () => loadConfig(dir, missing))).toBe(
      `configuration file not found: ${missing}. Check the --config path.`,
    );
  });

  it("names a misspelled key, where it is written, and what was meant", () => {
    const { dir, error } = loadError('{\n  "docs": [],\n  "rulez": { "placement-public": "off" }\n}\n');
    expect(error.message).toBe(
      `${path.join(dir, CONFIG_FILE_NAME)}:3:3: unknown key "rulez" at /; did you mean "rules"?`,
    );
    expect(error.name).toBe("ConfigError");
    expect(error.details).toMatchObject({ pointer: "/", line: 3, column: 3 });
  });

  it("names a misspelled nested key", () => {
    const { dir, error } = loadError('{ "live": { "regon": ["us-east-1"] } }');
    expect(error.message).toBe(
      `${path.join(dir, CONFIG_FILE_NAME)}:1:13: unknown key "regon" at /live; did you mean "regions"?`,
    );
  });

  it("lists the keys when an unknown key resembles none", () => {
    expect(errorMessage(ConfigError, () => parseConfig('{ "colour": true }', "c.json"))).toBe(
      'c.json:1:3: unknown key "colour" at /; expected one of "$schema", "$comment", "docs", "diagrams", "iac", ' +
        '"exclude", "variables", "tfvars", "mapping", "tagKey", "rules", "baseline", "live"',
    );
  });

  it("names a wrong type with the expected one", () => {
    const { dir, error } = loadError('{\n  "docs": "docs/architecture.md"\n}');
    expect(error.message).toBe(
      `${path.join(dir, CONFIG_FILE_NAME)}:2:11: wrong type at /docs: expected an array of non-empty strings, got the string "docs/architecture.md"`,
    );
    expect(errorMessage(ConfigError, () => parseConfig('{ "docs": ["a.md", 3] }', "c.json"))).toBe(
      "c.json:1:20: wrong type at /docs/1: expected a non-empty string, got the number 3",
    );
    expect(errorMessage(ConfigError, () => parseConfig("[]", "c.json"))).toBe(
      "c.json:1:1: wrong type at /: expected an object, got an array",
    );
  });

  it("names a wrong level with a did-you-mean", () => {
    expect(errorMessage(ConfigError, () => parseConfig('{ "rules": { "placement-public": "eror" } }', "c.json"))).toBe(
      'c.json:1:34: invalid value "eror" at /rules/placement-public: expected one of "off", "note", "warning", "error"; did you mean "error"?',
    );
  });

  it("explains the accepted forms of a diagram selector", () => {
    expect(errorMessage(ConfigError, () => parseConfig('{ "diagrams": { "docs/a.md": [0] } }', "c.json"))).toBe(
      "c.json:1:30: invalid value [0] at /diagrams/docs~1a.md: expected a non-empty string or a non-empty array of integers >= 1",
    );
    expect(parseConfig('{ "diagrams": { "a.md": "last", "b.md": [1, 2], "c.md": "Final" } }', "c.json")).toEqual({
      diagrams: { "a.md": "last", "b.md": [1, 2], "c.md": "Final" },
    });
  });

  it("reports JSON syntax errors with line and column", () => {
    const { dir, error } = loadError('{\n  "docs": ["a.md"]\n  "iac": []\n}');
    expect(error.message).toBe(`${path.join(dir, CONFIG_FILE_NAME)}:3:3: invalid JSON: expected a comma`);
    expect(errorMessage(ConfigError, () => parseConfig('{\n  "docs": ["a.md",]\n}', "c.json"))).toBe(
      "c.json:2:18: invalid JSON: trailing comma (not allowed in JSON)",
    );
    expect(errorMessage(ConfigError, () => parseConfig('{ "docs": [] } // note', "c.json"))).toBe(
      "c.json:1:16: invalid JSON: comments are not allowed in JSON",
    );
    expect(errorMessage(ConfigError, () => parseConfig("", "c.json"))).toBe(
      "c.json:1:1: invalid JSON: expected a value",
    );
  });

  it("accepts a byte order mark", () => {
    expect(parseConfig('\uFEFF{ "tagKey": "team" }', "c.json")).toEqual({ tagKey: "team" });
  });
});

describe("checkRuleIds", () => {
  it("accepts known ids and points at an unknown one with a did-you-mean", () => {
    const file = "/x/.archlintrc.json";
    const config = parseConfig(
      '{\n  "rules": {\n    "placement-public": "off",\n    "secret-in-evn": "note"\n  }\n}',
      file,
    );
    expect(errorMessage(ConfigError, () => checkRuleIds(config, ["placement-public", "secret-in-env"]))).toBe(
      `${file}:4:5: unknown rule "secret-in-evn" at /rules; did you mean "secret-in-env"?`,
    );
    expect(() => checkRuleIds(config, ["placement-public", "secret-in-evn"])).not.toThrow();
  });

  it("works on a configuration that was not loaded from a file", () => {
    expect(errorMessage(ConfigError, () => checkRuleIds({ rules: { zzz: "off" } }, ["placement-public"]))).toBe(
      'unknown rule "zzz" at /rules; run "archlint rules" to list the rule ids',
    );
  });
});

interface SchemaNode {
  $schema?: string;
  description?: string;
  additionalProperties?: unknown;
  properties?: Record<string, SchemaNode>;
}

describe("schema and example", () => {
  const schema = JSON.parse(readFileSync(path.join(repoRoot, "schema/archlintrc.schema.json"), "utf8")) as SchemaNode;

  it("is draft-07, closed, and describes every key of config.md", () => {
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties?.live?.additionalProperties).toBe(false);
    const keys = [
      "docs",
      "diagrams",
      "iac",
      "exclude",
      "variables",
      "tfvars",
      "mapping",
      "tagKey",
      "rules",
      "baseline",
      "live",
    ];
    for (const key of keys) expect(schema.properties?.[key]?.description, key).toBeTruthy();
    for (const key of ["regions", "profile", "tags", "terraformState"]) {
      expect(schema.properties?.live?.properties?.[key]?.description, key).toBeTruthy();
    }
  });

  it("offers completion for every rule of the catalogue", () => {
    const listed = Object.keys(schema.properties?.rules?.properties ?? {});
    for (const rule of allRules) expect(listed, rule.meta.id).toContain(rule.meta.id);
  });

  it("validates .archlintrc.example.json, which uses every key", () => {
    const file = path.join(repoRoot, ".archlintrc.example.json");
    const { config } = loadConfig(repoRoot, file);
    expect(Object.keys(config).sort()).toEqual(Object.keys(schema.properties ?? {}).sort());
    expect(Object.keys(config.live ?? {}).sort()).toEqual(
      Object.keys(schema.properties?.live?.properties ?? {}).sort(),
    );
    expect(config.$schema).toBe("./schema/archlintrc.schema.json");
  });
});
