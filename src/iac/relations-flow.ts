/**
 * Relations that messages and data follow:
 * - SNS subscriptions: `publishes` from the topic to the subscriber (queue, function, …);
 * - Lambda event source mappings and SAM SQS / Kinesis / DynamoDB events: `consumes` from the
 *   function to the source; SAM SNS / S3 events and S3 notifications: `publishes` from the
 *   topic / bucket to the function, queue or topic;
 * - EventBridge rule targets on a custom bus: `publishes` from the bus to the target;
 * - read replicas: `replicates` from the replica to its primary (Aurora readers to their cluster);
 * - environment values that name a resource, and container images from a repository: `reference`
 *   from the element that runs with that environment;
 * - pipeline actions that name a project, repository or service: `uses` from the pipeline.
 */
import type { IacObject, IacValue } from "../model/iac.js";
import type { SourceLocation } from "../model/source.js";
import { ECS_SERVICE_TYPES, TASK_DEFINITION_TYPES } from "./capacity.js";
import type { DatabaseTopology } from "./data-stores.js";
import type { EnvReference } from "./env.js";
import { containerDefinitions } from "./env.js";
import { CLUSTER_ID, LAUNCH_TYPES } from "./placement.js";
import type { RelationSink } from "./relation-sink.js";
import { type Node, type ResourceIndex, types } from "./resource-index.js";
import { type AttrName, allFields, type Found, field, literalString, prop } from "./values.js";

const ASG_TYPES = types("aws_autoscaling_group", "AWS::AutoScaling::AutoScalingGroup");
const BUS_TYPES = types("aws_cloudwatch_event_bus", "AWS::Events::EventBus");
const RULE_TYPES = types("aws_cloudwatch_event_rule", "AWS::Events::Rule");

/** The targets an attribute names, through an owning resource when it names plumbing (a Lambda alias → its function). */
function targetsOf(index: ResourceIndex, from: Node, found: Found | undefined): Node[] {
  if (!found) return [];
  return index.targets(from, found.value).map((node) => ownerOf(index, node));
}

const OWNER_ATTRS: Record<string, AttrName> = {
  aws_lambda_alias: { terraform: "function_name" },
  "AWS::Lambda::Alias": { cloudformation: "FunctionName" },
  "AWS::Lambda::Version": { cloudformation: "FunctionName" },
  aws_lb_listener: { terraform: "load_balancer_arn" },
  aws_alb_listener: { terraform: "load_balancer_arn" },
  "AWS::ElasticLoadBalancingV2::Listener": { cloudformation: "LoadBalancerArn" },
  aws_secretsmanager_secret_version: { terraform: "secret_id" },
  aws_lambda_function_url: { terraform: "function_name" },
  "AWS::Lambda::Url": { cloudformation: "TargetFunctionArn" },
};

/** The significant resource a plumbing resource belongs to (itself when there is none). */
export function ownerOf(index: ResourceIndex, node: Node): Node {
  const attr = OWNER_ATTRS[node.resource.type];
  if (!attr) return node;
  return index.targets(node, prop(node.resource, attr)?.value)[0] ?? node;
}

function subscriptions(index: ResourceIndex, sink: RelationSink): void {
  for (const node of index.ofType("aws_sns_topic_subscription", "AWS::SNS::Subscription")) {
    const topics = targetsOf(index, node, prop(node.resource, { terraform: "topic_arn", cloudformation: "TopicArn" }));
    const endpoint = prop(node.resource, { terraform: "endpoint", cloudformation: "Endpoint" });
    const protocol = literalString(prop(node.resource, { terraform: "protocol", cloudformation: "Protocol" })?.value);
    for (const topic of topics) {
      for (const target of targetsOf(index, node, endpoint))
        sink.add("publishes", topic, target, endpoint!.at, node, protocol ? { technology: protocol } : {});
    }
  }
  for (const topic of index.ofType("AWS::SNS::Topic")) {
    for (const found of allFields(topic.resource.body, "cloudformation", { cloudformation: "Subscription.Endpoint" })) {
      for (const target of targetsOf(index, topic, found)) sink.add("publishes", topic, target, found.at, topic);
    }
  }
}

function eventSourceMappings(index: ResourceIndex, sink: RelationSink): void {
  for (const node of index.ofType("aws_lambda_event_source_mapping", "AWS::Lambda::EventSourceMapping")) {
    const source = prop(node.resource, { terraform: "event_source_arn", cloudformation: "EventSourceArn" });
    const functions = targetsOf(
      index,
      node,
      prop(node.resource, { terraform: "function_name", cloudformation: "FunctionName" }),
    );
    for (const fn of functions)
      for (const target of targetsOf(index, node, source)) sink.add("consumes", fn, target, source!.at, node);
  }
}

/** SAM `Events` of a function: pulled sources are consumed, pushed events are published to it, APIs route to it. */
function samEvents(index: ResourceIndex, sink: RelationSink): void {
  for (const fn of index.ofType("AWS::Serverless::Function")) {
    const events = fn.resource.body.entries.Events;
    if (events?.kind !== "object") continue;
    for (const event of Object.values(events.entries)) {
      if (event.kind !== "object") continue;
      const type = literalString(event.entries.Type);
      const properties = event.entries.Properties;
      if (properties?.kind !== "object" || type === undefined) continue;
      samEvent(index, sink, fn, type, properties);
    }
  }
}

function samEvent(index: ResourceIndex, sink: RelationSink, fn: Node, type: string, properties: IacObject): void {
  const read = (key: string) => field(properties, "cloudformation", { cloudformation: key });
  switch (type) {
    case "SQS":
    case "Kinesis":
    case "DynamoDB":
    case "MSK":
    case "MQ": {
      const found = read(type === "SQS" ? "Queue" : type === "MQ" ? "Broker" : "Stream");
      for (const target of targetsOf(index, fn, found)) sink.add("consumes", fn, target, found!.at, fn);
      return;
    }
    case "SNS":
    case "S3":
    case "EventBridgeRule":
    case "CloudWatchEvent": {
      const found = read(type === "SNS" ? "Topic" : type === "S3" ? "Bucket" : "EventBusName");
      for (const source of targetsOf(index, fn, found)) sink.add("publishes", source, fn, found!.at, fn);
      return;
    }
    case "Api":
    case "HttpApi": {
      const api = read(type === "Api" ? "RestApiId" : "ApiId");
      const path = literalString(read("Path")?.value);
      for (const gateway of targetsOf(index, fn, api))
        sink.add("routes", gateway, fn, api!.at, fn, path ? { path } : {});
      return;
    }
  }
}

function bucketNotifications(index: ResourceIndex, sink: RelationSink): void {
  const targetAttrs: AttrName = {
    terraform: ["lambda_function.lambda_function_arn", "queue.queue_arn", "topic.topic_arn"],
  };
  for (const node of index.ofType("aws_s3_bucket_notification")) {
    const buckets = targetsOf(index, node, prop(node.resource, { terraform: "bucket" }));
    for (const path of targetAttrs.terraform as string[]) {
      for (const found of allFields(node.resource.body, "terraform", { terraform: path })) {
        for (const bucket of buckets)
          for (const target of targetsOf(index, node, found)) sink.add("publishes", bucket, target, found.at, node);
      }
    }
  }
  for (const bucket of index.ofType("AWS::S3::Bucket")) {
    for (const path of ["LambdaConfigurations.Function", "QueueConfigurations.Queue", "TopicConfigurations.Topic"]) {
      for (const found of allFields(bucket.resource.body, "cloudformation", {
        cloudformation: `NotificationConfiguration.${path}`,
      })) {
        for (const target of targetsOf(index, bucket, found)) sink.add("publishes", bucket, target, found.at, bucket);
      }
    }
  }
}

/** The custom bus a rule listens on (by reference or literal name); none for the default bus. */
function busOf(index: ResourceIndex, rule: Node): Node | undefined {
  const found = prop(rule.resource, { terraform: "event_bus_name", cloudformation: "EventBusName" });
  if (!found) return undefined;
  const byRef = index.targets(rule, found.value, BUS_TYPES)[0];
  const name = literalString(found.value);
  return byRef ?? (name === undefined ? undefined : index.named(rule, [...BUS_TYPES], name)[0]);
}

function eventRules(index: ResourceIndex, sink: RelationSink): void {
  for (const node of index.ofType("aws_cloudwatch_event_target")) {
    const rule = index.targets(node, node.resource.body.entries.rule, RULE_TYPES)[0];
    const bus = rule ? busOf(index, rule) : undefined;
    const arn = prop(node.resource, { terraform: "arn" });
    if (bus) for (const target of targetsOf(index, node, arn)) sink.add("publishes", bus, target, arn!.at, node);
  }
  for (const rule of index.ofType("AWS::Events::Rule")) {
    const bus = busOf(index, rule);
    if (!bus) continue;
    for (const found of allFields(rule.resource.body, "cloudformation", { cloudformation: "Targets.Arn" })) {
      for (const target of targetsOf(index, rule, found)) sink.add("publishes", bus, target, found.at, rule);
    }
  }
}

function replication(topology: DatabaseTopology, sink: RelationSink): void {
  for (const [replica, { primary, found }] of topology.primaryOf)
    sink.add("replicates", replica, primary, found.at, replica);
  for (const cluster of topology.members.keys()) {
    for (const reader of topology.readers(cluster)) {
      const at = prop(reader.resource, CLUSTER_ID)?.at ?? reader.resource.source;
      sink.add("replicates", reader, cluster, at, reader);
    }
  }
}

/** The services that run a task definition, the auto scaling groups that launch a template (none for other resources). */
export function runnersOf(index: ResourceIndex, node: Node): Node[] {
  if (TASK_DEFINITION_TYPES.has(node.resource.type)) {
    return index
      .referrers(node, ECS_SERVICE_TYPES, types("task_definition", "TaskDefinition"))
      .map((edge) => edge.from);
  }
  if (LAUNCH_TYPES.has(node.resource.type)) {
    return [...new Set(node.in.filter((edge) => ASG_TYPES.has(edge.from.resource.type)).map((edge) => edge.from))];
  }
  return [];
}

/** The elements that run with a resource's environment: its runners, else itself. */
function actorsOf(index: ResourceIndex, node: Node): Node[] {
  const runners = runnersOf(index, node);
  return runners.length > 0 ? runners : [node];
}

/** `reference` relations from environment values and container images. */
export function environmentRelations(
  index: ResourceIndex,
  sink: RelationSink,
  refsByNode: ReadonlyMap<Node, EnvReference[]>,
): void {
  for (const [node, refs] of refsByNode) {
    const actors = actorsOf(index, node);
    for (const { ref, name, at } of refs) {
      for (const target of index.resolve(node, ref).map((resolved) => ownerOf(index, resolved))) {
        for (const actor of actors) sink.add("reference", actor, target, at, node, { label: name });
      }
    }
  }
  for (const node of index.ofType(...TASK_DEFINITION_TYPES)) {
    const actors = actorsOf(index, node);
    for (const container of containerDefinitions(node.resource).containers) {
      const image = field(container, node.resource.format, { terraform: "image", cloudformation: "Image" });
      for (const target of targetsOf(index, node, image)) {
        for (const actor of actors) sink.add("reference", actor, target, image!.at, node, { label: "image" });
      }
    }
  }
}

/** Names in a pipeline action's configuration, by the types they name. */
const PIPELINE_NAMES: Record<string, string[]> = {
  ProjectName: ["aws_codebuild_project", "AWS::CodeBuild::Project"],
  RepositoryName: [
    "aws_codecommit_repository",
    "aws_ecr_repository",
    "AWS::CodeCommit::Repository",
    "AWS::ECR::Repository",
  ],
  ServiceName: ["aws_ecs_service", "AWS::ECS::Service"],
  FunctionName: ["aws_lambda_function", "AWS::Lambda::Function", "AWS::Serverless::Function"],
};

function pipelines(index: ResourceIndex, sink: RelationSink): void {
  for (const pipeline of index.ofType("aws_codepipeline", "AWS::CodePipeline::Pipeline")) {
    const configurations = allFields(pipeline.resource.body, pipeline.resource.format, {
      terraform: "stage.action.configuration",
      cloudformation: "Stages.Actions.Configuration",
    });
    for (const configuration of configurations) {
      if (configuration.value.kind !== "object") continue;
      for (const [key, value] of Object.entries(configuration.value.entries)) {
        const at: SourceLocation = configuration.value.keySources[key] ?? value.source;
        for (const target of pipelineTargets(index, pipeline, key, value))
          sink.add("uses", pipeline, target, at, pipeline, { label: key });
      }
    }
  }
}

function pipelineTargets(index: ResourceIndex, pipeline: Node, key: string, value: IacValue): Node[] {
  const byRef = index.targets(pipeline, value).filter((node) => node.info.significant);
  const name = literalString(value);
  const candidates = PIPELINE_NAMES[key];
  if (byRef.length > 0 || name === undefined || !candidates) return byRef;
  return index.named(pipeline, candidates, name);
}

export function flowRelations(index: ResourceIndex, topology: DatabaseTopology, sink: RelationSink): void {
  subscriptions(index, sink);
  eventSourceMappings(index, sink);
  samEvents(index, sink);
  bucketNotifications(index, sink);
  eventRules(index, sink);
  replication(topology, sink);
  pipelines(index, sink);
}
