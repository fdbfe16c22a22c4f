/**
 * The resource table: Terraform and CloudFormation (incl. SAM) resource types → kind, and whether
 * the resource is architecturally significant (rules.md "Significant resources") or plumbing.
 * One table for both formats: a row names the types of one concept in each.
 */
import type { ElementKind } from "../model/graph.js";

export interface ResourceTypeRow {
  /** The AWS service, used as the element's technology when nothing more precise is known. */
  service: string;
  kind: ElementKind;
  significant: boolean;
  /** Contains other elements: VPC, subnet, ECS cluster. */
  boundary?: boolean;
  terraform: readonly string[];
  cloudformation: readonly string[];
}

export interface ResourceTypeInfo {
  kind: ElementKind;
  significant: boolean;
  boundary: boolean;
  service: string;
  /** False when the type is not in the table and the kind was guessed from its prefix. */
  known: boolean;
}

function row(
  service: string,
  kind: ElementKind,
  significant: boolean,
  terraform: readonly string[],
  cloudformation: readonly string[],
  boundary?: boolean,
): ResourceTypeRow {
  return boundary
    ? { service, kind, significant, boundary, terraform, cloudformation }
    : { service, kind, significant, terraform, cloudformation };
}

const S = true;
const P = false;

/** Every type archlint knows by name. Significant rows first within each service. */
export const RESOURCE_TYPE_TABLE: readonly ResourceTypeRow[] = [
  // EC2 and Auto Scaling
  row("Amazon EC2", "compute", S, ["aws_instance"], ["AWS::EC2::Instance"]),
  row("Amazon EC2 Auto Scaling", "compute", S, ["aws_autoscaling_group"], ["AWS::AutoScaling::AutoScalingGroup"]),
  row(
    "Amazon EC2",
    "compute",
    P,
    [
      "aws_launch_template",
      "aws_launch_configuration",
      "aws_key_pair",
      "aws_ebs_volume",
      "aws_volume_attachment",
      "aws_placement_group",
    ],
    [
      "AWS::EC2::LaunchTemplate",
      "AWS::AutoScaling::LaunchConfiguration",
      "AWS::EC2::KeyPair",
      "AWS::EC2::Volume",
      "AWS::EC2::VolumeAttachment",
      "AWS::EC2::PlacementGroup",
    ],
  ),
  row(
    "Amazon EC2 Auto Scaling",
    "compute",
    P,
    [
      "aws_autoscaling_policy",
      "aws_autoscaling_attachment",
      "aws_autoscaling_schedule",
      "aws_autoscaling_lifecycle_hook",
    ],
    ["AWS::AutoScaling::ScalingPolicy", "AWS::AutoScaling::ScheduledAction", "AWS::AutoScaling::LifecycleHook"],
  ),
  row(
    "Application Auto Scaling",
    "compute",
    P,
    ["aws_appautoscaling_target", "aws_appautoscaling_policy", "aws_appautoscaling_scheduled_action"],
    ["AWS::ApplicationAutoScaling::ScalableTarget", "AWS::ApplicationAutoScaling::ScalingPolicy"],
  ),
  // Containers
  row("Amazon ECS", "container", S, ["aws_ecs_service"], ["AWS::ECS::Service"]),
  row("Amazon ECS", "container", P, ["aws_ecs_cluster"], ["AWS::ECS::Cluster"], true),
  row(
    "Amazon ECS",
    "container",
    P,
    ["aws_ecs_task_definition", "aws_ecs_capacity_provider", "aws_ecs_cluster_capacity_providers", "aws_ecs_task_set"],
    [
      "AWS::ECS::TaskDefinition",
      "AWS::ECS::CapacityProvider",
      "AWS::ECS::ClusterCapacityProviderAssociations",
      "AWS::ECS::TaskSet",
    ],
  ),
  row("Amazon EKS", "container", S, ["aws_eks_cluster"], ["AWS::EKS::Cluster"]),
  row(
    "Amazon EKS",
    "container",
    P,
    ["aws_eks_node_group", "aws_eks_fargate_profile", "aws_eks_addon"],
    ["AWS::EKS::Nodegroup", "AWS::EKS::FargateProfile", "AWS::EKS::Addon"],
  ),
  row("Amazon ECR", "registry", S, ["aws_ecr_repository"], ["AWS::ECR::Repository"]),
  row(
    "Amazon ECR",
    "registry",
    P,
    ["aws_ecr_lifecycle_policy", "aws_ecr_repository_policy", "aws_ecr_replication_configuration"],
    ["AWS::ECR::ReplicationConfiguration"],
  ),
  // Functions
  row("AWS Lambda", "function", S, ["aws_lambda_function"], ["AWS::Lambda::Function", "AWS::Serverless::Function"]),
  row(
    "AWS Lambda",
    "function",
    P,
    [
      "aws_lambda_permission",
      "aws_lambda_event_source_mapping",
      "aws_lambda_alias",
      "aws_lambda_layer_version",
      "aws_lambda_function_url",
    ],
    [
      "AWS::Lambda::Permission",
      "AWS::Lambda::EventSourceMapping",
      "AWS::Lambda::Alias",
      "AWS::Lambda::Version",
      "AWS::Lambda::LayerVersion",
      "AWS::Lambda::Url",
      "AWS::Serverless::LayerVersion",
    ],
  ),
  // Databases
  row(
    "Amazon RDS",
    "database",
    S,
    ["aws_db_instance", "aws_rds_cluster", "aws_rds_cluster_instance"],
    ["AWS::RDS::DBInstance", "AWS::RDS::DBCluster"],
  ),
  row(
    "Amazon RDS",
    "database",
    P,
    [
      "aws_db_subnet_group",
      "aws_db_parameter_group",
      "aws_rds_cluster_parameter_group",
      "aws_db_option_group",
      "aws_db_proxy",
      "aws_rds_global_cluster",
      "aws_db_snapshot",
    ],
    [
      "AWS::RDS::DBSubnetGroup",
      "AWS::RDS::DBParameterGroup",
      "AWS::RDS::DBClusterParameterGroup",
      "AWS::RDS::OptionGroup",
      "AWS::RDS::DBProxy",
      "AWS::RDS::GlobalCluster",
    ],
  ),
  row(
    "Amazon DynamoDB",
    "database",
    S,
    ["aws_dynamodb_table"],
    ["AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable", "AWS::Serverless::SimpleTable"],
  ),
  row("Amazon DocumentDB", "database", S, ["aws_docdb_cluster"], ["AWS::DocDB::DBCluster"]),
  // Caches
  row(
    "Amazon ElastiCache",
    "cache",
    S,
    ["aws_elasticache_replication_group", "aws_elasticache_cluster", "aws_elasticache_serverless_cache"],
    ["AWS::ElastiCache::ReplicationGroup", "AWS::ElastiCache::CacheCluster", "AWS::ElastiCache::ServerlessCache"],
  ),
  row(
    "Amazon ElastiCache",
    "cache",
    P,
    [
      "aws_elasticache_subnet_group",
      "aws_elasticache_parameter_group",
      "aws_elasticache_user",
      "aws_elasticache_user_group",
    ],
    [
      "AWS::ElastiCache::SubnetGroup",
      "AWS::ElastiCache::ParameterGroup",
      "AWS::ElastiCache::User",
      "AWS::ElastiCache::UserGroup",
    ],
  ),
  row("Amazon MemoryDB", "cache", S, ["aws_memorydb_cluster"], ["AWS::MemoryDB::Cluster"]),
  // Search
  row(
    "Amazon OpenSearch Service",
    "search",
    S,
    ["aws_opensearch_domain", "aws_elasticsearch_domain", "aws_opensearchserverless_collection"],
    ["AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain", "AWS::OpenSearchServerless::Collection"],
  ),
  row(
    "Amazon OpenSearch Service",
    "search",
    P,
    ["aws_opensearch_domain_policy", "aws_elasticsearch_domain_policy", "aws_opensearchserverless_security_policy"],
    ["AWS::OpenSearchServerless::SecurityPolicy"],
  ),
  // Storage
  row("Amazon S3", "object-storage", S, ["aws_s3_bucket"], ["AWS::S3::Bucket"]),
  row("Amazon S3", "object-storage", P, [], ["AWS::S3::BucketPolicy"]),
  row(
    "Amazon EFS",
    "object-storage",
    P,
    ["aws_efs_file_system", "aws_efs_mount_target", "aws_efs_access_point"],
    ["AWS::EFS::FileSystem", "AWS::EFS::MountTarget", "AWS::EFS::AccessPoint"],
  ),
  // Messaging
  row("Amazon SQS", "queue", S, ["aws_sqs_queue"], ["AWS::SQS::Queue"]),
  row(
    "Amazon SQS",
    "queue",
    P,
    ["aws_sqs_queue_policy", "aws_sqs_queue_redrive_policy", "aws_sqs_queue_redrive_allow_policy"],
    ["AWS::SQS::QueuePolicy"],
  ),
  row("Amazon MQ", "queue", S, ["aws_mq_broker"], ["AWS::AmazonMQ::Broker"]),
  row("Amazon Kinesis", "queue", S, ["aws_kinesis_stream"], ["AWS::Kinesis::Stream"]),
  row(
    "Amazon MSK",
    "queue",
    S,
    ["aws_msk_cluster", "aws_msk_serverless_cluster"],
    ["AWS::MSK::Cluster", "AWS::MSK::ServerlessCluster"],
  ),
  row("Amazon SNS", "topic", S, ["aws_sns_topic"], ["AWS::SNS::Topic"]),
  row(
    "Amazon SNS",
    "topic",
    P,
    ["aws_sns_topic_subscription", "aws_sns_topic_policy"],
    ["AWS::SNS::Subscription", "AWS::SNS::TopicPolicy", "AWS::SNS::TopicInlinePolicy"],
  ),
  row("Amazon EventBridge", "topic", S, ["aws_cloudwatch_event_bus"], ["AWS::Events::EventBus"]),
  row(
    "Amazon EventBridge",
    "topic",
    P,
    [
      "aws_cloudwatch_event_rule",
      "aws_cloudwatch_event_target",
      "aws_cloudwatch_event_bus_policy",
      "aws_cloudwatch_event_archive",
      "aws_scheduler_schedule",
      "aws_pipes_pipe",
    ],
    [
      "AWS::Events::Rule",
      "AWS::Events::EventBusPolicy",
      "AWS::Events::Archive",
      "AWS::Scheduler::Schedule",
      "AWS::Pipes::Pipe",
    ],
  ),
  // API Gateway: the API is significant, its parts are plumbing (prefix fallback below).
  row(
    "Amazon API Gateway",
    "gateway",
    S,
    ["aws_api_gateway_rest_api"],
    ["AWS::ApiGateway::RestApi", "AWS::Serverless::Api"],
  ),
  row(
    "Amazon API Gateway",
    "gateway",
    S,
    ["aws_apigatewayv2_api"],
    ["AWS::ApiGatewayV2::Api", "AWS::Serverless::HttpApi"],
  ),
  // Load balancing
  row(
    "Elastic Load Balancing",
    "load-balancer",
    S,
    ["aws_lb", "aws_alb", "aws_elb"],
    ["AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::ElasticLoadBalancing::LoadBalancer"],
  ),
  row(
    "Elastic Load Balancing",
    "load-balancer",
    P,
    [
      "aws_lb_listener",
      "aws_alb_listener",
      "aws_lb_listener_rule",
      "aws_alb_listener_rule",
      "aws_lb_target_group",
      "aws_alb_target_group",
      "aws_lb_target_group_attachment",
      "aws_alb_target_group_attachment",
      "aws_lb_listener_certificate",
    ],
    [
      "AWS::ElasticLoadBalancingV2::Listener",
      "AWS::ElasticLoadBalancingV2::ListenerRule",
      "AWS::ElasticLoadBalancingV2::TargetGroup",
      "AWS::ElasticLoadBalancingV2::ListenerCertificate",
    ],
  ),
  // Edge
  row("Amazon CloudFront", "cdn", S, ["aws_cloudfront_distribution"], ["AWS::CloudFront::Distribution"]),
  row("Amazon Route 53", "dns", S, ["aws_route53_zone"], ["AWS::Route53::HostedZone"]),
  row(
    "Amazon Route 53",
    "dns",
    P,
    ["aws_route53_record", "aws_route53_health_check"],
    ["AWS::Route53::RecordSet", "AWS::Route53::RecordSetGroup", "AWS::Route53::HealthCheck"],
  ),
  // Secrets and keys
  row("AWS Secrets Manager", "secret-store", S, ["aws_secretsmanager_secret"], ["AWS::SecretsManager::Secret"]),
  row(
    "AWS Secrets Manager",
    "secret-store",
    P,
    ["aws_secretsmanager_secret_version", "aws_secretsmanager_secret_rotation", "aws_secretsmanager_secret_policy"],
    [
      "AWS::SecretsManager::RotationSchedule",
      "AWS::SecretsManager::SecretTargetAttachment",
      "AWS::SecretsManager::ResourcePolicy",
    ],
  ),
  row("AWS Systems Manager Parameter Store", "secret-store", P, ["aws_ssm_parameter"], ["AWS::SSM::Parameter"]),
  row("AWS KMS", "secret-store", P, ["aws_kms_key", "aws_kms_alias"], ["AWS::KMS::Key", "AWS::KMS::Alias"]),
  // Monitoring
  row(
    "Amazon CloudWatch",
    "monitoring",
    P,
    [
      "aws_cloudwatch_log_group",
      "aws_cloudwatch_metric_alarm",
      "aws_cloudwatch_dashboard",
      "aws_cloudwatch_log_subscription_filter",
      "aws_cloudwatch_log_metric_filter",
      "aws_cloudwatch_composite_alarm",
    ],
    [
      "AWS::Logs::LogGroup",
      "AWS::CloudWatch::Alarm",
      "AWS::CloudWatch::Dashboard",
      "AWS::Logs::SubscriptionFilter",
      "AWS::Logs::MetricFilter",
      "AWS::CloudWatch::CompositeAlarm",
    ],
  ),
  // CI/CD
  row("AWS CodePipeline", "pipeline", S, ["aws_codepipeline"], ["AWS::CodePipeline::Pipeline"]),
  row("AWS CodeBuild", "pipeline", S, ["aws_codebuild_project"], ["AWS::CodeBuild::Project"]),
  row("AWS CodeCommit", "pipeline", S, ["aws_codecommit_repository"], ["AWS::CodeCommit::Repository"]),
  // The link to a source host (GitHub, Bitbucket) a pipeline pulls from: wiring, not a component.
  row(
    "AWS CodeStar Connections",
    "pipeline",
    P,
    ["aws_codestarconnections_connection", "aws_codestarconnections_host"],
    ["AWS::CodeStarConnections::Connection"],
  ),
  // Email: a sending identity is configuration of the email service, not a component
  // (rules.md lists no email resource among the significant ones).
  row(
    "Amazon SES",
    "email",
    P,
    ["aws_ses_domain_identity", "aws_ses_email_identity", "aws_sesv2_email_identity"],
    ["AWS::SES::EmailIdentity"],
  ),
  // Identity
  row("Amazon Cognito", "identity", S, ["aws_cognito_user_pool"], ["AWS::Cognito::UserPool"]),
  // Network
  row("Amazon VPC", "network", P, ["aws_vpc", "aws_default_vpc"], ["AWS::EC2::VPC"], true),
  row("Amazon VPC", "network", P, ["aws_subnet", "aws_default_subnet"], ["AWS::EC2::Subnet"], true),
  row(
    "Amazon VPC",
    "network",
    P,
    [
      "aws_route_table",
      "aws_default_route_table",
      "aws_route",
      "aws_route_table_association",
      "aws_main_route_table_association",
      "aws_internet_gateway",
      "aws_egress_only_internet_gateway",
      "aws_nat_gateway",
      "aws_eip",
      "aws_eip_association",
      "aws_vpc_endpoint",
      "aws_security_group",
      "aws_default_security_group",
      "aws_security_group_rule",
      "aws_vpc_security_group_ingress_rule",
      "aws_vpc_security_group_egress_rule",
      "aws_network_interface",
      "aws_network_acl",
      "aws_network_acl_rule",
    ],
    [
      "AWS::EC2::RouteTable",
      "AWS::EC2::Route",
      "AWS::EC2::SubnetRouteTableAssociation",
      "AWS::EC2::InternetGateway",
      "AWS::EC2::VPCGatewayAttachment",
      "AWS::EC2::EgressOnlyInternetGateway",
      "AWS::EC2::NatGateway",
      "AWS::EC2::EIP",
      "AWS::EC2::EIPAssociation",
      "AWS::EC2::VPCEndpoint",
      "AWS::EC2::SecurityGroup",
      "AWS::EC2::SecurityGroupIngress",
      "AWS::EC2::SecurityGroupEgress",
      "AWS::EC2::NetworkInterface",
      "AWS::EC2::NetworkAcl",
      "AWS::EC2::NetworkAclEntry",
    ],
  ),
];

/**
 * Fallback for types not in the table: the kind of the type's service. One row per service,
 * with its Terraform type prefixes and its CloudFormation namespaces, so that an unlisted type
 * gets the same kind and service in both formats. Terraform prefixes are matched longest first
 * (`aws_route53_` before `aws_route`); CloudFormation by the namespace (`AWS::<namespace>::…`).
 */
export interface ServiceFallback {
  service: string;
  kind: ElementKind;
  terraform: readonly string[];
  cloudformation: readonly string[];
}

function service(
  name: string,
  kind: ElementKind,
  terraform: readonly string[],
  cloudformation: readonly string[],
): ServiceFallback {
  return { service: name, kind, terraform, cloudformation };
}

export const SERVICE_FALLBACKS: readonly ServiceFallback[] = [
  service("Amazon API Gateway", "gateway", ["aws_api_gateway_", "aws_apigatewayv2_"], ["ApiGateway", "ApiGatewayV2"]),
  service(
    "Amazon EventBridge",
    "topic",
    ["aws_cloudwatch_event_", "aws_scheduler_", "aws_pipes_"],
    ["Events", "Scheduler", "Pipes"],
  ),
  service("Amazon CloudWatch", "monitoring", ["aws_cloudwatch_"], ["CloudWatch", "Logs"]),
  service("AWS X-Ray", "monitoring", ["aws_xray_"], ["XRay"]),
  service("Amazon S3", "object-storage", ["aws_s3_"], ["S3"]),
  service("AWS IAM", "identity", ["aws_iam_"], ["IAM"]),
  service("Amazon Cognito", "identity", ["aws_cognito_"], ["Cognito"]),
  service("AWS Certificate Manager", "identity", ["aws_acm_"], ["CertificateManager"]),
  service("Amazon Route 53", "dns", ["aws_route53_"], ["Route53"]),
  service("AWS Cloud Map", "dns", ["aws_service_discovery_"], ["ServiceDiscovery"]),
  service("Amazon CloudFront", "cdn", ["aws_cloudfront_"], ["CloudFront"]),
  service(
    "Elastic Load Balancing",
    "load-balancer",
    ["aws_lb_", "aws_alb_", "aws_elb_"],
    ["ElasticLoadBalancingV2", "ElasticLoadBalancing"],
  ),
  service("Amazon ECS", "container", ["aws_ecs_"], ["ECS"]),
  service("Amazon EKS", "container", ["aws_eks_"], ["EKS"]),
  service("Amazon ECR", "registry", ["aws_ecr_"], ["ECR"]),
  service("AWS Lambda", "function", ["aws_lambda_"], ["Lambda"]),
  service("Amazon RDS", "database", ["aws_db_", "aws_rds_"], ["RDS"]),
  service("Amazon DynamoDB", "database", ["aws_dynamodb_"], ["DynamoDB"]),
  service("Amazon DocumentDB", "database", ["aws_docdb_"], ["DocDB"]),
  service("Amazon ElastiCache", "cache", ["aws_elasticache_"], ["ElastiCache"]),
  service("Amazon MemoryDB", "cache", ["aws_memorydb_"], ["MemoryDB"]),
  service(
    "Amazon OpenSearch Service",
    "search",
    ["aws_opensearch_", "aws_opensearchserverless_", "aws_elasticsearch_"],
    ["OpenSearchService", "OpenSearchServerless", "Elasticsearch"],
  ),
  service("Amazon EFS", "object-storage", ["aws_efs_"], ["EFS"]),
  service("Amazon SQS", "queue", ["aws_sqs_"], ["SQS"]),
  service("Amazon MQ", "queue", ["aws_mq_"], ["AmazonMQ"]),
  service("Amazon Kinesis", "queue", ["aws_kinesis_"], ["Kinesis"]),
  service("Amazon MSK", "queue", ["aws_msk_"], ["MSK"]),
  service("Amazon SNS", "topic", ["aws_sns_"], ["SNS"]),
  service("AWS Secrets Manager", "secret-store", ["aws_secretsmanager_"], ["SecretsManager"]),
  service("AWS Systems Manager", "secret-store", ["aws_ssm_"], ["SSM"]),
  service("AWS KMS", "secret-store", ["aws_kms_"], ["KMS"]),
  service("AWS CodePipeline", "pipeline", ["aws_codepipeline"], ["CodePipeline"]),
  service("AWS CodeBuild", "pipeline", ["aws_codebuild_"], ["CodeBuild"]),
  service("AWS CodeCommit", "pipeline", ["aws_codecommit_"], ["CodeCommit"]),
  service("AWS CodeDeploy", "pipeline", ["aws_codedeploy_"], ["CodeDeploy"]),
  service("AWS CodeArtifact", "registry", ["aws_codeartifact_"], ["CodeArtifact"]),
  service("AWS CodeStar Connections", "pipeline", ["aws_codestarconnections_"], ["CodeStarConnections"]),
  service("AWS CodeStar Notifications", "pipeline", ["aws_codestarnotifications_"], ["CodeStarNotifications"]),
  service("Amazon SES", "email", ["aws_ses_", "aws_sesv2_"], ["SES"]),
  service("Amazon EC2 Auto Scaling", "compute", ["aws_autoscaling_"], ["AutoScaling"]),
  service("Application Auto Scaling", "compute", ["aws_appautoscaling_"], ["ApplicationAutoScaling"]),
  service(
    "Amazon VPC",
    "network",
    ["aws_ec2_", "aws_vpc", "aws_subnet", "aws_route", "aws_network", "aws_nat_", "aws_default_"],
    ["EC2"],
  ),
  service("AWS WAF", "network", ["aws_wafv2_", "aws_waf_", "aws_wafregional_"], ["WAFv2", "WAF", "WAFRegional"]),
];

/** Terraform prefixes, longest first (so the most specific service wins). */
const TERRAFORM_PREFIXES: readonly [string, ServiceFallback][] = SERVICE_FALLBACKS.flatMap((entry) =>
  entry.terraform.map((prefix) => [prefix, entry] as [string, ServiceFallback]),
).sort((a, b) => b[0].length - a[0].length);

const CLOUDFORMATION_NAMESPACES: ReadonlyMap<string, ServiceFallback> = new Map(
  SERVICE_FALLBACKS.flatMap((entry) => entry.cloudformation.map((namespace) => [namespace, entry] as const)),
);

const BY_TYPE: ReadonlyMap<string, ResourceTypeInfo> = (() => {
  const map = new Map<string, ResourceTypeInfo>();
  for (const entry of RESOURCE_TYPE_TABLE) {
    const info: ResourceTypeInfo = {
      kind: entry.kind,
      significant: entry.significant,
      boundary: entry.boundary ?? false,
      service: entry.service,
      known: true,
    };
    for (const type of [...entry.terraform, ...entry.cloudformation]) map.set(type, info);
  }
  return map;
})();

function fallbackInfo(type: string): ResourceTypeInfo {
  const plumbing = (kind: ElementKind, service: string): ResourceTypeInfo => ({
    kind,
    significant: false,
    boundary: false,
    service,
    known: false,
  });
  const hit = fallbackService(type);
  if (hit) return plumbing(hit.kind, hit.service);
  if (type.startsWith("AWS::")) {
    const namespace = type.split("::")[1] ?? "";
    return plumbing("application", namespace === "Serverless" ? "AWS SAM" : `AWS ${namespace}`);
  }
  return plumbing("application", type.startsWith("aws_") ? "AWS" : type.split("_")[0] || type);
}

/** The service row an unlisted type falls back on, by Terraform prefix or CloudFormation namespace. */
export function fallbackService(type: string): ServiceFallback | undefined {
  if (type.startsWith("AWS::")) return CLOUDFORMATION_NAMESPACES.get(type.split("::")[1] ?? "");
  return TERRAFORM_PREFIXES.find(([prefix]) => type.startsWith(prefix))?.[1];
}

const FALLBACKS = new Map<string, ResourceTypeInfo>();

/** Kind, significance and service of a Terraform or CloudFormation resource type. */
export function resourceTypeInfo(type: string): ResourceTypeInfo {
  const known = BY_TYPE.get(type) ?? FALLBACKS.get(type);
  if (known) return known;
  const guessed = fallbackInfo(type);
  FALLBACKS.set(type, guessed);
  return guessed;
}

export interface SignificantResourceType {
  type: string;
  format: "terraform" | "cloudformation";
  kind: ElementKind;
  service: string;
}

/** The significant types, for `archlint init` and the docs, ordered as the table lists them. */
export function significantResourceTypes(): SignificantResourceType[] {
  const list: SignificantResourceType[] = [];
  for (const entry of RESOURCE_TYPE_TABLE) {
    if (!entry.significant) continue;
    for (const type of entry.terraform)
      list.push({ type, format: "terraform", kind: entry.kind, service: entry.service });
    for (const type of entry.cloudformation)
      list.push({ type, format: "cloudformation", kind: entry.kind, service: entry.service });
  }
  return list;
}
