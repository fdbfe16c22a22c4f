import { describe, expect, it } from "vitest";
import { mapElements } from "../../src/mapping/index.js";
import type { Graph } from "../../src/model/graph.js";
import type { Mapping } from "../../src/model/mapping.js";
import { at, DOC, doc, graph, plumbing, relation, resource, TF } from "../rules/builders.js";
import { inkwellDocs, inkwellTerraform } from "./inkwell.js";

/** component → "authority: resource, resource" for compact, exact comparison. */
function pairs(mapping: Mapping): Record<string, string> {
  return Object.fromEntries(
    mapping.pairs.map((pair) => [pair.component, `${pair.authority}: ${pair.resources.join(", ")}`]),
  );
}

describe("mapElements: inference on InkWell (EC2 hosting)", () => {
  const mapping = mapElements(inkwellDocs(), inkwellTerraform());

  it("maps every component, containers to the instance that hosts them, logical ones through their counterparts", () => {
    expect(pairs(mapping)).toEqual({
      Gateway: "inferred: aws_api_gateway_rest_api.main",
      app_host: "inferred: aws_instance.app",
      db: "inferred: aws_db_instance.primary",
      db_primary: "inferred: aws_db_instance.primary",
      db_replica: "inferred: aws_db_instance.replica",
      gateway: "inferred: aws_api_gateway_rest_api.main",
      postService: "inferred: aws_instance.app",
      post_container: "inferred: aws_instance.app",
      queue: "inferred: aws_elasticache_replication_group.redis",
      redis: "inferred: aws_elasticache_replication_group.redis",
      userService: "inferred: aws_instance.app",
      user_container: "inferred: aws_instance.app",
      workerService: "inferred: aws_instance.app",
      worker_container: "inferred: aws_instance.app",
    });
    expect(mapping.ambiguous).toEqual([]);
    expect(mapping.unresolved).toEqual([]);
  });

  it("says why: the name match, the host, the view link", () => {
    const evidence = Object.fromEntries(mapping.pairs.map((pair) => [pair.component, pair.evidence]));
    expect(evidence.redis).toBe('name "Redis Cluster" (redis) ~ aws_elasticache_replication_group.redis (0.63; redis)');
    expect(evidence.post_container).toBe('runs on "EC2 Instance (Private Subnet)" (app_host) → aws_instance.app');
    expect(evidence.postService).toBe(
      '"Post Service" (postService) via names "Post Service" (postService) ~ "Post Service Container" (post_container) in docs/architecture.md → aws_instance.app',
    );
  });

  it("links the logical and physical views of the document by names and kinds", () => {
    expect(mapping.viewLinks.map((link) => `${link.logical} ↔ ${link.physical}`)).toEqual([
      "db ↔ db_primary",
      "gateway ↔ Gateway",
      "postService ↔ post_container",
      "queue ↔ redis",
      "userService ↔ user_container",
      "workerService ↔ worker_container",
    ]);
  });

  it("never maps persons, boundaries, placeholders, or onto plumbing", () => {
    const mapped = new Set(mapping.pairs.map((pair) => pair.component));
    for (const id of ["writer", "User", "c1", "c2", "VPC", "Docker", "rds", "AWSServices"])
      expect(mapped.has(id)).toBe(false);
    const resources = new Set(mapping.pairs.flatMap((pair) => pair.resources));
    expect(resources.has("aws_security_group.app")).toBe(false);
    expect(resources.has("aws_iam_role.app")).toBe(false);
  });
});

describe("mapElements: inference on container services", () => {
  const documented = graph([
    doc("userService", "container", "User Service", 10, { view: "logical", technology: "Container: Go" }),
    doc("post_container", "container", "Post Service Container", 20),
    doc("redis", "cache", "Redis Cluster", 21),
    doc("db_primary", "database", "RDS Primary", 22),
    doc("db_replica", "database", "RDS Read Replica", 23, { attributes: { replicaOf: "db_primary" } }),
    doc("docs", "object-storage", "Document Store", 24),
  ]);
  const actual = graph([
    resource("aws_ecs_service.users", "aws_ecs_service", "container", 1),
    resource("aws_ecs_service.posts", "aws_ecs_service", "container", 10),
    resource("aws_elasticache_replication_group.redis", "aws_elasticache_replication_group", "cache", 20),
    resource("aws_db_instance.main", "aws_db_instance", "database", 30),
    resource("aws_db_instance.main_read", "aws_db_instance", "database", 40, {
      attributes: { replicaOf: "aws_db_instance.main" },
    }),
    plumbing("aws_ecs_task_definition.posts", "aws_ecs_task_definition", "container", 50),
  ]);
  const mapping = mapElements(documented, actual);

  it("maps by name and kind; a replica only to a resource that replicates, a primary to one that does not", () => {
    expect(pairs(mapping)).toEqual({
      userService: "inferred: aws_ecs_service.users",
      post_container: "inferred: aws_ecs_service.posts",
      redis: "inferred: aws_elasticache_replication_group.redis",
      db_primary: "inferred: aws_db_instance.main",
      db_replica: "inferred: aws_db_instance.main_read",
    });
  });

  it("leaves a component without a fitting resource unmapped (no bucket exists)", () => {
    expect(mapping.pairs.find((pair) => pair.component === "docs")).toBeUndefined();
    expect(mapping.ambiguous).toEqual([]);
  });
});

describe("mapElements: structure", () => {
  it("maps a Multi-AZ standby to its primary's resource, not to a replica", () => {
    const documented = graph(
      [doc("rds_primary", "database", "RDS Primary", 10), doc("rds_standby", "database", "RDS Standby Replica", 11)],
      [relation("rds_primary", "rds_standby", at(DOC, 12, 1), { label: "Sync Replication", kind: "replicates" })],
    );
    const actual = graph([
      resource("aws_db_instance.main", "aws_db_instance", "database", 1, { attributes: { multiAz: true } }),
    ]);
    const mapping = mapElements(documented, actual);
    expect(pairs(mapping)).toEqual({
      rds_primary: "inferred: aws_db_instance.main",
      rds_standby: "inferred: aws_db_instance.main",
    });
    expect(mapping.pairs[1]!.evidence).toMatch(/^Multi-AZ standby of "RDS Primary" \(rds_primary\): /);
  });

  it("maps a documented replica whose name matches nothing to the replicas of its mapped primary", () => {
    const documented = graph([
      doc("orders_db", "database", "Orders DB", 10),
      doc("reporting", "database", "Reporting Copy", 11, { attributes: { replicaOf: "orders_db" } }),
    ]);
    const actual = graph([
      resource("aws_db_instance.orders", "aws_db_instance", "database", 1, {
        attributes: { replicas: ["aws_db_instance.r1"] },
      }),
      resource("aws_db_instance.r1", "aws_db_instance", "database", 20, {
        attributes: { replicaOf: "aws_db_instance.orders" },
      }),
    ]);
    expect(pairs(mapElements(documented, actual))).toEqual({
      orders_db: "inferred: aws_db_instance.orders",
      reporting: "inferred: aws_db_instance.r1",
    });
  });

  it("maps a node that lists several services to all of them, by any word of each item", () => {
    const documented = graph([doc("ecs_tasks_1", "container", "ECS Tasks (gateway, Backend, Frontend, Worker)", 10)]);
    const actual = graph(
      ["api_gateway", "backend", "frontend", "notification_worker"].map((name, i) =>
        resource(`aws_ecs_service.${name}`, "aws_ecs_service", "container", 10 * i + 1),
      ),
    );
    expect(pairs(mapElements(documented, actual))).toEqual({
      ecs_tasks_1:
        "inferred: aws_ecs_service.api_gateway, aws_ecs_service.backend, aws_ecs_service.frontend, aws_ecs_service.notification_worker",
    });
  });

  it("documents the members of a mapped cluster with it", () => {
    const documented = graph([doc("db", "database", "Aurora Cluster", 10)]);
    const actual = graph([
      resource("aws_rds_cluster.aurora", "aws_rds_cluster", "database", 1),
      resource("aws_rds_cluster_instance.aurora[0]", "aws_rds_cluster_instance", "database", 20, {
        parent: "aws_rds_cluster.aurora",
      }),
    ]);
    const mapping = mapElements(documented, actual);
    expect(pairs(mapping)).toEqual({
      db: "inferred: aws_rds_cluster.aurora, aws_rds_cluster_instance.aurora[0]",
    });
    expect(mapping.pairs[0]!.evidence).toMatch(
      /; aws_rds_cluster_instance\.aurora\[0\] is a member of aws_rds_cluster\.aurora$/,
    );
  });

  it("maps what runs inside a compute host to the host's instance when no resource of its own exists", () => {
    const documented = graph([
      doc("monitoring_host", "compute", "Monitoring EC2 Instance", 10, { boundary: true }),
      doc("prometheus", "monitoring", "Prometheus", 11, { parent: "monitoring_host" }),
      doc("opensearch", "search", "OpenSearch", 12, { parent: "monitoring_host" }),
    ]);
    const actual = graph([
      resource("aws_instance.monitoring", "aws_instance", "compute", 1),
      resource("aws_instance.app", "aws_instance", "compute", 20),
    ]);
    expect(pairs(mapElements(documented, actual))).toEqual({
      monitoring_host: "inferred: aws_instance.monitoring",
      opensearch: "inferred: aws_instance.monitoring",
      prometheus: "inferred: aws_instance.monitoring",
    });
  });
});

describe("mapElements: structure of services", () => {
  it("maps a container drawn beside another in one group to the same task when its name matches nothing", () => {
    const documented = graph([
      doc("ecs_cluster", "boundary", "ECS Cluster (Fargate)", 10, { boundary: true }),
      doc("rails_container", "container", "Rails App Container", 11, { parent: "ecs_cluster" }),
      doc("nginx_container", "container", "Nginx Proxy Container", 12, { parent: "ecs_cluster" }),
    ]);
    const actual = graph([resource("aws_ecs_service.rails", "aws_ecs_service", "container", 1)]);
    const mapping = mapElements(documented, actual);
    expect(pairs(mapping)).toEqual({
      nginx_container: "inferred: aws_ecs_service.rails",
      rails_container: "inferred: aws_ecs_service.rails",
    });
    expect(mapping.pairs[0]!.evidence).toBe(
      'runs beside "Rails App Container" (rails_container) in "ECS Cluster (Fargate)" (ecs_cluster) → aws_ecs_service.rails',
    );
  });

  it("does not guess a container's task when its neighbours run in several services", () => {
    const documented = graph([
      doc("cluster", "boundary", "ECS Cluster", 10, { boundary: true }),
      doc("posts", "container", "Posts Service", 11, { parent: "cluster" }),
      doc("users", "container", "Users Service", 12, { parent: "cluster" }),
      doc("sidecar", "container", "Envoy Sidecar", 13, { parent: "cluster" }),
    ]);
    const actual = graph([
      resource("aws_ecs_service.posts", "aws_ecs_service", "container", 1),
      resource("aws_ecs_service.users", "aws_ecs_service", "container", 10),
    ]);
    expect(Object.keys(pairs(mapElements(documented, actual)))).toEqual(["posts", "users"]);
  });

  it("maps a registry to every repository that fits it alike", () => {
    const documented = graph([doc("ecr", "registry", "Amazon ECR", 10, { technology: "Amazon ECR" })]);
    const actual = graph([
      resource('aws_ecr_repository.app["nginx"]', "aws_ecr_repository", "registry", 1, { technology: "Amazon ECR" }),
      resource('aws_ecr_repository.app["rails"]', "aws_ecr_repository", "registry", 1, { technology: "Amazon ECR" }),
    ]);
    expect(pairs(mapElements(documented, actual))).toEqual({
      ecr: 'inferred: aws_ecr_repository.app["nginx"], aws_ecr_repository.app["rails"]',
    });
  });

  it("pairs the only unmapped component of a kind with the only resource of that kind its view does not draw", () => {
    const documented = graph([
      doc("message_queue", "queue", "Message Queue", 10, { view: "logical" }),
      doc("jobs", "queue", "Jobs", 11, { view: "logical" }),
      doc("sqs", "queue", "SQS Queue (notifications)", 30),
    ]);
    const actual = graph([
      resource("aws_sqs_queue.notifications", "aws_sqs_queue", "queue", 1),
      resource("aws_sqs_queue.jobs", "aws_sqs_queue", "queue", 10),
    ]);
    const mapping = mapElements(documented, actual);
    expect(pairs(mapping)).toEqual({
      jobs: "inferred: aws_sqs_queue.jobs",
      message_queue: "inferred: aws_sqs_queue.notifications",
      sqs: "inferred: aws_sqs_queue.notifications",
    });
    expect(mapping.pairs.find((pair) => pair.component === "message_queue")!.evidence).toBe(
      '"Message Queue" (message_queue) is the only queue of its view without a resource, aws_sqs_queue.notifications the only one it does not draw',
    );
  });

  it("settles alike candidates with what other components took, even by type or technology", () => {
    const documented = graph(
      [
        doc("repo", "pipeline", "Source Repository", 10, { view: "logical" }),
        doc("pipeline", "pipeline", "Pipeline", 11, { view: "logical" }),
      ],
      [],
    );
    const actual = graph([
      resource("aws_codecommit_repository.app", "aws_codecommit_repository", "pipeline", 1, {
        attributes: { tags: { Name: "posts-pipeline-code" } },
      }),
      resource("aws_codepipeline.services", "aws_codepipeline", "pipeline", 10, {
        attributes: { tags: { Name: "posts-pipeline" } },
      }),
    ]);
    const mapping = mapElements(documented, actual);
    expect(pairs(mapping)).toEqual({
      pipeline: "inferred: aws_codepipeline.services",
      repo: "inferred: aws_codecommit_repository.app",
    });
    expect(mapping.pairs.find((pair) => pair.component === "pipeline")!.evidence).toMatch(
      /; aws_codecommit_repository\.app is mapped to repo$/,
    );
    // The repository is taken by type alone ("repository" from CodeCommit), which still counts here.
    expect(mapping.pairs.find((pair) => pair.component === "repo")!.evidence).toBe(
      'name "Source Repository" (repo) ~ aws_codecommit_repository.app (0.19; repository)',
    );
  });
});

describe("mapElements: ambiguity", () => {
  const twoDatabases: Graph = graph([
    resource("aws_db_instance.orders", "aws_db_instance", "database", 1, { technology: "Amazon RDS for PostgreSQL" }),
    resource("aws_db_instance.billing", "aws_db_instance", "database", 20, { technology: "Amazon RDS for PostgreSQL" }),
  ]);

  it("reports two resources that fit alike as ambiguous, with the candidates and how to map explicitly", () => {
    const mapping = mapElements(graph([doc("db", "database", "PostgreSQL Database", 10)]), twoDatabases);
    expect(mapping.pairs).toEqual([]);
    expect(mapping.ambiguous).toEqual([
      {
        component: "db",
        candidates: ["aws_db_instance.billing", "aws_db_instance.orders"],
        evidence:
          '"PostgreSQL Database" (db) matches aws_db_instance.billing, aws_db_instance.orders alike (0.41, 0.41); map it explicitly in the configuration: "mapping": { "db": ["aws_db_instance.billing"] }',
      },
    ]);
  });

  it("settles it when another component of the document claims one candidate by name", () => {
    const documented = graph([
      doc("db", "database", "PostgreSQL Database", 10),
      doc("billing", "database", "Billing DB", 11),
    ]);
    expect(pairs(mapElements(documented, twoDatabases))).toEqual({
      billing: "inferred: aws_db_instance.billing",
      db: "inferred: aws_db_instance.orders",
    });
  });
});

describe("mapElements: stated mappings", () => {
  const documented = graph([
    doc("db", "database", "PostgreSQL Database", 10),
    doc("cache", "cache", "Cache", 11),
    doc("files", "object-storage", "Files", 12),
    doc("queue", "queue", "Jobs", 13, { file: "docs/other.md" }),
  ]);
  const actual = graph([
    resource("aws_db_instance.orders", "aws_db_instance", "database", 1),
    resource("aws_db_instance.billing", "aws_db_instance", "database", 20),
    resource("aws_elasticache_cluster.c", "aws_elasticache_cluster", "cache", 30, {
      attributes: { tags: { team: "core" } },
    }),
    resource("aws_s3_bucket.files", "aws_s3_bucket", "object-storage", 40, {
      attributes: { tags: { "archlint:component": "cache" } },
    }),
    resource("aws_sqs_queue.jobs[0]", "aws_sqs_queue", "queue", 50),
    resource("aws_sqs_queue.jobs[1]", "aws_sqs_queue", "queue", 50),
    resource("JobsQueue", "AWS::SQS::Queue", "queue", 3, { file: "cfn/app.yaml" }),
    resource("module.store.aws_s3_bucket.this", "aws_s3_bucket", "object-storage", 5, {
      file: "modules/store/main.tf",
    }),
  ]);

  it("explicit entries win over inference and tags; they take addresses, tag:K=V, TEMPLATE#Id, counted and module addresses", () => {
    const mapping = mapElements(documented, actual, {
      explicit: {
        db: ["aws_db_instance.billing"],
        cache: ["tag:team=core"],
        "docs/other.md#queue": ["aws_sqs_queue.jobs", "cfn/app.yaml#JobsQueue"],
        files: ["module.store"],
      },
    });
    expect(pairs(mapping)).toEqual({
      cache: "explicit: aws_elasticache_cluster.c",
      db: "explicit: aws_db_instance.billing",
      files: "explicit: module.store.aws_s3_bucket.this",
      queue: "explicit: JobsQueue, aws_sqs_queue.jobs[0], aws_sqs_queue.jobs[1]",
    });
    expect(mapping.pairs.find((pair) => pair.component === "db")!.evidence).toBe(
      'configuration mapping "db" → aws_db_instance.billing',
    );
    expect(mapping.unresolved).toEqual([]);
  });

  it("maps a resource tagged with the component tag (default and custom key)", () => {
    const tagged = mapElements(documented, actual);
    expect(tagged.pairs.find((pair) => pair.component === "cache")).toEqual({
      component: "cache",
      resources: ["aws_s3_bucket.files"],
      authority: "tag",
      evidence: "tag archlint:component=cache on aws_s3_bucket.files",
    });
    const custom = mapElements(documented, actual, { tagKey: "team" });
    expect(custom.unresolved).toEqual([
      {
        component: "core",
        target: "aws_elasticache_cluster.c",
        message: 'tag team=core on aws_elasticache_cluster.c: no documented element has id "core"',
        source: { file: TF, line: 30, column: 1 },
      },
    ]);
  });

  it("reports entries that name nothing, with where they are written and the closest address", () => {
    const mapping = mapElements(documented, actual, {
      explicit: {
        db: ["aws_db_instance.biling"],
        nothing: ["aws_db_instance.orders"],
        cache: ["tag:team"],
        files: ["arn:aws:s3:::missing-bucket"],
      },
      explicitSources: { db: at(".archlintrc.json", 4, 5) },
    });
    expect(mapping.unresolved).toEqual([
      {
        component: "cache",
        target: "tag:team",
        message: '"tag:team" is not of the form tag:KEY=VALUE',
      },
      {
        component: "db",
        target: "aws_db_instance.biling",
        message: "no resource has the address aws_db_instance.biling (did you mean aws_db_instance.billing?)",
        source: { file: ".archlintrc.json", line: 4, column: 5 },
      },
      {
        component: "files",
        target: "arn:aws:s3:::missing-bucket",
        message: "no resource has the ARN arn:aws:s3:::missing-bucket",
      },
      {
        component: "nothing",
        target: "aws_db_instance.orders",
        message: 'no documented element has id "nothing"',
      },
    ]);
  });

  it("accepts ARNs of live resources", () => {
    const live = graph([
      resource("arn:aws:sqs:us-east-1:1:jobs", "AWS::SQS::Queue", "queue", 1, {
        attributes: { arn: "arn:aws:sqs:us-east-1:1:jobs" },
      }),
    ]);
    const mapping = mapElements(documented, live, { explicit: { queue: ["arn:aws:sqs:us-east-1:1:jobs"] } });
    expect(pairs(mapping).queue).toBe("explicit: arn:aws:sqs:us-east-1:1:jobs");
  });
});

describe("mapElements: mapping tables", () => {
  it("links views by the document's table, and the logical component inherits through it", () => {
    const documented = graph([
      doc("jobs", "queue", "Background Work", 10, { view: "logical" }),
      doc("redis", "cache", "Redis Cluster", 30),
    ]);
    const actual = graph([
      resource("aws_elasticache_replication_group.redis", "aws_elasticache_replication_group", "cache", 1),
    ]);
    const table = [{ logical: "jobs", physical: "redis", evidence: "mapping table docs/architecture.md:95" }];
    const mapping = mapElements(documented, actual, { viewLinks: table });
    expect(pairs(mapping)).toEqual({
      jobs: "table: aws_elasticache_replication_group.redis",
      redis: "inferred: aws_elasticache_replication_group.redis",
    });
    expect(mapping.viewLinks).toEqual(table);
    expect(mapElements(documented, actual).pairs.map((pair) => pair.component)).toEqual(["redis"]);
  });

  it("carries an explicit mapping of one view to its counterpart", () => {
    const documented = graph([
      doc("db", "database", "PostgreSQL Database", 10, { view: "logical" }),
      doc("db_primary", "database", "RDS Primary (PostgreSQL)", 30),
    ]);
    const actual = graph([resource("AppDatabase", "AWS::RDS::DBInstance", "database", 1, { file: "cfn/app.yaml" })]);
    const mapping = mapElements(documented, actual, { explicit: { db_primary: ["AppDatabase"] } });
    expect(pairs(mapping)).toEqual({ db: "inferred: AppDatabase", db_primary: "explicit: AppDatabase" });
  });
});
