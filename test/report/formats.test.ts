import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/model/finding.js";
import { formatFindings, formatRules, type ReportFormat } from "../../src/report/index.js";
import { ALL, MISSING, MULTI_AZ, PLACEMENT, RULES, ruleMeta } from "./fixtures.js";

function report(format: ReportFormat, findings: Finding[], color = false): string {
  return formatFindings(format, { findings, rules: RULES, toolVersion: "0.1.0", color, root: "/work/repo" });
}

const ESC = "\u001b";

describe("json format", () => {
  it("prints exactly the object of cli.md, sorted, with absent optional fields left out", () => {
    expect(report("json", [PLACEMENT, MISSING])).toBe(`{
  "version": 1,
  "tool": {
    "name": "archlint",
    "version": "0.1.0"
  },
  "findings": [
    {
      "ruleId": "component-missing",
      "level": "error",
      "message": "documented component \\"cache\\" (Redis) has no matching resource",
      "location": {
        "file": "docs/architecture.md",
        "line": 30,
        "column": 5
      },
      "related": [],
      "component": "cache"
    },
    {
      "ruleId": "placement-public",
      "level": "error",
      "message": "EC2 instance aws_instance.app is reachable from the internet (public IP in a subnet routed to an internet gateway), but the architecture places it in a private subnet",
      "location": {
        "file": "infra/main.tf",
        "line": 42,
        "column": 1
      },
      "related": [
        {
          "file": "docs/architecture.md",
          "line": 118,
          "column": 13,
          "message": "documented in \\"EC2 Instance (Private Subnet)\\""
        }
      ],
      "component": "post_container",
      "resource": "aws_instance.app"
    }
  ],
  "summary": {
    "error": 2,
    "warning": 0,
    "note": 0
  }
}
`);
  });

  it("counts every level in the summary and prints an empty list when clean", () => {
    const summary = (findings: Finding[]) => (JSON.parse(report("json", findings)) as { summary: object }).summary;
    expect(summary(ALL)).toEqual({ error: 2, warning: 1, note: 0 });
    expect(JSON.parse(report("json", []))).toEqual({
      version: 1,
      tool: { name: "archlint", version: "0.1.0" },
      findings: [],
      summary: { error: 0, warning: 0, note: 0 },
    });
  });
});

describe("text format", () => {
  it("groups by file with aligned rows, related locations, fix hints and a summary", () => {
    expect(report("text", ALL)).toBe(
      [
        "docs/architecture.md",
        '  30:5  error    documented component "cache" (Redis) has no matching resource  component-missing',
        "",
        "infra/main.tf",
        "  7:3   warning  aws_db_instance.main is single-AZ, but the docs say Multi-AZ  multi-az-missing",
        '        ↳ docs/architecture.md:12:1 claimed in "RDS (Multi-AZ)"',
        `  42:1  error    ${PLACEMENT.message}  placement-public`,
        '        ↳ docs/architecture.md:118:13 documented in "EC2 Instance (Private Subnet)"',
        "        fix: set associate_public_ip_address = false or move the instance to a private subnet",
        "",
        "✖ 3 problems (2 errors, 1 warning, 0 notes)",
        "",
      ].join("\n"),
    );
  });

  it("says so when there is nothing to report", () => {
    expect(report("text", [])).toBe("✔ no problems\n");
  });

  it("uses singular words for one finding", () => {
    const note: Finding = { ...MISSING, level: "note" };
    expect(report("text", [note]).split("\n").at(-2)).toBe("✖ 1 problem (0 errors, 0 warnings, 1 note)");
  });

  it("colors only when asked", () => {
    expect(report("text", ALL, false)).not.toContain(ESC);
    const colored = report("text", ALL, true);
    expect(colored).toContain(`${ESC}[31merror  ${ESC}[39m`);
    expect(colored).toContain(`${ESC}[33mwarning${ESC}[39m`);
    expect(colored).toContain(`${ESC}[4minfra/main.tf${ESC}[24m`);
    // Stripping the escapes gives the plain report back.
    expect(colored.replace(new RegExp(`${ESC}\\[\\d+m`, "g"), "")).toBe(report("text", ALL, false));
  });

  it("keeps continuation lines of a multi-line message under the message column", () => {
    const multi: Finding = { ...MISSING, message: "first line\nsecond line" };
    expect(report("text", [multi]).split("\n").slice(1, 3)).toEqual([
      "  30:5  error    first line",
      "                 second line  component-missing",
    ]);
  });
});

describe("github format", () => {
  it("prints one workflow command per finding with notice for notes", () => {
    const note: Finding = { ...MISSING, level: "note", ruleId: "relation-undocumented" };
    expect(report("github", [MULTI_AZ, note])).toBe(
      [
        "::notice file=docs/architecture.md,line=30,col=5,title=relation-undocumented::" +
          'documented component "cache" (Redis) has no matching resource',
        "::warning file=infra/main.tf,line=7,col=3,title=multi-az-missing::" +
          'aws_db_instance.main is single-AZ, but the docs say Multi-AZ%0A↳ docs/architecture.md:12:1 claimed in "RDS (Multi-AZ)"',
        "",
      ].join("\n"),
    );
  });

  it("escapes % CR LF in data and also : and , in properties", () => {
    const odd: Finding = {
      ...MISSING,
      message: "100% broken\r\nnext",
      location: { file: "docs/a,b:c%.md", line: 2, column: 4 },
    };
    expect(report("github", [odd])).toBe(
      "::error file=docs/a%2Cb%3Ac%25.md,line=2,col=4,title=component-missing::100%25 broken%0D%0Anext\n",
    );
  });

  it("prints nothing when clean", () => {
    expect(report("github", [])).toBe("");
  });
});

describe("junit format", () => {
  it("has one testcase per rule per file, failures listing each finding, and passing rules", () => {
    const second: Finding = {
      ...PLACEMENT,
      location: { ...PLACEMENT.location, line: 60 },
      related: [],
      fix: undefined,
    };
    expect(report("junit", [PLACEMENT, second])).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="archlint" tests="4" failures="1" errors="0">
  <testsuite name="component-missing" tests="1" failures="0" errors="0" skipped="0">
    <testcase classname="component-missing" name="all inputs"/>
  </testsuite>
  <testsuite name="multi-az-missing" tests="1" failures="0" errors="0" skipped="0">
    <testcase classname="multi-az-missing" name="all inputs"/>
  </testsuite>
  <testsuite name="placement-public" tests="1" failures="1" errors="0" skipped="0">
    <testcase classname="placement-public" name="infra/main.tf">
      <failure type="error" message="2 findings of placement-public in infra/main.tf">infra/main.tf:42:1 error ${PLACEMENT.message}
  ↳ docs/architecture.md:118:13 documented in &quot;EC2 Instance (Private Subnet)&quot;
  fix: set associate_public_ip_address = false or move the instance to a private subnet
infra/main.tf:60:1 error ${PLACEMENT.message}</failure>
    </testcase>
  </testsuite>
  <testsuite name="relation-undocumented" tests="1" failures="0" errors="0" skipped="0">
    <testcase classname="relation-undocumented" name="all inputs"/>
  </testsuite>
</testsuites>
`);
  });

  it("escapes XML and replaces characters XML cannot carry", () => {
    const odd: Finding = {
      ...MISSING,
      message: `<b> & 'q' "d" \u0007bell`,
      location: { file: 'docs/<a>&"b".md', line: 1, column: 1 },
    };
    const xml = report("junit", [odd]);
    expect(xml).toContain('<testcase classname="component-missing" name="docs/&lt;a&gt;&amp;&quot;b&quot;.md">');
    expect(xml).toContain("error &lt;b&gt; &amp; &apos;q&apos; &quot;d&quot; \uFFFDbell</failure>");
  });
});

describe("every format", () => {
  const formats: ReportFormat[] = ["text", "json", "sarif", "github", "junit"];

  it("is byte-identical for identical input, whatever order the findings come in", () => {
    for (const format of formats) {
      expect(report(format, [MULTI_AZ, PLACEMENT, MISSING])).toBe(report(format, [MISSING, PLACEMENT, MULTI_AZ]));
    }
  });

  it("never unmasks a masked secret value", () => {
    const secret: Finding = {
      ruleId: "secret-in-env",
      level: "error",
      message: 'environment variable STRIPE_KEY of container web holds a secret in plain text: "sk_l…" (32 chars)',
      location: { file: "infra/ecs.tf", line: 12, column: 7 },
      related: [],
      resource: "aws_ecs_task_definition.web",
      attributePath: "environment.STRIPE_KEY",
    };
    for (const format of formats) {
      const text = report(format, [secret]);
      expect(text, format).toContain("sk_l…");
      expect(text, format).toContain("(32 chars)");
      expect(text, format).not.toMatch(/sk_l(?!…)/);
    }
  });
});

describe("formatRules", () => {
  it("aligns id, default level and description", () => {
    const rules = [RULES[1]!, RULES[3]!, ruleMeta("technology-mismatch", "warning", "documented technology differs")];
    expect(formatRules(rules, false)).toBe(
      [
        "rule                   default  description",
        "component-missing      error    a documented component has no matching resource",
        "relation-undocumented  note     the infrastructure connects two components with no documented relation",
        "technology-mismatch    warning  documented technology differs",
        "",
      ].join("\n"),
    );
    expect(formatRules(rules, true)).toContain(`${ESC}[36mnote   ${ESC}[39m`);
  });
});
