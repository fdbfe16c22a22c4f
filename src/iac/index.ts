/**
 * Declared resources (both formats) → the declared graph: kinds, placement, relations, facts.
 *
 * One Element per managed resource that is created (Terraform data sources and CloudFormation
 * resources whose Condition is false have none), with the facts rules read (model.md), each
 * three-valued and with its evidence; then the relations the infrastructure carries. Every
 * derivation reads the resources through one index built once, so the whole is linear in the
 * number of resources and references.
 */
import type { Diagnostic, Element, Graph } from "../model/graph.js";
import type { IacParseResult } from "../model/iac.js";
import { applyCapacity, CapacityIndex } from "./capacity.js";
import { applyDataStore, DatabaseTopology, linkReplicas } from "./data-stores.js";
import { baseElement } from "./element.js";
import { type EnvReference, environmentOf } from "./env.js";
import { evidenceAt, setFact, setPlain } from "./facts.js";
import { permissionRelations } from "./iam.js";
import { Network, SECURITY_GROUP_TYPES, SUBNET_ID, SUBNET_TYPES, VPC_TYPES } from "./network.js";
import { applyPlacement, describePorts } from "./placement.js";
import { RelationSink } from "./relation-sink.js";
import { environmentRelations, flowRelations, runnersOf } from "./relations-flow.js";
import { routingRelations } from "./relations-routing.js";
import { type Node, ResourceIndex } from "./resource-index.js";
import { prop } from "./values.js";

export {
  RESOURCE_TYPE_TABLE,
  type ResourceTypeInfo,
  type ResourceTypeRow,
  resourceTypeInfo,
  significantResourceTypes,
} from "./resource-table.js";
export { classifySecret, maskSecret } from "./secrets.js";

/** Subnet and security group elements: their own network facts. */
function networkElementFacts(network: Network, node: Node, element: Element): void {
  const subnet = network.subnet(node);
  if (subnet) {
    setFact(element, "subnetTier", subnet.tier);
    if (subnet.az && typeof subnet.az.value === "string")
      setPlain(element, "availabilityZones", [subnet.az.value], subnet.az.evidence);
    if (subnet.vpc) {
      setPlain(element, "vpc", subnet.vpc.id, undefined);
      element.parent = subnet.vpc.id;
    }
    return;
  }
  if (SECURITY_GROUP_TYPES.has(node.resource.type)) {
    const rules = network.ingress(node);
    setPlain(
      element,
      "ingress",
      rules.map((info) => info.rule),
      rules[0]?.rule.source ? evidenceAt(rules[0].rule.source, `${rules.length} ingress rule(s)`) : undefined,
    );
  }
}

/** A boundary for plumbing that names its subnet or VPC (NAT gateway, route table, security group …). */
function fallbackParent(index: ResourceIndex, node: Node, element: Element): void {
  if (element.parent) return;
  const subnet = index.targets(node, prop(node.resource, SUBNET_ID)?.value, SUBNET_TYPES)[0];
  const vpc = subnet
    ? undefined
    : index.targets(node, prop(node.resource, { terraform: "vpc_id", cloudformation: "VpcId" })?.value, VPC_TYPES)[0];
  const parent = subnet ?? vpc;
  if (parent?.element) element.parent = parent.id;
  if (vpc?.element && element.attributes.vpc === undefined) setPlain(element, "vpc", vpc.id, undefined);
}

/** `network` relations: ingress from a security group, between the elements that use each group. */
function networkRelations(index: ResourceIndex, network: Network, sink: RelationSink): void {
  const users = new Map<string, Node[]>();
  for (const node of index.nodes) {
    const groups = node.element?.attributes.securityGroups;
    if (!node.info.significant || !Array.isArray(groups)) continue;
    for (const group of groups as string[]) {
      const list = users.get(group);
      if (list) list.push(node);
      else users.set(group, [node]);
    }
  }
  for (const group of index.ofType(...SECURITY_GROUP_TYPES)) {
    const targets = users.get(group.id) ?? [];
    if (targets.length === 0) continue;
    for (const { rule, via } of network.ingress(group)) {
      for (const sourceGroup of rule.fromGroups) {
        for (const from of users.get(sourceGroup) ?? []) {
          for (const to of targets)
            sink.add("network", from, to, rule.source ?? via.resource.source, via, {
              ports: [rule.ports],
              label: describePorts(rule),
            });
        }
      }
    }
  }
}

export function buildDeclaredGraph(parsed: IacParseResult): Graph {
  const index = new ResourceIndex(parsed.resources);
  const network = new Network(index);
  const topology = new DatabaseTopology(index);
  const capacity = new CapacityIndex(index);
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  const elements: Element[] = [];
  for (const node of index.nodes) {
    if (node.resource.mode === "data") continue;
    node.element = baseElement(node);
    elements.push(node.element);
  }
  const elementOf = (node: Node) => node.element;
  const placement = { index, network, primaryOf: (node: Node) => topology.primaryOf.get(node)?.primary };
  const envRefs = new Map<Node, EnvReference[]>();
  for (const node of index.nodes) {
    const element = node.element;
    if (!element) continue;
    networkElementFacts(network, node, element);
    applyPlacement(placement, node, element);
    applyDataStore({ index, topology, elementOf }, node, element);
    applyCapacity(capacity, node, element);
    const environment = environmentOf(node.resource);
    if (environment.vars.length > 0) element.attributes.env = environment.vars;
    if (environment.refs.length > 0) envRefs.set(node, environment.refs);
    diagnostics.push(...environment.diagnostics);
    fallbackParent(index, node, element);
    const runners = runnersOf(index, node).filter((runner) => runner.element);
    if (runners.length > 0)
      setPlain(
        element,
        "usedBy",
        runners.map((runner) => runner.id),
        undefined,
      );
  }
  linkReplicas({ index, topology, elementOf });
  const sink = new RelationSink();
  networkRelations(index, network, sink);
  permissionRelations(index, sink);
  flowRelations(index, topology, sink);
  environmentRelations(index, sink, envRefs);
  routingRelations(index, sink);
  return { elements, relations: sink.relations, diagnostics };
}
