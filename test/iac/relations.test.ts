import { describe, expect, it } from "vitest";
import {
  blocks,
  CloudFormationTemplate,
  cfnRef,
  getAtt,
  json,
  keyAt,
  keyPath,
  position,
  ref,
  TerraformFile,
  unknown,
} from "./builders.js";
import { graphOf, pairs, relationsOf } from "./helpers.js";

describe("network relations from security group ingress", () => {
  const tf = new TerraformFile("sg.tf");
  tf.resource("aws_security_group", "alb", {
    ingress: blocks({ from_port: 443, to_port: 443, protocol: "tcp", cidr_blocks: ["0.0.0.0/0"] }),
  });
  tf.resource("aws_security_group", "app", {
    ingress: blocks({
      from_port: 3000,
      to_port: 3000,
      protocol: "tcp",
      security_groups: [ref("aws_security_group.alb", "id")],
    }),
  });
  tf.resource("aws_security_group", "db", {});
  const rule = tf.resource("aws_security_group_rule", "db_from_app", {
    type: "ingress",
    security_group_id: ref("aws_security_group.db", "id"),
    from_port: 5432,
    to_port: 5432,
    protocol: "tcp",
    source_security_group_id: ref("aws_security_group.app", "id"),
  });
  tf.resource("aws_lb", "web", { security_groups: [ref("aws_security_group.alb", "id")] });
  tf.resource("aws_ecs_service", "api", {
    network_configuration: blocks({ security_groups: [ref("aws_security_group.app", "id")] }),
  });
  tf.resource("aws_ecs_service", "worker", {
    network_configuration: blocks({ security_groups: [ref("aws_security_group.app", "id")] }),
  });
  tf.resource("aws_db_instance", "main", {
    engine: "postgres",
    vpc_security_group_ids: [ref("aws_security_group.db", "id")],
  });
  const graph = graphOf(tf);
  const app = tf.find("aws_security_group.app");

  it("connects every user of the source group to every user of the target group, with ports", () => {
    const relations = relationsOf(graph, "network");
    expect(pairs(relations)).toEqual([
      "aws_ecs_service.api -> aws_db_instance.main",
      "aws_ecs_service.worker -> aws_db_instance.main",
      "aws_lb.web -> aws_ecs_service.api",
      "aws_lb.web -> aws_ecs_service.worker",
    ]);
    expect(relations.find((relation) => relation.to === "aws_db_instance.main")).toEqual({
      from: "aws_ecs_service.api",
      to: "aws_db_instance.main",
      kind: "network",
      source: keyAt(rule, "source_security_group_id"),
      origin: "iac",
      via: "aws_security_group_rule.db_from_app",
      label: "tcp 5432",
      ports: [{ from: 5432, to: 5432, protocol: "tcp" }],
    });
    expect(relations.find((relation) => relation.to === "aws_ecs_service.api")).toMatchObject({
      via: "aws_security_group.app",
      source: keyAt(app, "ingress.security_groups"),
    });
  });
});

describe("network relations from a self-referencing rule", () => {
  const tf = new TerraformFile("sg.tf");
  const services = tf.resource("aws_security_group", "services", {
    ingress: blocks({ description: "service to service", from_port: 80, to_port: 8080, protocol: "tcp", self: true }),
  });
  // Written out empty beside the group: the group is what admits the peers.
  const cache = tf.resource("aws_security_group", "cache", {
    ingress: blocks({
      from_port: 6379,
      to_port: 6379,
      protocol: "tcp",
      cidr_blocks: [],
      security_groups: [ref("aws_security_group.services", "id")],
    }),
  });
  for (const name of ["api", "worker"])
    tf.resource("aws_ecs_service", name, {
      network_configuration: blocks({ security_groups: [ref("aws_security_group.services", "id")] }),
    });
  tf.resource("aws_elasticache_replication_group", "cache", {
    security_group_ids: [ref("aws_security_group.cache", "id")],
  });
  const graph = graphOf(tf);
  const network = relationsOf(graph, "network");

  it("puts the relations at `self`, the attribute that admits the group's own members", () => {
    const between = network.filter((relation) => relation.via === "aws_security_group.services");
    expect(pairs(between)).toEqual([
      "aws_ecs_service.api -> aws_ecs_service.worker",
      "aws_ecs_service.worker -> aws_ecs_service.api",
    ]);
    for (const relation of between) expect(relation.source).toEqual(keyAt(services, "ingress.self"));
  });

  it("puts them at the attribute that names peers, not at an empty CIDR list before it", () => {
    const toCache = network.filter((relation) => relation.via === "aws_security_group.cache");
    expect(pairs(toCache)).toEqual([
      "aws_ecs_service.api -> aws_elasticache_replication_group.cache",
      "aws_ecs_service.worker -> aws_elasticache_replication_group.cache",
    ]);
    for (const relation of toCache) expect(relation.source).toEqual(keyAt(cache, "ingress.security_groups"));
  });
});

describe("permission relations from IAM", () => {
  const tf = new TerraformFile("iam.tf");
  tf.resource("aws_s3_bucket", "uploads", { bucket: "uploads" });
  tf.resource("aws_sqs_queue", "jobs", { name: "jobs" });
  tf.resource("aws_sns_topic", "events", { name: "events" });
  tf.resource("aws_iam_role", "task", {});
  const policy = tf.resource("aws_iam_role_policy", "task", {
    role: ref("aws_iam_role.task", "id"),
    policy: json({
      Statement: [
        {
          Effect: "Allow",
          Action: ["s3:GetObject", "s3:PutObject"],
          Resource: [
            ref("aws_s3_bucket.uploads", "arn"),
            // biome-ignore lint/suspicious/noTemplateCurlyInString: Terraform interpolation, as written
            unknown("${aws_s3_bucket.uploads.arn}/*", [ref("aws_s3_bucket.uploads", "arn")]),
          ],
        },
        { Effect: "Deny", Action: "sqs:*", Resource: ref("aws_sqs_queue.jobs", "arn") },
      ],
    }),
  });
  tf.resource("aws_ecs_task_definition", "api", { task_role_arn: ref("aws_iam_role.task", "arn") });
  tf.resource("aws_ecs_service", "api", { task_definition: ref("aws_ecs_task_definition.api", "arn") });
  const document = tf.data("aws_iam_policy_document", "publish", {
    statement: blocks({ actions: ["sns:Publish"], resources: [ref("aws_sns_topic.events", "arn")] }),
  });
  tf.resource("aws_iam_policy", "publish", { policy: ref("data.aws_iam_policy_document.publish", "json") });
  tf.resource("aws_iam_role", "instance", { name: "instance" });
  tf.resource("aws_iam_role", "unused", {});
  tf.resource("aws_iam_role_policy_attachment", "publish", {
    role: "instance",
    policy_arn: ref("aws_iam_policy.publish", "arn"),
  });
  tf.resource("aws_iam_role_policy", "instance", {
    role: ref("aws_iam_role.instance", "name"),
    policy: heredocJson({
      Statement: [{ Effect: "Allow", Action: "sqs:SendMessage", Resource: "arn:aws:sqs:us-east-1:123456789012:jobs" }],
    }),
  });
  tf.resource("aws_iam_instance_profile", "instance", { role: ref("aws_iam_role.instance", "name") });
  tf.resource("aws_instance", "worker", { iam_instance_profile: ref("aws_iam_instance_profile.instance", "name") });
  // A resource policy naming the task role as principal: the domain does not act with that role.
  tf.resource("aws_opensearch_domain", "search", {
    access_policies: json({
      Statement: [
        { Effect: "Allow", Principal: { AWS: ref("aws_iam_role.task", "arn") }, Action: "es:*", Resource: "*" },
      ],
    }),
  });
  const graph = graphOf(tf);

  it("follows task role → task definition → service, and instance profile → instance", () => {
    expect(pairs(relationsOf(graph, "permission"))).toEqual([
      "aws_ecs_service.api -> aws_s3_bucket.uploads",
      "aws_instance.worker -> aws_sns_topic.events",
      "aws_instance.worker -> aws_sqs_queue.jobs",
    ]);
  });

  it("places the relation at the statement's resource, labelled with the actions, via the policy", () => {
    const bucket = relationsOf(graph, "permission").find((relation) => relation.to === "aws_s3_bucket.uploads")!;
    expect(bucket).toMatchObject({
      label: "s3:GetObject, s3:PutObject",
      via: "aws_iam_role_policy.task",
      source: keyPath(policy, "policy.Statement.0.Resource.0"),
    });
    const topic = relationsOf(graph, "permission").find((relation) => relation.to === "aws_sns_topic.events")!;
    expect(topic).toMatchObject({
      label: "sns:Publish",
      via: "data.aws_iam_policy_document.publish",
      source: keyPath(document, "statement.0.resources.0"),
    });
  });
});

function heredocJson(value: unknown): string {
  return JSON.stringify(value);
}

describe("permission relations (CloudFormation, SAM)", () => {
  const cfn = new CloudFormationTemplate("app.yaml");
  cfn.resource("Queue", "AWS::SQS::Queue", {});
  cfn.resource("Table", "AWS::DynamoDB::Table", { TableName: "orders" });
  cfn.resource("Role", "AWS::IAM::Role", {
    Policies: [
      {
        PolicyName: "send",
        PolicyDocument: {
          Statement: [{ Effect: "Allow", Action: "sqs:SendMessage", Resource: getAtt("Queue", "Arn") }],
        },
      },
    ],
  });
  cfn.resource("Policy", "AWS::IAM::Policy", {
    Roles: [cfnRef("Role")],
    PolicyDocument: {
      Statement: [
        {
          Effect: "Allow",
          Action: ["dynamodb:GetItem"],
          Resource: "arn:aws:dynamodb:eu-west-1:123456789012:table/orders",
        },
      ],
    },
  });
  cfn.resource("Producer", "AWS::Lambda::Function", { Role: getAtt("Role", "Arn") });
  const consumer = cfn.resource("Consumer", "AWS::Serverless::Function", {
    Policies: ["AWSLambdaBasicExecutionRole", { SQSPollerPolicy: { QueueName: getAtt("Queue", "QueueName") } }],
  });
  const graph = graphOf(cfn);

  it("reads role policies, separate policies and SAM policy templates", () => {
    expect(pairs(relationsOf(graph, "permission"))).toEqual([
      "Consumer -> Queue",
      "Producer -> Queue",
      "Producer -> Table",
    ]);
    expect(relationsOf(graph, "permission").find((relation) => relation.from === "Consumer")).toMatchObject({
      label: "SQSPollerPolicy",
      via: "Consumer",
      source: keyPath(consumer, "Policies.1.SQSPollerPolicy"),
    });
  });
});

describe("messaging relations", () => {
  const tf = new TerraformFile("messaging.tf");
  tf.resource("aws_sns_topic", "events", {});
  tf.resource("aws_sqs_queue", "notifications", {});
  const subscription = tf.resource("aws_sns_topic_subscription", "notifications", {
    topic_arn: ref("aws_sns_topic.events", "arn"),
    protocol: "sqs",
    endpoint: ref("aws_sqs_queue.notifications", "arn"),
  });
  tf.resource("aws_lambda_function", "notifier", {});
  tf.resource("aws_lambda_event_source_mapping", "notifier", {
    event_source_arn: ref("aws_sqs_queue.notifications", "arn"),
    function_name: ref("aws_lambda_function.notifier", "arn"),
  });
  tf.resource("aws_cloudwatch_event_bus", "domain", { name: "domain" });
  tf.resource("aws_cloudwatch_event_rule", "posted", { event_bus_name: "domain" });
  tf.resource("aws_cloudwatch_event_target", "posted", {
    rule: ref("aws_cloudwatch_event_rule.posted", "name"),
    arn: ref("aws_lambda_function.notifier", "arn"),
  });
  tf.resource("aws_s3_bucket", "uploads", {});
  tf.resource("aws_s3_bucket_notification", "uploads", {
    bucket: ref("aws_s3_bucket.uploads", "id"),
    queue: blocks({ queue_arn: ref("aws_sqs_queue.notifications", "arn") }),
  });
  const cfn = new CloudFormationTemplate("messaging.yaml");
  cfn.resource("Topic", "AWS::SNS::Topic", { Subscription: [{ Protocol: "sqs", Endpoint: getAtt("Queue", "Arn") }] });
  cfn.resource("Queue", "AWS::SQS::Queue", {});
  cfn.resource("Worker", "AWS::Serverless::Function", {
    Events: {
      Jobs: { Type: "SQS", Properties: { Queue: getAtt("Queue", "Arn") } },
      Alerts: { Type: "SNS", Properties: { Topic: cfnRef("Topic") } },
    },
  });
  const graph = graphOf(tf, cfn);

  it("a subscription publishes from the topic to the subscriber", () => {
    expect(pairs(relationsOf(graph, "publishes"))).toEqual([
      "Topic -> Queue",
      "Topic -> Worker",
      "aws_cloudwatch_event_bus.domain -> aws_lambda_function.notifier",
      "aws_s3_bucket.uploads -> aws_sqs_queue.notifications",
      "aws_sns_topic.events -> aws_sqs_queue.notifications",
    ]);
    expect(relationsOf(graph, "publishes").find((relation) => relation.from === "aws_sns_topic.events")).toMatchObject({
      source: keyAt(subscription, "endpoint"),
      via: "aws_sns_topic_subscription.notifications",
      technology: "sqs",
    });
  });

  it("a function consumes the queue its event source mapping reads", () => {
    expect(pairs(relationsOf(graph, "consumes"))).toEqual([
      "Worker -> Queue",
      "aws_lambda_function.notifier -> aws_sqs_queue.notifications",
    ]);
  });
});

describe("routing relations", () => {
  const tf = new TerraformFile("routing.tf");
  tf.resource("aws_lb", "web", {});
  tf.resource("aws_lb_target_group", "web", {});
  tf.resource("aws_lb_target_group", "posts", {});
  tf.resource("aws_lb_target_group", "legacy", {});
  tf.resource("aws_lb_listener", "https", {
    load_balancer_arn: ref("aws_lb.web", "arn"),
    port: 443,
    default_action: blocks({ type: "forward", target_group_arn: ref("aws_lb_target_group.web", "arn") }),
  });
  const rule = tf.resource("aws_lb_listener_rule", "posts", {
    listener_arn: ref("aws_lb_listener.https", "arn"),
    action: blocks({ type: "forward", target_group_arn: ref("aws_lb_target_group.posts", "arn") }),
    condition: blocks({ path_pattern: blocks({ values: ["/api/posts", "/api/posts/*"] }) }),
  });
  tf.resource("aws_ecs_service", "web", {
    load_balancer: blocks({ target_group_arn: ref("aws_lb_target_group.web", "arn") }),
  });
  tf.resource("aws_ecs_service", "posts", {
    load_balancer: blocks({ target_group_arn: ref("aws_lb_target_group.posts", "arn") }),
  });
  tf.resource("aws_instance", "legacy", {});
  tf.resource("aws_lb_target_group_attachment", "legacy", {
    target_group_arn: ref("aws_lb_target_group.legacy", "arn"),
    target_id: ref("aws_instance.legacy", "id"),
  });
  tf.resource("aws_lb_listener_rule", "legacy", {
    listener_arn: ref("aws_lb_listener.https", "arn"),
    action: blocks({ forward: blocks({ target_group: blocks({ arn: ref("aws_lb_target_group.legacy", "arn") }) }) }),
    condition: blocks({ host_header: blocks({ values: ["old.example.com"] }) }),
  });
  tf.resource("aws_s3_bucket", "assets", { bucket: "assets" });
  tf.resource("aws_cloudfront_distribution", "cdn", {
    origin: blocks(
      { origin_id: "s3", domain_name: ref("aws_s3_bucket.assets", "bucket_regional_domain_name") },
      { origin_id: "alb", domain_name: ref("aws_lb.web", "dns_name") },
    ),
    default_cache_behavior: blocks({ target_origin_id: "s3" }),
    ordered_cache_behavior: blocks({ path_pattern: "/api/*", target_origin_id: "alb" }),
  });
  tf.resource("aws_route53_zone", "main", { name: "example.com" });
  tf.resource("aws_route53_record", "www", {
    zone_id: ref("aws_route53_zone.main", "zone_id"),
    name: "www.example.com",
    alias: blocks({ name: ref("aws_cloudfront_distribution.cdn", "domain_name") }),
  });
  tf.resource("aws_lambda_function", "posts", {});
  tf.resource("aws_apigatewayv2_api", "http", { protocol_type: "HTTP" });
  const integration = tf.resource("aws_apigatewayv2_integration", "posts", {
    api_id: ref("aws_apigatewayv2_api.http", "id"),
    integration_uri: ref("aws_lambda_function.posts", "invoke_arn"),
  });
  tf.resource("aws_apigatewayv2_route", "posts", {
    api_id: ref("aws_apigatewayv2_api.http", "id"),
    route_key: "GET /posts",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Terraform interpolation, as written
    target: unknown("integrations/${aws_apigatewayv2_integration.posts.id}", [
      ref("aws_apigatewayv2_integration.posts", "id"),
    ]),
  });
  tf.resource("aws_api_gateway_rest_api", "rest", {});
  tf.resource("aws_api_gateway_resource", "v1", {
    rest_api_id: ref("aws_api_gateway_rest_api.rest", "id"),
    parent_id: ref("aws_api_gateway_rest_api.rest", "root_resource_id"),
    path_part: "v1",
  });
  tf.resource("aws_api_gateway_resource", "items", {
    rest_api_id: ref("aws_api_gateway_rest_api.rest", "id"),
    parent_id: ref("aws_api_gateway_resource.v1", "id"),
    path_part: "items",
  });
  tf.resource("aws_api_gateway_integration", "items", {
    rest_api_id: ref("aws_api_gateway_rest_api.rest", "id"),
    resource_id: ref("aws_api_gateway_resource.items", "id"),
    uri: ref("aws_lambda_function.posts", "invoke_arn"),
  });
  const graph = graphOf(tf);

  it("load balancer → listener / rule → target group → services and instances, with paths", () => {
    const relations = relationsOf(graph, "routes").filter((relation) => relation.from === "aws_lb.web");
    expect(pairs(relations)).toEqual([
      "aws_lb.web -> aws_ecs_service.posts /api/posts",
      "aws_lb.web -> aws_ecs_service.posts /api/posts/*",
      "aws_lb.web -> aws_ecs_service.web",
      "aws_lb.web -> aws_instance.legacy",
    ]);
    expect(relations.find((relation) => relation.path === "/api/posts")).toMatchObject({
      via: "aws_lb_listener_rule.posts",
      source: keyPath(rule, "condition.0.path_pattern.0.values.0"),
    });
  });

  it("CloudFront → origins (with the behaviour's path); Route 53 zone → alias target", () => {
    expect(
      pairs(
        relationsOf(graph, "routes").filter(
          (relation) => relation.from !== "aws_lb.web" && !relation.from.includes("api"),
        ),
      ),
    ).toEqual([
      "aws_cloudfront_distribution.cdn -> aws_lb.web /api/*",
      "aws_cloudfront_distribution.cdn -> aws_s3_bucket.assets",
      "aws_route53_zone.main -> aws_cloudfront_distribution.cdn",
    ]);
  });

  it("API Gateway → integration backend, with the route's or resource chain's path", () => {
    const relations = relationsOf(graph, "routes").filter((relation) => relation.from.includes("api"));
    expect(pairs(relations)).toEqual([
      "aws_api_gateway_rest_api.rest -> aws_lambda_function.posts /v1/items",
      "aws_apigatewayv2_api.http -> aws_lambda_function.posts /posts",
    ]);
    expect(relations.find((relation) => relation.path === "/posts")).toMatchObject({
      via: "aws_apigatewayv2_integration.posts",
      source: keyAt(integration, "integration_uri"),
    });
  });
});

describe("routing relations (CloudFormation)", () => {
  const cfn = new CloudFormationTemplate("alb.yaml");
  cfn.resource("Alb", "AWS::ElasticLoadBalancingV2::LoadBalancer", {});
  cfn.resource("Listener", "AWS::ElasticLoadBalancingV2::Listener", {
    LoadBalancerArn: cfnRef("Alb"),
    DefaultActions: [{ Type: "fixed-response" }],
  });
  cfn.resource("UsersTg", "AWS::ElasticLoadBalancingV2::TargetGroup", {});
  const rule = cfn.resource("UsersRule", "AWS::ElasticLoadBalancingV2::ListenerRule", {
    ListenerArn: cfnRef("Listener"),
    Actions: [{ Type: "forward", TargetGroupArn: cfnRef("UsersTg") }],
    Conditions: [{ Field: "path-pattern", Values: ["/api/users*"] }],
  });
  cfn.resource("Users", "AWS::ECS::Service", {
    LoadBalancers: [{ TargetGroupArn: cfnRef("UsersTg"), ContainerPort: 3000 }],
  });
  const graph = graphOf(cfn);

  it("reads path-pattern conditions", () => {
    expect(relationsOf(graph, "routes")).toEqual([
      {
        from: "Alb",
        to: "Users",
        kind: "routes",
        source: keyPath(rule, "Conditions.0.Values.0"),
        origin: "iac",
        via: "UsersRule",
        path: "/api/users*",
      },
    ]);
    expect(position(keyPath(rule, "Conditions.0.Values.0"))).toEqual({
      file: "alb.yaml",
      line: rule.source.line + 9,
      column: 20,
    });
  });
});

describe("pipelines", () => {
  const tf = new TerraformFile("ci.tf");
  tf.resource("aws_codecommit_repository", "app", { repository_name: "app" });
  tf.resource("aws_codebuild_project", "build", { name: "app-build" });
  tf.resource("aws_codepipeline", "app", {
    stage: blocks(
      {
        name: "Source",
        action: blocks({ configuration: { RepositoryName: ref("aws_codecommit_repository.app", "repository_name") } }),
      },
      { name: "Build", action: blocks({ configuration: { ProjectName: "app-build" } }) },
    ),
  });
  const graph = graphOf(tf);

  it("a pipeline uses the projects and repositories its actions name", () => {
    expect(pairs(relationsOf(graph, "uses"))).toEqual([
      "aws_codepipeline.app -> aws_codebuild_project.build",
      "aws_codepipeline.app -> aws_codecommit_repository.app",
    ]);
  });
});
