import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/index.js";
import { initConfig } from "../../src/init/index.js";
import type { RuleMeta } from "../../src/rules/types.js";

const tmp = mkdtempSync(path.join(tmpdir(), "archlint-init-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function meta(id: string, defaultLevel: RuleMeta["defaultLevel"]): RuleMeta {
  return { id, defaultLevel, description: id, commands: ["check"], docs: { explanation: "", drifted: "", fixed: "" } };
}

const RULES = [meta("component-missing", "error"), meta("relation-undocumented", "note")];

describe("initConfig", () => {
  it("writes the documents, IaC and rule defaults it is given as valid JSON", () => {
    const text = initConfig(
      tmp,
      { docs: ["docs/b.md", "docs/a.md"], terraformModules: ["infra"], cloudFormation: ["cfn/app.yaml"] },
      RULES,
    );
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(["$schema", "$comment", "docs", "iac", "rules"]);
    expect(parsed).toMatchObject({
      $schema: "https://raw.githubusercontent.com/archlint/archlint/main/schema/archlintrc.schema.json",
      docs: ["docs/a.md", "docs/b.md"],
      iac: ["cfn/app.yaml", "infra"],
      rules: { "component-missing": "error", "relation-undocumented": "note" },
    });
    expect(text.endsWith("}\n")).toBe(true);
    // What init writes, the configuration loader accepts.
    expect(() => parseConfig(text, ".archlintrc.json")).not.toThrow();
  });

  it("leaves docs and iac out when nothing was found, so that discovery still runs", () => {
    const parsed = JSON.parse(initConfig(tmp, { docs: [], terraformModules: [], cloudFormation: [] }, [])) as object;
    expect(Object.keys(parsed)).toEqual(["$schema", "$comment"]);
  });

  it("points at the schema installed in node_modules when there is one", () => {
    const dir = path.join(tmp, "project");
    mkdirSync(path.join(dir, "node_modules/archlint/schema"), { recursive: true });
    writeFileSync(path.join(dir, "node_modules/archlint/schema/archlintrc.schema.json"), "{}");
    const parsed = JSON.parse(initConfig(dir, { docs: [], terraformModules: ["."], cloudFormation: [] }, RULES)) as {
      $schema: string;
      iac: string[];
    };
    expect(parsed.$schema).toBe("./node_modules/archlint/schema/archlintrc.schema.json");
    expect(parsed.iac).toEqual(["."]);
  });

  it("lists every rule of the catalogue with its default level by default", () => {
    const parsed = JSON.parse(initConfig(tmp, { docs: [], terraformModules: [], cloudFormation: [] })) as {
      rules?: Record<string, string>;
    };
    expect(Object.keys(parsed.rules ?? {}).length).toBeGreaterThan(0);
    for (const level of Object.values(parsed.rules ?? {})) expect(["note", "warning", "error"]).toContain(level);
    expect(() => parseConfig(JSON.stringify(parsed), ".archlintrc.json")).not.toThrow();
  });
});
