/**
 * Capacity facts: ECS service task counts (desired, and min/max from an Application Auto Scaling
 * target), task CPU and memory, auto scaling group sizes, instance types, ports (container
 * ports, listener ports) and CIDR blocks of VPCs and subnets.
 *
 * Units: `cpu` in ECS CPU units (1024 = 1 vCPU), `memory` in MiB, as ECS writes them; the
 * "0.25 vCPU" / "1 GB" forms are converted.
 */
import type { Element } from "../model/graph.js";
import type { IacObject, IacValue } from "../model/iac.js";
import { containerDefinitions } from "./env.js";
import { evidenceAt, numberFact, setFact, setPlain, stringFact } from "./facts.js";
import { launchSourceOf } from "./placement.js";
import { byType, type Node, type ResourceIndex, types } from "./resource-index.js";
import { type AttrName, allFields, field, literalNumber, literalString, objectsOf, prop } from "./values.js";

export const ECS_SERVICE_TYPES = types("aws_ecs_service", "AWS::ECS::Service");
export const TASK_DEFINITION_TYPES = types("aws_ecs_task_definition", "AWS::ECS::TaskDefinition");
const SCALABLE_TARGET_TYPES = ["aws_appautoscaling_target", "AWS::ApplicationAutoScaling::ScalableTarget"];
const LISTENER_TYPES = types("aws_lb_listener", "aws_alb_listener", "AWS::ElasticLoadBalancingV2::Listener");
const LOAD_BALANCER_KEYS = types("load_balancer_arn", "LoadBalancerArn");

const RESOURCE_ID: AttrName = { terraform: "resource_id", cloudformation: "ResourceId" };
const TASK_DEFINITION: AttrName = { terraform: "task_definition", cloudformation: "TaskDefinition" };

/** `"256"`, 256, `"0.25 vCPU"`, `"1 vcpu"` → CPU units. */
export function parseCpu(value: IacValue | undefined): number | undefined {
  const number = literalNumber(value);
  if (number !== undefined) return number;
  const text = literalString(value);
  const match = text ? /^\s*(\d+(?:\.\d+)?)\s*vcpu\s*$/i.exec(text) : null;
  return match ? Math.round(Number(match[1]) * 1024) : undefined;
}

/** `"512"`, 512, `"1 GB"`, `"0.5GB"` → MiB. */
export function parseMemory(value: IacValue | undefined): number | undefined {
  const number = literalNumber(value);
  if (number !== undefined) return number;
  const text = literalString(value);
  const match = text ? /^\s*(\d+(?:\.\d+)?)\s*(gb|mb)\s*$/i.exec(text) : null;
  if (!match) return undefined;
  return match[2]!.toLowerCase() === "gb" ? Math.round(Number(match[1]) * 1024) : Number(match[1]);
}

/** Graph-wide lookups for capacity: the scaling target of each ECS service. */
export class CapacityIndex {
  private readonly scalingTargets = new Map<Node, Node>();

  constructor(private readonly index: ResourceIndex) {
    for (const target of index.ofType(...SCALABLE_TARGET_TYPES)) {
      const found = prop(target.resource, RESOURCE_ID);
      if (!found) continue;
      let service: Node | undefined = index.targets(target, found.value, ECS_SERVICE_TYPES)[0];
      const text = literalString(found.value);
      if (!service && text?.startsWith("service/")) {
        const name = text.split("/")[2];
        service = name === undefined ? undefined : index.named(target, [...ECS_SERVICE_TYPES], name)[0];
      }
      if (service) this.scalingTargets.set(service, target);
    }
  }

  scalingTargetOf(service: Node): Node | undefined {
    return this.scalingTargets.get(service);
  }

  taskDefinitionOf(service: Node): Node | undefined {
    return this.index.targets(service, prop(service.resource, TASK_DEFINITION)?.value, TASK_DEFINITION_TYPES)[0];
  }

  launchSourceOf(group: Node): Node | undefined {
    return launchSourceOf(this.index, group);
  }

  listenersOf(loadBalancer: Node): Node[] {
    return this.index.referrers(loadBalancer, LISTENER_TYPES, LOAD_BALANCER_KEYS).map((edge) => edge.from);
  }
}

const CONTAINER_PORT_MAPPINGS: AttrName = { terraform: "portMappings", cloudformation: "PortMappings" };
const CONTAINER_PORT: AttrName = { terraform: "containerPort", cloudformation: "ContainerPort" };

/** Container ports of a task definition's containers. */
function containerPorts(taskDefinition: Node): { ports: number[]; at?: IacObject["source"] } {
  const format = taskDefinition.resource.format;
  const definitions = containerDefinitions(taskDefinition.resource);
  const ports: number[] = [];
  let at: IacObject["source"] | undefined;
  for (const container of definitions.containers) {
    for (const mapping of objectsOf(field(container, format, CONTAINER_PORT_MAPPINGS)?.value)) {
      const found = field(mapping, format, CONTAINER_PORT);
      const port = literalNumber(found?.value);
      if (port === undefined || ports.includes(port)) continue;
      ports.push(port);
      at ??= found?.at;
    }
  }
  return at ? { ports, at } : { ports };
}

function taskSize(element: Element, taskDefinition: Node): void {
  const resource = taskDefinition.resource;
  setFact(element, "cpu", numberFact(prop(resource, { terraform: "cpu", cloudformation: "Cpu" }), parseCpu));
  setFact(
    element,
    "memory",
    numberFact(prop(resource, { terraform: "memory", cloudformation: "Memory" }), parseMemory),
  );
}

function ecsService(node: Node, element: Element, context: CapacityIndex): void {
  const resource = node.resource;
  setFact(
    element,
    "desiredCapacity",
    numberFact(prop(resource, { terraform: "desired_count", cloudformation: "DesiredCount" })),
  );
  const target = context.scalingTargetOf(node);
  if (target) {
    setFact(
      element,
      "minCapacity",
      numberFact(prop(target.resource, { terraform: "min_capacity", cloudformation: "MinCapacity" })),
    );
    setFact(
      element,
      "maxCapacity",
      numberFact(prop(target.resource, { terraform: "max_capacity", cloudformation: "MaxCapacity" })),
    );
  }
  const taskDefinition = context.taskDefinitionOf(node);
  const written = prop(resource, TASK_DEFINITION);
  if (taskDefinition && written)
    setPlain(element, "taskDefinition", taskDefinition.id, evidenceAt(written.at, written.path));
  const ports = taskDefinition ? containerPorts(taskDefinition) : { ports: [] as number[] };
  for (const found of allFields(resource.body, resource.format, {
    terraform: "load_balancer.container_port",
    cloudformation: "LoadBalancers.ContainerPort",
  })) {
    const port = literalNumber(found.value);
    if (port !== undefined && !ports.ports.includes(port)) ports.ports.push(port);
    ports.at ??= found.at;
  }
  if (ports.at)
    setPlain(element, "ports", ports.ports, evidenceAt(ports.at, `container ports ${ports.ports.join(", ")}`));
  if (taskDefinition) taskSize(element, taskDefinition);
  const launchType = literalString(prop(resource, { terraform: "launch_type", cloudformation: "LaunchType" })?.value);
  const providers = allFields(resource.body, resource.format, {
    terraform: "capacity_provider_strategy.capacity_provider",
    cloudformation: "CapacityProviderStrategy.CapacityProvider",
  }).map((found) => literalString(found.value));
  const fargate = launchType === "FARGATE" || providers.some((name) => name?.startsWith("FARGATE"));
  element.technology = fargate ? "Amazon ECS on Fargate" : "Amazon ECS";
}

function taskDefinition(node: Node, element: Element): void {
  taskSize(element, node);
  const ports = containerPorts(node);
  if (ports.at)
    setPlain(element, "ports", ports.ports, evidenceAt(ports.at, `container ports ${ports.ports.join(", ")}`));
}

const INSTANCE_TYPE: AttrName = {
  terraform: "instance_type",
  cloudformation: ["InstanceType", "LaunchTemplateData.InstanceType"],
};

function autoScalingGroup(node: Node, element: Element, context: CapacityIndex): void {
  const resource = node.resource;
  setFact(element, "minCapacity", numberFact(prop(resource, { terraform: "min_size", cloudformation: "MinSize" })));
  setFact(element, "maxCapacity", numberFact(prop(resource, { terraform: "max_size", cloudformation: "MaxSize" })));
  setFact(
    element,
    "desiredCapacity",
    numberFact(prop(resource, { terraform: "desired_capacity", cloudformation: "DesiredCapacity" })),
  );
  const launch = context.launchSourceOf(node);
  if (launch) setFact(element, "instanceType", stringFact(prop(launch.resource, INSTANCE_TYPE)));
}

function loadBalancer(node: Node, element: Element, context: CapacityIndex): void {
  const ports: number[] = [];
  let at: Element["source"] | undefined;
  for (const listener of context.listenersOf(node)) {
    const found = prop(listener.resource, { terraform: "port", cloudformation: "Port" });
    const port = literalNumber(found?.value);
    if (port === undefined || ports.includes(port)) continue;
    ports.push(port);
    at ??= found?.at;
  }
  if (at) setPlain(element, "ports", ports, evidenceAt(at, `listener ports ${ports.join(", ")}`));
  const type =
    literalString(prop(node.resource, { terraform: "load_balancer_type", cloudformation: "Type" })?.value) ??
    "application";
  const classic = node.resource.type === "aws_elb" || node.resource.type === "AWS::ElasticLoadBalancing::LoadBalancer";
  element.technology = classic
    ? "Classic Load Balancer"
    : `${type.charAt(0).toUpperCase()}${type.slice(1)} Load Balancer`;
}

function instanceType(node: Node, element: Element): void {
  const type = stringFact(prop(node.resource, INSTANCE_TYPE));
  setFact(element, "instanceType", type);
  if (typeof type?.value === "string" && element.technology === "Amazon EC2")
    element.technology = `Amazon EC2 (${type.value})`;
}

function lambdaFunction(node: Node, element: Element): void {
  setFact(
    element,
    "memory",
    numberFact(prop(node.resource, { terraform: "memory_size", cloudformation: "MemorySize" })),
  );
  const runtime = literalString(prop(node.resource, { terraform: "runtime", cloudformation: "Runtime" })?.value);
  if (runtime) element.technology = `AWS Lambda (${runtime})`;
}

function cidrBlock(node: Node, element: Element): void {
  setFact(element, "cidr", stringFact(prop(node.resource, { terraform: "cidr_block", cloudformation: "CidrBlock" })));
}

type CapacityDerivation = (node: Node, element: Element, context: CapacityIndex) => void;

const DERIVATIONS = byType<CapacityDerivation>([
  [["aws_ecs_service", "AWS::ECS::Service"], ecsService],
  [["aws_ecs_task_definition", "AWS::ECS::TaskDefinition"], taskDefinition],
  [["aws_autoscaling_group", "AWS::AutoScaling::AutoScalingGroup"], autoScalingGroup],
  [
    [
      "aws_instance",
      "AWS::EC2::Instance",
      "aws_launch_template",
      "AWS::EC2::LaunchTemplate",
      "aws_launch_configuration",
      "AWS::AutoScaling::LaunchConfiguration",
    ],
    instanceType,
  ],
  [
    [
      "aws_lb",
      "aws_alb",
      "aws_elb",
      "AWS::ElasticLoadBalancingV2::LoadBalancer",
      "AWS::ElasticLoadBalancing::LoadBalancer",
    ],
    loadBalancer,
  ],
  [["aws_lambda_function", "AWS::Lambda::Function", "AWS::Serverless::Function"], lambdaFunction],
  [["aws_vpc", "AWS::EC2::VPC", "aws_subnet", "AWS::EC2::Subnet"], cidrBlock],
]);

/** The capacity facts of one element (nothing for other types). */
export function applyCapacity(context: CapacityIndex, node: Node, element: Element): void {
  DERIVATIONS.get(node.resource.type)?.(node, element, context);
}
