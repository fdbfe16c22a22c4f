/**
 * posts-services's declared graph (fixtures/posts-services/terraform, and cloudformation with the
 * JSON network template plus the YAML services template that imports its outputs): the documented
 * CIDRs, an ALB with one path rule per service, three Fargate services (2-10 tasks, 256 CPU /
 * 512 MiB) reachable on 3000 from the ALB's group only, ECR, CodeCommit → CodePipeline → CodeBuild.
 * Expected positions are found in the fixture text.
 */
import { describe, expect, it } from "vitest";
import { type ElementKind, isUnknown } from "../../src/model/graph.js";
import type { IacFormat } from "../../src/model/iac.js";
import {
  element,
  evidenceAt,
  FORMATS,
  itReadsAndClassifies,
  locate,
  relation,
  relations,
  siteTable,
  systemView,
} from "./helpers.js";

const SITES = siteTable({
  alb: ["alb.tf", "aws_lb.main", "services.yaml", "LoadBalancer"],
  posts: ["ecs.tf", 'aws_ecs_service.service["posts"]', "services.yaml", "PostsService"],
  threads: ["ecs.tf", 'aws_ecs_service.service["threads"]', "services.yaml", "ThreadsService"],
  users: ["ecs.tf", 'aws_ecs_service.service["users"]', "services.yaml", "UsersService"],
  postsRepo: ["ecs.tf", 'aws_ecr_repository.service["posts"]', "services.yaml", "PostsRepository"],
  threadsRepo: ["ecs.tf", 'aws_ecr_repository.service["threads"]', "services.yaml", "ThreadsRepository"],
  usersRepo: ["ecs.tf", 'aws_ecr_repository.service["users"]', "services.yaml", "UsersRepository"],
  source: ["pipeline.tf", "aws_codecommit_repository.app", "services.yaml", "SourceRepository"],
  pipeline: ["pipeline.tf", "aws_codepipeline.services", "services.yaml", "Pipeline"],
  build: ["pipeline.tf", "aws_codebuild_project.services", "services.yaml", "BuildProject"],
  // plumbing
  vpc: ["modules/network/main.tf", "module.network.aws_vpc.this", "network.json", "Vpc"],
  publicA: ["modules/network/main.tf", "module.network.aws_subnet.public[0]", "network.json", "PublicSubnet1"],
  publicB: ["modules/network/main.tf", "module.network.aws_subnet.public[1]", "network.json", "PublicSubnet2"],
  privateA: ["modules/network/main.tf", "module.network.aws_subnet.private[0]", "network.json", "PrivateSubnet1"],
  privateB: ["modules/network/main.tf", "module.network.aws_subnet.private[1]", "network.json", "PrivateSubnet2"],
  ecrApi: [
    "modules/network/main.tf",
    'module.network.aws_vpc_endpoint.interface["ecr.api"]',
    "network.json",
    "EcrApiEndpoint",
  ],
  s3Endpoint: ["modules/network/main.tf", "module.network.aws_vpc_endpoint.s3", "network.json", "S3Endpoint"],
  tasksSg: ["main.tf", "aws_security_group.tasks", "services.yaml", "TasksSecurityGroup"],
  albSg: ["main.tf", "aws_security_group.alb", "services.yaml", "AlbSecurityGroup"],
  tasksFromAlb: [
    "main.tf",
    "aws_vpc_security_group_ingress_rule.tasks_from_alb",
    "services.yaml",
    "TasksIngressFromAlb",
  ],
  postsRule: ["alb.tf", 'aws_lb_listener_rule.service["posts"]', "services.yaml", "PostsListenerRule"],
  threadsRule: ["alb.tf", 'aws_lb_listener_rule.service["threads"]', "services.yaml", "ThreadsListenerRule"],
  usersRule: ["alb.tf", 'aws_lb_listener_rule.service["users"]', "services.yaml", "UsersListenerRule"],
  postsTask: ["ecs.tf", 'aws_ecs_task_definition.service["posts"]', "services.yaml", "PostsTaskDefinition"],
  postsScaling: ["ecs.tf", 'aws_appautoscaling_target.service["posts"]', "services.yaml", "PostsScalableTarget"],
  threadsScaling: ["ecs.tf", 'aws_appautoscaling_target.service["threads"]', "services.yaml", "ThreadsScalableTarget"],
  usersScaling: ["ecs.tf", 'aws_appautoscaling_target.service["users"]', "services.yaml", "UsersScalableTarget"],
  cluster: ["ecs.tf", "aws_ecs_cluster.main", "services.yaml", "Cluster"],
  pushRule: ["pipeline.tf", "aws_cloudwatch_event_rule.push", "services.yaml", "PushToMainRule"],
});
type Role = keyof typeof SITES;

const SERVICES = ["posts", "threads", "users"] as const;
const PATHS = { posts: "/api/posts*", threads: "/api/threads*", users: "/api/users*" } as const;

const SIGNIFICANT: [Role, ElementKind][] = [
  ["alb", "load-balancer"],
  ...SERVICES.map((role): [Role, ElementKind] => [role, "container"]),
  ["postsRepo", "registry"],
  ["threadsRepo", "registry"],
  ["usersRepo", "registry"],
  ["source", "pipeline"],
  ["pipeline", "pipeline"],
  ["build", "pipeline"],
];

const PLUMBING: [Role, ElementKind][] = [
  ["vpc", "network"],
  ["privateA", "network"],
  ["ecrApi", "network"],
  ["s3Endpoint", "network"],
  ["tasksSg", "network"],
  ["tasksFromAlb", "network"],
  ["postsRule", "load-balancer"],
  ["postsTask", "container"],
  ["postsScaling", "compute"],
  ["pushRule", "topic"],
];

describe.each(FORMATS)("posts-services %s", async (format: IacFormat) => {
  const view = await systemView("posts-services", format, SITES);
  const { system, graph, id, tf, at, declaration } = view;

  it("reads the JSON network template and the YAML services template", () => {
    if (tf) expect(system.parsed.files).toContain("modules/network/main.tf");
    else expect(system.parsed.files).toEqual(["network.json", "services.yaml"]);
  });

  describe("kinds", () => {
    itReadsAndClassifies(view, SIGNIFICANT, PLUMBING);
  });

  describe("placement", () => {
    it("declares the documented CIDRs: 10.0.0.0/16 and the four subnets, in their zones and tiers", () => {
      const cidrKey = tf ? "\n  cidr_block " : '"CidrBlock"';
      expect(element(graph, id("vpc")).attributes.cidr).toBe("10.0.0.0/16");
      expect(element(graph, id("vpc")).evidence?.cidr).toMatchObject(evidenceAt(at("vpc", cidrKey), /10\.0\.0\.0\/16/));
      for (const [role, tier, cidr, zone] of [
        ["publicA", "public", "10.0.0.0/24", "us-east-1a"],
        ["publicB", "public", "10.0.1.0/24", "us-east-1b"],
        ["privateA", "private", "10.0.100.0/24", "us-east-1a"],
        ["privateB", "private", "10.0.101.0/24", "us-east-1b"],
      ] as const) {
        const subnet = element(graph, id(role));
        expect(subnet, role).toMatchObject({
          parent: id("vpc"),
          boundary: true,
          attributes: { subnetTier: tier, cidr, availabilityZones: [zone], vpc: id("vpc") },
        });
        expect(subnet.evidence?.cidr, role).toMatchObject(evidenceAt(at(role, cidrKey), new RegExp(cidr)));
      }
    });

    it("keeps every service without a public IP, reachable on 3000 from the ALB's group only", () => {
      for (const role of SERVICES) {
        const service = element(graph, id(role));
        expect(service, role).toMatchObject({
          parent: id("cluster"),
          attributes: { public: false, publicIp: false, securityGroups: [id("tasksSg")], openIngress: [] },
        });
        expect(service.evidence?.publicIp).toMatchObject(
          evidenceAt(at(role, tf ? "\n    assign_public_ip " : "\n          AssignPublicIp:"), /false|DISABLED/),
        );
      }
      expect(element(graph, id("tasksSg")).attributes.ingress).toMatchObject([
        { ports: { from: 3000, to: 3000, protocol: "tcp" }, cidrs: [], fromGroups: [id("albSg")] },
      ]);
    });

    it.runIf(tf)("places the Terraform services in both private subnets of the two zones", () => {
      for (const role of SERVICES)
        expect(element(graph, id(role)).attributes, role).toMatchObject({
          subnetTier: "private",
          subnets: [id("privateA"), id("privateB")],
          availabilityZones: ["us-east-1a", "us-east-1b"],
          vpc: id("vpc"),
          multiAz: true,
        });
      expect(element(graph, id("alb")).attributes).toMatchObject({
        subnetTier: "public",
        subnets: [id("publicA"), id("publicB")],
        vpc: id("vpc"),
      });
    });

    it.runIf(!tf)("leaves the imported placement of the CloudFormation services unknown, never a guessed tier", () => {
      // services.yaml takes its subnets with !ImportValue from network.json's exports: unresolved,
      // so the tier and the zones are unknown (README "Judgement calls"), not private or public.
      for (const role of [...SERVICES, "alb"] as const) {
        const attributes = element(graph, id(role)).attributes;
        expect(isUnknown(attributes.subnetTier), role).toBe(true);
        expect(isUnknown(attributes.multiAz), role).toBe(true);
        expect(JSON.stringify(attributes.subnetTier)).toContain("ImportValue");
      }
    });

    it("puts the internet-facing ALB's open rules on 80 and 443 at the rules that open them", () => {
      const alb = element(graph, id("alb"));
      expect(alb.attributes).toMatchObject({
        internal: false,
        public: true,
        ports: [443, 80],
        securityGroups: [id("albSg")],
      });
      expect(
        alb.attributes.openIngress
          ?.map((rule) => [rule.ports.from, rule.cidrs])
          .sort((a, b) => Number(a[0]) - Number(b[0])),
      ).toEqual([
        [80, ["0.0.0.0/0"]],
        [443, ["0.0.0.0/0"]],
      ]);
      const rules = alb.attributes.openIngress?.map((rule) => rule.source) ?? [];
      if (tf)
        for (const source of rules)
          expect(source).toMatchObject(
            locate(
              system.dir,
              "main.tf",
              'resource "aws_vpc_security_group_ingress_rule" "alb_public"',
              "\n  cidr_ipv4 ",
            ),
          );
      else expect(rules).toMatchObject([at("albSg", "(HTTP)", "CidrIp:"), at("albSg", "(HTTPS)", "CidrIp:")]);
    });

    // CloudFormation: network.json, SubnetIds [PrivateSubnet1, PrivateSubnet2].
    it("places the interface endpoints in the private subnets", () => {
      expect(element(graph, id("ecrApi")).attributes).toMatchObject({
        subnetTier: "private",
        subnets: [id("privateA"), id("privateB")],
      });
    });
  });

  describe("relations", () => {
    it("routes /api/posts*, /api/threads*, /api/users* from the ALB to their services by the listener rules", () => {
      const routes = relations(graph, "routes");
      expect(routes).toHaveLength(3);
      for (const role of SERVICES) {
        const ruleRole = `${role}Rule` as Role;
        expect(relation(graph, "routes", id("alb"), id(role)), role).toMatchObject({
          path: PATHS[role],
          via: id(ruleRole),
          source: tf ? at(ruleRole, "\n      values = [", "each.value.path") : at(ruleRole, "Values: [", PATHS[role]),
        });
      }
    });

    it("carries 3000 from the ALB's group as the only network relations, to each service", () => {
      expect(relations(graph, "network")).toHaveLength(3);
      for (const role of SERVICES)
        expect(relation(graph, "network", id("alb"), id(role)), role).toMatchObject({
          ports: [{ from: 3000, to: 3000, protocol: "tcp" }],
          label: "tcp 3000",
          via: id("tasksFromAlb"),
          source: at("tasksFromAlb", tf ? "\n  referenced_security_group_id " : "\n      SourceSecurityGroupId:"),
        });
    });

    it("has each service reference its own ECR repository for its image", () => {
      for (const role of SERVICES)
        expect(relation(graph, "reference", id(role), id(`${role}Repo` as Role)), role).toMatchObject({
          label: "image",
        });
    });

    it("has the pipeline use the CodeCommit repository, the build project and the three services", () => {
      for (const [role, label] of [
        ["source", "RepositoryName"],
        ["build", "ProjectName"],
        ["posts", "ServiceName"],
        ["threads", "ServiceName"],
        ["users", "ServiceName"],
      ] as const)
        expect(relation(graph, "uses", id("pipeline"), id(role)), role).toMatchObject({ label });
      expect(relation(graph, "uses", id("pipeline"), id("build")).source).toMatchObject(
        at("pipeline", tf ? "\n        ProjectName " : "\n                ProjectName:"),
      );
    });

    it("lets CodeBuild push to the three repositories and the pipeline start builds and read the source", () => {
      for (const repo of ["postsRepo", "threadsRepo", "usersRepo"] as const)
        expect(relation(graph, "permission", id("build"), id(repo)).label?.split(", "), repo).toContain("ecr:PutImage");
      expect(relation(graph, "permission", id("pipeline"), id("build")).label).toContain("codebuild:StartBuild");
      expect(relation(graph, "permission", id("pipeline"), id("source")).label).toContain("codecommit:GetBranch");
    });
  });

  describe("attributes", () => {
    it("sizes every service: 2 desired, 2 to 10 tasks, 256 CPU, 512 MiB, port 3000", () => {
      for (const role of SERVICES) {
        const service = element(graph, id(role));
        expect(service.attributes, role).toMatchObject({
          desiredCapacity: 2,
          minCapacity: 2,
          maxCapacity: 10,
          cpu: 256,
          memory: 512,
          ports: [3000],
        });
        const scaling = `${role}Scaling` as Role;
        expect(service.evidence, role).toMatchObject({
          minCapacity: evidenceAt(at(scaling, tf ? "\n  min_capacity " : "\n      MinCapacity:"), /2/),
          maxCapacity: evidenceAt(at(scaling, tf ? "\n  max_capacity " : "\n      MaxCapacity:"), /10/),
        });
      }
      expect(element(graph, id("posts")).evidence?.memory).toMatchObject(
        evidenceAt(at("postsTask", tf ? "\n  memory " : "\n      Memory:"), /512/),
      );
    });

    it("lists the task environment; the signing key is a secret reference without a value", () => {
      const env = element(graph, id("postsTask")).attributes.env ?? [];
      expect(env.map((item) => item.name)).toEqual(["NODE_ENV", "PORT", "SERVICE_NAME", "JWT_SIGNING_KEY"]);
      const key = env.find((item) => item.name === "JWT_SIGNING_KEY");
      expect(key).toMatchObject({ reference: true, context: "container posts secrets" });
      expect(key).not.toHaveProperty("value");
      expect(env.find((item) => item.name === "SERVICE_NAME")?.value).toBe("posts");
    });
  });

  describe("positions", () => {
    it("puts elements at their declaration in either template, the JSON one at the logical id's opening quote", () => {
      for (const role of [
        "alb",
        ...SERVICES,
        "postsRepo",
        "source",
        "pipeline",
        "build",
        "vpc",
        "privateB",
        "ecrApi",
      ] as const)
        expect(element(graph, id(role)).source, role).toMatchObject(declaration(role));
      if (!tf) expect(element(graph, "PrivateSubnet2").source.file).toBe("network.json");
    });
  });

  describe.runIf(tf)("module addresses", () => {
    it("points the network module's resources at the `module` call", () => {
      const call = locate(system.dir, "main.tf", 'module "network" {');
      for (const role of ["vpc", "privateA", "ecrApi", "s3Endpoint"] as const)
        expect(element(graph, id(role)).moduleCall, role).toEqual(call);
    });
  });
});
