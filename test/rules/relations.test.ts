import { describe, expect, it } from "vitest";
import { mapElements } from "../../src/mapping/index.js";
import type { Graph } from "../../src/model/graph.js";
import { inkwellDocs, inkwellTerraform } from "../mapping/inkwell.js";
import { at, check, DOC, doc, graph, mapping, relation, resource, shape, TF } from "./builders.js";

function withoutRelationsTo(actual: Graph, id: string): Graph {
  return { ...actual, relations: actual.relations.filter((item) => item.to !== id && item.from !== id) };
}

describe("relation-missing", () => {
  const documented = inkwellDocs();

  it("finds every documented relation of InkWell carried (network rules, routes, replication; co-located containers)", () => {
    const actual = inkwellTerraform();
    expect(check("relation-missing", documented, actual, mapElements(documented, actual))).toEqual([]);
  });

  it("reports a relation nothing carries once per pair of resources, at the source resource", () => {
    const actual = withoutRelationsTo(inkwellTerraform(), "aws_elasticache_replication_group.redis");
    const findings = check("relation-missing", documented, actual, mapElements(documented, actual));
    expect(findings.map(shape)).toEqual([
      {
        ruleId: "relation-missing",
        level: "warning",
        location: `${TF}:10:1`,
        component: "post_container",
        resource: "aws_instance.app",
        related: [`${DOC}:79:5`, `${TF}:70:1`],
      },
    ]);
    expect(findings[0]!.message).toBe(
      'EC2 instance aws_instance.app has no network path, permission or reference to ElastiCache replication group aws_elasticache_replication_group.redis, but the architecture shows "Post Service Container" (post_container) → "Redis Cluster" (redis) "ENQUEUE"',
    );
  });

  it("accepts a path through resources the documents do not show, not through documented ones", () => {
    const docs = graph(
      [doc("api", "gateway", "API", 1), doc("app", "compute", "App", 2), doc("db", "database", "DB", 3)],
      [relation("api", "app", at(DOC, 5, 1)), relation("api", "db", at(DOC, 6, 1))],
    );
    const actual = graph(
      [
        resource("aws_api_gateway_rest_api.api", "aws_api_gateway_rest_api", "gateway", 1),
        resource("aws_lb.internal", "aws_lb", "load-balancer", 10),
        resource("aws_instance.app", "aws_instance", "compute", 20),
        resource("aws_db_instance.db", "aws_db_instance", "database", 30),
      ],
      [
        relation("aws_api_gateway_rest_api.api", "aws_lb.internal", at(TF, 3, 3), { kind: "routes" }),
        relation("aws_lb.internal", "aws_instance.app", at(TF, 12, 3), { kind: "routes" }),
        relation("aws_instance.app", "aws_db_instance.db", at(TF, 22, 3), { kind: "network" }),
      ],
    );
    const map = mapping({
      api: ["aws_api_gateway_rest_api.api"],
      app: ["aws_instance.app"],
      db: ["aws_db_instance.db"],
    });
    const findings = check("relation-missing", docs, actual, map);
    expect(findings.map((finding) => [finding.component, finding.related[0]!.line])).toEqual([["api", 6]]);
  });

  it("gives a note when unresolved values on the resources might carry it", () => {
    const base = withoutRelationsTo(inkwellTerraform(), "aws_elasticache_replication_group.redis");
    const actual = {
      ...base,
      diagnostics: [
        {
          code: "iac-unresolved" as const,
          message: "security_groups = var.extra_groups is unresolved",
          source: at(TF, 15, 3),
          resource: "aws_instance.app",
        },
      ],
    };
    const findings = check("relation-missing", documented, actual, mapElements(documented, actual));
    expect(findings.map((finding) => finding.level)).toEqual(["note"]);
    expect(findings[0]!.message).toContain("security_groups = var.extra_groups is unresolved");
  });
});

describe("relation-undocumented", () => {
  const documented = graph(
    [
      doc("web", "container", "Web App", 3),
      doc("api", "container", "Orders API", 4),
      doc("db", "database", "Orders DB", 5),
      doc("apiLogical", "container", "Orders API", 20, { view: "logical" }),
      doc("bus", "topic", "Event Bus", 21, { view: "logical" }),
    ],
    [
      relation("web", "api", at(DOC, 7, 3)),
      relation("api", "db", at(DOC, 8, 3)),
      relation("apiLogical", "bus", at(DOC, 25, 3)),
    ],
  );
  const actual = graph(
    [
      resource("aws_ecs_service.web", "aws_ecs_service", "container", 1),
      resource("aws_ecs_service.api", "aws_ecs_service", "container", 10),
      resource("aws_db_instance.db", "aws_db_instance", "database", 20),
      resource("aws_sns_topic.bus", "aws_sns_topic", "topic", 30),
    ],
    [
      relation("aws_ecs_service.web", "aws_db_instance.db", at(TF, 44, 1), {
        kind: "network",
        via: "aws_security_group_rule.db_from_web",
      }),
      relation("aws_ecs_service.api", "aws_db_instance.db", at(TF, 50, 1), { kind: "network" }),
      relation("aws_ecs_service.api", "aws_sns_topic.bus", at(TF, 60, 1), { kind: "permission" }),
      relation("aws_ecs_service.web", "aws_sns_topic.bus", at(TF, 70, 1), { kind: "reference" }),
    ],
  );
  const map = mapping(
    {
      web: ["aws_ecs_service.web"],
      api: ["aws_ecs_service.api"],
      apiLogical: ["aws_ecs_service.api"],
      db: ["aws_db_instance.db"],
      bus: ["aws_sns_topic.bus"],
    },
    { viewLinks: [{ logical: "apiLogical", physical: "api", evidence: "names" }] },
  );

  it("notes a connection between mapped components that no documented relation draws, at what grants it", () => {
    const findings = check("relation-undocumented", documented, actual, map);
    expect(findings.map(shape)).toEqual([
      {
        ruleId: "relation-undocumented",
        level: "note",
        location: `${TF}:44:1`,
        component: "web",
        resource: "aws_ecs_service.web",
        related: [`${DOC}:3:5`, `${DOC}:5:5`],
      },
    ]);
    expect(findings[0]!.message).toBe(
      'RDS instance aws_db_instance.db allows network traffic from ECS service aws_ecs_service.web through aws_security_group_rule.db_from_web, but the architecture shows no relation between "Web App" (web) and "Orders DB" (db)',
    );
  });
});
