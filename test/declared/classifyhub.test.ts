// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the fixtures' own interpolations (${…} in HCL and Fn::Sub) are searched for as text
/**
 * ClassifyHub's declared graph (fixtures/classifyhub/terraform and cloudformation): CloudFront
 * (ALB + S3 origins), ALB, four Fargate services in both private subnets, RDS Multi-AZ, Redis,
 * OpenSearch with zone awareness, SQS, SES, alarms → SNS, Route 53. Subnets are `for_each` keyed
 * by zone in Terraform. Expected positions are found in the fixture text.
 */
import { describe, expect, it } from "vitest";
import type { ElementKind } from "../../src/model/graph.js";
import type { IacFormat } from "../../src/model/iac.js";
import {
  element,
  evidenceAt,
  FORMATS,
  itReadsAndClassifies,
  locate,
  pairs,
  relation,
  relations,
  siteTable,
  systemView,
} from "./helpers.js";

const SITES = siteTable({
  cdn: ["edge.tf", "aws_cloudfront_distribution.cdn", "classifyhub.yaml", "Distribution"],
  alb: ["alb.tf", "aws_lb.main", "classifyhub.yaml", "LoadBalancer"],
  gateway: ["ecs.tf", 'aws_ecs_service.service["api_gateway"]', "classifyhub.yaml", "ApiGatewayService"],
  frontend: ["ecs.tf", 'aws_ecs_service.service["frontend"]', "classifyhub.yaml", "FrontendService"],
  backend: ["ecs.tf", 'aws_ecs_service.service["backend"]', "classifyhub.yaml", "BackendService"],
  worker: ["ecs.tf", 'aws_ecs_service.service["notification_worker"]', "classifyhub.yaml", "NotificationWorkerService"],
  primary: ["data.tf", "aws_db_instance.primary", "classifyhub.yaml", "PrimaryDatabase"],
  cache: ["data.tf", "aws_elasticache_replication_group.cache", "classifyhub.yaml", "CacheReplicationGroup"],
  search: ["data.tf", "aws_opensearch_domain.search", "classifyhub.yaml", "SearchDomain"],
  bucket: ["data.tf", "aws_s3_bucket.images", "classifyhub.yaml", "ImagesBucket"],
  queue: ["data.tf", "aws_sqs_queue.notifications", "classifyhub.yaml", "NotificationsQueue"],
  topic: ["observability.tf", "aws_sns_topic.alarms", "classifyhub.yaml", "AlarmTopic"],
  email: ["edge.tf", "aws_sesv2_email_identity.domain", "classifyhub.yaml", "EmailIdentity"],
  zone: ["edge.tf", "aws_route53_zone.main", "classifyhub.yaml", "HostedZone"],
  // plumbing
  vpc: ["modules/network/main.tf", "module.network.aws_vpc.this", "classifyhub.yaml", "Vpc"],
  privateA: [
    "modules/network/main.tf",
    'module.network.aws_subnet.private["us-east-1a"]',
    "classifyhub.yaml",
    "PrivateSubnet1",
  ],
  privateB: [
    "modules/network/main.tf",
    'module.network.aws_subnet.private["us-east-1b"]',
    "classifyhub.yaml",
    "PrivateSubnet2",
  ],
  publicA: [
    "modules/network/main.tf",
    'module.network.aws_subnet.public["us-east-1a"]',
    "classifyhub.yaml",
    "PublicSubnet1",
  ],
  publicB: [
    "modules/network/main.tf",
    'module.network.aws_subnet.public["us-east-1b"]',
    "classifyhub.yaml",
    "PublicSubnet2",
  ],
  natA: [
    "modules/network/main.tf",
    'module.network.aws_nat_gateway.this["us-east-1a"]',
    "classifyhub.yaml",
    "NatGateway1",
  ],
  natB: [
    "modules/network/main.tf",
    'module.network.aws_nat_gateway.this["us-east-1b"]',
    "classifyhub.yaml",
    "NatGateway2",
  ],
  cluster: ["ecs.tf", "aws_ecs_cluster.main", "classifyhub.yaml", "Cluster"],
  albSg: ["main.tf", "aws_security_group.alb", "classifyhub.yaml", "AlbSecurityGroup"],
  servicesSg: ["main.tf", "aws_security_group.services", "classifyhub.yaml", "ServicesSecurityGroup"],
  servicesSelf: ["main.tf", "aws_security_group.services", "classifyhub.yaml", "ServicesSelfIngress"],
  databaseSg: ["main.tf", 'aws_security_group.data["database"]', "classifyhub.yaml", "DatabaseSecurityGroup"],
  cacheSg: ["main.tf", 'aws_security_group.data["redis"]', "classifyhub.yaml", "CacheSecurityGroup"],
  searchSg: ["main.tf", 'aws_security_group.data["opensearch"]', "classifyhub.yaml", "SearchSecurityGroup"],
  httpsListener: ["alb.tf", "aws_lb_listener.https", "classifyhub.yaml", "HttpsListener"],
  apiRule: ["alb.tf", "aws_lb_listener_rule.api", "classifyhub.yaml", "ApiListenerRule"],
  apexRecord: ["edge.tf", "aws_route53_record.apex", "classifyhub.yaml", "ApexRecord"],
  apiRecord: ["edge.tf", "aws_route53_record.api", "classifyhub.yaml", "ApiRecord"],
  backendTask: ["ecs.tf", 'aws_ecs_task_definition.service["backend"]', "classifyhub.yaml", "BackendTaskDefinition"],
  workerTask: [
    "ecs.tf",
    'aws_ecs_task_definition.service["notification_worker"]',
    "classifyhub.yaml",
    "NotificationWorkerTaskDefinition",
  ],
  gatewayTask: [
    "ecs.tf",
    'aws_ecs_task_definition.service["api_gateway"]',
    "classifyhub.yaml",
    "ApiGatewayTaskDefinition",
  ],
  executionRole: ["ecs.tf", "aws_iam_role.execution", "classifyhub.yaml", "ExecutionRole"],
  alarm: ["observability.tf", "aws_cloudwatch_metric_alarm.alb_5xx", "classifyhub.yaml", "Alb5xxAlarm"],
  logGroup: ["ecs.tf", 'aws_cloudwatch_log_group.service["backend"]', "classifyhub.yaml", "ServicesLogGroup"],
});
type Role = keyof typeof SITES;

const SERVICES = ["gateway", "frontend", "backend", "worker"] as const;

const SIGNIFICANT: [Role, ElementKind][] = [
  ["cdn", "cdn"],
  ["alb", "load-balancer"],
  ...SERVICES.map((role): [Role, ElementKind] => [role, "container"]),
  ["primary", "database"],
  ["cache", "cache"],
  ["search", "search"],
  ["bucket", "object-storage"],
  ["queue", "queue"],
  ["topic", "topic"],
  ["zone", "dns"],
];

const PLUMBING: [Role, ElementKind][] = [
  ["vpc", "network"],
  ["natA", "network"],
  ["cluster", "container"],
  ["backendTask", "container"],
  ["executionRole", "identity"],
  ["albSg", "network"],
  ["httpsListener", "load-balancer"],
  ["apiRule", "load-balancer"],
  ["apexRecord", "dns"],
  ["alarm", "monitoring"],
  ["logGroup", "monitoring"],
  // rules.md does not list email identities among the significant resources.
  ["email", "email"],
];

describe.each(FORMATS)("ClassifyHub %s", async (format: IacFormat) => {
  const view = await systemView("classifyhub", format, SITES);
  const { system, graph, id, tf, at, declaration } = view;

  describe("kinds", () => {
    itReadsAndClassifies(view, SIGNIFICANT, PLUMBING);
  });

  describe("placement", () => {
    it("places a subnet per zone, public ones routed to the internet gateway, a NAT gateway in each public one", () => {
      const expected = [
        ["publicA", "public", "10.30.0.0/24", "us-east-1a"],
        ["publicB", "public", "10.30.1.0/24", "us-east-1b"],
        ["privateA", "private", "10.30.10.0/24", "us-east-1a"],
        ["privateB", "private", "10.30.11.0/24", "us-east-1b"],
      ] as const;
      for (const [role, tier, cidr, zone] of expected) {
        const subnet = element(graph, id(role));
        expect(subnet, role).toMatchObject({
          parent: id("vpc"),
          boundary: true,
          attributes: { subnetTier: tier, cidr },
        });
        expect(subnet.attributes.availabilityZones).toEqual(tf ? [zone] : undefined);
      }
      expect(element(graph, id("natA")).parent).toBe(id("publicA"));
      expect(element(graph, id("natB")).parent).toBe(id("publicB"));
      expect(element(graph, id("vpc")).attributes.cidr).toBe("10.30.0.0/16");
    });

    it("runs the four services in the cluster, in both private subnets, without public IPs", () => {
      const assignPublicIp = tf ? "\n    assign_public_ip " : "\n          AssignPublicIp:";
      const subnets = tf ? "\n    subnets " : "\n          Subnets:";
      for (const role of SERVICES) {
        const service = element(graph, id(role));
        expect(service, role).toMatchObject({
          parent: id("cluster"),
          attributes: {
            subnetTier: "private",
            subnets: [id("privateA"), id("privateB")],
            vpc: id("vpc"),
            multiAz: true,
            public: false,
            publicIp: false,
            securityGroups: [id("servicesSg")],
            openIngress: [],
          },
        });
        if (tf) expect(service.attributes.availabilityZones).toEqual(["us-east-1a", "us-east-1b"]);
        expect(service.evidence, role).toMatchObject({
          publicIp: evidenceAt(at(role, assignPublicIp), /false|DISABLED/),
          subnetTier: evidenceAt(at(role, subnets), /private/),
        });
      }
    });

    it("puts the load balancer in both public subnets, internet-facing, open to the world on 443 and 80", () => {
      const alb = element(graph, id("alb"));
      expect(alb).toMatchObject({
        parent: id("vpc"),
        attributes: {
          subnetTier: "public",
          subnets: [id("publicA"), id("publicB")],
          internal: false,
          public: true,
          multiAz: true,
          securityGroups: [id("albSg")],
          ports: [443, 80],
        },
      });
      const cidr = tf ? "\n    cidr_blocks " : "CidrIp:";
      expect(alb.attributes.openIngress).toMatchObject([
        {
          ports: { from: 443, to: 443, protocol: "tcp" },
          cidrs: ["0.0.0.0/0"],
          fromGroups: [],
          source: at("albSg", cidr),
        },
        {
          ports: { from: 80, to: 80, protocol: "tcp" },
          cidrs: ["0.0.0.0/0"],
          fromGroups: [],
          source: at("albSg", "HTTP, redirected", cidr),
        },
      ]);
      const internal = tf ? "\n  internal " : "\n      Scheme:";
      expect(alb.evidence?.internal).toMatchObject(evidenceAt(at("alb", internal), /false|internet-facing/));
    });

    it("keeps the database, the cache and the search domain private in both private subnets", () => {
      for (const [role, sg] of [
        ["primary", "databaseSg"],
        ["cache", "cacheSg"],
        ["search", "searchSg"],
      ] as const) {
        expect(element(graph, id(role)), role).toMatchObject({
          parent: id("vpc"),
          attributes: {
            subnetTier: "private",
            subnets: [id("privateA"), id("privateB")],
            securityGroups: [id(sg)],
            openIngress: [],
          },
        });
      }
      expect(element(graph, id("primary")).attributes).toMatchObject({ public: false, publicIp: false });
      expect(element(graph, id("search")).attributes.public).toBe(false);
    });
  });

  describe("relations", () => {
    it("has CloudFront route to its two origins: the ALB by default, S3 for /images/*", () => {
      const domain = tf ? "\n    domain_name " : "\n            DomainName:";
      const albOrigin = relation(graph, "routes", id("cdn"), id("alb"));
      expect(albOrigin).toMatchObject({ via: id("cdn"), source: at("cdn", "frontend-alb", domain) });
      expect(albOrigin.path).toBeUndefined();
      expect(relation(graph, "routes", id("cdn"), id("bucket"))).toMatchObject({
        path: "/images/*",
        via: id("cdn"),
        source: at("cdn", "images-s3", domain),
      });
    });

    it("has the ALB route /api/* to the gateway by its listener rule and the rest to the frontend", () => {
      expect(relation(graph, "routes", id("alb"), id("gateway"))).toMatchObject({
        path: "/api/*",
        via: id("apiRule"),
        source: tf ? at("apiRule", "\n      values = [", "local.services") : at("apiRule", "Values: [", "/api/*"),
      });
      const byDefault = relation(graph, "routes", id("alb"), id("frontend"));
      expect(byDefault).toMatchObject({
        via: id("httpsListener"),
        source: at("httpsListener", tf ? "\n    target_group_arn " : "\n          TargetGroupArn:"),
      });
      expect(byDefault.path).toBeUndefined();
      expect(relations(graph, "routes", id("alb"))).toHaveLength(2);
    });

    it("has the hosted zone's alias records route to CloudFront and to the ALB", () => {
      const alias = tf ? "\n    name " : "\n        DNSName:";
      expect(relation(graph, "routes", id("zone"), id("cdn"))).toMatchObject({
        label: "classifyhub.com",
        via: id("apexRecord"),
        source: at("apexRecord", alias),
      });
      expect(relation(graph, "routes", id("zone"), id("alb"))).toMatchObject({
        label: "api.classifyhub.com",
        via: id("apiRecord"),
        source: at("apiRecord", alias),
      });
    });

    it("carries the security groups as network relations: ALB to services, services to each other and to the stores", () => {
      const fromGroup = (role: Role) => (tf ? at(role, "\n    security_groups ") : at(role, "SourceSecurityGroupId:"));
      for (const service of SERVICES) {
        expect(relation(graph, "network", id("alb"), id(service)), service).toMatchObject({
          ports: [{ from: 80, to: 8000, protocol: "tcp" }],
          via: id("servicesSg"),
          source: fromGroup("servicesSg"),
        });
        for (const [store, sg, port] of [
          ["primary", "databaseSg", 5432],
          ["cache", "cacheSg", 6379],
          ["search", "searchSg", 443],
        ] as const)
          expect(relation(graph, "network", id(service), id(store)), `${service} -> ${store}`).toMatchObject({
            ports: [{ from: port, to: port, protocol: "tcp" }],
            via: id(sg),
            source: fromGroup(sg),
          });
      }
      // The self-referencing rule connects every pair of services (co-tasked, as the README expects).
      const selfRule = relation(graph, "network", id("gateway"), id("backend"));
      expect(selfRule).toMatchObject({ ports: [{ from: 80, to: 8080, protocol: "tcp" }], via: id("servicesSelf") });
      const serviceIds = SERVICES.map(id);
      const betweenServices = relations(graph, "network").filter(
        (item) => serviceIds.includes(item.from) && serviceIds.includes(item.to),
      );
      expect(betweenServices.map((item) => item.from === item.to)).toEqual(Array(12).fill(false));
    });

    // Terraform: at `self = true`, as a rule with `security_groups` is at that attribute.
    it("puts the self-referencing rule's relations at the attribute that allows them", () => {
      const selfRule = relation(graph, "network", id("gateway"), id("backend"));
      expect(selfRule.source).toMatchObject(
        tf ? at("servicesSelf", "\n    self ") : at("servicesSelf", "SourceSecurityGroupId:"),
      );
    });

    it("carries the task and execution roles as permission relations", () => {
      const expected: [Role, Role, string][] = [
        ["backend", "bucket", "s3:PutObject"],
        ["backend", "queue", "sqs:SendMessage"],
        ["backend", "search", "es:ESHttpPut"],
        ["gateway", "search", "es:ESHttpGet"],
        ["worker", "queue", "sqs:ReceiveMessage"],
        ["worker", "email", "ses:SendEmail"],
      ];
      const TASK_KEYS: Partial<Record<Role, string>> = {
        gateway: "api_gateway",
        backend: "backend",
        worker: "notification_worker",
      };
      for (const [from, to, action] of expected) {
        const permission = relation(graph, "permission", id(from), id(to));
        expect(permission.label, `${from} -> ${to}`).toContain(action);
        expect(permission.via).toBe(tf ? `aws_iam_role_policy.task["${TASK_KEYS[from]}"]` : "TaskRole");
      }
      // The shared execution role reads the database's managed secret for every service.
      for (const service of SERVICES)
        expect(relation(graph, "permission", id(service), id("primary"))).toMatchObject({
          label: "secretsmanager:GetSecretValue",
          via: tf ? "aws_iam_role_policy.execution_secrets" : "ExecutionRole",
        });
      expect(relation(graph, "permission", id("backend"), id("bucket")).source).toMatchObject(
        tf
          ? locate(system.dir, "ecs.tf", "task_permissions = {", "backend = [", '"${aws_s3_bucket.images.arn}')
          : locate(system.dir, "classifyhub.yaml", "\n  TaskRole:", "!Sub ${ImagesBucket.Arn}"),
      );
    });

    it("carries the task definitions' environment as reference relations of the services", () => {
      const expected: [Role, Role, string][] = [
        ["backend", "primary", "DB_HOST"],
        ["backend", "primary", "DB_PASSWORD"],
        ["backend", "cache", "REDIS_HOST"],
        ["backend", "search", "OPENSEARCH_ENDPOINT"],
        ["backend", "bucket", "IMAGES_BUCKET"],
        ["backend", "queue", "NOTIFICATIONS_QUEUE_URL"],
        ["gateway", "search", "SEARCH_UPSTREAM"],
        ["gateway", "cache", "RATE_LIMIT_REDIS_HOST"],
        ["worker", "queue", "NOTIFICATIONS_QUEUE_URL"],
      ];
      for (const [from, to, name] of expected) {
        const reference = relation(graph, "reference", id(from), id(to));
        expect(reference.label?.split(", "), `${from} -> ${to}`).toContain(name);
        expect(reference.via).toBe(
          id(from === "backend" ? "backendTask" : from === "gateway" ? "gatewayTask" : "workerTask"),
        );
      }
      expect(pairs(graph, "reference").filter((pair) => pair.startsWith(`${id("frontend")} `))).toEqual([]);
    });

    it("declares no replica: the standby is the primary's Multi-AZ", () => {
      expect(relations(graph, "replicates")).toEqual([]);
      expect(element(graph, id("primary")).attributes.replicas).toBeUndefined();
    });
  });

  describe("attributes", () => {
    it("sizes each service: desired count, task CPU and memory, container port", () => {
      const sizes: Record<(typeof SERVICES)[number], [number, number, number[] | undefined]> = {
        gateway: [512, 1024, [8000]],
        frontend: [256, 512, [80]],
        backend: [1024, 2048, [8080]],
        worker: [256, 512, undefined],
      };
      for (const role of SERVICES) {
        const [cpu, memory, ports] = sizes[role];
        const service = element(graph, id(role));
        expect(service.attributes, role).toMatchObject({ desiredCapacity: 2, cpu, memory });
        expect(service.attributes.ports, role).toEqual(ports);
        expect(service.evidence?.desiredCapacity, role).toMatchObject(
          evidenceAt(at(role, tf ? "\n  desired_count " : "\n      DesiredCount:"), /2/),
        );
      }
      expect(element(graph, id("backend")).evidence?.cpu).toMatchObject(
        evidenceAt(at("backendTask", tf ? "\n  cpu " : "\n      Cpu:"), /1024/),
      );
    });

    it("describes the database: PostgreSQL 16.8, Multi-AZ, encrypted", () => {
      const primary = element(graph, id("primary"));
      expect(primary.attributes).toMatchObject({
        engine: "postgres",
        engineVersion: "16.8",
        multiAz: true,
        encrypted: true,
        instanceType: "db.r6g.xlarge",
        ports: [5432],
      });
      expect(primary.evidence?.multiAz).toMatchObject(
        evidenceAt(at("primary", tf ? "\n  multi_az " : "\n      MultiAZ:"), /true/),
      );
    });

    it("describes Redis (Multi-AZ, two nodes) and OpenSearch (zone awareness, 2.13), both encrypted", () => {
      expect(element(graph, id("cache")).attributes).toMatchObject({
        engine: "redis",
        engineVersion: "7.1",
        multiAz: true,
        encrypted: true,
        ports: [6379],
      });
      const search = element(graph, id("search"));
      expect(search.attributes).toMatchObject({
        engine: "opensearch",
        engineVersion: "2.13",
        multiAz: true,
        encrypted: true,
        instanceType: "r6g.large.search",
      });
      expect(search.evidence).toMatchObject({
        multiAz: evidenceAt(
          at("search", tf ? "\n    zone_awareness_enabled " : "\n        ZoneAwarenessEnabled:"),
          /true/,
        ),
        encrypted: evidenceAt(
          at("search", tf ? "encrypt_at_rest {" : "EncryptionAtRestOptions:", tf ? "enabled" : "Enabled:"),
          /true/,
        ),
      });
    });

    it("says the alarm topic is not encrypted, at the topic itself", () => {
      const topic = element(graph, id("topic"));
      expect(topic.attributes.encrypted).toBe(false);
      expect(topic.evidence?.encrypted).toMatchObject(evidenceAt(declaration("topic"), /not encrypted/));
    });

    it("keeps the backend's database password a secret reference, with no value", () => {
      const env = element(graph, id("backendTask")).attributes.env ?? [];
      const password = env.find((item) => item.name === "DB_PASSWORD");
      expect(password).toMatchObject({ reference: true, context: "container backend secrets" });
      expect(password).not.toHaveProperty("value");
      expect(env.filter((item) => item.secretSignals !== undefined)).toEqual([]);
    });
  });

  describe("positions", () => {
    it("puts every significant element at its declaration, for_each instances at their shared block", () => {
      for (const role of [
        "cdn",
        "alb",
        ...SERVICES,
        "primary",
        "cache",
        "search",
        "bucket",
        "queue",
        "topic",
        "zone",
      ] as const)
        expect(element(graph, id(role)).source, role).toMatchObject(declaration(role));
    });
  });

  describe.runIf(tf)("module addresses", () => {
    it("keys the module's subnets by zone and points them at the `module` call", () => {
      const call = locate(system.dir, "main.tf", 'module "network" {');
      for (const role of ["privateA", "publicB", "natA", "vpc"] as const)
        expect(element(graph, id(role)).moduleCall, role).toEqual(call);
      expect(element(graph, id("primary")).moduleCall).toBeUndefined();
    });
  });
});
