import { type Element, isUnknown } from "../model/graph.js";
import {
  describeDoc,
  describeResource,
  docEvidence,
  findingAt,
  type RuleIndex,
  ruleIndex,
  unresolvedFix,
  unresolvedHint,
} from "./support/index.js";
import type { Rule } from "./types.js";

/** A technology family; two families of one category can stand in for each other in a design, not in code. */
interface Family {
  id: string;
  name: string;
  category: "relational" | "key-value" | "messaging" | "search" | "document";
  pattern: RegExp;
}

const FAMILIES: Family[] = [
  { id: "postgres", name: "PostgreSQL", category: "relational", pattern: /postgre(s|sql)?\b|\bpsql\b/i },
  { id: "mysql", name: "MySQL", category: "relational", pattern: /\bmysql\b|aurora-mysql/i },
  { id: "mariadb", name: "MariaDB", category: "relational", pattern: /\bmariadb\b/i },
  { id: "oracle", name: "Oracle", category: "relational", pattern: /\boracle\b/i },
  { id: "sqlserver", name: "SQL Server", category: "relational", pattern: /\bsql ?server\b|\bsqlserver/i },
  // Valkey is a Redis fork, wire-compatible: not a mismatch.
  { id: "redis", name: "Redis", category: "key-value", pattern: /\bredis\b|\bvalkey\b/i },
  { id: "memcached", name: "Memcached", category: "key-value", pattern: /\bmemcached?\b/i },
  { id: "dynamodb", name: "DynamoDB", category: "document", pattern: /\bdynamo(db)?\b/i },
  { id: "mongodb", name: "MongoDB", category: "document", pattern: /\bmongo(db)?\b|\bdocumentdb\b/i },
  { id: "sqs", name: "Amazon SQS", category: "messaging", pattern: /\bsqs\b|simple queue service/i },
  { id: "sns", name: "Amazon SNS", category: "messaging", pattern: /\bsns\b|simple notification service/i },
  { id: "kinesis", name: "Kinesis", category: "messaging", pattern: /\bkinesis\b/i },
  { id: "eventbridge", name: "EventBridge", category: "messaging", pattern: /\beventbridge\b|\bevent ?bus\b/i },
  { id: "kafka", name: "Kafka", category: "messaging", pattern: /\bkafka\b|\bmsk\b/i },
  { id: "rabbitmq", name: "RabbitMQ", category: "messaging", pattern: /\brabbitmq\b|\bamazon mq\b/i },
  { id: "opensearch", name: "OpenSearch", category: "search", pattern: /opensearch/i },
  { id: "elasticsearch", name: "Elasticsearch", category: "search", pattern: /elasticsearch/i },
];

/** Resource types whose family is fixed by the type itself. */
const TYPE_FAMILIES: Record<string, string> = {
  aws_sqs_queue: "sqs",
  "AWS::SQS::Queue": "sqs",
  aws_sns_topic: "sns",
  "AWS::SNS::Topic": "sns",
  aws_kinesis_stream: "kinesis",
  "AWS::Kinesis::Stream": "kinesis",
  aws_cloudwatch_event_bus: "eventbridge",
  "AWS::Events::EventBus": "eventbridge",
  aws_msk_cluster: "kafka",
  "AWS::MSK::Cluster": "kafka",
  aws_dynamodb_table: "dynamodb",
  "AWS::DynamoDB::Table": "dynamodb",
  aws_elasticsearch_domain: "elasticsearch",
  "AWS::Elasticsearch::Domain": "elasticsearch",
};

/** Categories of resource types whose family is their engine, for when the engine is unknown. */
const ENGINE_CATEGORIES: Record<string, Family["category"]> = {
  aws_db_instance: "relational",
  "AWS::RDS::DBInstance": "relational",
  aws_rds_cluster: "relational",
  "AWS::RDS::DBCluster": "relational",
  aws_elasticache_replication_group: "key-value",
  "AWS::ElastiCache::ReplicationGroup": "key-value",
  aws_elasticache_cluster: "key-value",
  "AWS::ElastiCache::CacheCluster": "key-value",
  aws_opensearch_domain: "search",
  "AWS::OpenSearchService::Domain": "search",
};

function familiesIn(text: string | undefined): Family[] {
  if (!text) return [];
  return FAMILIES.filter((family) => family.pattern.test(text));
}

function familyById(id: string): Family | undefined {
  return FAMILIES.find((family) => family.id === id);
}

type ActualTechnology = { family: Family } | { unknown: string; category: Family["category"] } | undefined;

function actualTechnology(resource: Element): ActualTechnology {
  const engine = resource.attributes.engine;
  const type = resource.attributes.type ?? "";
  if (isUnknown(engine)) {
    const category = ENGINE_CATEGORIES[type];
    return category ? { unknown: engine.unknown, category } : undefined;
  }
  const family = familiesIn(engine)[0] ?? familyById(TYPE_FAMILIES[type] ?? "");
  if (family) return { family };
  if (ENGINE_CATEGORIES[type]) return undefined;
  const [fromTechnology, ...others] = familiesIn(resource.technology);
  return fromTechnology && others.length === 0 ? { family: fromTechnology } : undefined;
}

/**
 * The families the documents state for an element, in one category: from its engine,
 * technology and label, else its description (where seed documents put the technology).
 */
function documentedFamilies(element: Element, category: Family["category"]): Family[] {
  const engine = element.attributes.engine;
  const stated = [
    ...familiesIn(typeof engine === "string" ? engine : undefined),
    ...familiesIn(element.technology),
    ...familiesIn(element.label),
  ].filter((family) => family.category === category);
  if (stated.length > 0) return [...new Set(stated)];
  return familiesIn(element.description).filter((family) => family.category === category);
}

/**
 * A replica runs its primary's engine: when the primary is mapped, the primary's finding (or
 * its absence) speaks for the replica too.
 */
function followsItsPrimary(resource: Element, index: RuleIndex): boolean {
  const primary = resource.attributes.replicaOf;
  return primary !== undefined && index.componentsOf(primary).length > 0;
}

function technologyFix(resource: Element, documented: Family): string {
  return `use ${documented.name} for ${resource.id}, or update the architecture if the switch was intended`;
}

export const technologyMismatch: Rule = {
  meta: {
    id: "technology-mismatch",
    description: "The documented technology differs from the actual one",
    defaultLevel: "warning",
    commands: ["check", "drift"],
    docs: {
      explanation:
        "Documents name technologies: PostgreSQL or MySQL, Redis or Memcached, SQS or SNS, OpenSearch or Elasticsearch. Code that runs another technology of the same family than the one documented usually means a migration that the documents missed, or a resource created from the wrong template. Only families of one category are compared (a database engine with a database engine); the documented technology comes from the element's technology, label or engine, else its description. An engine given by an unresolved variable gives a note.",
      drifted: [
        "```mermaid",
        "C4Container",
        '  ContainerDb(db, "Orders DB", "Amazon RDS for PostgreSQL")',
        "```",
        "",
        "```hcl",
        'resource "aws_db_instance" "orders" {',
        '  engine = "mysql"',
        "}",
        "```",
      ].join("\n"),
      fixed: ["```hcl", 'resource "aws_db_instance" "orders" {', '  engine = "postgres"', "}", "```"].join("\n"),
    },
  },
  check(context) {
    const index = ruleIndex(context);
    for (const { resource, components } of index.mappedResources) {
      if (followsItsPrimary(resource, index)) continue;
      const actual = actualTechnology(resource);
      if (!actual) continue;
      const category = "family" in actual ? actual.family.category : actual.category;
      const stating = components
        .map((component) => ({ component, families: documentedFamilies(component, category) }))
        .find((entry) => entry.families.length > 0);
      if (!stating) continue;
      const { component, families } = stating;
      const documented = families.map((family) => family.name).join(" or ");
      const base = findingAt(index, resource, "engine", component, [
        docEvidence(component, "engine", `documented as ${documented}: ${describeDoc(component)}`),
      ]);
      if ("unknown" in actual) {
        context.report({
          ...base,
          level: "note",
          message: `The engine of ${describeResource(resource)} is unknown, and the architecture documents ${describeDoc(component)} as ${documented}: ${unresolvedHint(actual, resource)}`,
          fix: unresolvedFix(resource),
        });
        continue;
      }
      if (families.some((family) => family.id === actual.family.id)) continue;
      context.report({
        ...base,
        message: `${describeResource(resource)} runs ${actual.family.name}, but the architecture documents ${describeDoc(component)} as ${documented}`,
        fix: technologyFix(resource, families[0]!),
      });
    }
  },
};
