import { describe, expect, it } from "vitest";
import { parseCpu, parseMemory } from "../../src/iac/capacity.js";
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
import { element, graphOf } from "./helpers.js";

describe("ECS capacity (Terraform)", () => {
  const tf = new TerraformFile("ecs.tf");
  tf.resource("aws_ecs_cluster", "main", { name: "main" });
  const task = tf.resource("aws_ecs_task_definition", "web", {
    cpu: "256",
    memory: "512",
    container_definitions: json([{ name: "web", portMappings: [{ containerPort: 3000 }] }]),
  });
  const service = tf.resource("aws_ecs_service", "web", {
    name: "web",
    cluster: ref("aws_ecs_cluster.main", "id"),
    desired_count: 2,
    launch_type: "FARGATE",
    task_definition: ref("aws_ecs_task_definition.web", "arn"),
    load_balancer: blocks({ container_name: "web", container_port: 3000 }),
  });
  const target = tf.resource("aws_appautoscaling_target", "web", {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Terraform interpolation, as written
    resource_id: unknown("service/${aws_ecs_cluster.main.name}/${aws_ecs_service.web.name}", [
      ref("aws_ecs_cluster.main", "name"),
      ref("aws_ecs_service.web", "name"),
    ]),
    scalable_dimension: "ecs:service:DesiredCount",
    min_capacity: 2,
    max_capacity: 10,
  });
  tf.resource("aws_ecs_service", "literal", { name: "literal", desired_count: unknown("var.count") });
  tf.resource("aws_appautoscaling_target", "literal", {
    resource_id: "service/main/literal",
    min_capacity: 1,
    max_capacity: 4,
  });
  const graph = graphOf(tf);

  it("reads desired count, the scaling target's bounds and the task size", () => {
    const web = element(graph, "aws_ecs_service.web");
    expect(web).toMatchObject({ kind: "container", label: "web", technology: "Amazon ECS on Fargate" });
    expect(web.attributes).toMatchObject({
      desiredCapacity: 2,
      minCapacity: 2,
      maxCapacity: 10,
      cpu: 256,
      memory: 512,
      ports: [3000],
    });
    expect(web.evidence?.desiredCapacity).toEqual({
      ...position(keyAt(service, "desired_count")),
      message: "desired_count = 2",
    });
    expect(web.evidence?.maxCapacity).toEqual({
      ...position(keyAt(target, "max_capacity")),
      message: "max_capacity = 10",
    });
    expect(web.evidence?.cpu).toEqual({ ...position(keyAt(task, "cpu")), message: 'cpu = "256"' });
    expect(web.evidence?.ports).toEqual({
      ...position(keyPath(task, "container_definitions.0.portMappings.0.containerPort")),
      message: "container ports 3000",
    });
    expect(element(graph, "aws_ecs_task_definition.web").attributes).toMatchObject({
      cpu: 256,
      memory: 512,
      ports: [3000],
      plumbing: true,
    });
  });

  it("links the service and the task definition it runs, both ways", () => {
    expect(element(graph, "aws_ecs_service.web").attributes.taskDefinition).toBe("aws_ecs_task_definition.web");
    expect(element(graph, "aws_ecs_service.web").evidence?.taskDefinition).toMatchObject(
      position(keyAt(service, "task_definition")),
    );
    expect(element(graph, "aws_ecs_task_definition.web").attributes.usedBy).toEqual(["aws_ecs_service.web"]);
  });

  it("finds a scaling target by its literal resource id; unknown counts stay unknown", () => {
    expect(element(graph, "aws_ecs_service.literal").attributes).toMatchObject({
      minCapacity: 1,
      maxCapacity: 4,
      desiredCapacity: { unknown: "var.count" },
    });
  });
});

describe("capacity (CloudFormation) and the rest", () => {
  const cfn = new CloudFormationTemplate("app.yaml");
  cfn.resource("Cluster", "AWS::ECS::Cluster", {});
  cfn.resource("Task", "AWS::ECS::TaskDefinition", {
    Cpu: "0.25 vCPU",
    Memory: "0.5GB",
    ContainerDefinitions: [{ Name: "api", PortMappings: [{ ContainerPort: 8080 }] }],
  });
  cfn.resource("Service", "AWS::ECS::Service", {
    Cluster: cfnRef("Cluster"),
    TaskDefinition: cfnRef("Task"),
    DesiredCount: 3,
  });
  cfn.resource("Scaling", "AWS::ApplicationAutoScaling::ScalableTarget", {
    ResourceId: unknown("!Join ['/', [service, !Ref Cluster, !GetAtt Service.Name]]", [
      cfnRef("Cluster"),
      getAtt("Service", "Name"),
    ]),
    MinCapacity: 2,
    MaxCapacity: 6,
  });
  cfn.resource("Template", "AWS::EC2::LaunchTemplate", { LaunchTemplateData: { InstanceType: "m5.large" } });
  cfn.resource("Group", "AWS::AutoScaling::AutoScalingGroup", {
    MinSize: "1",
    MaxSize: "4",
    DesiredCapacity: "2",
    LaunchTemplate: { LaunchTemplateId: cfnRef("Template") },
  });
  cfn.resource("Vpc", "AWS::EC2::VPC", { CidrBlock: "10.0.0.0/16" });
  cfn.resource("Lb", "AWS::ElasticLoadBalancingV2::LoadBalancer", { Type: "network" });
  cfn.resource("Http", "AWS::ElasticLoadBalancingV2::Listener", { LoadBalancerArn: cfnRef("Lb"), Port: 80 });
  cfn.resource("Https", "AWS::ElasticLoadBalancingV2::Listener", { LoadBalancerArn: cfnRef("Lb"), Port: 443 });
  const graph = graphOf(cfn);

  it("reads ECS sizes written as vCPU / GB", () => {
    expect(element(graph, "Service")).toMatchObject({ parent: "Cluster", technology: "Amazon ECS" });
    expect(element(graph, "Service").attributes).toMatchObject({
      desiredCapacity: 3,
      minCapacity: 2,
      maxCapacity: 6,
      cpu: 256,
      memory: 512,
      ports: [8080],
    });
  });

  it("reads auto scaling group sizes and its launch template's instance type", () => {
    expect(element(graph, "Group").attributes).toMatchObject({
      minCapacity: 1,
      maxCapacity: 4,
      desiredCapacity: 2,
      instanceType: "m5.large",
      significant: true,
    });
    expect(element(graph, "Template").attributes).toMatchObject({
      instanceType: "m5.large",
      plumbing: true,
      usedBy: ["Group"],
    });
  });

  it("reads VPC CIDR and listener ports", () => {
    expect(element(graph, "Vpc").attributes.cidr).toBe("10.0.0.0/16");
    expect(element(graph, "Lb")).toMatchObject({
      technology: "Network Load Balancer",
      attributes: { ports: [80, 443] },
    });
  });
});

describe("units", () => {
  const literal = (value: string | number) => ({
    kind: "literal" as const,
    value,
    source: { file: "x", line: 1, column: 1 },
  });
  it("converts CPU and memory", () => {
    expect(parseCpu(literal("1 vCPU"))).toBe(1024);
    expect(parseCpu(literal(512))).toBe(512);
    expect(parseCpu(literal("lots"))).toBeUndefined();
    expect(parseMemory(literal("2 GB"))).toBe(2048);
    expect(parseMemory(literal("512"))).toBe(512);
    expect(parseMemory(literal("300MB"))).toBe(300);
  });
});
