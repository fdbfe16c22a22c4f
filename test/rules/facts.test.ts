import { describe, expect, it } from "vitest";
import { check, DOC, doc, evidence, graph, mapping, plumbing, resource, shape, TF } from "./builders.js";

describe("technology-mismatch", () => {
  const documented = graph([
    doc("db", "database", "PostgreSQL Database", 10, { view: "logical", technology: "Amazon RDS" }),
    doc("db_primary", "database", "RDS Primary (PostgreSQL)", 20),
    doc("cache", "cache", "Cache Service", 30, { description: "Managed, Multi-AZ Redis (ElastiCache)." }),
    doc("events", "queue", "Event Queue", 40, { technology: "Amazon SQS" }),
    doc("search", "search", "Search", 50, { technology: "Amazon OpenSearch Service" }),
    doc("api", "container", "API", 60, { description: "Publishes to SNS" }),
  ]);
  const map = mapping({
    db: ["aws_db_instance.main"],
    db_primary: ["aws_db_instance.main"],
    cache: ["aws_elasticache_cluster.c"],
    events: ["aws_sns_topic.events"],
    search: ["aws_opensearch_domain.s"],
    api: ["aws_ecs_service.api"],
  });

  it("reports differing engines and services of one family, at the engine, naming both sides", () => {
    const actual = graph([
      resource("aws_db_instance.main", "aws_db_instance", "database", 3, {
        attributes: { engine: "mysql" },
        evidence: { engine: evidence(TF, 5, 3, 'engine = "mysql"') },
      }),
      resource("aws_elasticache_cluster.c", "aws_elasticache_cluster", "cache", 20, {
        attributes: { engine: "memcached" },
      }),
      resource("aws_sns_topic.events", "aws_sns_topic", "topic", 30),
      resource("aws_opensearch_domain.s", "aws_opensearch_domain", "search", 40, {
        attributes: { engine: "opensearch" },
      }),
      resource("aws_ecs_service.api", "aws_ecs_service", "container", 50),
    ]);
    const findings = check("technology-mismatch", documented, actual, map);
    expect(findings.map(shape)).toEqual([
      {
        ruleId: "technology-mismatch",
        level: "warning",
        location: `${TF}:5:3`,
        component: "db_primary",
        resource: "aws_db_instance.main",
        related: [`${DOC}:20:5`],
      },
      {
        ruleId: "technology-mismatch",
        level: "warning",
        location: `${TF}:20:1`,
        component: "cache",
        resource: "aws_elasticache_cluster.c",
        related: [`${DOC}:30:5`],
      },
      {
        ruleId: "technology-mismatch",
        level: "warning",
        location: `${TF}:30:1`,
        component: "events",
        resource: "aws_sns_topic.events",
        related: [`${DOC}:40:5`],
      },
    ]);
    expect(findings.map((finding) => finding.message)).toEqual([
      'RDS instance aws_db_instance.main runs MySQL, but the architecture documents "RDS Primary (PostgreSQL)" (db_primary) as PostgreSQL',
      'ElastiCache cluster aws_elasticache_cluster.c runs Memcached, but the architecture documents "Cache Service" (cache) as Redis',
      'SNS topic aws_sns_topic.events runs Amazon SNS, but the architecture documents "Event Queue" (events) as Amazon SQS',
    ]);
  });

  it("accepts the same family under other names (Aurora PostgreSQL, Valkey for Redis)", () => {
    const actual = graph([
      resource("aws_db_instance.main", "aws_db_instance", "database", 3, {
        attributes: { engine: "aurora-postgresql" },
      }),
      resource("aws_elasticache_cluster.c", "aws_elasticache_cluster", "cache", 20, {
        attributes: { engine: "valkey" },
      }),
    ]);
    expect(check("technology-mismatch", documented, actual, map)).toEqual([]);
  });

  it("leaves a replica to its primary: one finding for one engine switch", () => {
    const docs = graph([
      doc("db_primary", "database", "RDS Primary (PostgreSQL)", 20),
      doc("db_replica", "database", "RDS Read Replica (PostgreSQL)", 21, { attributes: { replicaOf: "db_primary" } }),
    ]);
    const actual = graph([
      resource("aws_db_instance.main", "aws_db_instance", "database", 3, { attributes: { engine: "mysql" } }),
      resource("aws_db_instance.read", "aws_db_instance", "database", 30, {
        attributes: { engine: "mysql", replicaOf: "aws_db_instance.main" },
      }),
    ]);
    const findings = check(
      "technology-mismatch",
      docs,
      actual,
      mapping({ db_primary: ["aws_db_instance.main"], db_replica: ["aws_db_instance.read"] }),
    );
    expect(findings.map((finding) => finding.resource)).toEqual(["aws_db_instance.main"]);
  });

  it("gives a note for an unresolved engine", () => {
    const actual = graph([
      resource("aws_db_instance.main", "aws_db_instance", "database", 3, {
        attributes: { engine: { unknown: "var.engine" } },
      }),
    ]);
    const findings = check("technology-mismatch", documented, actual, map);
    expect(findings.map((finding) => [finding.level, finding.component])).toEqual([["note", "db_primary"]]);
  });
});

describe("encryption-missing", () => {
  const documented = graph([
    doc("db", "database", "RDS PostgreSQL", 10, {
      attributes: { encrypted: true },
      evidence: { encrypted: evidence(DOC, 80, 3, '"Encryption at Rest: RDS and S3"') },
    }),
    doc("files", "object-storage", "App Files", 20, { attributes: { claims: ["encryption at rest"] } }),
    doc("queue", "queue", "Jobs", 30),
  ]);
  const map = mapping({ db: ["aws_db_instance.main"], files: ["aws_s3_bucket.files"], queue: ["aws_sqs_queue.jobs"] });

  it("reports storage that is not encrypted where the documents claim encryption at rest", () => {
    const actual = graph([
      resource("aws_db_instance.main", "aws_db_instance", "database", 3, {
        attributes: { encrypted: false },
        evidence: { encrypted: evidence(TF, 8, 3, "storage_encrypted = false") },
      }),
      resource("aws_s3_bucket.files", "aws_s3_bucket", "object-storage", 20, { attributes: { encrypted: true } }),
      resource("aws_sqs_queue.jobs", "aws_sqs_queue", "queue", 30, { attributes: { encrypted: false } }),
    ]);
    const findings = check("encryption-missing", documented, actual, map);
    expect(findings.map(shape)).toEqual([
      {
        ruleId: "encryption-missing",
        level: "warning",
        location: `${TF}:8:3`,
        component: "db",
        resource: "aws_db_instance.main",
        related: [`${DOC}:80:3`],
      },
    ]);
    expect(findings[0]!.message).toBe(
      'RDS instance aws_db_instance.main is not encrypted at rest (storage_encrypted = false), but the architecture claims encryption at rest for "RDS PostgreSQL" (db)',
    );
    expect(findings[0]!.fix).toBe("set storage_encrypted = true");
  });

  it("reads claims, and notes unresolved settings", () => {
    const actual = graph([
      resource("aws_s3_bucket.files", "aws_s3_bucket", "object-storage", 20, {
        attributes: { encrypted: { unknown: "var.sse" } },
      }),
    ]);
    const findings = check("encryption-missing", documented, actual, map);
    expect(findings.map((finding) => [finding.level, finding.component, finding.location.line])).toEqual([
      ["note", "files", 20],
    ]);
  });
});

describe("capacity-mismatch", () => {
  const documented = graph([
    doc("posts", "container", "ECS Service Posts", 10, {
      attributes: { minCapacity: 2, maxCapacity: 10, cpu: 0.25, memory: 512 },
      evidence: {
        maxCapacity: evidence(DOC, 12, 11, '"(2-10 tasks)"'),
        cpu: evidence(DOC, 45, 13, '"0.25vCPU"'),
      },
    }),
  ]);
  const map = mapping({ posts: ["aws_ecs_service.posts"] });

  it("compares stated counts and sizes in one unit, at the attribute that differs", () => {
    const actual = graph([
      resource("aws_ecs_service.posts", "aws_ecs_service", "container", 30, {
        attributes: { minCapacity: 2, maxCapacity: 4, cpu: 512, memory: 512, desiredCapacity: 2 },
        evidence: {
          maxCapacity: evidence(TF, 61, 3, "max_capacity = 4 in aws_appautoscaling_target.posts"),
          cpu: evidence(TF, 44, 3, 'cpu = "512" in aws_ecs_task_definition.posts'),
        },
      }),
    ]);
    const findings = check("capacity-mismatch", documented, actual, map);
    expect(findings.map(shape)).toEqual([
      {
        ruleId: "capacity-mismatch",
        level: "warning",
        location: `${TF}:44:3`,
        component: "posts",
        resource: "aws_ecs_service.posts",
        related: [`${DOC}:45:13`],
      },
      {
        ruleId: "capacity-mismatch",
        level: "warning",
        location: `${TF}:61:3`,
        component: "posts",
        resource: "aws_ecs_service.posts",
        related: [`${DOC}:12:11`],
      },
    ]);
    expect(findings.map((finding) => finding.message)).toEqual([
      'ECS service aws_ecs_service.posts has CPU 0.5 vCPU (cpu = "512" in aws_ecs_task_definition.posts), but the architecture states 0.25 vCPU for "ECS Service Posts" (posts)',
      'ECS service aws_ecs_service.posts has maximum capacity 4 (max_capacity = 4 in aws_appautoscaling_target.posts), but the architecture states 10 for "ECS Service Posts" (posts)',
    ]);
    expect(findings.map((finding) => finding.attributePath)).toEqual(["cpu", "maxCapacity"]);
  });

  it("names as resource the declaration that sets the value: the scaling target of the same instance key", () => {
    const services = ["posts", "users"].map((key) =>
      resource(`aws_ecs_service.service["${key}"]`, "aws_ecs_service", "container", 140, {
        file: "ecs.tf",
        attributes: { maxCapacity: 4 },
        evidence: { maxCapacity: evidence("ecs.tf", 171, 3, "max_capacity = 4") },
      }),
    );
    const targets = ["posts", "users"].map((key) =>
      plumbing(`aws_appautoscaling_target.service["${key}"]`, "aws_appautoscaling_target", "container", 165, {
        file: "ecs.tf",
      }),
    );
    const findings = check(
      "capacity-mismatch",
      documented,
      graph([...services, ...targets]),
      mapping({ posts: ['aws_ecs_service.service["users"]'] }),
    );
    expect(findings.map((finding) => [finding.resource, finding.location.line])).toEqual([
      ['aws_appautoscaling_target.service["users"]', 171],
    ]);
  });

  it("keeps the mapped resource when the value is written past another significant resource (in locals)", () => {
    const service = resource("aws_ecs_service.posts", "aws_ecs_service", "container", 10, {
      attributes: { maxCapacity: 4 },
      evidence: { maxCapacity: evidence(TF, 95, 3, "max_tasks = 4 in locals") },
    });
    const queue = resource("aws_sqs_queue.jobs", "aws_sqs_queue", "queue", 80);
    const findings = check("capacity-mismatch", documented, graph([service, queue]), map);
    expect(findings.map((finding) => [finding.resource, finding.location.line])).toEqual([
      ["aws_ecs_service.posts", 95],
    ]);
  });

  it("is quiet for equal values (0.25 vCPU = 256 units) and facts not stated, notes unresolved ones", () => {
    const actual = graph([
      resource("aws_ecs_service.posts", "aws_ecs_service", "container", 30, {
        attributes: { minCapacity: { unknown: "var.min_tasks" }, maxCapacity: 10, cpu: 256 },
      }),
    ]);
    const findings = check("capacity-mismatch", documented, actual, map);
    expect(findings.map((finding) => [finding.level, finding.attributePath])).toEqual([["note", "minCapacity"]]);
  });
});
