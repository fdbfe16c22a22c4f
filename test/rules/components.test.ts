import { describe, expect, it } from "vitest";
import { at, check, DOC, doc, graph, mapping, plumbing, relation, resource, shape, TF } from "./builders.js";

describe("component-missing", () => {
  const documented = graph(
    [
      doc("writer", "person", "Writer", 3),
      doc("email", "external-system", "Email Provider", 4),
      doc("vpc", "network", "VPC", 5, { boundary: true }),
      doc("others", "boundary", "Other AWS Services", 6, { attributes: { placeholder: true } }),
      doc("web", "application", "Web App", 7),
      doc("metrics", "monitoring", "Prometheus", 8),
      doc("role", "identity", "EC2 Instance IAM Role", 9),
      doc("users", "identity", "User Directory", 10, { technology: "Amazon Cognito" }),
      doc("queue", "cache", "Job Queue", 11, { view: "logical", technology: "Amazon ElastiCache for Redis" }),
      doc("redis", "cache", "Redis Cluster", 30),
      doc("db_primary", "database", "RDS Primary", 31),
      doc("db_replica", "database", "RDS Read Replica", 32, { attributes: { replicaOf: "db_primary" } }),
      doc("db_standby", "database", "RDS Standby", 33),
      doc("search", "search", "Search", 34),
      doc("host", "compute", "EC2 Instance", 35, { boundary: true }),
      doc("api", "container", "API Container", 36, { parent: "host" }),
    ],
    [relation("db_primary", "db_standby", at(DOC, 37, 5), { label: "Sync Replication" })],
  );
  const actual = graph([resource("aws_db_instance.main", "aws_db_instance", "database", 1)]);
  const links = [{ logical: "queue", physical: "redis", evidence: "table" }];
  const map = mapping(
    { db_primary: ["aws_db_instance.main"] },
    {
      viewLinks: links,
      ambiguous: [
        { component: "search", candidates: ["a", "b"], evidence: "" },
        { component: "host", candidates: ["i1", "i2"], evidence: "" },
      ],
    },
  );

  it("reports documented infrastructure with no resource at the document, once per drawn component", () => {
    const findings = check("component-missing", documented, actual, map);
    expect(findings.map(shape)).toEqual([
      {
        ruleId: "component-missing",
        level: "error",
        location: `${DOC}:10:5`,
        component: "users",
        resource: undefined,
        related: [],
      },
      {
        ruleId: "component-missing",
        level: "error",
        location: `${DOC}:30:5`,
        component: "redis",
        resource: undefined,
        related: [`${DOC}:11:5`],
      },
    ]);
    expect(findings[1]!.message).toBe(
      '"Redis Cluster" (redis) is documented as a cache, but the infrastructure code has no resource that matches it',
    );
    expect(findings[0]!.message).toBe(
      '"User Directory" (users) is documented as an identity resource (Amazon Cognito), but the infrastructure code has no resource that matches it',
    );
    expect(findings[1]!.fix).toBe(
      'declare the resource in the infrastructure code, or map it in .archlintrc.json ("mapping": { "redis": ["<address>"] }) or with the tag archlint:component=redis',
    );
  });

  it("speaks of the account in drift", () => {
    const [finding] = check("component-missing", documented, actual, map, { command: "drift" });
    expect(finding!.message).toContain("but the AWS account has no resource");
  });

  it("reports a replica whose primary is not there either, and a logical component without counterpart", () => {
    const findings = check(
      "component-missing",
      graph([
        doc("db", "database", "Orders DB", 3, { view: "logical" }),
        doc("db_replica", "database", "Orders Replica", 4, { attributes: { replicaOf: "db" } }),
      ]),
      graph([]),
      mapping({}),
    );
    expect(findings.map((finding) => finding.component)).toEqual(["db", "db_replica"]);
  });
});

describe("resource-undocumented", () => {
  const documented = graph([
    doc("db", "database", "Orders DB", 3, { attributes: { claims: ["Read replicas for read scaling"] } }),
  ]);
  const actual = graph([
    resource("aws_db_instance.orders", "aws_db_instance", "database", 1),
    resource("aws_db_instance.orders_read", "aws_db_instance", "database", 10, {
      attributes: { replicaOf: "aws_db_instance.orders" },
    }),
    resource("module.queues.aws_sqs_queue.audit", "aws_sqs_queue", "queue", 4, {
      file: "modules/queues/main.tf",
      moduleCall: at(TF, 30, 1),
    }),
    resource("aws_s3_bucket.a", "aws_s3_bucket", "object-storage", 20),
    resource("aws_s3_bucket.b", "aws_s3_bucket", "object-storage", 25),
    plumbing("aws_security_group.db", "aws_security_group", "network", 40),
    plumbing("aws_ecs_task_definition.app", "aws_ecs_task_definition", "container", 50),
  ]);
  const map = mapping(
    { db: ["aws_db_instance.orders"] },
    { ambiguous: [{ component: "files", candidates: ["aws_s3_bucket.a", "aws_s3_bucket.b"], evidence: "" }] },
  );

  it("reports significant resources no documented element maps to, at the resource, with the module call", () => {
    const findings = check("resource-undocumented", documented, actual, map);
    expect(findings.map(shape)).toEqual([
      {
        ruleId: "resource-undocumented",
        level: "warning",
        location: "modules/queues/main.tf:4:1",
        component: undefined,
        resource: "module.queues.aws_sqs_queue.audit",
        related: [`${TF}:30:1`],
      },
    ]);
    expect(findings[0]!.message).toBe(
      "SQS queue module.queues.aws_sqs_queue.audit is not in the architecture documents: no documented element maps to it",
    );
    expect(findings[0]!.related[0]!.message).toBe("called from module.queues");
  });

  it("reports a replica when the documents do not mention replicas", () => {
    const findings = check("resource-undocumented", graph([doc("db", "database", "Orders DB", 3)]), actual, map);
    expect(findings.map((finding) => finding.resource)).toEqual([
      "aws_db_instance.orders_read",
      "module.queues.aws_sqs_queue.audit",
    ]);
  });

  it("says nothing when no document describes any component", () => {
    expect(check("resource-undocumented", graph([doc("u", "person", "User", 1)]), actual, mapping({}))).toEqual([]);
  });
});
