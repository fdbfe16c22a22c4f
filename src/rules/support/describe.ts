/** How messages name things: resources by what they are and their address, elements by label and id. */
import { maskSecret } from "../../iac/secrets.js";
import type { Element, ElementKind, EnvVar, IngressRule, PortRange } from "../../model/graph.js";

export { describeDoc } from "../../mapping/elements.js";

/** Resource types, both formats, as people call them. */
const TYPE_NOUNS: Record<string, string> = {
  aws_instance: "EC2 instance",
  "AWS::EC2::Instance": "EC2 instance",
  aws_launch_template: "launch template",
  "AWS::EC2::LaunchTemplate": "launch template",
  aws_autoscaling_group: "Auto Scaling group",
  "AWS::AutoScaling::AutoScalingGroup": "Auto Scaling group",
  aws_ecs_service: "ECS service",
  "AWS::ECS::Service": "ECS service",
  aws_ecs_task_definition: "ECS task definition",
  "AWS::ECS::TaskDefinition": "ECS task definition",
  aws_eks_cluster: "EKS cluster",
  "AWS::EKS::Cluster": "EKS cluster",
  aws_lambda_function: "Lambda function",
  "AWS::Lambda::Function": "Lambda function",
  "AWS::Serverless::Function": "Lambda function",
  aws_db_instance: "RDS instance",
  "AWS::RDS::DBInstance": "RDS instance",
  aws_rds_cluster: "RDS cluster",
  "AWS::RDS::DBCluster": "RDS cluster",
  aws_rds_cluster_instance: "RDS cluster instance",
  aws_dynamodb_table: "DynamoDB table",
  "AWS::DynamoDB::Table": "DynamoDB table",
  aws_elasticache_replication_group: "ElastiCache replication group",
  "AWS::ElastiCache::ReplicationGroup": "ElastiCache replication group",
  aws_elasticache_cluster: "ElastiCache cluster",
  "AWS::ElastiCache::CacheCluster": "ElastiCache cluster",
  aws_opensearch_domain: "OpenSearch domain",
  "AWS::OpenSearchService::Domain": "OpenSearch domain",
  aws_elasticsearch_domain: "Elasticsearch domain",
  "AWS::Elasticsearch::Domain": "Elasticsearch domain",
  aws_s3_bucket: "S3 bucket",
  "AWS::S3::Bucket": "S3 bucket",
  aws_sqs_queue: "SQS queue",
  "AWS::SQS::Queue": "SQS queue",
  aws_sns_topic: "SNS topic",
  "AWS::SNS::Topic": "SNS topic",
  aws_cloudwatch_event_bus: "EventBridge event bus",
  "AWS::Events::EventBus": "EventBridge event bus",
  aws_api_gateway_rest_api: "API Gateway REST API",
  "AWS::ApiGateway::RestApi": "API Gateway REST API",
  "AWS::Serverless::Api": "API Gateway REST API",
  aws_apigatewayv2_api: "API Gateway HTTP API",
  "AWS::ApiGatewayV2::Api": "API Gateway HTTP API",
  aws_lb: "load balancer",
  aws_alb: "load balancer",
  "AWS::ElasticLoadBalancingV2::LoadBalancer": "load balancer",
  aws_elb: "classic load balancer",
  "AWS::ElasticLoadBalancing::LoadBalancer": "classic load balancer",
  aws_cloudfront_distribution: "CloudFront distribution",
  "AWS::CloudFront::Distribution": "CloudFront distribution",
  aws_route53_zone: "Route 53 hosted zone",
  "AWS::Route53::HostedZone": "Route 53 hosted zone",
  aws_secretsmanager_secret: "Secrets Manager secret",
  "AWS::SecretsManager::Secret": "Secrets Manager secret",
  aws_ecr_repository: "ECR repository",
  "AWS::ECR::Repository": "ECR repository",
  aws_codepipeline: "CodePipeline pipeline",
  "AWS::CodePipeline::Pipeline": "CodePipeline pipeline",
  aws_codebuild_project: "CodeBuild project",
  "AWS::CodeBuild::Project": "CodeBuild project",
  aws_cognito_user_pool: "Cognito user pool",
  "AWS::Cognito::UserPool": "Cognito user pool",
  aws_vpc: "VPC",
  "AWS::EC2::VPC": "VPC",
  aws_subnet: "subnet",
  "AWS::EC2::Subnet": "subnet",
  aws_security_group: "security group",
  "AWS::EC2::SecurityGroup": "security group",
};

const KIND_NOUNS: Record<ElementKind, string> = {
  person: "person",
  "external-system": "external system",
  application: "application",
  compute: "instance",
  container: "container service",
  function: "function",
  database: "database",
  cache: "cache",
  queue: "queue",
  topic: "topic",
  "object-storage": "bucket",
  search: "search domain",
  gateway: "API gateway",
  "load-balancer": "load balancer",
  cdn: "CDN distribution",
  dns: "DNS zone",
  "secret-store": "secret",
  monitoring: "monitoring resource",
  email: "email service",
  registry: "container registry",
  pipeline: "pipeline",
  identity: "identity resource",
  network: "network resource",
  boundary: "group",
};

/** "RDS instance", "ECS service", or the kind when the type is not one people name. */
export function resourceNoun(element: Element): string {
  const type = element.attributes.type;
  return (type && TYPE_NOUNS[type]) || KIND_NOUNS[element.kind];
}

/** `RDS instance aws_db_instance.primary`. */
export function describeResource(element: Element): string {
  return `${resourceNoun(element)} ${element.id}`;
}

/** The kind as a noun phrase with its article: "a database", "an API gateway". */
export function kindPhrase(kind: ElementKind): string {
  const noun = KIND_NOUNS[kind];
  return `${/^[aeiou]/i.test(noun) ? "an" : "a"} ${noun}`;
}

export function isCloudFormation(element: Element): boolean {
  return element.attributes.type?.startsWith("AWS::") === true;
}

/** Fix hints per kind of resource, written for Terraform and for CloudFormation. */
export type FixByKind = Partial<Record<ElementKind, [terraform: string, cloudformation: string]>>;

/** The fix hint in the resource's own format, or `otherwise` for kinds the table does not name. */
export function fixFor(resource: Element, fixes: FixByKind, otherwise: string): string {
  const fix = fixes[resource.kind];
  return fix ? fix[isCloudFormation(resource) ? 1 : 0] : otherwise;
}

/** Where the actual graph comes from, for messages. */
export function actualSide(command: "check" | "drift"): string {
  return command === "drift" ? "the AWS account" : "the infrastructure code";
}

export function formatPortRange(range: PortRange): string {
  if (range.protocol === "-1" || (range.from <= 0 && range.to >= 65535)) return "all ports";
  return range.from === range.to ? `port ${range.from}` : `ports ${range.from}-${range.to}`;
}

/** "port 22 from 0.0.0.0/0, ports 80-443 from ::/0". */
export function formatIngress(rules: IngressRule[]): string {
  const parts = rules.map((rule) => {
    const sources = [...rule.cidrs, ...rule.fromGroups].join(", ");
    return sources ? `${formatPortRange(rule.ports)} from ${sources}` : formatPortRange(rule.ports);
  });
  return [...new Set(parts)].join(", ");
}

/** A value the graph already masked: `"sk_l…" (32 chars)`. */
const MASKED = /^"[^"]{0,4}…" \(\d+ chars\)$/;

/**
 * The value of a secret-looking variable, masked. The graph masks secret values already; a
 * value that does not look masked is masked again here, so a raw secret is never printed.
 */
export function maskedValue(variable: EnvVar): string | undefined {
  const value = variable.value;
  if (value === undefined) return undefined;
  return MASKED.test(value) ? value : maskSecret(value);
}

/** "a, b and c". */
export function listing(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
