import { describe, expect, it } from "vitest";
import { parse } from "./helpers.js";

describe("architecture-beta parser", () => {
  it("reads groups, services, junctions, icons, titles, parents and edges with sides", () => {
    const d = parse(
      [
        "architecture-beta",
        "    group api(cloud)[API]",
        "    service db(database)[Database] in api",
        "    service disk(logos:aws-s3)[Storage] in api",
        "    junction fork in api",
        "    db:L -- R:disk",
        "    disk{group}:B --> T:fork",
        "    db:T <-- B:fork",
      ].join("\n"),
    );
    expect(d.diagnostics).toEqual([]);
    expect(d.nodes.map((n) => [n.id, n.macro, n.icon, n.label?.value, n.parent, n.boundary])).toEqual([
      ["api", "group", "cloud", "API", undefined, true],
      ["db", "service", "database", "Database", "api", false],
      ["disk", "service", "logos:aws-s3", "Storage", "api", false],
      ["fork", "junction", undefined, undefined, "api", false],
    ]);
    expect(d.nodes[1]?.source).toEqual({ file: "d.mmd", line: 3, column: 13 });
    expect(d.edges.map((e) => [e.from, e.to, e.arrow, e.source.line, e.source.column])).toEqual([
      ["db", "disk", "--", 6, 5],
      ["disk", "fork", "-->", 7, 5],
      ["fork", "db", "<--", 8, 5],
    ]);
  });

  it("reports bad statements and duplicate ids", () => {
    const d = parse(
      ["architecture-beta", "service a(server)[A]", "service a(server)[A2]", "a:X --> L:b", "service b(server)[B"].join(
        "\n",
      ),
    );
    expect(d.diagnostics.map((x) => [x.code, x.source.line, x.source.column])).toEqual([
      ["doc-duplicate-id", 3, 9],
      ["doc-syntax-error", 4, 3],
      ["doc-syntax-error", 5, 18],
    ]);
  });
});
