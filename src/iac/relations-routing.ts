/**
 * `routes` relations: what forwards requests to what.
 * - load balancers: listener (default action) or listener rule (with the path of its path-pattern
 *   condition) → target group → ECS services, instances, auto scaling groups, functions;
 * - CloudFront: distribution → each origin's bucket / load balancer / API (with the path of the
 *   cache behaviours that use the origin);
 * - API Gateway: the API → each integration's backend (function, load balancer behind a listener
 *   or VPC link), with the route's or resource's path;
 * - Route 53: hosted zone → the alias / record targets.
 */
import type { IacObject } from "../model/iac.js";
import type { SourceLocation } from "../model/source.js";
import type { RelationExtras, RelationSink } from "./relation-sink.js";
import { ownerOf } from "./relations-flow.js";
import { type Node, type ResourceIndex, types } from "./resource-index.js";
import {
  type AttrName,
  allFields,
  type Found,
  field,
  itemsOf,
  literalString,
  objectsOf,
  prop,
  sectionOf,
} from "./values.js";

const LOAD_BALANCER_TYPES = types("aws_lb", "aws_alb", "AWS::ElasticLoadBalancingV2::LoadBalancer");
const LISTENER_TYPES = types("aws_lb_listener", "aws_alb_listener", "AWS::ElasticLoadBalancingV2::Listener");
const LISTENER_RULE_TYPES = types(
  "aws_lb_listener_rule",
  "aws_alb_listener_rule",
  "AWS::ElasticLoadBalancingV2::ListenerRule",
);
const TARGET_GROUP_TYPES = types(
  "aws_lb_target_group",
  "aws_alb_target_group",
  "AWS::ElasticLoadBalancingV2::TargetGroup",
);
const TARGET_USER_TYPES = types(
  "aws_ecs_service",
  "AWS::ECS::Service",
  "aws_autoscaling_group",
  "AWS::AutoScaling::AutoScalingGroup",
  "aws_lb_target_group_attachment",
  "aws_alb_target_group_attachment",
  "aws_autoscaling_attachment",
);

const TARGET_GROUP_ARN: AttrName = {
  terraform: ["target_group_arn", "forward.target_group.arn"],
  cloudformation: ["TargetGroupArn", "ForwardConfig.TargetGroups.TargetGroupArn"],
};

/** What a target group sends traffic to: services and groups that register with it, attached targets, CFN Targets. */
function targetGroupMembers(index: ResourceIndex, group: Node): Node[] {
  const members: Node[] = [];
  for (const edge of index.referrers(group, TARGET_USER_TYPES)) {
    const from = edge.from;
    if (from.resource.type.includes("attachment")) {
      const target = prop(from.resource, { terraform: ["target_id", "autoscaling_group_name"] });
      members.push(...index.targets(from, target?.value).map((node) => ownerOf(index, node)));
    } else {
      members.push(from);
    }
  }
  for (const found of allFields(group.resource.body, group.resource.format, { cloudformation: "Targets.Id" })) {
    members.push(...index.targets(group, found.value).map((node) => ownerOf(index, node)));
  }
  return [...new Set(members)];
}

/** The path patterns of a listener rule's conditions (either way of writing them). */
function pathPatterns(rule: Node): { path: string; at: SourceLocation }[] {
  const founds = allFields(rule.resource.body, rule.resource.format, {
    terraform: "condition.path_pattern.values",
    cloudformation: "Conditions.PathPatternConfig.Values",
  });
  if (rule.resource.format === "cloudformation") {
    for (const condition of objectsOf(rule.resource.body.entries.Conditions)) {
      if (literalString(condition.entries.Field) !== "path-pattern") continue;
      const values = field(condition, "cloudformation", { cloudformation: "Values" });
      if (values) founds.push(values);
    }
  }
  return founds.flatMap((found) =>
    itemsOf(found.value).flatMap((item) => {
      const path = literalString(item);
      return path === undefined ? [] : [{ path, at: item.source }];
    }),
  );
}

function forwardTo(
  index: ResourceIndex,
  sink: RelationSink,
  loadBalancer: Node,
  carrier: Node,
  actions: IacObject[],
  paths: { path: string; at: SourceLocation }[],
): void {
  for (const action of actions) {
    for (const found of allFields(action, carrier.resource.format, TARGET_GROUP_ARN)) {
      for (const group of index.targets(carrier, found.value, TARGET_GROUP_TYPES)) {
        for (const member of targetGroupMembers(index, group)) {
          if (paths.length === 0) sink.add("routes", loadBalancer, member, found.at, carrier);
          for (const { path, at } of paths) sink.add("routes", loadBalancer, member, at, carrier, { path });
        }
      }
    }
  }
}

function loadBalancers(index: ResourceIndex, sink: RelationSink): void {
  const listenerOwner = new Map<Node, Node>();
  for (const listener of index.ofType(...LISTENER_TYPES)) {
    const loadBalancer = index.targets(
      listener,
      prop(listener.resource, { terraform: "load_balancer_arn", cloudformation: "LoadBalancerArn" })?.value,
      LOAD_BALANCER_TYPES,
    )[0];
    if (!loadBalancer) continue;
    listenerOwner.set(listener, loadBalancer);
    const actions = objectsOf(
      prop(listener.resource, { terraform: "default_action", cloudformation: "DefaultActions" })?.value,
    );
    forwardTo(index, sink, loadBalancer, listener, actions, []);
  }
  for (const rule of index.ofType(...LISTENER_RULE_TYPES)) {
    const listener = index.targets(
      rule,
      prop(rule.resource, { terraform: "listener_arn", cloudformation: "ListenerArn" })?.value,
      LISTENER_TYPES,
    )[0];
    const loadBalancer = listener ? listenerOwner.get(listener) : undefined;
    if (!loadBalancer) continue;
    const actions = objectsOf(prop(rule.resource, { terraform: "action", cloudformation: "Actions" })?.value);
    forwardTo(index, sink, loadBalancer, rule, actions, pathPatterns(rule));
  }
  for (const classic of index.ofType("aws_elb", "AWS::ElasticLoadBalancing::LoadBalancer")) {
    const found = prop(classic.resource, { terraform: "instances", cloudformation: "Instances" });
    for (const target of index.targets(classic, found?.value)) sink.add("routes", classic, target, found!.at, classic);
  }
}

/** A bucket named by an S3 origin domain (`my-bucket.s3.amazonaws.com`). */
function bucketOfDomain(index: ResourceIndex, from: Node, domain: string): Node[] {
  const match = /^([a-z0-9.-]+?)\.s3[.-]/.exec(domain);
  return match ? index.named(from, ["aws_s3_bucket", "AWS::S3::Bucket"], match[1]!) : [];
}

function distributions(index: ResourceIndex, sink: RelationSink): void {
  for (const cdn of index.ofType("aws_cloudfront_distribution", "AWS::CloudFront::Distribution")) {
    const format = cdn.resource.format;
    const config = sectionOf(cdn.resource, { cloudformation: "DistributionConfig" });
    if (!config) continue;
    const behaviours = [
      ...objectsOf(
        field(config, format, { terraform: "default_cache_behavior", cloudformation: "DefaultCacheBehavior" })?.value,
      ).map((object) => ({ object, path: undefined })),
      ...objectsOf(
        field(config, format, { terraform: "ordered_cache_behavior", cloudformation: "CacheBehaviors" })?.value,
      ).map((object) => ({
        object,
        path: literalString(field(object, format, { terraform: "path_pattern", cloudformation: "PathPattern" })?.value),
      })),
    ];
    for (const origin of objectsOf(field(config, format, { terraform: "origin", cloudformation: "Origins" })?.value)) {
      const domain = field(origin, format, { terraform: "domain_name", cloudformation: "DomainName" });
      if (!domain) continue;
      const text = literalString(domain.value);
      const targets = [
        ...index.targets(cdn, domain.value).map((node) => ownerOf(index, node)),
        ...(text ? bucketOfDomain(index, cdn, text) : []),
      ];
      const id = literalString(field(origin, format, { terraform: "origin_id", cloudformation: "Id" })?.value);
      const paths = behaviours.filter(
        (behaviour) =>
          id !== undefined &&
          literalString(
            field(behaviour.object, format, { terraform: "target_origin_id", cloudformation: "TargetOriginId" })?.value,
          ) === id,
      );
      for (const target of targets) {
        const extras: RelationExtras[] =
          paths.length === 0 ? [{}] : paths.map((behaviour) => (behaviour.path ? { path: behaviour.path } : {}));
        for (const extra of extras) sink.add("routes", cdn, target, domain.at, cdn, extra);
      }
    }
  }
}

/** `/posts/{id}` from an API Gateway v1 resource chain (path_part / PathPart up through parent_id / ParentId). */
function resourcePath(index: ResourceIndex, resource: Node | undefined): string | undefined {
  const parts: string[] = [];
  let current = resource;
  for (let depth = 0; current && depth < 16; depth++) {
    const part = literalString(prop(current.resource, { terraform: "path_part", cloudformation: "PathPart" })?.value);
    if (part === undefined) return undefined;
    parts.unshift(part);
    current = index.targets(
      current,
      prop(current.resource, { terraform: "parent_id", cloudformation: "ParentId" })?.value,
      API_RESOURCE_TYPES,
    )[0];
  }
  return parts.length > 0 ? `/${parts.join("/")}` : undefined;
}

const API_RESOURCE_TYPES = types("aws_api_gateway_resource", "AWS::ApiGateway::Resource");
const API_TYPES = types(
  "aws_api_gateway_rest_api",
  "aws_apigatewayv2_api",
  "AWS::ApiGateway::RestApi",
  "AWS::ApiGatewayV2::Api",
  "AWS::Serverless::Api",
  "AWS::Serverless::HttpApi",
);
const VPC_LINK_TYPES = types("aws_api_gateway_vpc_link", "AWS::ApiGateway::VpcLink");
const ROUTE_TYPES = types("aws_apigatewayv2_route", "AWS::ApiGatewayV2::Route");

const DISCOVERY_SERVICE_TYPES = types("aws_service_discovery_service", "AWS::ServiceDiscovery::Service");
const DISCOVERY_INSTANCE_TYPES = types("aws_service_discovery_instance", "AWS::ServiceDiscovery::Instance");
const REGISTRY_USER_TYPES = types("aws_ecs_service", "AWS::ECS::Service");

/**
 * What a Cloud Map service stands for: the resources its registered instances name
 * (`AWS_INSTANCE_IPV4 = aws_instance.app.private_ip`) and the ECS services registered in it.
 */
function discoveryMembers(index: ResourceIndex, service: Node): Node[] {
  const members: Node[] = [];
  for (const edge of index.referrers(service, DISCOVERY_INSTANCE_TYPES)) {
    const attributes = prop(edge.from.resource, { terraform: "attributes", cloudformation: "InstanceAttributes" });
    members.push(...index.targets(edge.from, attributes?.value).map((node) => ownerOf(index, node)));
  }
  for (const edge of index.referrers(service, REGISTRY_USER_TYPES)) members.push(edge.from);
  return [...new Set(members)];
}

/** The backends an integration reaches: its URI's resources (through Cloud Map), or a VPC link's load balancers. */
function integrationBackends(
  index: ResourceIndex,
  integration: Node,
  uri: Found | undefined,
  connection: Found | undefined,
): Node[] {
  const direct = (uri ? index.targets(integration, uri.value) : []).flatMap((node) => {
    const members = DISCOVERY_SERVICE_TYPES.has(node.resource.type) ? discoveryMembers(index, node) : [];
    return members.length > 0 ? members : [ownerOf(index, node)];
  });
  const links = connection ? index.targets(integration, connection.value, VPC_LINK_TYPES) : [];
  const viaLinks = links.flatMap((link) =>
    index.targets(link, prop(link.resource, { terraform: "target_arns", cloudformation: "TargetArns" })?.value),
  );
  return [...direct, ...viaLinks].filter((node) => !API_TYPES.has(node.resource.type));
}

function apiGateways(index: ResourceIndex, sink: RelationSink): void {
  for (const integration of index.ofType("aws_api_gateway_integration", "AWS::ApiGateway::Method")) {
    const format = integration.resource.format;
    const body = sectionOf(integration.resource, { cloudformation: "Integration" });
    if (!body) continue;
    const api = index.targets(
      integration,
      prop(integration.resource, { terraform: "rest_api_id", cloudformation: "RestApiId" })?.value,
      API_TYPES,
    )[0];
    if (!api) continue;
    const uri = field(body, format, { terraform: "uri", cloudformation: "Uri" });
    const connection = field(body, format, { terraform: "connection_id", cloudformation: "ConnectionId" });
    const resource = index.targets(
      integration,
      prop(integration.resource, { terraform: "resource_id", cloudformation: "ResourceId" })?.value,
      API_RESOURCE_TYPES,
    )[0];
    const path = resourcePath(index, resource);
    for (const backend of integrationBackends(index, integration, uri, connection)) {
      sink.add("routes", api, backend, (uri ?? connection)!.at, integration, path ? { path } : {});
    }
  }
  for (const integration of index.ofType("aws_apigatewayv2_integration", "AWS::ApiGatewayV2::Integration")) {
    const api = index.targets(
      integration,
      prop(integration.resource, { terraform: "api_id", cloudformation: "ApiId" })?.value,
      API_TYPES,
    )[0];
    if (!api) continue;
    const uri = prop(integration.resource, { terraform: "integration_uri", cloudformation: "IntegrationUri" });
    const routes = index.referrers(integration, ROUTE_TYPES).map((edge) => edge.from);
    const paths = routes.flatMap((route) => {
      const key = literalString(prop(route.resource, { terraform: "route_key", cloudformation: "RouteKey" })?.value);
      const path = key?.split(" ").pop();
      return path?.startsWith("/") ? [path] : [];
    });
    for (const backend of integrationBackends(index, integration, uri, undefined)) {
      if (paths.length === 0) sink.add("routes", api, backend, uri!.at, integration);
      for (const path of paths) sink.add("routes", api, backend, uri!.at, integration, { path });
    }
  }
}

function hostedZones(index: ResourceIndex, sink: RelationSink): void {
  const zoneTypes = types("aws_route53_zone", "AWS::Route53::HostedZone");
  for (const record of index.ofType("aws_route53_record", "AWS::Route53::RecordSet")) {
    const zone = index.targets(
      record,
      prop(record.resource, { terraform: "zone_id", cloudformation: "HostedZoneId" })?.value,
      zoneTypes,
    )[0];
    if (!zone) continue;
    const name = literalString(prop(record.resource, { terraform: "name", cloudformation: "Name" })?.value);
    const founds = allFields(record.resource.body, record.resource.format, {
      terraform: ["alias.name", "records"],
      cloudformation: ["AliasTarget.DNSName", "ResourceRecords"],
    });
    for (const found of founds) {
      for (const target of index.targets(record, found.value).map((node) => ownerOf(index, node))) {
        if (!zoneTypes.has(target.resource.type))
          sink.add("routes", zone, target, found.at, record, name ? { label: name } : {});
      }
    }
  }
}

export function routingRelations(index: ResourceIndex, sink: RelationSink): void {
  loadBalancers(index, sink);
  distributions(index, sink);
  apiGateways(index, sink);
  hostedZones(index, sink);
}
