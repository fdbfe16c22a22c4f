/**
 * From files to the declared graph: the Terraform and CloudFormation parsers, then the
 * derivations, on the small fixtures of test/iac/fixtures (positions are those of the files).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildDeclaredGraph } from "../../src/iac/index.js";
import type { Graph } from "../../src/model/graph.js";
import { parseCloudFormation } from "../../src/parsers/cloudformation/index.js";
import { parseTerraform } from "../../src/parsers/terraform/index.js";
import { element, pairs, relationsOf } from "./helpers.js";

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "fixtures");
const at = (file: string, line: number, column: number) => ({ file, line, column });

describe("Terraform end to end", async () => {
  const parsed = await parseTerraform({ root: fixtures, modules: ["terraform"] });
  const graph: Graph = buildDeclaredGraph(parsed);
  const app = "terraform/app.tf";

  it("parses without diagnostics and derives one element per resource instance", () => {
    expect(parsed.diagnostics).toEqual([]);
    expect(graph.elements.filter((item) => item.attributes.significant).map((item) => item.id)).toEqual([
      "aws_lb.web",
      "aws_ecs_service.orders",
      "aws_ecr_repository.orders",
      "aws_sqs_queue.orders",
      "module.db.aws_db_instance.this",
      "module.db.aws_db_instance.replica",
    ]);
  });

  it("places subnets by their route tables, counted instances included", () => {
    expect(element(graph, "aws_subnet.public[1]")).toMatchObject({
      parent: "aws_vpc.main",
      attributes: { subnetTier: "public", availabilityZones: ["eu-west-1b"], cidr: "10.0.1.0/24" },
      evidence: {
        subnetTier: {
          ...at("terraform/network.tf", 31, 5),
          message: "route 0.0.0.0/0 → aws_internet_gateway.main in aws_route_table.public",
        },
      },
    });
    expect(element(graph, "aws_subnet.private[0]").attributes.subnetTier).toBe("private");
  });

  it("derives the ECS service's placement, capacity, ports and task size", () => {
    const service = element(graph, "aws_ecs_service.orders");
    expect(service).toMatchObject({
      parent: "aws_ecs_cluster.main",
      technology: "Amazon ECS on Fargate",
      source: at(app, 105, 1),
    });
    expect(service.attributes).toMatchObject({
      subnets: ["aws_subnet.private[0]", "aws_subnet.private[1]"],
      subnetTier: "private",
      multiAz: true,
      public: false,
      securityGroups: ["aws_security_group.app"],
      desiredCapacity: 2,
      cpu: 256,
      memory: 512,
      ports: [8080],
    });
    expect(service.evidence?.subnets).toMatchObject(at(app, 113, 5));
    expect(service.evidence?.memory).toMatchObject({ ...at(app, 91, 3), message: 'memory = "512"' });
  });

  it("reads the module's database with the value the module call passes", () => {
    const db = element(graph, "module.db.aws_db_instance.this");
    expect(db).toMatchObject({
      label: "orders-db",
      technology: "Amazon RDS for PostgreSQL 16.3",
      moduleCall: { file: app, line: 132 },
    });
    expect(db.attributes).toMatchObject({
      engine: "postgres",
      multiAz: false,
      encrypted: true,
      subnetTier: "private",
      replicas: ["module.db.aws_db_instance.replica"],
    });
    expect(db.evidence?.multiAz).toMatchObject(at("terraform/modules/db/main.tf", 21, 3));
    expect(element(graph, "module.db.aws_db_instance.replica").attributes).toMatchObject({
      replicaOf: "module.db.aws_db_instance.this",
      engine: "postgres",
      subnetTier: "private",
    });
  });

  it("masks the literal password in the container environment, at its name", () => {
    const env = element(graph, "aws_ecs_task_definition.orders").attributes.env;
    expect(env).toEqual([
      { name: "DATABASE_HOST", reference: true, context: "container orders environment", source: at(app, 98, 16) },
      {
        name: "DATABASE_PASSWORD",
        value: '"Sup…" (13 chars)',
        secretSignals: ['name contains "password"'],
        context: "container orders environment",
        source: at(app, 99, 16),
      },
      { name: "QUEUE_URL", reference: true, context: "container orders environment", source: at(app, 100, 16) },
    ]);
    expect(JSON.stringify(graph)).not.toContain("Sup3r-s3cret!");
  });

  it("derives routing, network, permission, reference and replication relations", () => {
    expect(pairs(graph.relations)).toEqual([
      "aws_ecs_service.orders -> aws_ecr_repository.orders",
      "aws_ecs_service.orders -> aws_sqs_queue.orders",
      "aws_ecs_service.orders -> aws_sqs_queue.orders",
      "aws_ecs_service.orders -> module.db.aws_db_instance.this",
      "aws_lb.web -> aws_ecs_service.orders",
      "aws_lb.web -> aws_ecs_service.orders /api/orders*",
      "module.db.aws_db_instance.replica -> module.db.aws_db_instance.this",
    ]);
    expect(relationsOf(graph, "routes")[0]).toMatchObject({
      source: at(app, 63, 17),
      via: "aws_lb_listener_rule.orders",
    });
    expect(relationsOf(graph, "network")[0]).toMatchObject({
      source: at(app, 22, 3),
      via: "aws_security_group_rule.app_from_alb",
      ports: [{ from: 8080, to: 8080, protocol: "tcp" }],
    });
    expect(relationsOf(graph, "permission")[0]).toMatchObject({
      to: "aws_sqs_queue.orders",
      label: "sqs:SendMessage",
      source: at(app, 83, 18),
    });
    expect(relationsOf(graph, "reference").find((relation) => relation.label === "DATABASE_HOST")).toMatchObject({
      source: at(app, 98, 41),
    });
  });
});

describe("CloudFormation end to end", () => {
  const file = "cloudformation/app.yaml";
  const parsed = parseCloudFormation([{ file, text: readFileSync(path.join(fixtures, file), "utf8") }], {
    root: fixtures,
  });
  const graph = buildDeclaredGraph(parsed);

  it("derives placement from the template's routes and zones written as GetAZs indices", () => {
    expect(parsed.diagnostics).toEqual([]);
    expect(element(graph, "PublicSubnet").attributes.subnetTier).toBe("public");
    expect(element(graph, "OrdersFunction").attributes).toMatchObject({
      subnets: ["PrivateSubnetA", "PrivateSubnetB"],
      subnetTier: "private",
      multiAz: true,
    });
    expect(element(graph, "Database").attributes).toMatchObject({
      engine: "mysql",
      multiAz: true,
      encrypted: false,
      public: false,
      ports: [3306],
    });
    expect(element(graph, "Database").evidence?.encrypted).toMatchObject({
      ...at(file, 73, 7),
      message: "StorageEncrypted: false",
    });
  });

  it("flags the literal API key of the SAM function, never the references", () => {
    const env = element(graph, "OrdersFunction").attributes.env!;
    expect(env.map((variable) => [variable.name, variable.reference ?? false, variable.secretSignals ?? []])).toEqual([
      ["DB_HOST", true, []],
      ["STRIPE_API_KEY", false, ['name contains "apikey"', 'token prefix "sk_live_"']],
      ["TOPIC_ARN", true, []],
    ]);
    expect(env[1]).toMatchObject({ value: '"sk_l…" (33 chars)', source: at(file, 106, 11) });
  });

  it("derives SAM events, the subscription and the policy template", () => {
    expect(
      graph.relations.map(
        (relation) => `${relation.kind} ${relation.from} -> ${relation.to}${relation.path ? ` ${relation.path}` : ""}`,
      ),
    ).toEqual([
      "permission OrdersFunction -> OrderEvents",
      "publishes OrderEvents -> BillingQueue",
      "routes OrdersApi -> OrdersFunction /orders",
      "consumes BillingFunction -> BillingQueue",
      "reference OrdersFunction -> Database",
      "reference OrdersFunction -> OrderEvents",
    ]);
  });
});
