/**
 * The base of a declared element: id, kind, label, technology, type, tags, significance and
 * where it is declared. Facts are added by the derivations (placement, data stores, capacity).
 */
import type { Element } from "../model/graph.js";
import { NAME_ATTR, type Node } from "./resource-index.js";
import { literalString, literalTags, prop } from "./values.js";

/** The human name: Name tag, CDK path, the name the resource is given, else the local name. */
export function labelOf(node: Node, tags: Record<string, string> | undefined): string {
  const resource = node.resource;
  return tags?.Name ?? resource.humanName ?? literalString(prop(resource, NAME_ATTR)?.value) ?? resource.name;
}

/** A technology string for the types whose facts do not name one more precisely. */
function technologyOf(node: Node): string {
  const type = node.resource.type;
  if (type === "aws_apigatewayv2_api" || type === "AWS::ApiGatewayV2::Api") {
    const protocol = literalString(
      prop(node.resource, { terraform: "protocol_type", cloudformation: "ProtocolType" })?.value,
    );
    return protocol === "WEBSOCKET" ? "Amazon API Gateway (WebSocket API)" : "Amazon API Gateway (HTTP API)";
  }
  if (type === "AWS::Serverless::HttpApi") return "Amazon API Gateway (HTTP API)";
  if (type === "aws_api_gateway_rest_api" || type === "AWS::ApiGateway::RestApi" || type === "AWS::Serverless::Api")
    return "Amazon API Gateway (REST API)";
  return node.info.service;
}

export function baseElement(node: Node): Element {
  const resource = node.resource;
  const tags = literalTags(resource);
  const element: Element = {
    id: node.id,
    kind: node.info.kind,
    label: labelOf(node, tags),
    technology: technologyOf(node),
    attributes: { type: resource.type },
    source: resource.source,
    origin: "iac",
  };
  if (node.info.significant) element.attributes.significant = true;
  else element.attributes.plumbing = true;
  if (tags) element.attributes.tags = tags;
  if (resource.region) element.attributes.region = resource.region;
  if (node.info.boundary) element.boundary = true;
  if (resource.moduleCall) element.moduleCall = resource.moduleCall;
  return element;
}
