/**
 * rails-ecs's declared graph (fixtures/rails-ecs/terraform and cloudformation): a database module
 * (`module.database.…`: primary + read replica), VPC with 2 public / 2 private subnets, ALB, one
 * Fargate service running nginx and rails, 3 secrets, 3 buckets, ECR, CodePipeline + CodeBuild.
 * Expected positions are found in the fixture text.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildDeclaredGraph } from "../../src/iac/index.js";
import type { ElementKind } from "../../src/model/graph.js";
import type { IacFormat } from "../../src/model/iac.js";
import { parseTerraform } from "../../src/parsers/terraform/index.js";
import { runCli } from "../cli/run-cli.js";
import {
  declared,
  element,
  evidenceAt,
  FORMATS,
  itReadsAndClassifies,
  locate,
  relation,
  relations,
  repoRoot,
  siteTable,
  systemView,
} from "./helpers.js";

const SITES = siteTable({
  alb: ["alb.tf", "aws_lb.main", "rails-ecs.yaml", "LoadBalancer"],
  service: ["ecs.tf", "aws_ecs_service.app", "rails-ecs.yaml", "AppService"],
  primary: ["modules/database/main.tf", "module.database.aws_db_instance.primary", "rails-ecs.yaml", "PrimaryDatabase"],
  replica: ["modules/database/main.tf", "module.database.aws_db_instance.replica", "rails-ecs.yaml", "ReplicaDatabase"],
  rdsSecret: ["database.tf", "aws_secretsmanager_secret.rds_credentials", "rails-ecs.yaml", "RdsCredentialsSecret"],
  s3Secret: ["database.tf", "aws_secretsmanager_secret.s3_config", "rails-ecs.yaml", "S3ConfigSecret"],
  lbSecret: ["database.tf", "aws_secretsmanager_secret.lb_endpoint", "rails-ecs.yaml", "LbEndpointSecret"],
  filesBucket: ["storage.tf", "aws_s3_bucket.app_files", "rails-ecs.yaml", "AppFilesBucket"],
  artifactsBucket: ["storage.tf", "aws_s3_bucket.pipeline_artifacts", "rails-ecs.yaml", "PipelineArtifactsBucket"],
  stateBucket: ["storage.tf", "aws_s3_bucket.terraform_state", "rails-ecs.yaml", "TerraformStateBucket"],
  railsRepo: ["ecs.tf", 'aws_ecr_repository.app["rails"]', "rails-ecs.yaml", "RailsRepository"],
  nginxRepo: ["ecs.tf", 'aws_ecr_repository.app["nginx"]', "rails-ecs.yaml", "NginxRepository"],
  pipeline: ["pipeline.tf", "aws_codepipeline.app", "rails-ecs.yaml", "Pipeline"],
  build: ["pipeline.tf", "aws_codebuild_project.app", "rails-ecs.yaml", "BuildProject"],
  // plumbing
  vpc: ["main.tf", "aws_vpc.main", "rails-ecs.yaml", "Vpc"],
  publicA: ["main.tf", "aws_subnet.public[0]", "rails-ecs.yaml", "PublicSubnet1"],
  publicB: ["main.tf", "aws_subnet.public[1]", "rails-ecs.yaml", "PublicSubnet2"],
  privateA: ["main.tf", "aws_subnet.private[0]", "rails-ecs.yaml", "PrivateSubnet1"],
  privateB: ["main.tf", "aws_subnet.private[1]", "rails-ecs.yaml", "PrivateSubnet2"],
  cluster: ["ecs.tf", "aws_ecs_cluster.main", "rails-ecs.yaml", "Cluster"],
  task: ["ecs.tf", "aws_ecs_task_definition.app", "rails-ecs.yaml", "AppTaskDefinition"],
  scaling: ["ecs.tf", "aws_appautoscaling_target.app", "rails-ecs.yaml", "ScalableTarget"],
  albSg: ["main.tf", "aws_security_group.alb", "rails-ecs.yaml", "AlbSecurityGroup"],
  appSg: ["main.tf", "aws_security_group.app", "rails-ecs.yaml", "AppSecurityGroup"],
  databaseSg: ["main.tf", "aws_security_group.database", "rails-ecs.yaml", "DatabaseSecurityGroup"],
  dbSubnetGroup: [
    "modules/database/main.tf",
    "module.database.aws_db_subnet_group.this",
    "rails-ecs.yaml",
    "DBSubnetGroup",
  ],
  httpsListener: ["alb.tf", "aws_lb_listener.https", "rails-ecs.yaml", "HttpsListener"],
  connection: ["pipeline.tf", "aws_codestarconnections_connection.github", "rails-ecs.yaml", "GitHubConnection"],
  buildRole: ["pipeline.tf", "aws_iam_role_policy.codebuild", "rails-ecs.yaml", "CodeBuildRole"],
  pipelineRole: ["pipeline.tf", "aws_iam_role_policy.codepipeline", "rails-ecs.yaml", "PipelineRole"],
  executionRole: ["ecs.tf", "aws_iam_role_policy.execution_secrets", "rails-ecs.yaml", "ExecutionRole"],
  taskRole: ["ecs.tf", "aws_iam_role_policy.task_files", "rails-ecs.yaml", "TaskRole"],
});
type Role = keyof typeof SITES;

const SIGNIFICANT: [Role, ElementKind][] = [
  ["alb", "load-balancer"],
  ["service", "container"],
  ["primary", "database"],
  ["replica", "database"],
  ["rdsSecret", "secret-store"],
  ["s3Secret", "secret-store"],
  ["lbSecret", "secret-store"],
  ["filesBucket", "object-storage"],
  ["artifactsBucket", "object-storage"],
  ["stateBucket", "object-storage"],
  ["railsRepo", "registry"],
  ["nginxRepo", "registry"],
  ["pipeline", "pipeline"],
  ["build", "pipeline"],
];

const PLUMBING: [Role, ElementKind][] = [
  ["vpc", "network"],
  ["privateA", "network"],
  ["cluster", "container"],
  ["task", "container"],
  ["scaling", "compute"],
  ["appSg", "network"],
  ["dbSubnetGroup", "database"],
  ["httpsListener", "load-balancer"],
];

describe.each(FORMATS)("rails-ecs %s", async (format: IacFormat) => {
  const view = await systemView("rails-ecs", format, SITES);
  const { system, graph, id, tf, at, declaration } = view;

  describe("kinds", () => {
    itReadsAndClassifies(view, SIGNIFICANT, PLUMBING);

    it("marks the GitHub connection plumbing", () => {
      expect(element(graph, id("connection")).attributes.plumbing).toBe(true);
    });
  });

  describe("placement", () => {
    it("runs the service in both private subnets of the VPC, in the cluster, without a public IP", () => {
      const service = element(graph, id("service"));
      expect(service).toMatchObject({
        parent: id("cluster"),
        attributes: {
          subnetTier: "private",
          subnets: [id("privateA"), id("privateB")],
          vpc: id("vpc"),
          multiAz: true,
          public: false,
          publicIp: false,
          securityGroups: [id("appSg")],
          openIngress: [],
        },
      });
      if (tf) expect(service.attributes.availabilityZones).toEqual(["us-east-1a", "us-east-1b"]);
      expect(service.evidence?.publicIp).toMatchObject(
        evidenceAt(at("service", tf ? "\n    assign_public_ip " : "\n          AssignPublicIp:"), /false|DISABLED/),
      );
    });

    it("puts the internet-facing ALB in the public subnets, open on 80 and 443", () => {
      const alb = element(graph, id("alb"));
      expect(alb).toMatchObject({
        parent: id("vpc"),
        attributes: {
          subnetTier: "public",
          subnets: [id("publicA"), id("publicB")],
          internal: false,
          public: true,
          securityGroups: [id("albSg")],
          ports: [443, 80],
        },
      });
      expect(alb.attributes.openIngress?.map((rule) => [rule.ports.from, rule.cidrs])).toEqual([
        [80, ["0.0.0.0/0"]],
        [443, ["0.0.0.0/0"]],
      ]);
    });

    it("keeps the primary and the replica private in the subnet group's subnets, not publicly accessible", () => {
      for (const role of ["primary", "replica"] as const)
        expect(element(graph, id(role)), role).toMatchObject({
          parent: id("vpc"),
          attributes: {
            subnetTier: "private",
            subnets: [id("privateA"), id("privateB")],
            vpc: id("vpc"),
            public: false,
            publicIp: false,
            securityGroups: [id("databaseSg")],
          },
        });
      // The replica names no subnet group: it is placed by its primary's.
      const groupName = tf ? "\n  db_subnet_group_name " : "\n      DBSubnetGroupName:";
      expect(element(graph, id("replica")).evidence?.subnets).toMatchObject(
        evidenceAt(at("primary", groupName), /DBSubnetGroupName|db_subnet_group_name/),
      );
    });

    it("gives the subnets their tiers and CIDRs", () => {
      for (const [role, tier, cidr] of [
        ["publicA", "public", "10.0.0.0/24"],
        ["publicB", "public", "10.0.1.0/24"],
        ["privateA", "private", "10.0.10.0/24"],
        ["privateB", "private", "10.0.11.0/24"],
      ] as const)
        expect(element(graph, id(role)).attributes, role).toMatchObject({ subnetTier: tier, cidr, vpc: id("vpc") });
      expect(element(graph, id("vpc")).attributes.cidr).toBe("10.0.0.0/16");
    });
  });

  describe("relations", () => {
    it("has the replica replicate the primary", () => {
      expect(relations(graph, "replicates")).toMatchObject([
        {
          from: id("replica"),
          to: id("primary"),
          source: at("replica", tf ? "\n  replicate_source_db " : "\n      SourceDBInstanceIdentifier:"),
        },
      ]);
    });

    it("connects the ALB to the service and the service to both databases through the security groups", () => {
      const fromGroup = (role: Role) => at(role, tf ? "\n    security_groups " : "SourceSecurityGroupId:");
      expect(relation(graph, "network", id("alb"), id("service"))).toMatchObject({
        ports: [{ from: 80, to: 80, protocol: "tcp" }],
        via: id("appSg"),
        source: fromGroup("appSg"),
      });
      for (const role of ["primary", "replica"] as const)
        expect(relation(graph, "network", id("service"), id(role)), role).toMatchObject({
          ports: [{ from: 5432, to: 5432, protocol: "tcp" }],
          via: id("databaseSg"),
          source: fromGroup("databaseSg"),
        });
      expect(relations(graph, "network")).toHaveLength(3);
    });

    it("routes the HTTPS listener's default action to the service", () => {
      expect(relations(graph, "routes")).toMatchObject([
        {
          from: id("alb"),
          to: id("service"),
          via: id("httpsListener"),
          source: at("httpsListener", tf ? "\n    target_group_arn " : "\n          TargetGroupArn:"),
        },
      ]);
    });

    it("carries the task definition's environment and secrets as references of the service", () => {
      const expected: [Role, string][] = [
        ["primary", "DATABASE_HOST"],
        ["replica", "DATABASE_REPLICA_HOST"],
        ["rdsSecret", "DATABASE_USERNAME, DATABASE_PASSWORD"],
        ["s3Secret", "S3_CONFIG"],
        ["lbSecret", "LB_ENDPOINT"],
        ["railsRepo", "image"],
        ["nginxRepo", "image"],
      ];
      for (const [role, label] of expected)
        expect(relation(graph, "reference", id("service"), id(role)), role).toMatchObject({ label, via: id("task") });
      // Terraform declares the SSM parameter of secret_key_base; the template only names its ARN.
      expect(relations(graph, "reference", id("service"))).toHaveLength(expected.length + (tf ? 1 : 0));
      expect(relation(graph, "reference", id("service"), id("primary")).source).toMatchObject(
        tf
          ? at("task", '"DATABASE_HOST"', "module.database.primary_address")
          : at("task", "Name: DATABASE_HOST", "!GetAtt PrimaryDatabase"),
      );
    });

    it("carries the execution, task, build and pipeline roles as permission relations", () => {
      const expected: [Role, Role, Role, string][] = [
        ["service", "rdsSecret", "executionRole", "secretsmanager:GetSecretValue"],
        ["service", "s3Secret", "executionRole", "secretsmanager:GetSecretValue"],
        ["service", "lbSecret", "executionRole", "secretsmanager:GetSecretValue"],
        ["service", "filesBucket", "taskRole", "s3:PutObject"],
        ["build", "railsRepo", "buildRole", "ecr:PutImage"],
        ["build", "nginxRepo", "buildRole", "ecr:PutImage"],
        ["build", "artifactsBucket", "buildRole", "s3:PutObject"],
        ["pipeline", "build", "pipelineRole", "codebuild:StartBuild"],
        ["pipeline", "artifactsBucket", "pipelineRole", "s3:GetObject"],
        ["pipeline", "connection", "pipelineRole", "codestar-connections:UseConnection"],
      ];
      for (const [from, to, via, action] of expected) {
        const permission = relation(graph, "permission", id(from), id(to));
        expect(permission.via, `${from} -> ${to}`).toBe(id(via));
        expect(permission.label?.split(", "), `${from} -> ${to}`).toContain(action);
      }
    });

    it("has the pipeline use the build project and deploy the service", () => {
      const configuration = (key: string) => at("pipeline", tf ? `\n        ${key} ` : `\n                ${key}:`);
      expect(relation(graph, "uses", id("pipeline"), id("build"))).toMatchObject({
        label: "ProjectName",
        source: configuration("ProjectName"),
      });
      expect(relation(graph, "uses", id("pipeline"), id("service"))).toMatchObject({
        label: "ServiceName",
        source: configuration("ServiceName"),
      });
    });
  });

  describe("attributes", () => {
    it("describes the primary: PostgreSQL 16.8 on port 5432, Multi-AZ from the module call, encrypted", () => {
      const primary = element(graph, id("primary"));
      expect(primary.attributes).toMatchObject({
        engine: "postgres",
        engineVersion: "16.8",
        ports: [5432],
        multiAz: true,
        encrypted: true,
        instanceType: "db.r6g.large",
        replicas: [id("replica")],
        tags: { Name: "rails-app-prod-db-primary" },
      });
      // In Terraform the value comes from the call (`multi_az = true`); the fact is at the module's attribute.
      expect(primary.evidence?.multiAz).toMatchObject(
        evidenceAt(at("primary", tf ? "\n  multi_az " : "\n      MultiAZ:"), /true/),
      );
    });

    it("describes the replica: replicaOf the primary, encryption inherited, single-AZ", () => {
      const replica = element(graph, id("replica"));
      expect(replica.attributes).toMatchObject({
        replicaOf: id("primary"),
        encrypted: true,
        multiAz: false,
        engine: "postgres",
        instanceType: "db.r6g.large",
      });
      expect(replica.evidence?.encrypted).toMatchObject(
        evidenceAt(at("primary", tf ? "\n  storage_encrypted " : "\n      StorageEncrypted:"), /inherited/),
      );
    });

    it("sizes the service: 2 desired, 2 to 8 tasks, 1024 CPU, 2048 MiB, ports 80 and 3000", () => {
      const service = element(graph, id("service"));
      expect(service.attributes).toMatchObject({
        desiredCapacity: 2,
        minCapacity: 2,
        maxCapacity: 8,
        cpu: 1024,
        memory: 2048,
        ports: [80, 3000],
        taskDefinition: id("task"),
      });
      expect(service.evidence).toMatchObject({
        minCapacity: evidenceAt(at("scaling", tf ? "\n  min_capacity " : "\n      MinCapacity:"), /2/),
        maxCapacity: evidenceAt(at("scaling", tf ? "\n  max_capacity " : "\n      MaxCapacity:"), /8/),
        cpu: evidenceAt(at("task", tf ? "\n  cpu " : "\n      Cpu:"), /1024/),
      });
    });

    it("lists both containers' environment names; secrets are references without a value", () => {
      const env = element(graph, id("task")).attributes.env ?? [];
      expect(env.map((item) => item.name)).toEqual([
        "RAILS_UPSTREAM",
        "RAILS_ENV",
        "RAILS_LOG_TO_STDOUT",
        "DATABASE_HOST",
        "DATABASE_REPLICA_HOST",
        "DATABASE_NAME",
        "DATABASE_USERNAME",
        "DATABASE_PASSWORD",
        "S3_CONFIG",
        "LB_ENDPOINT",
        "SECRET_KEY_BASE",
      ]);
      for (const item of env.filter((entry) => entry.context === "container rails secrets")) {
        expect(item.reference, item.name).toBe(true);
        expect(item, item.name).not.toHaveProperty("value");
      }
      expect(env.find((item) => item.name === "DATABASE_NAME")).toMatchObject({ value: "rails_production" });
      expect(env.filter((item) => item.secretSignals)).toEqual([]);
      const nameAt = (name: string) => (tf ? at("task", `"${name}"`) : at("task", `Name: ${name}\n`, name));
      for (const name of ["RAILS_UPSTREAM", "DATABASE_PASSWORD", "SECRET_KEY_BASE"])
        expect(env.find((item) => item.name === name)?.source, name).toMatchObject(nameAt(name));
    });

    it("lists CodeBuild's environment as references to the repositories", () => {
      expect(element(graph, id("build")).attributes.env?.map((item) => [item.name, item.reference])).toEqual([
        ["RAILS_REPOSITORY_URI", true],
        ["NGINX_REPOSITORY_URI", true],
      ]);
    });
  });

  describe("positions", () => {
    it("puts every significant element at its declaration, the module's inside the module file", () => {
      for (const [role] of SIGNIFICANT) expect(element(graph, id(role)).source, role).toMatchObject(declaration(role));
      if (tf) expect(element(graph, id("primary")).source.file).toBe("modules/database/main.tf");
    });
  });

  describe.runIf(tf)("module addresses", () => {
    it("addresses the database module's resources as module.database.… with the `module` block as moduleCall", () => {
      const call = locate(system.dir, "database.tf", 'module "database" {');
      const moduled = graph.elements.filter((item) => item.id.startsWith("module.database."));
      expect(moduled.map((item) => item.id).sort()).toEqual([
        "module.database.aws_db_instance.primary",
        "module.database.aws_db_instance.replica",
        "module.database.aws_db_subnet_group.this",
      ]);
      for (const item of moduled) expect(item.moduleCall, item.id).toEqual(call);
      for (const item of graph.elements.filter((other) => !other.id.startsWith("module.")))
        expect(item.moduleCall, item.id).toBeUndefined();
    });
  });
});

describe("rails-ecs in both formats", () => {
  it("gives the GitHub connection the same kind in Terraform and CloudFormation: pipeline plumbing", async () => {
    const [terraform, cloudformation] = await Promise.all(FORMATS.map((format) => declared("rails-ecs", format)));
    const connections = [
      element(terraform!.graph, "aws_codestarconnections_connection.github"),
      element(cloudformation!.graph, "GitHubConnection"),
    ];
    for (const connection of connections)
      expect(connection, connection.id).toMatchObject({ kind: "pipeline", attributes: { plumbing: true } });
  });
});

describe("rails-ecs secret-key-base-in-env variant (one literal secret in the environment)", async () => {
  const root = path.join(repoRoot, "fixtures/rails-ecs/drifted/secret-key-base-in-env");
  const text = readFileSync(path.join(root, "ecs.tf"), "utf8");
  const raw = /"SECRET_KEY_BASE", value = "([^"]+)"/.exec(text)?.[1] ?? "";
  const graph = buildDeclaredGraph(await parseTerraform({ root, modules: ["."] }));

  it("keeps the name at its place, masks the value and says why it looks secret", () => {
    expect(raw.length).toBeGreaterThan(32);
    const secret = element(graph, "aws_ecs_task_definition.app").attributes.env?.find(
      (item) => item.name === "SECRET_KEY_BASE",
    );
    expect(secret?.source).toMatchObject(locate(root, "ecs.tf", "environment = [", '"SECRET_KEY_BASE"'));
    expect(secret?.reference).toBeFalsy();
    expect(secret?.secretSignals?.length).toBeGreaterThan(0);
    expect(secret?.value).toBeDefined();
    expect(secret?.value).not.toContain(raw.slice(0, 12));
    expect(secret?.value).toContain(String(raw.length));
  });

  it("never lets the raw value into the graph or into `archlint graph` output", async () => {
    expect(JSON.stringify(graph)).not.toContain(raw);
    const run = await runCli(["graph", root, "--source", "iac", "--format", "json"]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain(raw.slice(0, 16));
    const mermaid = await runCli(["graph", root, "--source", "iac", "--format", "mermaid"]);
    expect(mermaid.stdout).not.toContain(raw.slice(0, 16));
  });
});
