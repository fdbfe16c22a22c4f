import { describe, expect, it } from "vitest";
import { parse } from "./helpers.js";

describe("C4 parser", () => {
  it("reads macros with Mermaid's parameter order and positions of the alias tokens", () => {
    const d = parse(
      [
        "C4Container",
        "title My system",
        'Person(user, "User", "A person.")',
        'System_Boundary(sys, "System") {',
        '  Container(api, "API", "Go", "Serves requests.")',
        '  ContainerDb(db, "Database", "PostgreSQL", "Data.")',
        "}",
        'Rel(user, api, "Uses", "HTTPS")',
      ].join("\n"),
    );
    expect(d.type).toBe("c4");
    expect(d.header).toBe("C4Container");
    expect(d.title?.value).toBe("My system");
    expect(d.diagnostics).toEqual([]);
    const api = d.nodes.find((n) => n.id === "api")!;
    expect(api).toMatchObject({ macro: "Container", parent: "sys", boundary: false });
    expect(api.label?.value).toBe("API");
    expect(api.technology?.value).toBe("Go");
    expect(api.description?.value).toBe("Serves requests.");
    expect(api.source).toEqual({ file: "d.mmd", line: 5, column: 13 });
    expect(api.statement).toEqual({ file: "d.mmd", line: 5, column: 3 });
    const sys = d.nodes.find((n) => n.id === "sys")!;
    expect(sys).toMatchObject({ boundary: true, endLine: 7 });
    expect(d.edges).toEqual([
      {
        from: "user",
        to: "api",
        arrow: "Rel",
        label: { value: "Uses", source: { file: "d.mmd", line: 8, column: 16 } },
        technology: { value: "HTTPS", source: { file: "d.mmd", line: 8, column: 24 } },
        source: { file: "d.mmd", line: 8, column: 1 },
      },
    ]);
  });

  it("reads $name= parameters, strings holding commas and parentheses, <br/> and \\n", () => {
    const d = parse(
      [
        "C4Component",
        'Component(a, "A (main), first", $techn="Rust", $descr="Line one<br/>line two\\nthree")',
        'Rel(a, a, $label="Self", $techn="local")',
      ].join("\n"),
    );
    const a = d.nodes[0]!;
    expect(a.label?.value).toBe("A (main), first");
    expect(a.technology?.value).toBe("Rust");
    expect(a.description?.value).toBe("Line one\nline two\nthree");
    expect(d.edges[0]?.label?.value).toBe("Self");
    expect(d.edges[0]?.technology?.value).toBe("local");
  });

  it("treats a sentence in the technology slot as the description (seed 002)", () => {
    const d = parse(
      [
        "C4Container",
        'Container(gw, "API Gateway", "Single entry point for all traffic.")',
        'Container(web, "Web", "Docker Container")',
        'System(mail, "Email Service", "e.g., AWS SES, SendGrid", "External service that delivers emails.")',
      ].join("\n"),
    );
    const [gw, web, mail] = d.nodes;
    expect(gw?.technology).toBeUndefined();
    expect(gw?.description?.value).toBe("Single entry point for all traffic.");
    expect(web?.technology?.value).toBe("Docker Container");
    expect(mail?.technology?.value).toBe("e.g., AWS SES, SendGrid");
    expect(mail?.description?.value).toBe("External service that delivers emails.");
  });

  it("turns Rel_Back(a, b) into b → a and BiRel into both directions", () => {
    const d = parse(
      ["C4Container", 'Container(a, "A")', 'Container(b, "B")', 'Rel_Back(a, b, "Uses")', 'BiRel(a, b, "Talks")'].join(
        "\n",
      ),
    );
    expect(d.edges.map((e) => `${e.from}->${e.to}:${e.arrow}`)).toEqual(["b->a:Rel_Back", "a->b:BiRel", "b->a:BiRel"]);
  });

  it("reports unknown aliases of Rel*, RelIndex and style macros at the argument", () => {
    const d = parse(
      [
        "C4Context",
        'Person(p, "P")',
        'Rel(p, missing, "Uses")',
        'RelIndex(1, ghost, p, "Calls")',
        'UpdateRelStyle(p, nobody, $textColor="red")',
        'UpdateElementStyle(p, $fontColor="red")',
        'UpdateLayoutConfig($c4ShapeInRow="3")',
      ].join("\n"),
    );
    expect(d.diagnostics.map((x) => [x.code, x.source.line, x.source.column, x.component])).toEqual([
      ["doc-unknown-reference", 3, 8, "missing"],
      ["doc-unknown-reference", 4, 13, "ghost"],
      ["doc-unknown-reference", 5, 19, "nobody"],
    ]);
  });

  it("reports two macros with one alias as a duplicate at the second alias", () => {
    const d = parse(["C4Container", 'Container(x, "X")', 'ContainerDb(x, "X db")'].join("\n"));
    expect(d.diagnostics).toHaveLength(1);
    expect(d.diagnostics[0]).toMatchObject({
      code: "doc-duplicate-id",
      source: { line: 3, column: 13 },
      related: [{ line: 2, column: 11 }],
    });
  });

  it("says what was expected and recovers at the next statement", () => {
    const d = parse(
      [
        "C4Container",
        'Container(api, "API", "Go"',
        "Bogus(x)",
        'Container(web, "Web)',
        'Boundary(b, "B")',
        'Container(ok, "OK")',
        "}",
      ].join("\n"),
    );
    expect(d.diagnostics.map((x) => [x.source.line, x.source.column, x.message])).toEqual([
      [2, 27, 'expected ")" to close Container(api … but found end of line'],
      [
        3,
        1,
        'unknown C4 statement "Bogus": expected a macro such as Person, System, Container, Component, Boundary or Rel',
      ],
      [4, 16, 'unterminated string: expected a closing " before the end of the line'],
      [5, 17, 'expected "{" after Boundary(b …) but found end of line'],
      [7, 1, 'unexpected "}": no boundary is open'],
    ]);
    expect(d.nodes.map((n) => n.id)).toEqual(["api", "web", "b", "ok"]);
  });

  it("reads strings that run over lines, as Mermaid's C4 lexer does", () => {
    const d = parse(
      [
        "C4Container",
        'Container(api, "API", "Go", "Posts API.',
        '    2-10 tasks, port 3000")',
        'Rel(api, db, "Reads',
        '  posts", $techn="SQL',
        '  over TLS")',
        'ContainerDb(db, "DB")',
      ].join("\n"),
    );
    expect(d.diagnostics).toEqual([]);
    expect(d.nodes.map((n) => n.id)).toEqual(["api", "db"]);
    expect(d.nodes[0]!.description).toEqual({
      value: "Posts API.\n2-10 tasks, port 3000",
      source: { file: "d.mmd", line: 2, column: 29 },
    });
    expect(d.edges.map((e) => [e.label?.value, e.technology?.value, e.technology?.source.line])).toEqual([
      ["Reads\nposts", "SQL\nover TLS", 5],
    ]);
  });

  it("a string that runs on and breaks its statement is unterminated, at its quote; the next line parses", () => {
    const d = parse(
      ["C4Container", 'Container(api, "API", "Go)', 'Container(web, "Web", "React", "UI")', 'Container(x, "X'].join(
        "\n",
      ),
    );
    expect(d.diagnostics).toEqual([
      {
        code: "doc-syntax-error",
        message: 'unterminated string: expected a closing " before the end of the line',
        source: { file: "d.mmd", line: 2, column: 23 },
        related: [
          {
            file: "d.mmd",
            line: 3,
            column: 17,
            message: "read as a string running on to here, the statement breaks",
          },
        ],
      },
      {
        code: "doc-syntax-error",
        message: 'unterminated string: expected a closing " before the end of the line',
        source: { file: "d.mmd", line: 4, column: 14 },
      },
    ]);
    expect(d.nodes.map((n) => [n.id, n.label?.value, n.technology?.value])).toEqual([
      ["api", "API", undefined],
      ["web", "Web", "React"],
      ["x", undefined, undefined],
    ]);
  });

  it("reports an unclosed boundary at its macro", () => {
    const d = parse(["C4Context", 'Enterprise_Boundary(e, "E") {', '  System(s, "S")'].join("\n"));
    expect(d.diagnostics.map((x) => [x.source.line, x.source.column, x.message])).toEqual([
      [2, 1, 'expected "}" to close Enterprise_Boundary(e … but found end of diagram'],
    ]);
    expect(d.nodes[1]?.parent).toBe("e");
  });

  it("records %% comments and archlint-disable-next-line suppressions", () => {
    const d = parse(
      [
        "C4Context",
        "%% representative example",
        "  %% archlint-disable-next-line doc-unknown-reference -- old alias",
        'Rel(a, b, "x")',
      ].join("\n"),
    );
    expect(d.comments.map((c) => c.text)).toEqual([
      "representative example",
      "archlint-disable-next-line doc-unknown-reference -- old alias",
    ]);
    expect(d.suppressions).toEqual([
      {
        rule: "doc-unknown-reference",
        reason: "old alias",
        source: { file: "d.mmd", line: 3, column: 3 },
        scope: { kind: "lines", file: "d.mmd", fromLine: 3, toLine: 4 },
      },
    ]);
  });
});
