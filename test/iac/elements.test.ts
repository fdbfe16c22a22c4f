import { describe, expect, it } from "vitest";
import {
  buildDeclaredGraph,
  RESOURCE_TYPE_TABLE,
  resourceTypeInfo,
  significantResourceTypes,
} from "../../src/iac/index.js";
import { fallbackService, SERVICE_FALLBACKS } from "../../src/iac/resource-table.js";
import { CloudFormationTemplate, cfnRef, parsed, ref, TerraformFile } from "./builders.js";
import { element, graphOf } from "./helpers.js";

describe("resource table", () => {
  it.each([
    ["aws_db_instance", "database", true],
    ["AWS::RDS::DBCluster", "database", true],
    ["aws_rds_cluster_instance", "database", true],
    ["AWS::Serverless::Function", "function", true],
    ["aws_ecs_service", "container", true],
    ["aws_ecs_cluster", "container", false],
    ["aws_ecs_task_definition", "container", false],
    ["aws_lb", "load-balancer", true],
    ["aws_alb_listener", "load-balancer", false],
    ["AWS::ElasticLoadBalancingV2::TargetGroup", "load-balancer", false],
    ["aws_apigatewayv2_api", "gateway", true],
    ["aws_api_gateway_stage", "gateway", false],
    ["AWS::ApiGateway::Deployment", "gateway", false],
    ["AWS::Serverless::HttpApi", "gateway", true],
    ["aws_cloudwatch_event_bus", "topic", true],
    ["aws_cloudwatch_event_rule", "topic", false],
    ["aws_cloudwatch_log_group", "monitoring", false],
    ["aws_route53_zone", "dns", true],
    ["aws_route53_record", "dns", false],
    ["aws_secretsmanager_secret", "secret-store", true],
    ["aws_ssm_parameter", "secret-store", false],
    ["aws_ecr_repository", "registry", true],
    ["AWS::CodeBuild::Project", "pipeline", true],
    ["aws_sesv2_email_identity", "email", false],
    ["aws_cognito_user_pool", "identity", true],
    ["aws_iam_role", "identity", false],
    ["AWS::EC2::SecurityGroup", "network", false],
    ["aws_nat_gateway", "network", false],
    ["aws_elasticache_replication_group", "cache", true],
    ["AWS::OpenSearchService::Domain", "search", true],
    ["aws_cloudfront_distribution", "cdn", true],
    ["aws_s3_bucket_policy", "object-storage", false],
    ["aws_wafv2_web_acl", "network", false],
    ["random_password", "application", false],
    ["Custom::Seeder", "application", false],
    ["AWS::StepFunctions::StateMachine", "application", false],
  ])("%s → %s (significant: %s)", (type, kind, significant) => {
    expect(resourceTypeInfo(type)).toMatchObject({ kind, significant });
  });

  it("lists the significant types of both formats once each", () => {
    const list = significantResourceTypes();
    const types = list.map((entry) => entry.type);
    expect(new Set(types).size).toBe(types.length);
    expect(list).toContainEqual({ type: "aws_sqs_queue", format: "terraform", kind: "queue", service: "Amazon SQS" });
    expect(list).toContainEqual({
      type: "AWS::SQS::Queue",
      format: "cloudformation",
      kind: "queue",
      service: "Amazon SQS",
    });
    expect(types).not.toContain("aws_iam_role");
  });

  it("names every type in one row only", () => {
    const all = RESOURCE_TYPE_TABLE.flatMap((row) => [...row.terraform, ...row.cloudformation]);
    expect(new Set(all).size).toBe(all.length);
  });

  it("gives the CodeStar connection one kind in both formats: pipeline plumbing", () => {
    for (const type of ["aws_codestarconnections_connection", "AWS::CodeStarConnections::Connection"])
      expect(resourceTypeInfo(type), type).toMatchObject({ kind: "pipeline", significant: false, known: true });
  });
});

describe("fallback for types not in the table", () => {
  /** A type of the service that no table row lists, in each format. */
  const unlisted = (entry: (typeof SERVICE_FALLBACKS)[number]) => [
    ...entry.terraform.map((prefix) => `${prefix}${prefix.endsWith("_") ? "" : "_"}zz_unlisted`),
    ...entry.cloudformation.map((namespace) => `AWS::${namespace}::ZzUnlisted`),
  ];

  it("names every service in both formats, each prefix and namespace once", () => {
    for (const entry of SERVICE_FALLBACKS) {
      expect(entry.terraform.length, entry.service).toBeGreaterThan(0);
      expect(entry.cloudformation.length, entry.service).toBeGreaterThan(0);
    }
    const prefixes = SERVICE_FALLBACKS.flatMap((entry) => entry.terraform);
    const namespaces = SERVICE_FALLBACKS.flatMap((entry) => entry.cloudformation);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    expect(new Set(namespaces).size).toBe(namespaces.length);
  });

  it("gives an unlisted type of a service the same kind and service in Terraform and CloudFormation", () => {
    for (const entry of SERVICE_FALLBACKS) {
      for (const type of unlisted(entry)) {
        expect(fallbackService(type), type).toBe(entry);
        expect(resourceTypeInfo(type), type).toEqual({
          kind: entry.kind,
          significant: false,
          boundary: false,
          service: entry.service,
          known: false,
        });
      }
    }
  });

  it("agrees with the table: a service's listed types have the kind its fallback gives", () => {
    for (const row of RESOURCE_TYPE_TABLE) {
      const entry = SERVICE_FALLBACKS.find((candidate) => candidate.service === row.service);
      if (entry) expect(row.kind, row.service).toBe(entry.kind);
    }
  });

  it("falls back on application for a service it does not know, in both formats", () => {
    expect(resourceTypeInfo("aws_gamelift_fleet")).toMatchObject({ kind: "application", service: "AWS" });
    expect(resourceTypeInfo("AWS::GameLift::Fleet")).toMatchObject({ kind: "application", service: "AWS GameLift" });
  });
});

describe("elements", () => {
  it("one element per managed, created resource, with id, kind, label, type, source", () => {
    const tf = new TerraformFile("main.tf");
    const db = tf.resource("aws_db_instance", "main", { identifier: "posts-db", engine: "postgres" });
    tf.data("aws_availability_zones", "available", {});
    tf.resource("aws_sqs_queue", "jobs", {
      name: "jobs",
      tags: { Name: "Job queue", Team: "core", Cost: unknownTag() },
    });
    tf.resource("aws_sqs_queue", "default_tags", {
      tags_all: { Env: "prod", Team: "platform" },
      tags: { Team: "core" },
    });
    tf.resource("aws_s3_bucket", "unnamed", {});
    const cfn = new CloudFormationTemplate("app.yaml");
    cfn.resource("Queue", "AWS::SQS::Queue", {
      QueueName: "orders",
      Tags: [
        { Key: "Name", Value: "Orders" },
        { Key: "Team", Value: "shop" },
      ],
    });
    cfn.resource("Bucket", "AWS::S3::Bucket", {}, { humanName: "Stack/Uploads/Resource" });
    cfn.resource("Skipped", "AWS::SQS::Queue", {}, { condition: false });
    cfn.resource(
      "Maybe",
      "AWS::SQS::Queue",
      { RedrivePolicy: { deadLetterTargetArn: cfnRef("Skipped") } },
      { condition: "unknown" },
    );
    const graph = graphOf(tf, cfn);
    expect(graph.elements.map((item) => item.id)).toEqual([
      "aws_db_instance.main",
      "aws_sqs_queue.jobs",
      "aws_sqs_queue.default_tags",
      "aws_s3_bucket.unnamed",
      "Queue",
      "Bucket",
      "Maybe",
    ]);
    expect(element(graph, "aws_db_instance.main")).toMatchObject({
      kind: "database",
      label: "posts-db",
      source: db.source,
      origin: "iac",
      attributes: { type: "aws_db_instance", significant: true },
    });
    expect(element(graph, "aws_sqs_queue.jobs")).toMatchObject({
      label: "Job queue",
      technology: "Amazon SQS",
      attributes: { tags: { Name: "Job queue", Team: "core" } },
    });
    expect(element(graph, "aws_sqs_queue.default_tags").attributes.tags).toEqual({ Env: "prod", Team: "core" });
    expect(element(graph, "aws_s3_bucket.unnamed").label).toBe("unnamed");
    expect(element(graph, "Queue")).toMatchObject({
      label: "Orders",
      attributes: { tags: { Name: "Orders", Team: "shop" } },
    });
    expect(element(graph, "Bucket").label).toBe("Stack/Uploads/Resource");
  });

  it("keeps module calls and regions", () => {
    const call = { file: "main.tf", line: 3, column: 1 };
    const tf = new TerraformFile("modules/db/main.tf");
    tf.resource(
      "aws_db_instance",
      "this",
      { engine: "mysql" },
      { modulePath: "module.db", moduleCall: call, instanceKey: 0, region: "eu-west-1" },
    );
    const graph = graphOf(tf);
    expect(element(graph, "module.db.aws_db_instance.this[0]")).toMatchObject({
      moduleCall: call,
      attributes: { region: "eu-west-1" },
    });
  });

  it("two Terraform roots with the same address get prefixed ids, and references stay in their root", () => {
    const prod = new TerraformFile("envs/prod/main.tf");
    prod.resource("aws_subnet", "a", { availability_zone: "eu-west-1a" });
    prod.resource("aws_instance", "app", { subnet_id: ref("aws_subnet.a", "id") });
    const staging = new TerraformFile("envs/staging/main.tf");
    staging.resource("aws_subnet", "a", { availability_zone: "eu-west-1b" });
    const graph = graphOf(prod, staging);
    expect(graph.elements.map((item) => item.id)).toEqual([
      "envs/prod#aws_subnet.a",
      "aws_instance.app",
      "envs/staging#aws_subnet.a",
    ]);
    expect(element(graph, "aws_instance.app").attributes).toMatchObject({
      subnets: ["envs/prod#aws_subnet.a"],
      availabilityZones: ["eu-west-1a"],
    });
  });

  it("a module's resources belong to the root that calls it", () => {
    const root = new TerraformFile("live/main.tf");
    root.resource("aws_subnet", "a", {});
    const module = new TerraformFile("modules/app/main.tf");
    module.resource(
      "aws_instance",
      "this",
      { subnet_id: ref("aws_subnet.a", "id") },
      { modulePath: "module.app", moduleCall: { file: "live/main.tf", line: 9, column: 1 } },
    );
    const other = new TerraformFile("other/main.tf");
    other.resource("aws_subnet", "a", {});
    const graph = graphOf(root, module, other);
    expect(element(graph, "module.app.aws_instance.this").attributes.subnets).toEqual(["live#aws_subnet.a"]);
  });

  it("passes the parsers' diagnostics through", () => {
    const input = parsed(new TerraformFile());
    input.diagnostics.push({
      code: "iac-parse-error",
      message: "unexpected }",
      source: { file: "main.tf", line: 1, column: 1 },
    });
    expect(buildDeclaredGraph(input).diagnostics).toEqual(input.diagnostics);
  });

  it("never crashes on odd shapes", () => {
    const tf = new TerraformFile();
    tf.resource("aws_instance", "odd", {
      subnet_id: [[1, 2]],
      vpc_security_group_ids: "sg-123",
      user_data: 42,
      tags: ["x"],
    });
    tf.resource("aws_ecs_service", "odd", {
      network_configuration: "nope",
      task_definition: null,
      load_balancer: [null],
    });
    tf.resource("aws_db_instance", "odd", { replicate_source_db: { nested: true }, multi_az: "maybe" });
    const graph = graphOf(tf);
    expect(element(graph, "aws_db_instance.odd").attributes.multiAz).toEqual({ unknown: '"maybe"' });
    expect(graph.elements).toHaveLength(3);
  });
});

function unknownTag() {
  return { $unknown: { text: "var.cost_center", refs: [] } };
}
