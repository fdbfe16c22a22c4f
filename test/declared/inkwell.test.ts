// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the fixtures' own interpolations (${…} in HCL and Fn::Sub) are searched for as text
/**
 * InkWell's declared graph (fixtures/inkwell/terraform and cloudformation): API Gateway → VPC link
 * → Cloud Map → private EC2 app host, monitoring host, RDS primary (Multi-AZ) + read replica,
 * Redis, SNS → SQS, S3, one secret. Expected positions are found in the fixture text.
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
  position,
  relation,
  relations,
  siteTable,
  systemView,
} from "./helpers.js";

const SITES = siteTable({
  api: ["api.tf", "aws_apigatewayv2_api.main", "inkwell.yaml", "HttpApi"],
  app: ["compute.tf", "aws_instance.app", "inkwell.yaml", "AppInstance"],
  monitoring: ["compute.tf", "aws_instance.monitoring", "inkwell.yaml", "MonitoringInstance"],
  primary: ["data.tf", "aws_db_instance.primary", "inkwell.yaml", "PrimaryDatabase"],
  replica: ["data.tf", "aws_db_instance.replica", "inkwell.yaml", "ReplicaDatabase"],
  redis: ["data.tf", "aws_elasticache_replication_group.redis", "inkwell.yaml", "RedisReplicationGroup"],
  topic: ["data.tf", "aws_sns_topic.post_events", "inkwell.yaml", "PostEventsTopic"],
  queue: ["data.tf", "aws_sqs_queue.notifications", "inkwell.yaml", "NotificationsQueue"],
  bucket: ["data.tf", "aws_s3_bucket.media", "inkwell.yaml", "MediaBucket"],
  secret: ["data.tf", "aws_secretsmanager_secret.app", "inkwell.yaml", "AppSecret"],
  // plumbing
  vpc: ["modules/network/main.tf", "module.network.aws_vpc.this", "inkwell.yaml", "Vpc"],
  publicA: ["modules/network/main.tf", "module.network.aws_subnet.public[0]", "inkwell.yaml", "PublicSubnet1"],
  publicB: ["modules/network/main.tf", "module.network.aws_subnet.public[1]", "inkwell.yaml", "PublicSubnet2"],
  privateA: ["modules/network/main.tf", "module.network.aws_subnet.private[0]", "inkwell.yaml", "PrivateSubnet1"],
  privateB: ["modules/network/main.tf", "module.network.aws_subnet.private[1]", "inkwell.yaml", "PrivateSubnet2"],
  appSg: ["main.tf", "aws_security_group.app", "inkwell.yaml", "AppSecurityGroup"],
  databaseSg: ["main.tf", "aws_security_group.database", "inkwell.yaml", "DatabaseSecurityGroup"],
  redisSg: ["main.tf", "aws_security_group.redis", "inkwell.yaml", "RedisSecurityGroup"],
  monitoringSg: ["main.tf", "aws_security_group.monitoring", "inkwell.yaml", "MonitoringSecurityGroup"],
  otlpRule: [
    "main.tf",
    'aws_vpc_security_group_ingress_rule.monitoring_from_app["otlp"]',
    "inkwell.yaml",
    "MonitoringFromAppOtlpIngress",
  ],
  openSearchRule: [
    "main.tf",
    'aws_vpc_security_group_ingress_rule.monitoring_from_app["opensearch"]',
    "inkwell.yaml",
    "MonitoringFromAppOpenSearchIngress",
  ],
  appPolicy: ["compute.tf", "aws_iam_role_policy.app_instance", "inkwell.yaml", "AppInstanceRole"],
  appRole: ["compute.tf", "aws_iam_role.app_instance", "inkwell.yaml", "AppInstanceRole"],
  vpcLink: ["api.tf", "aws_apigatewayv2_vpc_link.app", "inkwell.yaml", "ApiVpcLink"],
  postsIntegration: ["api.tf", 'aws_apigatewayv2_integration.http["posts"]', "inkwell.yaml", "PostsIntegration"],
  usersIntegration: ["api.tf", 'aws_apigatewayv2_integration.http["users"]', "inkwell.yaml", "UsersIntegration"],
  postsRoute: ["api.tf", 'aws_apigatewayv2_route.http["posts"]', "inkwell.yaml", "PostsRoute"],
  postsDiscovery: ["api.tf", 'aws_service_discovery_service.http["posts"]', "inkwell.yaml", "PostsDiscoveryService"],
  subscription: ["data.tf", "aws_sns_topic_subscription.notifications", "inkwell.yaml", "NotificationsSubscription"],
  queuePolicy: ["data.tf", "aws_sqs_queue_policy.notifications", "inkwell.yaml", "NotificationsQueuePolicy"],
  dbSubnetGroup: ["data.tf", "aws_db_subnet_group.main", "inkwell.yaml", "DBSubnetGroup"],
});

/** Attribute keys as each format writes them. */
const KEYS = {
  terraform: {
    subnet: "\n  subnet_id ",
    instanceType: "\n  instance_type ",
    multiAz: "\n  multi_az ",
    engine: "\n  engine ",
    engineVersion: "\n  engine_version ",
    instanceClass: "\n  instance_class ",
    storageEncrypted: "\n  storage_encrypted ",
    replicateSource: "\n  replicate_source_db ",
    cacheMultiAz: "\n  multi_az_enabled ",
    atRest: "\n  at_rest_encryption_enabled ",
    endpoint: "\n  endpoint ",
    integrationUri: "\n  integration_uri ",
    cidr: "\n  cidr_block ",
  },
  cloudformation: {
    subnet: "\n      SubnetId:",
    instanceType: "\n      InstanceType:",
    multiAz: "\n      MultiAZ:",
    engine: "\n      Engine:",
    engineVersion: "\n      EngineVersion:",
    instanceClass: "\n      DBInstanceClass:",
    storageEncrypted: "\n      StorageEncrypted:",
    replicateSource: "\n      SourceDBInstanceIdentifier:",
    cacheMultiAz: "\n      MultiAZEnabled:",
    atRest: "\n      AtRestEncryptionEnabled:",
    endpoint: "\n      Endpoint:",
    integrationUri: "\n      IntegrationUri:",
    cidr: "\n      CidrBlock:",
  },
} as const;

const ENV_NAMES = [
  "AWS_REGION",
  "DB_HOST",
  "DB_READER_HOST",
  "DB_NAME",
  "DB_CREDENTIALS_SECRET_ARN",
  "APP_SECRETS_ID",
  "REDIS_URL",
  "POST_EVENTS_TOPIC_ARN",
  "NOTIFICATIONS_QUEUE_URL",
  "MEDIA_BUCKET",
  "OTEL_EXPORTER_OTLP_ENDPOINT",
];

type Role = keyof typeof SITES;

const SIGNIFICANT: [Role, ElementKind][] = [
  ["api", "gateway"],
  ["app", "compute"],
  ["monitoring", "compute"],
  ["primary", "database"],
  ["replica", "database"],
  ["redis", "cache"],
  ["topic", "topic"],
  ["queue", "queue"],
  ["bucket", "object-storage"],
  ["secret", "secret-store"],
];

const PLUMBING: [Role, ElementKind][] = [
  ["vpc", "network"],
  ["privateA", "network"],
  ["publicA", "network"],
  ["appSg", "network"],
  ["otlpRule", "network"],
  ["appRole", "identity"],
  ["vpcLink", "gateway"],
  ["postsIntegration", "gateway"],
  ["postsRoute", "gateway"],
  ["postsDiscovery", "dns"],
  ["subscription", "topic"],
  ["queuePolicy", "queue"],
  ["dbSubnetGroup", "database"],
];

describe.each(FORMATS)("InkWell %s", async (format: IacFormat) => {
  const view = await systemView("inkwell", format, SITES);
  const { system, graph, id, tf, at, declaration } = view;
  const key = KEYS[format];

  describe("kinds", () => {
    itReadsAndClassifies(view, SIGNIFICANT, PLUMBING);

    it("marks the VPC and the subnets as boundaries", () => {
      for (const role of ["vpc", "privateA", "publicB"] as const) expect(element(graph, id(role)).boundary).toBe(true);
    });
  });

  describe("placement", () => {
    it("places the subnets by their route tables, with the documented CIDRs", () => {
      const expected = [
        ["publicA", "public", "10.20.0.0/24", "us-east-1a"],
        ["publicB", "public", "10.20.1.0/24", "us-east-1b"],
        ["privateA", "private", "10.20.100.0/24", "us-east-1a"],
        ["privateB", "private", "10.20.101.0/24", "us-east-1b"],
      ] as const;
      for (const [role, tier, cidr, zone] of expected) {
        const subnet = element(graph, id(role));
        expect(subnet, role).toMatchObject({
          parent: id("vpc"),
          attributes: { subnetTier: tier, cidr, vpc: id("vpc") },
        });
        // CloudFormation picks the zones with !GetAZs of the deploying region: not known statically.
        expect(subnet.attributes.availabilityZones).toEqual(tf ? [zone] : undefined);
        expect(subnet.evidence?.cidr).toMatchObject(evidenceAt(at(role, key.cidr), new RegExp(cidr)));
      }
      expect(element(graph, id("vpc")).attributes.cidr).toBe("10.20.0.0/16");
    });

    // `module.network.private_subnet_ids[0]`: an index into a module output that is a splat.
    it("places each host in its one private subnet", () => {
      expect(element(graph, id("app"))).toMatchObject({
        parent: id("privateA"),
        attributes: { subnets: [id("privateA")], ...(tf ? { availabilityZones: ["us-east-1a"] } : {}) },
      });
      expect(element(graph, id("monitoring"))).toMatchObject({
        parent: id("privateB"),
        attributes: { subnets: [id("privateB")], ...(tf ? { availabilityZones: ["us-east-1b"] } : {}) },
      });
    });

    it("keeps the hosts private, without a public address, in the VPC, behind their own groups", () => {
      for (const [host, sg] of [
        ["app", "appSg"],
        ["monitoring", "monitoringSg"],
      ] as const) {
        const attributes = element(graph, id(host)).attributes;
        expect(attributes, host).toMatchObject({
          subnetTier: "private",
          vpc: id("vpc"),
          public: false,
          publicIp: false,
          multiAz: false,
          securityGroups: [id(sg)],
          openIngress: [],
        });
        expect(element(graph, id(host)).evidence?.subnetTier).toMatchObject(
          evidenceAt(at(host, key.subnet), /private/),
        );
      }
    });

    it("keeps the databases and Redis in both private subnets of the VPC, not publicly accessible", () => {
      for (const [role, sg] of [
        ["primary", "databaseSg"],
        ["replica", "databaseSg"],
        ["redis", "redisSg"],
      ] as const) {
        const store = element(graph, id(role));
        expect(store, role).toMatchObject({
          parent: id("vpc"),
          attributes: {
            subnetTier: "private",
            subnets: [id("privateA"), id("privateB")],
            vpc: id("vpc"),
            securityGroups: [id(sg)],
            openIngress: [],
          },
        });
        if (tf) expect(store.attributes.availabilityZones).toEqual(["us-east-1a", "us-east-1b"]);
        if (role !== "redis") expect(store.attributes).toMatchObject({ public: false, publicIp: false });
      }
    });
  });

  describe("relations", () => {
    it("carries the security group rules as network relations with their ports", () => {
      const network = relations(graph, "network").map((item) => ({
        from: item.from,
        to: item.to,
        ports: item.ports,
        via: item.via,
      }));
      const tcp = (from: number, to: number = from) => [{ from, to, protocol: "tcp" }];
      expect(network).toEqual(
        expect.arrayContaining([
          { from: id("app"), to: id("primary"), ports: tcp(5432), via: id("databaseSg") },
          { from: id("app"), to: id("replica"), ports: tcp(5432), via: id("databaseSg") },
          { from: id("app"), to: id("redis"), ports: tcp(6379), via: id("redisSg") },
          { from: id("app"), to: id("monitoring"), ports: tcp(4317), via: id("otlpRule") },
          { from: id("app"), to: id("monitoring"), ports: tcp(9200), via: id("openSearchRule") },
          { from: id("monitoring"), to: id("app"), ports: tcp(8080, 8081), via: id("appSg") },
        ]),
      );
      expect(network).toHaveLength(6);
      // Each at the rule that allows it.
      const fromGroup = tf ? "\n  referenced_security_group_id " : "\n      SourceSecurityGroupId:";
      expect(relations(graph, "network", id("app"), id("monitoring")).map((item) => position(item.source))).toEqual(
        expect.arrayContaining([at("otlpRule", fromGroup), at("openSearchRule", fromGroup)]),
      );
      const dbSource = tf ? "\n    security_groups " : "SourceSecurityGroupId:";
      expect(relations(graph, "network", id("app"), id("primary"))[0]!.source).toMatchObject(
        at("databaseSg", dbSource),
      );
    });

    it("carries the instance role's statements as permission relations of the host", () => {
      const expected: [Role, string[], string, string][] = [
        [
          "secret",
          ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
          "aws_secretsmanager_secret.app.arn",
          "!Ref AppSecret",
        ],
        ["topic", ["sns:Publish"], "aws_sns_topic.post_events.arn", "!Ref PostEventsTopic"],
        [
          "queue",
          ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"],
          "aws_sqs_queue.notifications.arn",
          "!GetAtt NotificationsQueue.Arn",
        ],
        ["bucket", ["s3:PutObject", "s3:GetObject"], '"${aws_s3_bucket.media.arn}', "!Sub ${MediaBucket.Arn}"],
        [
          "primary",
          ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
          "aws_db_instance.primary.master_user_secret",
          "!GetAtt PrimaryDatabase.MasterUserSecret",
        ],
      ];
      for (const [role, actions, tfRef, cfnRef] of expected) {
        const permission = relation(graph, "permission", id("app"), id(role));
        expect(permission, role).toMatchObject({ label: actions.join(", "), via: id("appPolicy") });
        const policyStart = tf ? [] : ["PolicyDocument:"];
        expect(permission.source, role).toMatchObject(at("appPolicy", ...policyStart, tf ? tfRef : cfnRef));
      }
      expect(pairs(graph, "permission")).toEqual(
        (["primary", "bucket", "secret", "topic", "queue"] as const)
          .map((role) => `${id("app")} -> ${id(role)}`)
          .sort(),
      );
    });

    it("carries the user data's environment as reference relations, at each reference", () => {
      const expected: [Role, string, string, string][] = [
        ["primary", "DB_HOST=", "aws_db_instance.primary", "${PrimaryDatabase"],
        ["replica", "DB_READER_HOST=", "aws_db_instance.replica", "${ReplicaDatabase"],
        ["redis", "REDIS_URL=", "aws_elasticache_replication_group.redis", "${RedisReplicationGroup"],
        ["topic", "POST_EVENTS_TOPIC_ARN=", "aws_sns_topic.post_events", "${PostEventsTopic"],
        ["queue", "NOTIFICATIONS_QUEUE_URL=", "aws_sqs_queue.notifications", "${NotificationsQueue"],
        ["bucket", "MEDIA_BUCKET=", "aws_s3_bucket.media", "${MediaBucket"],
        ["secret", "APP_SECRETS_ID=", "aws_secretsmanager_secret.app", "${AppSecret"],
        ["monitoring", "OTEL_EXPORTER_OTLP_ENDPOINT=", "aws_instance.monitoring", "${MonitoringInstance"],
      ];
      for (const [role, name, tfRef, cfnRef] of expected) {
        const reference = relation(graph, "reference", id("app"), id(role));
        expect(reference.via, role).toBe(id("app"));
        expect(reference.source, role).toMatchObject(at("app", name, tf ? tfRef : cfnRef));
      }
      expect(relations(graph, "reference")).toHaveLength(expected.length);
    });

    it("publishes the SNS topic's events to the SQS queue through the subscription", () => {
      expect(relations(graph, "publishes")).toMatchObject([
        {
          from: id("topic"),
          to: id("queue"),
          kind: "publishes",
          technology: "sqs",
          via: id("subscription"),
          source: at("subscription", key.endpoint),
        },
      ]);
    });

    it("routes the API Gateway's integrations to the app host with the route paths", () => {
      const routes = relations(graph, "routes");
      expect(routes.map((item) => [item.from, item.to, item.path, item.via])).toEqual([
        [id("api"), id("app"), "/posts/{proxy+}", id("postsIntegration")],
        [id("api"), id("app"), "/users/{proxy+}", id("usersIntegration")],
      ]);
      expect(routes[0]!.source).toMatchObject(at("postsIntegration", key.integrationUri));
      expect(routes[1]!.source).toMatchObject(at("usersIntegration", key.integrationUri));
    });

    it("has the replica replicate the primary, at the attribute that names it", () => {
      expect(relations(graph, "replicates")).toMatchObject([
        {
          from: id("replica"),
          to: id("primary"),
          kind: "replicates",
          via: id("replica"),
          source: at("replica", key.replicateSource),
        },
      ]);
    });
  });

  describe("attributes", () => {
    it("describes the primary: PostgreSQL 16.8, Multi-AZ, encrypted, its replica", () => {
      const primary = element(graph, id("primary"));
      expect(primary.attributes).toMatchObject({
        type: tf ? "aws_db_instance" : "AWS::RDS::DBInstance",
        engine: "postgres",
        engineVersion: "16.8",
        multiAz: true,
        encrypted: true,
        instanceType: "db.r6g.large",
        ports: [5432],
        replicas: [id("replica")],
        tags: { Name: "inkwell-prod-db-primary" },
      });
      expect(primary.attributes.replicaOf).toBeUndefined();
      expect(primary.evidence).toMatchObject({
        multiAz: evidenceAt(at("primary", key.multiAz), /true/),
        engine: evidenceAt(at("primary", key.engine), /postgres/),
        engineVersion: evidenceAt(at("primary", key.engineVersion), /16\.8/),
        encrypted: evidenceAt(at("primary", key.storageEncrypted), /true/),
        instanceType: evidenceAt(at("primary", key.instanceClass), /db\.r6g\.large/),
        replicas: evidenceAt(at("replica", key.replicateSource), new RegExp(id("replica"))),
      });
    });

    it("describes the replica: replicaOf the primary, single-AZ, encryption inherited", () => {
      const replica = element(graph, id("replica"));
      expect(replica.attributes).toMatchObject({
        replicaOf: id("primary"),
        multiAz: false,
        encrypted: true,
        engine: "postgres",
        instanceType: "db.r6g.large",
      });
      expect(replica.attributes.replicas).toBeUndefined();
      expect(replica.evidence?.replicaOf).toMatchObject(
        evidenceAt(at("replica", key.replicateSource), new RegExp(id("primary"))),
      );
      // Multi-AZ is not written on the replica: the evidence is the resource itself.
      expect(replica.evidence?.multiAz).toMatchObject(evidenceAt(declaration("replica"), /not set/));
    });

    it("describes Redis: 7.1, Multi-AZ with two nodes, encrypted at rest, port 6379", () => {
      const redis = element(graph, id("redis"));
      expect(redis.attributes).toMatchObject({
        engine: "redis",
        engineVersion: "7.1",
        multiAz: true,
        encrypted: true,
        ports: [6379],
        instanceType: "cache.r6g.large",
      });
      expect(redis.evidence).toMatchObject({
        multiAz: evidenceAt(at("redis", key.cacheMultiAz), /true/),
        encrypted: evidenceAt(at("redis", key.atRest), /true/),
      });
    });

    it("describes the hosts: instance types (variables resolved) and tags", () => {
      expect(element(graph, id("app")).attributes).toMatchObject({
        instanceType: "m6i.large",
        tags: { Name: "inkwell-prod-app", Role: "app" },
      });
      expect(element(graph, id("app")).evidence?.instanceType).toMatchObject(
        evidenceAt(at("app", key.instanceType), /m6i\.large/),
      );
      expect(element(graph, id("monitoring")).attributes).toMatchObject({
        instanceType: "t3.xlarge",
        tags: { Name: "inkwell-prod-monitoring", Role: "monitoring" },
      });
    });

    it("lists the user data's environment names at their lines, references without a value", () => {
      const env = element(graph, id("app")).attributes.env ?? [];
      expect(env.map((item) => item.name)).toEqual(ENV_NAMES);
      for (const item of env) {
        expect(item.source, item.name).toMatchObject(at("app", `${item.name}=`));
        expect(item.context).toBe("user_data");
        expect(item.secretSignals, item.name).toBeUndefined();
      }
      // Secret-like names whose values are references: no value is kept.
      for (const name of ["DB_CREDENTIALS_SECRET_ARN", "APP_SECRETS_ID", "DB_HOST"])
        expect(env.find((item) => item.name === name)).not.toHaveProperty("value");
      // `DB_NAME=inkwell` is a literal in the template; Terraform reads it from the database.
      expect(env.find((item) => item.name === "DB_NAME")).toEqual(
        expect.objectContaining(tf ? { reference: true } : { value: "inkwell" }),
      );
    });

    it("marks the topic, the queue and the bucket encrypted", () => {
      for (const role of ["topic", "queue", "bucket"] as const)
        expect(element(graph, id(role)).attributes.encrypted, role).toBe(true);
    });
  });

  describe("positions", () => {
    it("puts every significant element at its `resource` keyword or logical id key", () => {
      for (const role of [
        "api",
        "app",
        "monitoring",
        "primary",
        "replica",
        "redis",
        "topic",
        "queue",
        "bucket",
        "secret",
      ] as const)
        expect(element(graph, id(role)).source, role).toMatchObject(declaration(role));
      if (tf) expect(element(graph, id("app")).source.column).toBe(1);
      else expect(element(graph, id("app")).source.column).toBe(3);
    });

    it("puts plumbing, module resources included, at its declaration", () => {
      for (const role of ["vpc", "privateB", "otlpRule", "subscription", "postsIntegration"] as const)
        expect(element(graph, id(role)).source, role).toMatchObject(declaration(role));
    });
  });

  describe.runIf(tf)("module addresses", () => {
    it("gives the network module's resources the `module` block as moduleCall, and root resources none", () => {
      const call = locate(system.dir, "main.tf", 'module "network" {');
      const moduled = graph.elements.filter((item) => item.id.startsWith("module.network."));
      expect(moduled.length).toBeGreaterThanOrEqual(10);
      for (const item of moduled) expect(item.moduleCall, item.id).toEqual(call);
      for (const item of graph.elements.filter((other) => !other.id.startsWith("module.")))
        expect(item.moduleCall, item.id).toBeUndefined();
    });
  });
});
