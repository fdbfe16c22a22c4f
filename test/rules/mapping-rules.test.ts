import { describe, expect, it } from "vitest";
import { at, check, DOC, doc, graph, mapping, resource, shape, TF } from "./builders.js";

const documented = graph([doc("db", "database", "PostgreSQL Database", 10)]);
const actual = graph([
  resource("aws_db_instance.orders", "aws_db_instance", "database", 1),
  resource("aws_db_instance.billing", "aws_db_instance", "database", 20),
]);

describe("mapping-ambiguous", () => {
  it("notes the component at the document with each candidate as related, and how to map it", () => {
    const map = mapping(
      {},
      {
        ambiguous: [
          { component: "db", candidates: ["aws_db_instance.billing", "aws_db_instance.orders"], evidence: "alike" },
        ],
      },
    );
    const findings = check("mapping-ambiguous", documented, actual, map);
    expect(findings.map(shape)).toEqual([
      {
        ruleId: "mapping-ambiguous",
        level: "note",
        location: `${DOC}:10:5`,
        component: "db",
        resource: undefined,
        related: [`${TF}:20:1`, `${TF}:1:1`],
      },
    ]);
    expect(findings[0]!.message).toBe(
      '"PostgreSQL Database" (db) matches aws_db_instance.billing and aws_db_instance.orders alike, and nothing decides between them',
    );
    expect(findings[0]!.fix).toBe(
      'map it in .archlintrc.json: "mapping": { "db": ["aws_db_instance.billing"] }, or tag the resource archlint:component=db',
    );
  });
});

describe("mapping-unresolved", () => {
  it("reports each entry that names nothing where it is written, else at the element, else the configuration", () => {
    const map = mapping(
      {},
      {
        unresolved: [
          {
            component: "db",
            target: "aws_db_instance.ordrs",
            message: "no resource has the address aws_db_instance.ordrs (did you mean aws_db_instance.orders?)",
            source: at(".archlintrc.json", 6, 5),
          },
          { component: "db", target: "tag:team", message: '"tag:team" is not of the form tag:KEY=VALUE' },
          { component: "ghost", target: "aws_db_instance.orders", message: 'no documented element has id "ghost"' },
        ],
      },
    );
    const findings = check("mapping-unresolved", documented, actual, map);
    expect(findings.map(shape)).toEqual([
      {
        ruleId: "mapping-unresolved",
        level: "warning",
        location: ".archlintrc.json:1:1",
        component: undefined,
        resource: undefined,
        related: [],
      },
      {
        ruleId: "mapping-unresolved",
        level: "warning",
        location: ".archlintrc.json:6:5",
        component: "db",
        resource: undefined,
        related: [`${DOC}:10:5`],
      },
      {
        ruleId: "mapping-unresolved",
        level: "warning",
        location: `${DOC}:10:5`,
        component: "db",
        resource: undefined,
        related: [],
      },
    ]);
    expect(findings[1]!.message).toBe(
      'The mapping of "db" to aws_db_instance.ordrs resolves to nothing: no resource has the address aws_db_instance.ordrs (did you mean aws_db_instance.orders?)',
    );
  });
});
