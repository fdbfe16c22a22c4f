import { describe, expect, it } from "vitest";
import { PLACEMENT_ROWS, type PlacementSpec } from "../../src/iac/placement.js";
import type { AttrName } from "../../src/iac/values.js";
import {
  blocks,
  CloudFormationTemplate,
  cfnRef,
  getAtt,
  keyAt,
  position,
  ref,
  splat,
  TerraformFile,
  unknown,
} from "./builders.js";
import { element, graphOf } from "./helpers.js";

/** VPC with two public subnets (route to an IGW) and two private ones (route to a NAT gateway). */
function terraformNetwork(file = "network.tf"): TerraformFile {
  const tf = new TerraformFile(file);
  const vpc = ref("aws_vpc.main", "id");
  tf.resource("aws_vpc", "main", { cidr_block: "10.0.0.0/16", tags: { Name: "main-vpc" } });
  tf.resource("aws_internet_gateway", "main", { vpc_id: vpc });
  const subnets: [string, string, string, boolean][] = [
    ["public_a", "10.0.0.0/24", "us-east-1a", true],
    ["public_b", "10.0.1.0/24", "us-east-1b", true],
    ["private_a", "10.0.100.0/24", "us-east-1a", false],
    ["private_b", "10.0.101.0/24", "us-east-1b", false],
  ];
  for (const [name, cidr, zone, mapPublic] of subnets) {
    tf.resource("aws_subnet", name, {
      vpc_id: vpc,
      cidr_block: cidr,
      availability_zone: zone,
      map_public_ip_on_launch: mapPublic,
    });
  }
  tf.resource("aws_nat_gateway", "main", { subnet_id: ref("aws_subnet.public_a", "id") });
  tf.resource("aws_route_table", "public", {
    vpc_id: vpc,
    route: blocks({ cidr_block: "0.0.0.0/0", gateway_id: ref("aws_internet_gateway.main", "id") }),
  });
  tf.resource("aws_route_table", "private", { vpc_id: vpc });
  tf.resource("aws_route", "private_nat", {
    route_table_id: ref("aws_route_table.private", "id"),
    destination_cidr_block: "0.0.0.0/0",
    nat_gateway_id: ref("aws_nat_gateway.main", "id"),
  });
  for (const [name] of subnets) {
    tf.resource("aws_route_table_association", name, {
      subnet_id: ref(`aws_subnet.${name}`, "id"),
      route_table_id: ref(`aws_route_table.${name.startsWith("public") ? "public" : "private"}`, "id"),
    });
  }
  return tf;
}

describe("subnet tiers from route tables (Terraform)", () => {
  const network = terraformNetwork();
  const graph = graphOf(network);
  const publicTable = network.find("aws_route_table.public");
  const privateTable = network.find("aws_route_table.private");

  it("a subnet associated with a table that routes 0.0.0.0/0 to an internet gateway is public", () => {
    const subnet = element(graph, "aws_subnet.public_a");
    expect(subnet.attributes.subnetTier).toBe("public");
    expect(subnet.evidence?.subnetTier).toEqual({
      ...position(keyAt(publicTable, "route.cidr_block")),
      message: "route 0.0.0.0/0 → aws_internet_gateway.main in aws_route_table.public",
    });
    expect(subnet.evidence?.subnetTier?.line).toBe(47);
  });

  it("a NAT route does not make a subnet public", () => {
    const subnet = element(graph, "aws_subnet.private_b");
    expect(subnet.attributes.subnetTier).toBe("private");
    expect(subnet.evidence?.subnetTier).toEqual({
      ...position(privateTable.source),
      message:
        "aws_route_table.private has no route 0.0.0.0/0 or ::/0 to an internet gateway (associated by aws_route_table_association.private_b)",
    });
  });

  it("subnets are boundaries inside their VPC, with CIDR and zone", () => {
    const subnet = element(graph, "aws_subnet.private_a");
    expect(subnet).toMatchObject({ kind: "network", boundary: true, parent: "aws_vpc.main" });
    expect(subnet.attributes).toMatchObject({
      cidr: "10.0.100.0/24",
      availabilityZones: ["us-east-1a"],
      vpc: "aws_vpc.main",
      plumbing: true,
    });
    expect(element(graph, "aws_vpc.main")).toMatchObject({
      label: "main-vpc",
      boundary: true,
      attributes: { cidr: "10.0.0.0/16" },
    });
  });

  it("plumbing names its subnet or VPC as parent", () => {
    expect(element(graph, "aws_nat_gateway.main").parent).toBe("aws_subnet.public_a");
    expect(element(graph, "aws_route_table.public").parent).toBe("aws_vpc.main");
  });
});

describe("main route table and unresolved tables", () => {
  it("a subnet without association uses the VPC's main table: implicit (private) or declared", () => {
    const tf = new TerraformFile();
    tf.resource("aws_vpc", "main", { cidr_block: "10.0.0.0/16" });
    tf.resource("aws_vpc", "other", { cidr_block: "10.1.0.0/16" });
    tf.resource("aws_internet_gateway", "other", { vpc_id: ref("aws_vpc.other", "id") });
    tf.resource("aws_subnet", "implicit", { vpc_id: ref("aws_vpc.main", "id") });
    tf.resource("aws_subnet", "declared", { vpc_id: ref("aws_vpc.other", "id") });
    tf.resource("aws_route_table", "main", {
      vpc_id: ref("aws_vpc.other", "id"),
      route: blocks({ cidr_block: "0.0.0.0/0", gateway_id: ref("aws_internet_gateway.other", "id") }),
    });
    tf.resource("aws_main_route_table_association", "other", {
      vpc_id: ref("aws_vpc.other", "id"),
      route_table_id: ref("aws_route_table.main", "id"),
    });
    const graph = graphOf(tf);
    const implicit = element(graph, "aws_subnet.implicit");
    expect(implicit.attributes.subnetTier).toBe("private");
    expect(implicit.evidence?.subnetTier?.message).toBe(
      "no route table associated; the main route table of aws_vpc.main has no route 0.0.0.0/0 or ::/0 to an internet gateway",
    );
    expect(element(graph, "aws_subnet.declared").attributes.subnetTier).toBe("public");
  });

  it("routes added to a VPC's main table through main_route_table_id count", () => {
    const tf = new TerraformFile();
    tf.resource("aws_vpc", "main", { cidr_block: "10.0.0.0/16" });
    tf.resource("aws_internet_gateway", "main", { vpc_id: ref("aws_vpc.main", "id") });
    tf.resource("aws_route", "default", {
      route_table_id: ref("aws_vpc.main", "main_route_table_id"),
      destination_cidr_block: "0.0.0.0/0",
      gateway_id: ref("aws_internet_gateway.main", "id"),
    });
    tf.resource("aws_subnet", "a", { vpc_id: ref("aws_vpc.main", "id") });
    expect(element(graphOf(tf), "aws_subnet.a").attributes.subnetTier).toBe("public");
  });

  it("a VPC that is not declared leaves the tier unknown, naming the expression", () => {
    const tf = new TerraformFile();
    tf.resource("aws_subnet", "a", { vpc_id: unknown("var.vpc_id") });
    const subnet = element(graphOf(tf), "aws_subnet.a");
    expect(subnet.attributes.subnetTier).toEqual({ unknown: "main route table of var.vpc_id" });
  });

  it("unknown gateways and destinations make the tier unknown; a literal igw- id is an internet gateway", () => {
    const tf = new TerraformFile();
    tf.resource("aws_vpc", "main", {});
    for (const [name, route] of [
      ["var_gateway", { cidr_block: "0.0.0.0/0", gateway_id: unknown("var.igw_id") }],
      ["var_destination", { cidr_block: unknown("var.cidr"), gateway_id: "igw-0abc" }],
      ["literal_igw", { ipv6_cidr_block: "::/0", gateway_id: "igw-0abc" }],
      ["other_destination", { cidr_block: "10.9.0.0/16", gateway_id: unknown("var.igw_id") }],
      ["attribute_form", { cidr_block: "", ipv6_cidr_block: "::/0", gateway_id: "igw-0abc", nat_gateway_id: "" }],
    ] as const) {
      tf.resource("aws_route_table", name, { vpc_id: ref("aws_vpc.main", "id"), route: blocks(route) });
      tf.resource("aws_subnet", name, { vpc_id: ref("aws_vpc.main", "id") });
      tf.resource("aws_route_table_association", name, {
        subnet_id: ref(`aws_subnet.${name}`, "id"),
        route_table_id: ref(`aws_route_table.${name}`, "id"),
      });
    }
    tf.resource("aws_subnet", "unknown_table", { vpc_id: ref("aws_vpc.main", "id") });
    tf.resource("aws_route_table_association", "unknown_table", {
      subnet_id: ref("aws_subnet.unknown_table", "id"),
      route_table_id: unknown("var.table_id"),
    });
    const graph = graphOf(tf);
    expect(element(graph, "aws_subnet.var_gateway").attributes.subnetTier).toEqual({ unknown: "var.igw_id" });
    expect(element(graph, "aws_subnet.var_destination").attributes.subnetTier).toEqual({ unknown: "var.cidr" });
    expect(element(graph, "aws_subnet.literal_igw").attributes.subnetTier).toBe("public");
    expect(element(graph, "aws_subnet.other_destination").attributes.subnetTier).toBe("private");
    expect(element(graph, "aws_subnet.attribute_form").attributes.subnetTier).toBe("public");
    expect(element(graph, "aws_subnet.unknown_table").attributes.subnetTier).toEqual({ unknown: "var.table_id" });
  });
});

describe("publicly reachable compute (Terraform)", () => {
  function withInstances(): TerraformFile {
    const tf = terraformNetwork();
    tf.resource("aws_security_group", "ssh", {
      vpc_id: ref("aws_vpc.main", "id"),
      ingress: blocks({ from_port: 22, to_port: 22, protocol: "tcp", cidr_blocks: ["0.0.0.0/0"] }),
    });
    tf.resource("aws_instance", "bastion", {
      instance_type: "t3.micro",
      subnet_id: ref("aws_subnet.public_a", "id"),
      associate_public_ip_address: true,
      vpc_security_group_ids: [ref("aws_security_group.ssh", "id")],
    });
    tf.resource("aws_instance", "defaulted", { subnet_id: ref("aws_subnet.public_b", "id") });
    tf.resource("aws_instance", "private_with_ip", {
      subnet_id: ref("aws_subnet.private_a", "id"),
      associate_public_ip_address: true,
    });
    tf.resource("aws_instance", "eip", {
      subnet_id: ref("aws_subnet.public_a", "id"),
      associate_public_ip_address: false,
    });
    tf.resource("aws_eip", "eip", { instance: ref("aws_instance.eip", "id"), domain: "vpc" });
    tf.resource("aws_instance", "var_subnet", { subnet_id: unknown("var.subnet_id") });
    return tf;
  }
  const tf = withInstances();
  const graph = graphOf(tf);
  const bastion = tf.find("aws_instance.bastion");
  const ssh = tf.find("aws_security_group.ssh");

  it("a public address in a public subnet is reachable; an open group is exposure", () => {
    const instance = element(graph, "aws_instance.bastion");
    expect(instance).toMatchObject({
      kind: "compute",
      technology: "Amazon EC2 (t3.micro)",
      parent: "aws_subnet.public_a",
    });
    expect(instance.attributes).toMatchObject({
      subnets: ["aws_subnet.public_a"],
      vpc: "aws_vpc.main",
      subnetTier: "public",
      publicIp: true,
      public: true,
      securityGroups: ["aws_security_group.ssh"],
      availabilityZones: ["us-east-1a"],
      multiAz: false,
      significant: true,
    });
    expect(instance.evidence?.publicIp).toEqual({
      ...position(keyAt(bastion, "associate_public_ip_address")),
      message: "associate_public_ip_address = true",
    });
    expect(instance.evidence?.subnetTier).toEqual({
      ...position(keyAt(bastion, "subnet_id")),
      message: "aws_subnet.public_a public: route 0.0.0.0/0 → aws_internet_gateway.main in aws_route_table.public",
    });
    expect(instance.attributes.openIngress).toEqual([
      {
        ports: { from: 22, to: 22, protocol: "tcp" },
        cidrs: ["0.0.0.0/0"],
        fromGroups: [],
        source: keyAt(ssh, "ingress.cidr_blocks"),
      },
    ]);
    expect(instance.evidence?.openIngress).toEqual({
      ...position(keyAt(ssh, "ingress.cidr_blocks")),
      message: "aws_security_group.ssh allows 0.0.0.0/0 on tcp 22",
    });
  });

  it("an unset associate_public_ip_address takes the subnet's map_public_ip_on_launch", () => {
    const instance = element(graph, "aws_instance.defaulted");
    expect(instance.attributes).toMatchObject({ publicIp: true, public: true });
    expect(instance.attributes.openIngress).toBeUndefined();
    expect(instance.evidence?.publicIp?.message).toBe("aws_subnet.public_b: map_public_ip_on_launch = true");
  });

  it("a public address in a private subnet is not reachable", () => {
    expect(element(graph, "aws_instance.private_with_ip").attributes).toMatchObject({
      publicIp: true,
      subnetTier: "private",
      public: false,
    });
  });

  it("an Elastic IP bound to the instance is a public address", () => {
    const instance = element(graph, "aws_instance.eip");
    expect(instance.attributes).toMatchObject({ publicIp: true, public: true });
    expect(instance.evidence?.publicIp?.message).toBe("Elastic IP aws_eip.eip bound to it");
  });

  it("a subnet from a variable leaves placement unknown, never an empty list of subnets", () => {
    const instance = element(graph, "aws_instance.var_subnet");
    expect(instance.attributes).toMatchObject({
      subnetTier: { unknown: "var.subnet_id" },
      public: { unknown: "var.subnet_id" },
    });
    expect(instance.attributes.subnets).toBeUndefined();
    expect(instance.evidence?.subnets).toBeUndefined();
  });
});

describe("container services, databases, load balancers, functions (Terraform)", () => {
  const tf = terraformNetwork();
  tf.resource("aws_ecs_cluster", "main", { name: "main" });
  tf.resource("aws_ecs_service", "api", {
    cluster: ref("aws_ecs_cluster.main", "id"),
    network_configuration: blocks({ subnets: [ref("aws_subnet.private_a", "id"), ref("aws_subnet.private_b", "id")] }),
  });
  tf.resource("aws_ecs_service", "public_task", {
    network_configuration: blocks({ subnets: [ref("aws_subnet.public_a", "id")], assign_public_ip: true }),
  });
  tf.resource("aws_db_subnet_group", "private", {
    name: "private",
    subnet_ids: [ref("aws_subnet.private_a", "id"), ref("aws_subnet.private_b", "id")],
  });
  tf.resource("aws_db_subnet_group", "public", {
    name: "public",
    subnet_ids: [ref("aws_subnet.public_a", "id"), ref("aws_subnet.private_b", "id")],
  });
  tf.resource("aws_db_instance", "exposed", {
    engine: "postgres",
    db_subnet_group_name: ref("aws_db_subnet_group.public", "name"),
    publicly_accessible: true,
  });
  tf.resource("aws_db_instance", "hidden", {
    engine: "postgres",
    db_subnet_group_name: "private",
    publicly_accessible: true,
  });
  tf.resource("aws_db_instance", "default", {
    engine: "postgres",
    db_subnet_group_name: ref("aws_db_subnet_group.public", "name"),
  });
  tf.resource("aws_db_instance", "replica", {
    replicate_source_db: ref("aws_db_instance.exposed", "identifier"),
    publicly_accessible: true,
  });
  tf.resource("aws_lb", "web", {
    internal: false,
    subnets: [ref("aws_subnet.public_a", "id"), ref("aws_subnet.public_b", "id")],
  });
  tf.resource("aws_lb", "internal", {
    internal: true,
    subnets: [ref("aws_subnet.private_a", "id"), ref("aws_subnet.private_b", "id")],
  });
  tf.resource("aws_lambda_function", "worker", {
    runtime: "python3.12",
    vpc_config: blocks({ subnet_ids: [ref("aws_subnet.private_a", "id")], security_group_ids: [] }),
  });
  tf.resource("aws_opensearch_domain", "search", { engine_version: "OpenSearch_2.11" });
  const graph = graphOf(tf);

  it("an ECS service spans its subnets' zones, in its cluster, not reachable without a public IP", () => {
    const service = element(graph, "aws_ecs_service.api");
    expect(service.parent).toBe("aws_ecs_cluster.main");
    expect(service.attributes).toMatchObject({
      subnets: ["aws_subnet.private_a", "aws_subnet.private_b"],
      subnetTier: "private",
      availabilityZones: ["us-east-1a", "us-east-1b"],
      multiAz: true,
      publicIp: false,
      public: false,
    });
    expect(service.evidence?.publicIp?.message).toBe("assign_public_ip not set (default false)");
    expect(element(graph, "aws_ecs_cluster.main")).toMatchObject({
      kind: "container",
      boundary: true,
      attributes: { plumbing: true },
    });
  });

  it("an ECS service with assign_public_ip in a public subnet is reachable, and in one zone", () => {
    expect(element(graph, "aws_ecs_service.public_task").attributes).toMatchObject({
      publicIp: true,
      public: true,
      multiAz: false,
    });
  });

  it("a publicly accessible database is reachable only with a public subnet in its group", () => {
    expect(element(graph, "aws_db_instance.exposed").attributes).toMatchObject({
      subnets: ["aws_subnet.public_a", "aws_subnet.private_b"],
      subnetTier: "public",
      public: true,
    });
    expect(element(graph, "aws_db_instance.hidden").attributes).toMatchObject({ subnetTier: "private", public: false });
    expect(element(graph, "aws_db_instance.replica").attributes).toMatchObject({
      subnets: ["aws_subnet.public_a", "aws_subnet.private_b"],
      subnetTier: "public",
      public: true,
    });
    const defaulted = element(graph, "aws_db_instance.default");
    expect(defaulted.attributes.public).toBe(false);
    expect(defaulted.evidence?.public?.message).toBe("publicly_accessible not set (default false)");
  });

  it("a load balancer is public unless internal", () => {
    expect(element(graph, "aws_lb.web").attributes).toMatchObject({ internal: false, public: true, multiAz: true });
    expect(element(graph, "aws_lb.internal").attributes).toMatchObject({ internal: true, public: false });
    expect(element(graph, "aws_lb.web").evidence?.internal?.message).toBe("internal = false");
  });

  it("a function in a VPC is placed in its subnets", () => {
    expect(element(graph, "aws_lambda_function.worker").attributes).toMatchObject({
      subnets: ["aws_subnet.private_a"],
      subnetTier: "private",
      securityGroups: [],
    });
  });

  it("a search domain without VPC options has a public endpoint", () => {
    expect(element(graph, "aws_opensearch_domain.search").attributes.public).toBe(true);
  });
});

describe("subnet lists from splats and expressions", () => {
  function counted(): TerraformFile {
    const tf = new TerraformFile();
    tf.resource("aws_vpc", "main", {});
    tf.resource(
      "aws_subnet",
      "private",
      { vpc_id: ref("aws_vpc.main", "id"), availability_zone: "eu-west-1a" },
      { instanceKey: 0 },
    );
    tf.resource(
      "aws_subnet",
      "private",
      { vpc_id: ref("aws_vpc.main", "id"), availability_zone: "eu-west-1b" },
      { instanceKey: 1 },
    );
    tf.resource("aws_subnet", "public", { vpc_id: ref("aws_vpc.main", "id") });
    return tf;
  }

  it("a splat names every instance", () => {
    const tf = counted();
    tf.resource("aws_lb", "lb", { internal: true, subnets: splat("aws_subnet.private", "id") });
    const lb = element(graphOf(tf), "aws_lb.lb");
    expect(lb.attributes).toMatchObject({
      subnets: ["aws_subnet.private[0]", "aws_subnet.private[1]"],
      availabilityZones: ["eu-west-1a", "eu-west-1b"],
      multiAz: true,
    });
  });

  it("a for-expression over one resource names its instances; a conditional between two does not", () => {
    const tf = counted();
    tf.resource("aws_lb", "for", {
      subnets: unknown("[for s in aws_subnet.private : s.id]", [ref("aws_subnet.private")]),
    });
    tf.resource("aws_lb", "conditional", {
      subnets: unknown("var.public ? aws_subnet.public[*].id : aws_subnet.private[*].id", [
        splat("aws_subnet.public", "id"),
        splat("aws_subnet.private", "id"),
      ]),
    });
    const graph = graphOf(tf);
    expect(element(graph, "aws_lb.for").attributes.subnets).toEqual(["aws_subnet.private[0]", "aws_subnet.private[1]"]);
    expect(element(graph, "aws_lb.conditional").attributes.subnets).toBeUndefined();
    expect(element(graph, "aws_lb.conditional").attributes).toMatchObject({
      subnetTier: { unknown: "var.public ? aws_subnet.public[*].id : aws_subnet.private[*].id" },
      multiAz: { unknown: "var.public ? aws_subnet.public[*].id : aws_subnet.private[*].id" },
    });
  });

  it("a list with a declared subnet and an unresolved one is not a complete list: subnets stay absent", () => {
    const tf = counted();
    tf.resource("aws_lb", "mixed", {
      subnets: [ref("aws_subnet.private[0]", "id"), unknown("var.extra_subnet_id")],
    });
    const lb = element(graphOf(tf), "aws_lb.mixed");
    expect(lb.attributes.subnets).toBeUndefined();
    expect(lb.attributes).toMatchObject({ vpc: "aws_vpc.main", multiAz: { unknown: "var.extra_subnet_id" } });
  });

  it("two subnets whose zones are unknown leave Multi-AZ unknown", () => {
    const tf = new TerraformFile();
    tf.resource("aws_subnet", "a", { availability_zone: unknown("var.azs[0]") });
    tf.resource("aws_subnet", "b", { availability_zone: unknown("var.azs[1]") });
    tf.resource("aws_ecs_service", "svc", {
      network_configuration: blocks({ subnets: [ref("aws_subnet.a", "id"), ref("aws_subnet.b", "id")] }),
    });
    expect(element(graphOf(tf), "aws_ecs_service.svc").attributes.multiAz).toEqual({ unknown: "var.azs[0]" });
  });

  it("distinct indices into the region's zone list are distinct zones", () => {
    const tf = new TerraformFile();
    tf.resource("aws_subnet", "a", { availability_zone: unknown("data.aws_availability_zones.available.names[0]") });
    tf.resource("aws_subnet", "b", {
      availability_zone: unknown("element(data.aws_availability_zones.available.names, 1)"),
    });
    tf.resource("aws_subnet", "c", { availability_zone: unknown("data.aws_availability_zones.available.names[0]") });
    tf.resource("aws_ecs_service", "two", {
      network_configuration: blocks({ subnets: [ref("aws_subnet.a", "id"), ref("aws_subnet.b", "id")] }),
    });
    tf.resource("aws_ecs_service", "same", {
      network_configuration: blocks({ subnets: [ref("aws_subnet.a", "id"), ref("aws_subnet.c", "id")] }),
    });
    const cfn = new CloudFormationTemplate();
    cfn.resource("A", "AWS::EC2::Subnet", { AvailabilityZone: unknown("!Select [0, !GetAZs '']") });
    cfn.resource("B", "AWS::EC2::Subnet", {
      AvailabilityZone: unknown('{ "Fn::Select": [ 1, { "Fn::GetAZs": "" } ] }'),
    });
    cfn.resource("Lb", "AWS::ElasticLoadBalancingV2::LoadBalancer", { Subnets: [cfnRef("A"), cfnRef("B")] });
    const graph = graphOf(tf, cfn);
    expect(element(graph, "aws_ecs_service.two").attributes.multiAz).toBe(true);
    expect(element(graph, "aws_ecs_service.two").evidence?.multiAz?.message).toBe(
      "subnets in distinct availability zones (data.aws_availability_zones.available.names [0, 1])",
    );
    expect(element(graph, "aws_ecs_service.same").attributes.multiAz).toEqual({
      unknown: "data.aws_availability_zones.available.names[0]",
    });
    expect(element(graph, "Lb").attributes.multiAz).toBe(true);
  });
});

describe("security groups", () => {
  const tf = new TerraformFile("sg.tf");
  tf.resource("aws_security_group", "alb", {
    ingress: blocks(
      { from_port: 80, to_port: 80, protocol: "tcp", cidr_blocks: ["0.0.0.0/0"] },
      { from_port: 443, to_port: 443, protocol: "tcp", cidr_blocks: ["0.0.0.0/0"], ipv6_cidr_blocks: ["::/0"] },
    ),
  });
  tf.resource("aws_security_group", "app", {});
  tf.resource("aws_security_group_rule", "app_from_alb", {
    type: "ingress",
    security_group_id: ref("aws_security_group.app", "id"),
    from_port: 3000,
    to_port: 3000,
    protocol: "tcp",
    source_security_group_id: ref("aws_security_group.alb", "id"),
  });
  tf.resource("aws_security_group_rule", "egress", {
    type: "egress",
    security_group_id: ref("aws_security_group.app", "id"),
    from_port: 0,
    to_port: 0,
    protocol: "-1",
    cidr_blocks: ["0.0.0.0/0"],
  });
  tf.resource("aws_vpc_security_group_ingress_rule", "app_var", {
    security_group_id: ref("aws_security_group.app", "id"),
    from_port: unknown("var.port"),
    to_port: unknown("var.port"),
    ip_protocol: "tcp",
    cidr_ipv4: "10.0.0.0/16",
  });
  tf.resource("aws_security_group", "self", {
    ingress: blocks({ from_port: 0, to_port: 0, protocol: "-1", self: true }),
  });
  const graph = graphOf(tf);
  const rule = tf.find("aws_security_group_rule.app_from_alb");

  it("lists every ingress rule on the group, normalised", () => {
    expect(element(graph, "aws_security_group.alb").attributes.ingress).toMatchObject([
      { ports: { from: 80, to: 80, protocol: "tcp" }, cidrs: ["0.0.0.0/0"], fromGroups: [] },
      { ports: { from: 443, to: 443, protocol: "tcp" }, cidrs: ["0.0.0.0/0", "::/0"], fromGroups: [] },
    ]);
    const variable = tf.resources.find(
      (resource) => resource.address === "aws_vpc_security_group_ingress_rule.app_var",
    )!;
    expect(element(graph, "aws_security_group.app").attributes.ingress).toEqual([
      {
        ports: { from: 3000, to: 3000, protocol: "tcp" },
        cidrs: [],
        fromGroups: ["aws_security_group.alb"],
        source: keyAt(rule, "source_security_group_id"),
      },
      {
        ports: { from: 0, to: 65535, protocol: "tcp" },
        cidrs: ["10.0.0.0/16"],
        fromGroups: [],
        source: keyAt(variable, "cidr_ipv4"),
        unknown: "var.port, var.port",
      },
    ]);
    expect(element(graph, "aws_security_group.self").attributes.ingress).toMatchObject([
      { ports: { from: 0, to: 65535, protocol: "all" }, fromGroups: ["aws_security_group.self"] },
    ]);
  });
});

describe("open ingress", () => {
  it("is left out when an attached group is not declared: it might be open", () => {
    const tf = new TerraformFile();
    tf.resource("aws_security_group", "known", {});
    tf.resource("aws_instance", "declared", { vpc_security_group_ids: [ref("aws_security_group.known", "id")] });
    tf.resource("aws_instance", "mixed", {
      vpc_security_group_ids: [ref("aws_security_group.known", "id"), unknown("var.extra_sg")],
    });
    tf.resource("aws_instance", "literal", { vpc_security_group_ids: ["sg-0123456789abcdef0"] });
    const graph = graphOf(tf);
    expect(element(graph, "aws_instance.declared").attributes.openIngress).toEqual([]);
    expect(element(graph, "aws_instance.mixed").attributes).toMatchObject({
      securityGroups: ["aws_security_group.known"],
    });
    expect(element(graph, "aws_instance.mixed").attributes.openIngress).toBeUndefined();
    expect(element(graph, "aws_instance.literal").attributes.openIngress).toBeUndefined();
  });
});

describe("CloudFormation placement", () => {
  const cfn = new CloudFormationTemplate("network.yaml");
  cfn.resource("Vpc", "AWS::EC2::VPC", { CidrBlock: "10.0.0.0/16" });
  cfn.resource("Igw", "AWS::EC2::InternetGateway", {});
  cfn.resource("PublicSubnet", "AWS::EC2::Subnet", {
    VpcId: cfnRef("Vpc"),
    CidrBlock: "10.0.0.0/24",
    AvailabilityZone: "us-east-1a",
    MapPublicIpOnLaunch: "true",
  });
  cfn.resource("PrivateSubnet", "AWS::EC2::Subnet", {
    VpcId: cfnRef("Vpc"),
    CidrBlock: "10.0.1.0/24",
    AvailabilityZone: unknown("!Select [0, !GetAZs '']"),
  });
  cfn.resource("PublicRoutes", "AWS::EC2::RouteTable", { VpcId: cfnRef("Vpc") });
  cfn.resource("DefaultRoute", "AWS::EC2::Route", {
    RouteTableId: cfnRef("PublicRoutes"),
    DestinationCidrBlock: "0.0.0.0/0",
    GatewayId: cfnRef("Igw"),
  });
  cfn.resource("PublicAssociation", "AWS::EC2::SubnetRouteTableAssociation", {
    SubnetId: cfnRef("PublicSubnet"),
    RouteTableId: cfnRef("PublicRoutes"),
  });
  cfn.resource("WebSg", "AWS::EC2::SecurityGroup", {
    VpcId: cfnRef("Vpc"),
    SecurityGroupIngress: [{ IpProtocol: "tcp", FromPort: 443, ToPort: 443, CidrIp: "0.0.0.0/0" }],
  });
  cfn.resource("SshRule", "AWS::EC2::SecurityGroupIngress", {
    GroupId: getAtt("WebSg", "GroupId"),
    IpProtocol: 6,
    FromPort: 22,
    ToPort: 22,
    CidrIpv6: "::/0",
  });
  cfn.resource("Web", "AWS::EC2::Instance", {
    InstanceType: "t3.small",
    NetworkInterfaces: [
      {
        DeviceIndex: "0",
        SubnetId: cfnRef("PublicSubnet"),
        AssociatePublicIpAddress: "true",
        GroupSet: [cfnRef("WebSg")],
      },
    ],
  });
  cfn.resource("Worker", "AWS::EC2::Instance", { SubnetId: cfnRef("PrivateSubnet") });
  cfn.resource("WorkerIp", "AWS::EC2::EIP", { InstanceId: cfnRef("Worker") });
  cfn.resource("Lb", "AWS::ElasticLoadBalancingV2::LoadBalancer", {
    Scheme: "internal",
    Subnets: [cfnRef("PrivateSubnet")],
  });
  cfn.resource("DbGroup", "AWS::RDS::DBSubnetGroup", { SubnetIds: [cfnRef("PublicSubnet"), cfnRef("PrivateSubnet")] });
  cfn.resource("Db", "AWS::RDS::DBInstance", {
    Engine: "mysql",
    DBSubnetGroupName: cfnRef("DbGroup"),
    PubliclyAccessible: true,
  });
  cfn.resource("ImportedService", "AWS::ECS::Service", {
    NetworkConfiguration: {
      AwsvpcConfiguration: { Subnets: [unknown("!ImportValue network-PrivateSubnet1")], AssignPublicIp: "DISABLED" },
    },
  });
  cfn.resource("EcrEndpoint", "AWS::EC2::VPCEndpoint", {
    VpcId: cfnRef("Vpc"),
    ServiceName: "com.amazonaws.us-east-1.ecr.api",
    VpcEndpointType: "Interface",
    SubnetIds: [cfnRef("PrivateSubnet")],
    SecurityGroupIds: [cfnRef("WebSg")],
  });
  const graph = graphOf(cfn);

  it("reads subnets, routes and associations", () => {
    expect(element(graph, "PublicSubnet").attributes).toMatchObject({
      subnetTier: "public",
      cidr: "10.0.0.0/24",
      availabilityZones: ["us-east-1a"],
      vpc: "Vpc",
    });
    const privateSubnet = element(graph, "PrivateSubnet");
    expect(privateSubnet.attributes.subnetTier).toBe("private");
    expect(privateSubnet.attributes.availabilityZones).toBeUndefined();
  });

  it("an instance with a public interface in a public subnet is reachable and exposed on both rules", () => {
    const web = element(graph, "Web");
    const resource = cfn.find("Web");
    expect(web.attributes).toMatchObject({
      subnets: ["PublicSubnet"],
      publicIp: true,
      public: true,
      securityGroups: ["WebSg"],
      instanceType: "t3.small",
    });
    expect(web.evidence?.publicIp).toEqual({
      ...position(keyAt(resource, "NetworkInterfaces.AssociatePublicIpAddress")),
      message: 'NetworkInterfaces.AssociatePublicIpAddress: "true"',
    });
    expect(web.attributes.openIngress).toMatchObject([
      { ports: { from: 443, to: 443, protocol: "tcp" }, cidrs: ["0.0.0.0/0"] },
      { ports: { from: 22, to: 22, protocol: "tcp" }, cidrs: ["::/0"] },
    ]);
    expect(web.evidence?.openIngress?.message).toBe("WebSg allows 0.0.0.0/0 on tcp 443, tcp 22");
  });

  it("an EIP makes a private instance's address public without making it reachable", () => {
    expect(element(graph, "Worker").attributes).toMatchObject({ publicIp: true, subnetTier: "private", public: false });
  });

  it("a load balancer with Scheme internal is not public; a database with a public subnet in its group is", () => {
    expect(element(graph, "Lb").attributes).toMatchObject({ internal: true, public: false });
    expect(element(graph, "Lb").evidence?.internal?.message).toBe("Scheme: internal");
    expect(element(graph, "Db").attributes).toMatchObject({ subnetTier: "public", public: true, publicIp: true });
  });

  it("subnets imported from another stack stay unknown: no subnets list, an unknown tier", () => {
    const service = element(graph, "ImportedService");
    expect(service.attributes.subnets).toBeUndefined();
    expect(service.attributes).toMatchObject({
      subnetTier: { unknown: "!ImportValue network-PrivateSubnet1" },
      multiAz: { unknown: "!ImportValue network-PrivateSubnet1" },
    });
  });

  it("an interface endpoint is placed in its subnets, behind its groups, like aws_vpc_endpoint", () => {
    const endpoint = element(graph, "EcrEndpoint");
    expect(endpoint.attributes).toMatchObject({
      subnets: ["PrivateSubnet"],
      subnetTier: "private",
      vpc: "Vpc",
      securityGroups: ["WebSg"],
    });
    expect(endpoint.evidence?.subnets).toEqual({
      ...position(keyAt(cfn.find("EcrEndpoint"), "SubnetIds")),
      message: "SubnetIds",
    });
  });
});

describe("the placement table", () => {
  const attributeNames = (spec: PlacementSpec): [string, AttrName][] => [
    ...(spec.subnets ? [["subnets", spec.subnets] as [string, AttrName]] : []),
    ...(spec.securityGroups ? [["securityGroups", spec.securityGroups] as [string, AttrName]] : []),
    ...(spec.subnetGroup
      ? [
          ["subnetGroup.attr", spec.subnetGroup.attr] as [string, AttrName],
          ["subnetGroup.subnets", spec.subnetGroup.subnets] as [string, AttrName],
        ]
      : []),
  ];

  it("gives every kind of placed resource a type and its attributes in both formats", () => {
    for (const row of PLACEMENT_ROWS) {
      const name = [...row.terraform, ...row.cloudformation].join(" / ");
      expect(
        row.terraform.every((type) => type.startsWith("aws_")),
        name,
      ).toBe(true);
      expect(
        row.cloudformation.every((type) => type.startsWith("AWS::")),
        name,
      ).toBe(true);
      expect(row.terraform.length * row.cloudformation.length, name).toBeGreaterThan(0);
      for (const [what, attr] of attributeNames(row.spec)) {
        expect(attr.terraform, `${name} ${what}`).toBeDefined();
        expect(attr.cloudformation, `${name} ${what}`).toBeDefined();
      }
    }
  });

  it("lists each type once", () => {
    const all = PLACEMENT_ROWS.flatMap((row) => [...row.terraform, ...row.cloudformation]);
    expect(all.filter((type, i) => all.indexOf(type) !== i)).toEqual([]);
  });
});
