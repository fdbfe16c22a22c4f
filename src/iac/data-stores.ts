/**
 * Facts of databases, caches, search domains, buckets, queues and topics: `engine` (normalised),
 * `engineVersion`, `multiAz`, `replicaOf` / `replicas`, `encrypted`, `instanceType`, `ports`,
 * and a technology string that names the engine ("Amazon RDS for PostgreSQL 15").
 */
import type { Element } from "../model/graph.js";
import type { IacResource } from "../model/iac.js";
import {
  boolFact,
  evidenceAt,
  type Fact,
  fact,
  flagFact,
  setFact,
  setPlain,
  stringFact,
  triAnd,
  triOr,
  unknownFact,
} from "./facts.js";
import { CLUSTER_ID, clusterOf } from "./placement.js";
import { byType, type Node, type ResourceIndex, types } from "./resource-index.js";
import { type AttrName, type Found, itemsOf, literalNumber, literalString, prop, unresolvedText } from "./values.js";

interface EngineInfo {
  engine: string;
  /** "Amazon RDS for PostgreSQL", "Amazon Aurora MySQL" … */
  product: string;
  port?: number;
}

const ENGINES: readonly [RegExp, EngineInfo][] = [
  [/^aurora-postgresql$/, { engine: "postgres", product: "Amazon Aurora PostgreSQL", port: 5432 }],
  [/^aurora(-mysql)?$/, { engine: "mysql", product: "Amazon Aurora MySQL", port: 3306 }],
  [/^postgres(ql)?$/, { engine: "postgres", product: "Amazon RDS for PostgreSQL", port: 5432 }],
  [/^mysql$/, { engine: "mysql", product: "Amazon RDS for MySQL", port: 3306 }],
  [/^mariadb$/, { engine: "mariadb", product: "Amazon RDS for MariaDB", port: 3306 }],
  [/^oracle/, { engine: "oracle", product: "Amazon RDS for Oracle", port: 1521 }],
  [/^sqlserver/, { engine: "sqlserver", product: "Amazon RDS for SQL Server", port: 1433 }],
  [/^db2/, { engine: "db2", product: "Amazon RDS for Db2", port: 50000 }],
  [/^docdb$/, { engine: "docdb", product: "Amazon DocumentDB", port: 27017 }],
  [/^redis$/, { engine: "redis", product: "Amazon ElastiCache for Redis", port: 6379 }],
  [/^valkey$/, { engine: "valkey", product: "Amazon ElastiCache for Valkey", port: 6379 }],
  [/^memcached$/, { engine: "memcached", product: "Amazon ElastiCache for Memcached", port: 11211 }],
];

/** `aurora-postgresql` → postgres (Aurora); `Redis` → redis; unknown engines as written, lower case. */
export function normaliseEngine(raw: string): EngineInfo {
  const lower = raw.trim().toLowerCase();
  const hit = ENGINES.find(([pattern]) => pattern.test(lower));
  return hit ? hit[1] : { engine: lower, product: raw };
}

const DB_INSTANCE_TYPES = types("aws_db_instance", "AWS::RDS::DBInstance");
const RDS_CLUSTER_TYPES = types("aws_rds_cluster", "AWS::RDS::DBCluster");
const MEMBER_TYPES = types("aws_rds_cluster_instance", "AWS::RDS::DBInstance");
const S3_ENCRYPTION_TYPES = types("aws_s3_bucket_server_side_encryption_configuration");

const ENGINE: AttrName = { terraform: "engine", cloudformation: "Engine" };
const ENGINE_VERSION: AttrName = { terraform: "engine_version", cloudformation: "EngineVersion" };
const STORAGE_ENCRYPTED: AttrName = { terraform: "storage_encrypted", cloudformation: "StorageEncrypted" };
const KMS_KEY: AttrName = { terraform: "kms_key_id", cloudformation: "KmsKeyId" };
const PORT: AttrName = { terraform: "port", cloudformation: "Port" };
const REPLICA_SOURCE: AttrName = { terraform: "replicate_source_db", cloudformation: "SourceDBInstanceIdentifier" };
const CLUSTER_REPLICA_SOURCE: AttrName = {
  terraform: "replication_source_identifier",
  cloudformation: "ReplicationSourceIdentifier",
};
const AVAILABILITY_ZONE: AttrName = { terraform: "availability_zone", cloudformation: "AvailabilityZone" };

function tfOrCfn(resource: IacResource, terraform: string, cloudformation: string): string {
  return resource.format === "terraform" ? terraform : cloudformation;
}

/** Relations between databases that the graph-wide pass found (replicas, cluster members). */
export class DatabaseTopology {
  /** Cluster → its member instances, in declaration order. */
  readonly members = new Map<Node, Node[]>();
  /** Replica → primary, with the attribute that says so. */
  readonly primaryOf = new Map<Node, { primary: Node; found: Found }>();

  constructor(private readonly index: ResourceIndex) {
    for (const node of index.ofType(...MEMBER_TYPES)) {
      const cluster = clusterOf(index, node);
      if (cluster) push(this.members, cluster, node);
    }
    for (const node of index.ofType(...DB_INSTANCE_TYPES, ...RDS_CLUSTER_TYPES)) {
      const cluster = RDS_CLUSTER_TYPES.has(node.resource.type);
      const found = prop(node.resource, cluster ? CLUSTER_REPLICA_SOURCE : REPLICA_SOURCE);
      if (!found) continue;
      const primary = this.primaryNamed(node, found, cluster ? RDS_CLUSTER_TYPES : DB_INSTANCE_TYPES);
      if (primary) this.primaryOf.set(node, { primary, found });
    }
  }

  /** The primary a replica names: by reference, by identifier, or by the identifier at the end of an ARN. */
  private primaryNamed(node: Node, found: Found, candidates: ReadonlySet<string>): Node | undefined {
    const byRef = this.index.targets(node, found.value, candidates)[0];
    if (byRef) return byRef;
    const text = literalString(found.value);
    if (text === undefined) return undefined;
    const name = text.slice(text.lastIndexOf(":") + 1);
    return this.index.named(node, [...candidates], name)[0];
  }

  /** Aurora: the first member is the writer, the others are its read replicas. */
  readers(cluster: Node): Node[] {
    return (this.members.get(cluster) ?? []).slice(1);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function engineFacts(
  element: Element,
  engineFound: Found | undefined,
  versionFound: Found | undefined,
  fallback: string | undefined,
  node: Node,
): EngineInfo | undefined {
  const raw = literalString(engineFound?.value) ?? (engineFound ? undefined : fallback);
  const info = raw === undefined ? undefined : normaliseEngine(raw);
  if (engineFound)
    setFact(
      element,
      "engine",
      stringFact(engineFound, (text) => normaliseEngine(text).engine),
    );
  else if (info) setFact(element, "engine", fact(info.engine, node.resource.source, `engine not set (${raw})`));
  const version = stringFact(versionFound);
  setFact(element, "engineVersion", version);
  if (info) element.technology = typeof version?.value === "string" ? `${info.product} ${version.value}` : info.product;
  return info;
}

function portsFact(element: Element, resource: IacResource, info: EngineInfo | undefined): void {
  const found = prop(resource, PORT);
  const port = literalNumber(found?.value);
  if (found && port !== undefined) setPlain(element, "ports", [port], evidenceAt(found.at, `port ${port}`));
  else if (!found && info?.port !== undefined)
    setPlain(element, "ports", [info.port], evidenceAt(resource.source, `default ${info.engine} port ${info.port}`));
}

function instanceTypeFact(element: Element, resource: IacResource, name: AttrName): void {
  setFact(element, "instanceType", stringFact(prop(resource, name)));
}

/**
 * Encryption of an RDS instance or cluster: its flag or KMS key, else what it inherits (a
 * cluster member from its cluster, a read replica from its primary), else the default (off).
 */
function storageEncryption(context: DataStoreContext, node: Node, depth = 0): Fact<boolean> {
  const resource = node.resource;
  const flag = prop(resource, STORAGE_ENCRYPTED);
  if (flag) return boolFact(flag);
  const kms = prop(resource, KMS_KEY);
  if (kms) return fact(true, kms.at, `${kms.path} set`);
  const from =
    depth < 8 ? (clusterOf(context.index, node) ?? context.topology.primaryOf.get(node)?.primary) : undefined;
  if (from) {
    const inherited = storageEncryption(context, from, depth + 1);
    return {
      value: inherited.value,
      evidence: { ...inherited.evidence, message: `inherited from ${from.id}: ${inherited.evidence.message}` },
    };
  }
  return fact(
    false,
    resource.source,
    `${tfOrCfn(resource, "storage_encrypted", "StorageEncrypted")} not set (default false)`,
  );
}

/** The engine as written on the resource, else on its cluster or primary (Terraform clusters default to aurora). */
function rawEngineOf(context: DataStoreContext, node: Node, depth = 0): string | undefined {
  const written = literalString(prop(node.resource, ENGINE)?.value);
  if (written !== undefined) return written;
  if (RDS_CLUSTER_TYPES.has(node.resource.type)) return node.resource.format === "terraform" ? "aurora" : undefined;
  const from = depth < 8 ? inheritsFrom(context, node) : undefined;
  return from ? rawEngineOf(context, from, depth + 1) : undefined;
}

/** What an RDS instance inherits engine, version and encryption from: its cluster, else the primary it replicates. */
function inheritsFrom(context: DataStoreContext, node: Node): Node | undefined {
  return clusterOf(context.index, node) ?? context.topology.primaryOf.get(node)?.primary;
}

/** The engine version as written on the resource, else on what it inherits from. */
function versionOf(context: DataStoreContext, node: Node, depth = 0): Found | undefined {
  const written = prop(node.resource, ENGINE_VERSION);
  if (written || depth >= 8) return written;
  const from = inheritsFrom(context, node);
  return from ? versionOf(context, from, depth + 1) : undefined;
}

export interface DataStoreContext {
  index: ResourceIndex;
  topology: DatabaseTopology;
  /** The element of a node (every element exists before linkReplicas runs). */
  elementOf(node: Node): Element | undefined;
}

/** Engine, version, technology, port and encryption: the same for RDS instances and clusters. */
function rdsBasics(context: DataStoreContext, node: Node, element: Element): void {
  const engineFound = prop(node.resource, ENGINE);
  const raw = engineFound ? undefined : rawEngineOf(context, node);
  const info = engineFacts(element, engineFound, versionOf(context, node), raw, node);
  portsFact(element, node.resource, info);
  setFact(element, "encrypted", storageEncryption(context, node));
}

/** `replicaOf` from replicate_source_db / replication_source_identifier. */
function replicaOfFact(context: DataStoreContext, node: Node, element: Element): void {
  const primary = context.topology.primaryOf.get(node);
  if (!primary) return;
  const message = `${primary.found.path} → ${primary.primary.id}`;
  setPlain(element, "replicaOf", primary.primary.id, evidenceAt(primary.found.at, message));
}

function dbInstance(node: Node, element: Element, context: DataStoreContext): void {
  const resource = node.resource;
  rdsBasics(context, node, element);
  instanceTypeFact(element, resource, { terraform: "instance_class", cloudformation: "DBInstanceClass" });
  if (clusterOf(context.index, node)) {
    // Aurora members: Multi-AZ belongs to the cluster (it spans the zones its instances are in).
    const az = stringFact(prop(resource, AVAILABILITY_ZONE));
    if (az && typeof az.value === "string") setPlain(element, "availabilityZones", [az.value], az.evidence);
    return;
  }
  setFact(element, "multiAz", flagFact(resource, { terraform: "multi_az", cloudformation: "MultiAZ" }, false));
  replicaOfFact(context, node, element);
}

function rdsCluster(node: Node, element: Element, context: DataStoreContext): void {
  const resource = node.resource;
  rdsBasics(context, node, element);
  const members = context.topology.members.get(node) ?? [];
  const rawEngine = rawEngineOf(context, node)?.toLowerCase();
  const aurora = rawEngine === undefined ? undefined : rawEngine.startsWith("aurora");
  const instanceClass = prop(resource, {
    terraform: "db_cluster_instance_class",
    cloudformation: "DBClusterInstanceClass",
  });
  if (instanceClass && aurora === false) {
    setFact(element, "instanceType", stringFact(instanceClass));
    setFact(
      element,
      "multiAz",
      fact(true, instanceClass.at, "a Multi-AZ DB cluster: a writer and two readers in three availability zones"),
    );
  } else {
    setFact(element, "multiAz", clusterMultiAz(node, members));
    sharedInstanceType(element, members);
  }
  replicaOfFact(context, node, element);
}

/** Aurora: Multi-AZ when two or more instances, unless all are pinned to one zone. */
function clusterMultiAz(cluster: Node, members: Node[]): Fact<boolean> {
  const at = cluster.resource.source;
  if (members.length === 0) return unknownFact(`instances of ${cluster.id}`, at, "no cluster instances declared");
  const memberAt = prop(members[0]!.resource, CLUSTER_ID)?.at ?? members[0]!.resource.source;
  if (members.length === 1) return fact(false, memberAt, `one instance: ${members[0]!.id}`);
  const zones = members.map((member) => literalString(prop(member.resource, AVAILABILITY_ZONE)?.value));
  const distinct = new Set(zones);
  if (!zones.includes(undefined) && distinct.size === 1)
    return fact(false, memberAt, `${members.length} instances, all in ${zones[0]}`);
  const where = zones.includes(undefined) ? "availability zones chosen by AWS" : [...distinct].join(", ");
  return fact(
    true,
    memberAt,
    `${members.length} instances (${members.map((member) => member.id).join(", ")}; ${where})`,
  );
}

function sharedInstanceType(element: Element, members: Node[]): void {
  const classes = members.map((member) =>
    prop(member.resource, { terraform: "instance_class", cloudformation: "DBInstanceClass" }),
  );
  const first = classes[0];
  const text = literalString(first?.value);
  if (!first || text === undefined || classes.some((found) => literalString(found?.value) !== text)) return;
  setFact(element, "instanceType", stringFact(first));
}

function cacheReplicationGroup(node: Node, element: Element): void {
  const resource = node.resource;
  const info = engineFacts(element, prop(resource, ENGINE), prop(resource, ENGINE_VERSION), "redis", node);
  instanceTypeFact(element, resource, { terraform: "node_type", cloudformation: "CacheNodeType" });
  portsFact(element, resource, info);
  const name = (terraform: string, cloudformation: string) => tfOrCfn(resource, terraform, cloudformation);
  const failover = triOr(
    flagFact(resource, { terraform: "multi_az_enabled", cloudformation: "MultiAZEnabled" }, false),
    flagFact(resource, { terraform: "automatic_failover_enabled", cloudformation: "AutomaticFailoverEnabled" }, false),
  );
  const replicas = prop(resource, { terraform: "replicas_per_node_group", cloudformation: "ReplicasPerNodeGroup" });
  const clusters = prop(resource, {
    terraform: ["num_cache_clusters", "number_cache_clusters"],
    cloudformation: "NumCacheClusters",
  });
  const nodes: Fact<boolean> = replicas
    ? atLeast(replicas, 1, "replicas per shard")
    : clusters
      ? atLeast(clusters, 2, "nodes")
      : fact(false, resource.source, `${name("num_cache_clusters", "NumCacheClusters")} not set (one node)`);
  const zones = prop(resource, {
    terraform: "preferred_cache_cluster_azs",
    cloudformation: "PreferredCacheClusterAZs",
  });
  const zoneList = itemsOf(zones?.value).map(literalString);
  const sameZone = zones && zoneList.length > 0 && !zoneList.includes(undefined) && new Set(zoneList).size === 1;
  const spread = sameZone
    ? fact(false, zones.at, `all nodes in ${zoneList[0]}`)
    : fact(true, resource.source, "nodes in two or more zones");
  setFact(element, "multiAz", triAnd(failover, nodes, spread));
  setFact(
    element,
    "encrypted",
    flagFact(resource, { terraform: "at_rest_encryption_enabled", cloudformation: "AtRestEncryptionEnabled" }, false),
  );
}

function atLeast(found: Found, minimum: number, what: string): Fact<boolean> {
  const count = literalNumber(found.value);
  if (count === undefined) return unknownFact(unresolvedText(found.value), found.at, `${what} unknown`);
  return fact(count >= minimum, found.at, `${found.path} = ${count}`);
}

function cacheCluster(node: Node, element: Element): void {
  const resource = node.resource;
  if (prop(resource, { terraform: "replication_group_id", cloudformation: "ReplicationGroupId" })) return;
  const info = engineFacts(element, prop(resource, ENGINE), prop(resource, ENGINE_VERSION), undefined, node);
  instanceTypeFact(element, resource, { terraform: "node_type", cloudformation: "CacheNodeType" });
  portsFact(element, resource, info);
  const mode = prop(resource, { terraform: "az_mode", cloudformation: "AZMode" });
  const nodes = prop(resource, { terraform: "num_cache_nodes", cloudformation: "NumCacheNodes" });
  const crossAz = mode
    ? fact(literalString(mode.value) === "cross-az", mode.at, `${mode.path} = ${unresolvedText(mode.value)}`)
    : fact(false, resource.source, "single-az (default)");
  setFact(
    element,
    "multiAz",
    triAnd(crossAz, nodes ? atLeast(nodes, 2, "nodes") : fact(false, resource.source, "one node")),
  );
  setFact(
    element,
    "encrypted",
    fact(false, resource.source, "a cache cluster has no encryption at rest (use a replication group)"),
  );
}

function serverlessCache(node: Node, element: Element): void {
  const version = prop(node.resource, { terraform: "major_engine_version", cloudformation: "MajorEngineVersion" });
  engineFacts(element, prop(node.resource, ENGINE), version, undefined, node);
}

function searchDomain(node: Node, element: Element): void {
  const resource = node.resource;
  const elasticsearch = resource.type === "aws_elasticsearch_domain" || resource.type === "AWS::Elasticsearch::Domain";
  const versionFound = prop(resource, {
    terraform: ["engine_version", "elasticsearch_version"],
    cloudformation: ["EngineVersion", "ElasticsearchVersion"],
  });
  const written = literalString(versionFound?.value);
  const match = written ? /^(OpenSearch|Elasticsearch)_(.+)$/i.exec(written) : null;
  const engine = match ? match[1]!.toLowerCase() : elasticsearch ? "elasticsearch" : "opensearch";
  const version = match ? match[2]! : written;
  const at = versionFound?.at ?? resource.source;
  setFact(
    element,
    "engine",
    versionFound && written === undefined
      ? unknownFact(unresolvedText(versionFound.value), at, "engine version unknown")
      : fact(
          engine,
          at,
          versionFound ? `${versionFound.path} = ${written}` : `engine version not set (latest ${engine})`,
        ),
  );
  if (versionFound)
    setFact(
      element,
      "engineVersion",
      version === undefined
        ? unknownFact(unresolvedText(versionFound.value), at, "engine version unknown")
        : fact(version, at, `${versionFound.path} = ${written}`),
    );
  element.technology = `Amazon OpenSearch Service (${engine === "opensearch" ? "OpenSearch" : "Elasticsearch"}${version ? ` ${version}` : ""})`;
  const clusterConfig =
    resource.format === "terraform" ? "cluster_config" : elasticsearch ? "ElasticsearchClusterConfig" : "ClusterConfig";
  const prefix = (terraform: string, cloudformation: string) => ({
    terraform: `cluster_config.${terraform}`,
    cloudformation: `${clusterConfig}.${cloudformation}`,
  });
  setFact(element, "multiAz", flagFact(resource, prefix("zone_awareness_enabled", "ZoneAwarenessEnabled"), false));
  instanceTypeFact(element, resource, prefix("instance_type", "InstanceType"));
  setFact(
    element,
    "encrypted",
    flagFact(
      resource,
      { terraform: "encrypt_at_rest.enabled", cloudformation: "EncryptionAtRestOptions.Enabled" },
      false,
    ),
  );
  setPlain(element, "ports", [443], evidenceAt(resource.source, "HTTPS endpoint"));
}

function bucket(node: Node, element: Element, context: DataStoreContext): void {
  const resource = node.resource;
  const inline = prop(resource, {
    terraform: "server_side_encryption_configuration",
    cloudformation: "BucketEncryption",
  });
  const separate = context.index.referrers(node, S3_ENCRYPTION_TYPES, types("bucket"))[0];
  const at = inline?.at ?? separate?.from.resource.source;
  // Since January 2023 S3 encrypts every new object with SSE-S3 and it cannot be turned off:
  // an unset configuration is encryption, not its absence.
  setFact(
    element,
    "encrypted",
    at
      ? fact(true, at, "server-side encryption configured")
      : fact(true, resource.source, "no encryption configuration: S3 encrypts new objects with SSE-S3 by default"),
  );
}

function queue(node: Node, element: Element): void {
  const resource = node.resource;
  const kms = prop(resource, { terraform: "kms_master_key_id", cloudformation: "KmsMasterKeyId" });
  const managed = prop(resource, { terraform: "sqs_managed_sse_enabled", cloudformation: "SqsManagedSseEnabled" });
  if (kms) setFact(element, "encrypted", fact(true, kms.at, `${kms.path} set (SSE-KMS)`));
  else if (managed) setFact(element, "encrypted", boolFact(managed));
  else setFact(element, "encrypted", fact(true, resource.source, "SSE-SQS is on by default for new queues"));
  const fifo =
    literalString(prop(resource, { terraform: "fifo_queue", cloudformation: "FifoQueue" })?.value) === "true";
  if (fifo) element.technology = "Amazon SQS (FIFO)";
}

function topic(node: Node, element: Element): void {
  const resource = node.resource;
  const kms = prop(resource, { terraform: "kms_master_key_id", cloudformation: "KmsMasterKeyId" });
  setFact(
    element,
    "encrypted",
    kms ? fact(true, kms.at, `${kms.path} set`) : fact(false, resource.source, "no KMS key: not encrypted at rest"),
  );
}

type DataStoreDerivation = (node: Node, element: Element, context: DataStoreContext) => void;

const DERIVATIONS = byType<DataStoreDerivation>([
  [["aws_db_instance", "aws_rds_cluster_instance", "AWS::RDS::DBInstance"], dbInstance],
  [["aws_rds_cluster", "AWS::RDS::DBCluster"], rdsCluster],
  [["aws_elasticache_replication_group", "AWS::ElastiCache::ReplicationGroup"], cacheReplicationGroup],
  [["aws_elasticache_cluster", "AWS::ElastiCache::CacheCluster"], cacheCluster],
  [["aws_elasticache_serverless_cache", "AWS::ElastiCache::ServerlessCache"], serverlessCache],
  [
    [
      "aws_opensearch_domain",
      "aws_elasticsearch_domain",
      "AWS::OpenSearchService::Domain",
      "AWS::Elasticsearch::Domain",
    ],
    searchDomain,
  ],
  [["aws_s3_bucket", "AWS::S3::Bucket"], bucket],
  [["aws_sqs_queue", "AWS::SQS::Queue"], queue],
  [["aws_sns_topic", "AWS::SNS::Topic"], topic],
]);

/** Always-on guarantees of managed services, stated where the resource is declared. */
const SERVERLESS_CACHE = {
  multiAz: "serverless caches replicate across availability zones",
  encrypted: "serverless caches are always encrypted",
};
const DYNAMODB = {
  engine: "dynamodb",
  multiAz: "DynamoDB replicates across three availability zones",
  encrypted: "DynamoDB encrypts at rest by default",
};
const BUILT_IN = byType<{ engine?: string; multiAz: string; encrypted: string }>([
  [["aws_elasticache_serverless_cache", "AWS::ElastiCache::ServerlessCache"], SERVERLESS_CACHE],
  [
    ["aws_dynamodb_table", "AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable", "AWS::Serverless::SimpleTable"],
    DYNAMODB,
  ],
]);

/** The data-store facts of one element (nothing for other types). */
export function applyDataStore(context: DataStoreContext, node: Node, element: Element): void {
  const builtIn = BUILT_IN.get(node.resource.type);
  if (builtIn) {
    const at = node.resource.source;
    if (builtIn.engine) setFact(element, "engine", fact(builtIn.engine, at, builtIn.engine));
    setFact(element, "multiAz", fact(true, at, builtIn.multiAz));
    setFact(element, "encrypted", fact(true, at, builtIn.encrypted));
  }
  DERIVATIONS.get(node.resource.type)?.(node, element, context);
}

/** After every element exists: `replicas` on primaries and clusters, `replicaOf` on Aurora readers. */
export function linkReplicas(context: DataStoreContext): void {
  const replicasOf = new Map<Node, { replicas: Node[]; found: Found }>();
  for (const [replica, { primary, found }] of context.topology.primaryOf) {
    const entry = replicasOf.get(primary);
    if (entry) entry.replicas.push(replica);
    else replicasOf.set(primary, { replicas: [replica], found });
  }
  for (const [primary, { replicas, found }] of replicasOf) {
    const element = context.elementOf(primary);
    if (element)
      setPlain(
        element,
        "replicas",
        replicas.map((node) => node.id),
        evidenceAt(found.at, `${found.path} of ${replicas[0]!.id}`),
      );
  }
  for (const cluster of context.topology.members.keys()) {
    const readers = context.topology.readers(cluster);
    const element = context.elementOf(cluster);
    if (!element || readers.length === 0) continue;
    const existing = Array.isArray(element.attributes.replicas) ? (element.attributes.replicas as string[]) : [];
    const at = prop(readers[0]!.resource, CLUSTER_ID)?.at ?? readers[0]!.resource.source;
    setPlain(
      element,
      "replicas",
      [...existing, ...readers.map((node) => node.id)],
      evidenceAt(
        at,
        `${readers.length} reader instance(s) beyond the writer ${context.topology.members.get(cluster)![0]!.id}`,
      ),
    );
    for (const reader of readers) {
      const readerElement = context.elementOf(reader);
      const readerAt = prop(reader.resource, CLUSTER_ID)?.at ?? reader.resource.source;
      if (readerElement && readerElement.attributes.replicaOf === undefined)
        setPlain(readerElement, "replicaOf", cluster.id, evidenceAt(readerAt, `reader instance of ${cluster.id}`));
    }
  }
}
