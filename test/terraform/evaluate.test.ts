// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are HCL, whose templates use ${…}
import { describe, expect, test } from "vitest";
import { evaluateAttributes, evaluatePlain, plain } from "./helpers.js";

const VARIABLES = `
variable "env" { default = "prod" }
variable "unset" {}
variable "list" { default = ["a", "b", "c"] }
variable "map" { default = { x = 1, y = 2 } }
variable "objects" { default = [{ id = "i1", port = 80 }, { id = "i2", port = 443 }] }
locals {
  name = "app-\${var.env}"
}
`;

async function evaluateAll(attributes: Record<string, string>): Promise<Record<string, unknown>> {
  const { values } = await evaluateAttributes(attributes, { "variables.tf": VARIABLES });
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, plain(value)]));
}

describe("literals, operators and conditionals", () => {
  test("arithmetic, comparison, logic and unary operators follow HCL precedence", async () => {
    expect(
      await evaluateAll({
        math: "(1 + 2) * 3 - 10 / 4 % 2",
        precedence: "1 + 2 * 3",
        left: "10 - 4 - 3",
        compare: "3 >= 3 && 2 < 1 || 1 != 2",
        not: "!true",
        negative: "-(2 + 3)",
        string_number: '"2" + 3',
        equal_types: '"1" == 1',
        equal_deep: "{ a = [1, 2] } == { a = [1, 2] }",
      }),
    ).toEqual({
      math: 8.5,
      precedence: 7,
      left: 3,
      compare: true,
      not: false,
      negative: -5,
      string_number: 5,
      equal_types: false,
      equal_deep: true,
    });
  });

  test("a chain of conditionals is right-associative", async () => {
    expect(
      await evaluateAll({
        dev: 'var.env == "prod" ? "p" : var.env == "dev" ? "d" : "other"',
        nested: 'false ? "a" : false ? "b" : "c"',
        parenthesised: '(true ? false : true) ? "x" : "y"',
      }),
    ).toEqual({ dev: "p", nested: "c", parenthesised: "y" });
  });

  test("false && unknown and true || unknown are known; other logic on unknowns is not", async () => {
    expect(
      await evaluateAll({
        and: "false && var.unset",
        or: "var.unset || true",
        open: "var.unset && true",
      }),
    ).toEqual({ and: false, or: true, open: { unknown: "var.unset && true", refs: [] } });
  });
});

describe("templates", () => {
  test("interpolation, escapes, and a lone interpolation keeping its value's type", async () => {
    expect(
      await evaluateAll({
        greeting: '"hello ${local.name}!"',
        escapes: '"q\\" b\\\\ t\\t $${x} %%{y} \\u00e9"',
        raw_list: '"${var.list}"',
        number: '"n=${1.5 + 1}"',
        bool: '"${true}"',
      }),
    ).toEqual({
      greeting: "hello app-prod!",
      escapes: 'q" b\\ t\t ${x} %{y} é',
      raw_list: ["a", "b", "c"],
      number: "n=2.5",
      bool: true,
    });
  });

  test("%{ if } and %{ for } directives with strip markers", async () => {
    expect(
      await evaluateAll({
        if_else: '"%{ if var.env == "prod" }live%{ else }test%{ endif }"',
        for_list: '"%{ for x in var.list }${x},%{ endfor }"',
        for_key: '"%{ for k, v in var.map }${k}=${v};%{ endfor }"',
        strip: '"[ %{~ for x in var.list ~} ${x} %{~ endfor ~} ]"',
        strip_interpolation: '"a ${~ "b" ~} c"',
      }),
    ).toEqual({
      if_else: "live",
      for_list: "a,b,c,",
      for_key: "x=1;y=2;",
      strip: "[abc]",
      strip_interpolation: "abc",
    });
  });

  test("an unknown inside a template makes the whole template unknown, with its refs", async () => {
    const { values } = await evaluateAttributes(
      { url: '"postgres://${aws_db_instance.main.address}:${var.unset}/app"' },
      { "variables.tf": VARIABLES },
    );
    expect(values.url).toMatchObject({
      kind: "unknown",
      text: '"postgres://${aws_db_instance.main.address}:${var.unset}/app"',
      source: { file: "main.tf", line: 2, column: 9 },
      refs: [
        {
          target: "aws_db_instance.main",
          attribute: "address",
          text: "aws_db_instance.main.address",
          source: { file: "main.tf", line: 2, column: 23 },
        },
      ],
    });
  });

  // Cases of HashiCorp's specsuite (tests/expressions/heredoc.hcl), written again here.
  test("heredocs keep or strip indentation as HCL does", async () => {
    const main = [
      'resource "test_thing" "t" {',
      "  basic = <<EOT",
      "Foo",
      "Bar",
      "EOT",
      "  indented = <<EOT",
      "    Foo",
      "      Bar",
      "  EOT",
      "  flush = <<-EOT",
      "    Foo",
      "      Bar",
      "    Baz",
      "  EOT",
      "  flush_less = <<-EOT",
      "    Foo",
      "  Bar",
      "  EOT",
      "  flush_tabs = <<-EOT",
      "\tFoo",
      "  Bar",
      "  EOT",
      "  flush_blank = <<-EOT",
      "    Foo",
      "",
      "    Bar",
      "  EOT",
      "  flush_interp = <<-EOT",
      "    Foo",
      '      ${"x"}',
      "    Baz",
      "  EOT",
      "  marker_suffix = <<EOT",
      "    NOT EOT",
      "  EOT",
      "}",
      "",
    ].join("\n");
    const { parseFiles, resourceAt } = await import("./helpers.js");
    const result = await parseFiles({ "main.tf": main });
    expect(result.diagnostics).toEqual([]);
    expect(plain(resourceAt(result, "test_thing.t").body)).toEqual({
      basic: "Foo\nBar\n",
      indented: "    Foo\n      Bar\n",
      flush: "Foo\n  Bar\nBaz\n",
      flush_less: "  Foo\nBar\n",
      flush_tabs: "Foo\n Bar\n",
      flush_blank: "Foo\n\nBar\n",
      flush_interp: "Foo\n  x\nBaz\n",
      marker_suffix: "    NOT EOT\n",
    });
  });

  test("a JSON heredoc stays a literal string", async () => {
    expect(await evaluatePlain('<<EOF\n{"a": "${1 + 1}"}\nEOF')).toBe('{"a": "2"}\n');
  });
});

describe("references", () => {
  test("resource, data source, counted, splat and keyed references are refs to addresses", async () => {
    expect(
      await evaluateAll({
        plain_ref: "aws_db_instance.main.address",
        whole: "aws_db_instance.main",
        data: "data.aws_ami.ubuntu.id",
        indexed: "aws_subnet.private[0].id",
        keyed: 'aws_subnet.private["a"].id',
        splat: "aws_subnet.private[*].id",
        legacy_splat: "aws_subnet.private.*.id",
        nested: "aws_instance.web.root_block_device[0].volume_size",
        unknown_index: "aws_subnet.private[var.unset].id",
      }),
    ).toEqual({
      plain_ref: { ref: "aws_db_instance.main", attribute: "address" },
      whole: { ref: "aws_db_instance.main" },
      data: { ref: "data.aws_ami.ubuntu", attribute: "id" },
      indexed: { ref: "aws_subnet.private[0]", attribute: "id" },
      keyed: { ref: 'aws_subnet.private["a"]', attribute: "id" },
      splat: { ref: "aws_subnet.private", attribute: "id", splat: true },
      legacy_splat: { ref: "aws_subnet.private", attribute: "id", splat: true },
      nested: { ref: "aws_instance.web", attribute: "root_block_device[0].volume_size" },
      unknown_index: { ref: "aws_subnet.private", attribute: "id", splat: true },
    });
  });

  test("a ref through a local keeps its target; a ref's position is where it is written", async () => {
    const { values } = await evaluateAttributes(
      { host: "local.db.address" },
      { "locals.tf": "locals {\n  db = aws_db_instance.main\n}\n" },
    );
    expect(values.host).toEqual({
      kind: "ref",
      source: { file: "main.tf", line: 2, column: 10 },
      ref: {
        target: "aws_db_instance.main",
        attribute: "address",
        text: "aws_db_instance.main",
        source: { file: "locals.tf", line: 2, column: 8 },
      },
    });
  });

  test("references to secrets set secretReference on the ref and on unknowns holding them", async () => {
    const { values } = await evaluateAttributes({
      arn: "aws_secretsmanager_secret.db.arn",
      version: "aws_secretsmanager_secret_version.db.secret_string",
      parameter: "data.aws_ssm_parameter.token.value",
      url: '"https://${aws_ssm_parameter.key.value}@host"',
      other: "aws_s3_bucket.b.arn",
    });
    expect(values.arn).toMatchObject({ kind: "ref", secretReference: true });
    expect(values.version).toMatchObject({ kind: "ref", secretReference: true });
    expect(values.parameter).toMatchObject({ kind: "ref", secretReference: true });
    expect(values.url).toMatchObject({ kind: "unknown", secretReference: true });
    expect(values.other).not.toHaveProperty("secretReference");
  });

  test("unset variables and unknown functions are unknowns with their text", async () => {
    expect(
      await evaluateAll({
        unset: "var.unset",
        attribute: "var.unset.field",
        function: "timestamp()",
        function_refs: "uuidv5(aws_vpc.main.id, var.env)",
      }),
    ).toEqual({
      unset: { unknown: "var.unset", refs: [] },
      attribute: { unknown: "var.unset.field", refs: [] },
      function: { unknown: "timestamp()", refs: [] },
      function_refs: { unknown: "uuidv5(aws_vpc.main.id, var.env)", refs: ["aws_vpc.main"] },
    });
  });

  test("locals that refer to each other in a cycle are unknown", async () => {
    const { values } = await evaluateAttributes(
      { a: "local.a" },
      { "locals.tf": "locals {\n  a = local.b\n  b = local.a\n}\n" },
    );
    expect(plain(values.a)).toMatchObject({ unknown: expect.stringMatching(/^local\.[ab]$/) });
  });

  test("an expression that fails on known values is unknown, never guessed", async () => {
    expect(
      await evaluateAll({
        missing_key: 'var.map["z"]',
        out_of_range: "var.list[5]",
        bad_arithmetic: '"abc" + 1',
        with_ref: "var.list[9] == aws_vpc.main.id",
      }),
    ).toEqual({
      missing_key: { unknown: 'var.map["z"]', refs: [] },
      out_of_range: { unknown: "var.list[5]", refs: [] },
      bad_arithmetic: { unknown: '"abc" + 1', refs: [] },
      with_ref: { unknown: "var.list[9] == aws_vpc.main.id", refs: ["aws_vpc.main"] },
    });
  });
});

describe("collections, splats and for expressions", () => {
  test("index, attribute and splat access on known values", async () => {
    expect(
      await evaluateAll({
        index: "var.list[1]",
        legacy_index: "var.list.2",
        map_key: 'var.map["y"]',
        attribute: "var.map.x",
        splat: "var.objects[*].id",
        legacy_splat: "var.objects.*.port",
        splat_of_one: "var.map[*]",
      }),
    ).toEqual({
      index: "b",
      legacy_index: "c",
      map_key: 2,
      attribute: 1,
      splat: ["i1", "i2"],
      legacy_splat: [80, 443],
      splat_of_one: [{ x: 1, y: 2 }],
    });
  });

  test("list and object for expressions, with conditions, grouping and nesting", async () => {
    expect(
      await evaluateAll({
        upper: "[for s in var.list : upper(s)]",
        filtered: '[for i, s in var.list : "${i}:${s}" if s != "b"]',
        object: "{ for o in var.objects : o.id => o.port }",
        grouped: '{ for s in ["a", "bb", "cc"] : length(s) => s... }',
        over_map: '[for k, v in var.map : "${k}${v}"]',
        nested: 'flatten([for o in var.objects : [for s in var.list : "${o.id}-${s}" if s != "c"]])',
      }),
    ).toEqual({
      upper: ["A", "B", "C"],
      filtered: ["0:a", "2:c"],
      object: { i1: 80, i2: 443 },
      grouped: { "1": ["a"], "2": ["bb", "cc"] },
      over_map: ["x1", "y2"],
      nested: ["i1-a", "i1-b", "i2-a", "i2-b"],
    });
  });

  test("a for expression over an unknown collection is unknown with the refs", async () => {
    expect(await evaluatePlain("[for s in aws_subnet.private : s.id]")).toEqual({
      unknown: "[for s in aws_subnet.private : s.id]",
      refs: ["aws_subnet.private"],
    });
  });
});

describe("functions", () => {
  test("collection functions", async () => {
    expect(
      await evaluateAll({
        lookup: 'lookup(var.map, "x", 0)',
        lookup_default: 'lookup(var.map, "z", 9)',
        merge: "merge(var.map, { y = 3, z = 4 }, null)",
        concat: 'concat(var.list, ["d"])',
        length_list: "length(var.list)",
        length_string: 'length("héllo")',
        element: "element(var.list, 4)",
        keys: "keys({ b = 1, a = 2 })",
        values: "values({ b = 1, a = 2 })",
        contains: 'contains(var.list, "b")',
        distinct: 'distinct(["a", "b", "a"])',
        flatten: "flatten([[1, [2]], 3])",
        zipmap: 'zipmap(["a", "b"], [1, 2])',
        tolist: 'tolist(toset(["b", "a", "b"]))',
        tomap: "tomap({ a = 1 })",
        coalesce: 'coalesce("", null, "x")',
        range3: "range(1, 7, 2)",
        range1: "range(3)",
        expand: "min([4, 2, 8]...)",
      }),
    ).toEqual({
      lookup: 1,
      lookup_default: 9,
      merge: { x: 1, y: 3, z: 4 },
      concat: ["a", "b", "c", "d"],
      length_list: 3,
      length_string: 5,
      element: "b",
      keys: ["a", "b"],
      values: [2, 1],
      contains: true,
      distinct: ["a", "b"],
      flatten: [1, 2, 3],
      zipmap: { a: 1, b: 2 },
      tolist: ["a", "b"],
      tomap: { a: 1 },
      coalesce: "x",
      range3: [1, 3, 5],
      range1: [0, 1, 2],
      expand: 2,
    });
  });

  test("string and number functions", async () => {
    expect(
      await evaluateAll({
        format: 'format("%s-%03d-%.2f-%v-%q-%%", "a", 7, 3.14159, true, "q")',
        join: 'join(",", var.list)',
        split: 'split("/", "a/b/c")',
        lower: 'lower("ÄB")',
        upper: 'upper("äb")',
        replace: 'replace("a-b-c", "-", "_")',
        replace_regex: 'replace("img-123", "/([a-z]+)-(\\\\d+)/", "$2:$1")',
        trimspace: 'trimspace("  x \\n")',
        base64: 'base64encode("héllo")',
        base64decode: 'base64decode("aMOpbGxv")',
        tostring: "tostring(5)",
        tonumber: 'tonumber("42")',
        min: "min(3, 1, 2)",
        max: "max(3, 1, 2)",
        abs: "abs(-4)",
      }),
    ).toEqual({
      format: 'a-007-3.14-true-"q"-%',
      join: "a,b,c",
      split: ["a", "b", "c"],
      lower: "äb",
      upper: "ÄB",
      replace: "a_b_c",
      replace_regex: "123:img",
      trimspace: "x",
      base64: "aMOpbGxv",
      base64decode: "héllo",
      tostring: "5",
      tonumber: 42,
      min: 1,
      max: 3,
      abs: 4,
    });
  });

  test("cidrsubnet and cidrhost for IPv4 and IPv6", async () => {
    expect(
      await evaluateAll({
        v4: 'cidrsubnet("10.0.0.0/16", 8, 2)',
        v4_wide: 'cidrsubnet("172.16.0.0/12", 4, 15)',
        v6: 'cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162)',
        host: 'cidrhost("10.12.112.0/20", 16)',
        host_negative: 'cidrhost("10.0.0.0/24", -2)',
        host_v6: 'cidrhost("fd00:fd12:3456:7890:00a2::/72", 34)',
      }),
    ).toEqual({
      v4: "10.0.2.0/24",
      v4_wide: "172.31.0.0/16",
      v6: "fd00:fd12:3456:7800:a200::/72",
      host: "10.12.112.16",
      host_negative: "10.0.0.254",
      host_v6: "fd00:fd12:3456:7890::22",
    });
  });

  test("try and can", async () => {
    expect(
      await evaluateAll({
        try_fallback: 'try(var.map.missing, "fallback")',
        try_first: "try(var.map.x, 0)",
        try_keeps_ref: 'try(aws_vpc.main.id, "")',
        can_false: "can(var.list[10])",
        can_true: "can(var.list[0])",
        can_unknown: "can(var.unset)",
      }),
    ).toEqual({
      try_fallback: "fallback",
      try_first: 1,
      try_keeps_ref: { ref: "aws_vpc.main", attribute: "id" },
      can_false: false,
      can_true: true,
      can_unknown: { unknown: "can(var.unset)", refs: [] },
    });
  });

  test("jsonencode keeps the structure with encoding json and the inner positions", async () => {
    const { values } = await evaluateAttributes({
      container_definitions: [
        "jsonencode([{",
        '    name = "web"',
        "    environment = [",
        '      { name = "DB_HOST", value = aws_db_instance.main.address },',
        '      { name = "MODE", value = "prod" },',
        "    ]",
        "  }])",
      ].join("\n"),
      scalar: 'jsonencode("x")',
      decoded: 'jsondecode("{\\"a\\": [1, true]}")',
    });
    const definitions = values.container_definitions!;
    expect(definitions).toMatchObject({ kind: "list", encoding: "json", source: { line: 2, column: 27 } });
    expect(plain(definitions)).toEqual([
      {
        name: "web",
        environment: [
          { name: "DB_HOST", value: { ref: "aws_db_instance.main", attribute: "address" } },
          { name: "MODE", value: "prod" },
        ],
      },
    ]);
    const environment =
      definitions.kind === "list" && definitions.items[0]?.kind === "object"
        ? definitions.items[0].entries.environment
        : undefined;
    const mode = environment?.kind === "list" ? environment.items[1] : undefined;
    expect(mode).toMatchObject({ kind: "object", source: { file: "main.tf", line: 6, column: 7 } });
    expect(mode?.kind === "object" ? mode.entries.value?.source : undefined).toEqual({
      file: "main.tf",
      line: 6,
      column: 32,
    });
    expect(mode?.kind === "object" ? mode.keySources.value : undefined).toEqual({
      file: "main.tf",
      line: 6,
      column: 24,
    });
    expect(plain(values.scalar)).toBe('"x"');
    expect(plain(values.decoded)).toEqual({ a: [1, true] });
  });

  test("file and templatefile read inside the root; a JSON file stays a string", async () => {
    const { values } = await evaluateAttributes(
      {
        policy: 'file("${path.module}/policy.json")',
        script: 'templatefile("templates/init.tftpl", { name = "web", ports = [80, 443], on = true })',
        unknown_var: 'templatefile("templates/init.tftpl", { name = aws_instance.x.id, ports = [], on = false })',
      },
      {
        "policy.json": '{"Version": "2012-10-17"}\n',
        "templates/init.tftpl":
          "hello ${name}\n%{ for p in ports ~}\nport ${p}\n%{ endfor ~}\n%{ if on }on%{ endif }\n",
      },
    );
    expect(plain(values.policy)).toBe('{"Version": "2012-10-17"}\n');
    expect(plain(values.script)).toBe("hello web\nport 80\nport 443\non\n");
    expect(plain(values.unknown_var)).toEqual({
      unknown: 'templatefile("templates/init.tftpl", { name = aws_instance.x.id, ports = [], on = false })',
      refs: ["aws_instance.x"],
    });
  });
});
