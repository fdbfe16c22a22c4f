import { describe, expect, it } from "vitest";
import { normaliseEngine } from "../../src/iac/data-stores.js";
import {
  blocks,
  CloudFormationTemplate,
  cfnRef,
  getAtt,
  keyAt,
  position,
  ref,
  TerraformFile,
  unknown,
} from "./builders.js";
import { element, graphOf, pairs, relationsOf } from "./helpers.js";

describe("engines", () => {
  it.each([
    ["postgres", "postgres", "Amazon RDS for PostgreSQL"],
    ["aurora-postgresql", "postgres", "Amazon Aurora PostgreSQL"],
    ["aurora-mysql", "mysql", "Amazon Aurora MySQL"],
    ["aurora", "mysql", "Amazon Aurora MySQL"],
    ["MySQL", "mysql", "Amazon RDS for MySQL"],
    ["sqlserver-ex", "sqlserver", "Amazon RDS for SQL Server"],
    ["redis", "redis", "Amazon ElastiCache for Redis"],
    ["memcached", "memcached", "Amazon ElastiCache for Memcached"],
    ["neptune", "neptune", "neptune"],
  ])("%s → %s", (raw, engine, product) => {
    expect(normaliseEngine(raw)).toMatchObject({ engine, product });
  });
});

describe("RDS instances and replicas (Terraform)", () => {
  const tf = new TerraformFile("db.tf");
  const primary = tf.resource("aws_db_instance", "primary", {
    identifier: "app-db",
    engine: "postgres",
    engine_version: "15.4",
    instance_class: "db.t3.medium",
    multi_az: true,
    storage_encrypted: true,
  });
  const replica = tf.resource("aws_db_instance", "replica", {
    replicate_source_db: ref("aws_db_instance.primary", "identifier"),
    instance_class: "db.t3.medium",
  });
  tf.resource("aws_db_instance", "by_name", { replicate_source_db: "app-db" });
  const single = tf.resource("aws_db_instance", "single", { engine: "mysql", port: unknown("var.db_port") });
  tf.resource("aws_db_instance", "unknown_az", {
    engine: "postgres",
    multi_az: unknown("var.multi_az"),
    kms_key_id: ref("aws_kms_key.db", "arn"),
  });
  const graph = graphOf(tf);

  it("reads engine, version, class, Multi-AZ and encryption with their evidence", () => {
    const db = element(graph, "aws_db_instance.primary");
    expect(db).toMatchObject({ kind: "database", label: "app-db", technology: "Amazon RDS for PostgreSQL 15.4" });
    expect(db.attributes).toMatchObject({
      engine: "postgres",
      engineVersion: "15.4",
      instanceType: "db.t3.medium",
      multiAz: true,
      encrypted: true,
      ports: [5432],
      replicas: ["aws_db_instance.replica", "aws_db_instance.by_name"],
    });
    expect(db.evidence?.multiAz).toEqual({ ...position(keyAt(primary, "multi_az")), message: "multi_az = true" });
    expect(db.evidence?.engine).toEqual({ ...position(keyAt(primary, "engine")), message: 'engine = "postgres"' });
    expect(db.evidence?.replicas).toEqual({
      ...position(keyAt(replica, "replicate_source_db")),
      message: "replicate_source_db of aws_db_instance.replica",
    });
  });

  it("a replica names its primary (by reference or identifier) and inherits engine and encryption", () => {
    const copy = element(graph, "aws_db_instance.replica");
    expect(copy.attributes).toMatchObject({
      replicaOf: "aws_db_instance.primary",
      engine: "postgres",
      encrypted: true,
      multiAz: false,
    });
    expect(copy.evidence?.replicaOf).toEqual({
      ...position(keyAt(replica, "replicate_source_db")),
      message: "replicate_source_db → aws_db_instance.primary",
    });
    expect(copy.evidence?.encrypted?.message).toBe("inherited from aws_db_instance.primary: storage_encrypted = true");
    expect(element(graph, "aws_db_instance.by_name").attributes.replicaOf).toBe("aws_db_instance.primary");
    expect(pairs(relationsOf(graph, "replicates"))).toEqual([
      "aws_db_instance.by_name -> aws_db_instance.primary",
      "aws_db_instance.replica -> aws_db_instance.primary",
    ]);
  });

  it("unset Multi-AZ and encryption are the AWS defaults (false), stated at the resource", () => {
    const db = element(graph, "aws_db_instance.single");
    expect(db.attributes).toMatchObject({ multiAz: false, encrypted: false, engine: "mysql" });
    expect(db.attributes.ports).toBeUndefined();
    expect(db.evidence?.multiAz).toEqual({ ...position(single.source), message: "multi_az not set (default false)" });
  });

  it("an unresolved value stays unknown, a KMS key means encrypted", () => {
    expect(element(graph, "aws_db_instance.unknown_az").attributes).toMatchObject({
      multiAz: { unknown: "var.multi_az" },
      encrypted: true,
    });
  });
});

describe("Aurora clusters (Terraform)", () => {
  const tf = new TerraformFile("aurora.tf");
  tf.resource("aws_rds_cluster", "main", {
    cluster_identifier: "main",
    engine: "aurora-postgresql",
    engine_version: "15.4",
    storage_encrypted: true,
  });
  const writer = tf.resource(
    "aws_rds_cluster_instance",
    "main",
    {
      cluster_identifier: ref("aws_rds_cluster.main", "id"),
      instance_class: "db.r6g.large",
      engine: "aurora-postgresql",
    },
    { instanceKey: 0 },
  );
  const reader = tf.resource(
    "aws_rds_cluster_instance",
    "main",
    {
      cluster_identifier: ref("aws_rds_cluster.main", "id"),
      instance_class: "db.r6g.large",
      engine: "aurora-postgresql",
    },
    { instanceKey: 1 },
  );
  tf.resource("aws_rds_cluster", "solo", { engine: "aurora-mysql" });
  tf.resource("aws_rds_cluster_instance", "solo", {
    cluster_identifier: ref("aws_rds_cluster.solo", "id"),
    instance_class: "db.t3.medium",
  });
  tf.resource("aws_rds_cluster", "pinned", { cluster_identifier: "pinned", engine: "aurora-mysql" });
  tf.resource("aws_rds_cluster_instance", "pinned_a", {
    cluster_identifier: "pinned",
    availability_zone: "eu-west-1a",
  });
  tf.resource("aws_rds_cluster_instance", "pinned_b", {
    cluster_identifier: "pinned",
    availability_zone: "eu-west-1a",
  });
  tf.resource("aws_rds_cluster", "empty", { engine: "aurora-postgresql" });
  tf.resource("aws_rds_cluster", "multi_az_cluster", {
    engine: "postgres",
    db_cluster_instance_class: "db.m6gd.large",
  });
  tf.resource("aws_rds_cluster", "secondary", {
    engine: "aurora-postgresql",
    replication_source_identifier: ref("aws_rds_cluster.main", "arn"),
  });
  const graph = graphOf(tf);

  it("two instances make the cluster Multi-AZ with a read replica beyond the writer", () => {
    const cluster = element(graph, "aws_rds_cluster.main");
    expect(cluster).toMatchObject({ label: "main", technology: "Amazon Aurora PostgreSQL 15.4" });
    expect(cluster.attributes).toMatchObject({
      engine: "postgres",
      multiAz: true,
      encrypted: true,
      instanceType: "db.r6g.large",
      replicas: ["aws_rds_cluster.secondary", "aws_rds_cluster_instance.main[1]"],
    });
    expect(cluster.evidence?.multiAz).toEqual({
      ...position(keyAt(writer, "cluster_identifier")),
      message:
        "2 instances (aws_rds_cluster_instance.main[0], aws_rds_cluster_instance.main[1]; availability zones chosen by AWS)",
    });
    const member = element(graph, "aws_rds_cluster_instance.main[1]");
    expect(member.attributes).toMatchObject({ replicaOf: "aws_rds_cluster.main", engine: "postgres", encrypted: true });
    expect(member.attributes.multiAz).toBeUndefined();
    expect(member.evidence?.replicaOf).toEqual({
      ...position(keyAt(reader, "cluster_identifier")),
      message: "reader instance of aws_rds_cluster.main",
    });
    expect(element(graph, "aws_rds_cluster_instance.main[0]").attributes.replicaOf).toBeUndefined();
  });

  it("one instance, or all in one zone, is not Multi-AZ; no declared instance is unknown", () => {
    expect(element(graph, "aws_rds_cluster.solo").attributes).toMatchObject({
      multiAz: false,
      engine: "mysql",
      encrypted: false,
    });
    expect(element(graph, "aws_rds_cluster_instance.solo").attributes.engine).toBe("mysql");
    expect(element(graph, "aws_rds_cluster.pinned").attributes.multiAz).toBe(false);
    expect(element(graph, "aws_rds_cluster.pinned").evidence?.multiAz?.message).toBe("2 instances, all in eu-west-1a");
    expect(element(graph, "aws_rds_cluster.empty").attributes.multiAz).toEqual({
      unknown: "instances of aws_rds_cluster.empty",
    });
  });

  it("a Multi-AZ DB cluster and a cross-region replica cluster", () => {
    expect(element(graph, "aws_rds_cluster.multi_az_cluster").attributes).toMatchObject({
      multiAz: true,
      instanceType: "db.m6gd.large",
      engine: "postgres",
    });
    expect(element(graph, "aws_rds_cluster.secondary").attributes.replicaOf).toBe("aws_rds_cluster.main");
    expect(pairs(relationsOf(graph, "replicates"))).toEqual([
      "aws_rds_cluster.secondary -> aws_rds_cluster.main",
      "aws_rds_cluster_instance.main[1] -> aws_rds_cluster.main",
      "aws_rds_cluster_instance.pinned_b -> aws_rds_cluster.pinned",
    ]);
  });
});

describe("RDS (CloudFormation)", () => {
  const cfn = new CloudFormationTemplate("db.yaml");
  const primary = cfn.resource("Primary", "AWS::RDS::DBInstance", {
    Engine: "postgres",
    EngineVersion: "16.1",
    DBInstanceClass: "db.t3.micro",
    MultiAZ: "true",
    StorageEncrypted: true,
    Port: 6432,
  });
  cfn.resource("Replica", "AWS::RDS::DBInstance", {
    SourceDBInstanceIdentifier: cfnRef("Primary"),
    DBInstanceClass: "db.t3.micro",
  });
  cfn.resource("Cluster", "AWS::RDS::DBCluster", { Engine: "aurora-mysql", StorageEncrypted: false });
  cfn.resource("Writer", "AWS::RDS::DBInstance", {
    DBClusterIdentifier: cfnRef("Cluster"),
    Engine: "aurora-mysql",
    DBInstanceClass: "db.r6g.large",
  });
  cfn.resource("Reader", "AWS::RDS::DBInstance", {
    DBClusterIdentifier: cfnRef("Cluster"),
    Engine: "aurora-mysql",
    DBInstanceClass: "db.r6g.large",
  });
  const graph = graphOf(cfn);

  it("reads the CloudFormation names of the same facts", () => {
    const db = element(graph, "Primary");
    expect(db.attributes).toMatchObject({
      engine: "postgres",
      engineVersion: "16.1",
      multiAz: true,
      encrypted: true,
      ports: [6432],
      replicas: ["Replica"],
    });
    expect(db.evidence?.multiAz).toEqual({ ...position(keyAt(primary, "MultiAZ")), message: 'MultiAZ: "true"' });
    expect(element(graph, "Replica").attributes).toMatchObject({
      replicaOf: "Primary",
      engine: "postgres",
      encrypted: true,
    });
  });

  it("a DBCluster with two DBInstances is Multi-AZ and has a replica", () => {
    expect(element(graph, "Cluster").attributes).toMatchObject({
      engine: "mysql",
      multiAz: true,
      replicas: ["Reader"],
      encrypted: false,
    });
    expect(element(graph, "Reader").attributes).toMatchObject({ replicaOf: "Cluster", encrypted: false });
    expect(element(graph, "Writer").attributes.multiAz).toBeUndefined();
  });
});

describe("caches", () => {
  const tf = new TerraformFile("cache.tf");
  const ha = tf.resource("aws_elasticache_replication_group", "ha", {
    replication_group_id: "sessions",
    engine: "redis",
    engine_version: "7.1",
    node_type: "cache.t4g.small",
    num_cache_clusters: 2,
    automatic_failover_enabled: true,
    at_rest_encryption_enabled: true,
  });
  tf.resource("aws_elasticache_replication_group", "single", {
    engine: "redis",
    num_cache_clusters: 1,
    multi_az_enabled: true,
  });
  tf.resource("aws_elasticache_replication_group", "default", { node_type: "cache.t4g.micro" });
  tf.resource("aws_elasticache_replication_group", "sharded", {
    num_node_groups: 2,
    replicas_per_node_group: unknown("var.replicas"),
    multi_az_enabled: true,
  });
  tf.resource("aws_elasticache_cluster", "memcached", { engine: "memcached", az_mode: "cross-az", num_cache_nodes: 3 });
  tf.resource("aws_elasticache_cluster", "redis", { engine: "redis", num_cache_nodes: 1 });
  tf.resource("aws_elasticache_cluster", "member", {
    replication_group_id: ref("aws_elasticache_replication_group.ha", "id"),
  });
  const cfn = new CloudFormationTemplate("cache.yaml");
  cfn.resource("Cache", "AWS::ElastiCache::ReplicationGroup", {
    Engine: "valkey",
    MultiAZEnabled: true,
    AutomaticFailoverEnabled: true,
    NumCacheClusters: 3,
    PreferredCacheClusterAZs: ["a", "a", "a"],
  });
  cfn.resource("Serverless", "AWS::ElastiCache::ServerlessCache", { Engine: "redis", MajorEngineVersion: "7" });
  const graph = graphOf(tf, cfn);

  it("failover with two nodes is Multi-AZ", () => {
    const cache = element(graph, "aws_elasticache_replication_group.ha");
    expect(cache).toMatchObject({ kind: "cache", label: "sessions", technology: "Amazon ElastiCache for Redis 7.1" });
    expect(cache.attributes).toMatchObject({
      engine: "redis",
      multiAz: true,
      encrypted: true,
      instanceType: "cache.t4g.small",
      ports: [6379],
    });
    expect(cache.evidence?.encrypted).toEqual({
      ...position(keyAt(ha, "at_rest_encryption_enabled")),
      message: "at_rest_encryption_enabled = true",
    });
  });

  it("one node, no failover, or all nodes in one zone is not Multi-AZ; unknown counts stay unknown", () => {
    expect(element(graph, "aws_elasticache_replication_group.single").attributes.multiAz).toBe(false);
    expect(element(graph, "aws_elasticache_replication_group.single").evidence?.multiAz?.message).toBe(
      "num_cache_clusters = 1",
    );
    const defaulted = element(graph, "aws_elasticache_replication_group.default");
    expect(defaulted.attributes).toMatchObject({ multiAz: false, encrypted: false, engine: "redis" });
    expect(defaulted.evidence?.multiAz?.message).toBe(
      "multi_az_enabled not set (default false); automatic_failover_enabled not set (default false)",
    );
    expect(element(graph, "aws_elasticache_replication_group.sharded").attributes.multiAz).toEqual({
      unknown: "var.replicas",
    });
    expect(element(graph, "Cache").attributes).toMatchObject({ multiAz: false, engine: "valkey" });
    expect(element(graph, "Cache").evidence?.multiAz?.message).toBe("all nodes in a");
  });

  it("cache clusters: cross-az memcached is Multi-AZ; no encryption at rest; members of a group have no facts of their own", () => {
    expect(element(graph, "aws_elasticache_cluster.memcached").attributes).toMatchObject({
      engine: "memcached",
      multiAz: true,
      encrypted: false,
      ports: [11211],
    });
    expect(element(graph, "aws_elasticache_cluster.redis").attributes.multiAz).toBe(false);
    expect(element(graph, "aws_elasticache_cluster.member").attributes.engine).toBeUndefined();
  });

  it("serverless caches are Multi-AZ and encrypted", () => {
    expect(element(graph, "Serverless").attributes).toMatchObject({
      multiAz: true,
      encrypted: true,
      engine: "redis",
      engineVersion: "7",
    });
  });
});

describe("search domains", () => {
  const tf = new TerraformFile("search.tf");
  tf.resource("aws_opensearch_domain", "main", {
    domain_name: "posts",
    engine_version: "OpenSearch_2.11",
    cluster_config: blocks({ instance_type: "r6g.large.search", zone_awareness_enabled: true }),
    encrypt_at_rest: blocks({ enabled: true }),
    vpc_options: blocks({ subnet_ids: [] }),
  });
  tf.resource("aws_elasticsearch_domain", "legacy", { elasticsearch_version: "7.10" });
  const cfn = new CloudFormationTemplate("search.yaml");
  cfn.resource("Search", "AWS::OpenSearchService::Domain", {
    EngineVersion: "Elasticsearch_7.10",
    ClusterConfig: { ZoneAwarenessEnabled: false, InstanceType: "t3.small.search" },
  });
  const graph = graphOf(tf, cfn);

  it("reads engine and version family, zone awareness, encryption", () => {
    const domain = element(graph, "aws_opensearch_domain.main");
    expect(domain).toMatchObject({
      kind: "search",
      label: "posts",
      technology: "Amazon OpenSearch Service (OpenSearch 2.11)",
    });
    expect(domain.attributes).toMatchObject({
      engine: "opensearch",
      engineVersion: "2.11",
      multiAz: true,
      encrypted: true,
      instanceType: "r6g.large.search",
      public: false,
    });
    expect(element(graph, "aws_elasticsearch_domain.legacy").attributes).toMatchObject({
      engine: "elasticsearch",
      engineVersion: "7.10",
      multiAz: false,
      encrypted: false,
    });
    expect(element(graph, "Search").attributes).toMatchObject({
      engine: "elasticsearch",
      engineVersion: "7.10",
      multiAz: false,
      instanceType: "t3.small.search",
    });
  });
});

describe("buckets, queues, topics, tables", () => {
  const tf = new TerraformFile("storage.tf");
  const bucket = tf.resource("aws_s3_bucket", "assets", { bucket: "inkwell-assets" });
  tf.resource("aws_s3_bucket", "logs", { bucket: "inkwell-logs" });
  const sse = tf.resource("aws_s3_bucket_server_side_encryption_configuration", "logs", {
    bucket: ref("aws_s3_bucket.logs", "id"),
  });
  tf.resource("aws_sqs_queue", "jobs", { name: "jobs" });
  tf.resource("aws_sqs_queue", "plain", { name: "plain.fifo", fifo_queue: true, sqs_managed_sse_enabled: false });
  tf.resource("aws_sns_topic", "events", { name: "events" });
  tf.resource("aws_dynamodb_table", "sessions", { name: "sessions" });
  const cfn = new CloudFormationTemplate("storage.yaml");
  cfn.resource("Queue", "AWS::SQS::Queue", { KmsMasterKeyId: "alias/aws/sqs" });
  cfn.resource("Topic", "AWS::SNS::Topic", { KmsMasterKeyId: getAtt("Key", "Arn") });
  const graph = graphOf(tf, cfn);

  it("S3 encrypts new buckets by default: encrypted, with the reason", () => {
    expect(element(graph, "aws_s3_bucket.assets")).toMatchObject({
      kind: "object-storage",
      label: "inkwell-assets",
      attributes: { encrypted: true },
    });
    expect(element(graph, "aws_s3_bucket.assets").evidence?.encrypted).toEqual({
      ...position(bucket.source),
      message: "no encryption configuration: S3 encrypts new objects with SSE-S3 by default",
    });
    expect(element(graph, "aws_s3_bucket.logs").evidence?.encrypted).toEqual({
      ...position(sse.source),
      message: "server-side encryption configured",
    });
  });

  it("queues are encrypted unless SSE-SQS is turned off; topics only with a KMS key", () => {
    expect(element(graph, "aws_sqs_queue.jobs").attributes.encrypted).toBe(true);
    expect(element(graph, "aws_sqs_queue.plain")).toMatchObject({
      technology: "Amazon SQS (FIFO)",
      attributes: { encrypted: false },
    });
    expect(element(graph, "Queue").attributes.encrypted).toBe(true);
    expect(element(graph, "aws_sns_topic.events").attributes.encrypted).toBe(false);
    expect(element(graph, "Topic").attributes.encrypted).toBe(true);
  });

  it("DynamoDB tables are Multi-AZ and encrypted by design", () => {
    expect(element(graph, "aws_dynamodb_table.sessions").attributes).toMatchObject({
      engine: "dynamodb",
      multiAz: true,
      encrypted: true,
      significant: true,
    });
  });
});
