/**
 * Placement facts of an element (model.md / detection.md): `vpc`, `subnets`,
 * `availabilityZones`, `subnetTier`, `publicIp`, `public`, `internal`, `securityGroups`,
 * `openIngress`, and the parent boundary. Applies to compute, container services, databases,
 * caches, search domains, load balancers and functions; each reads its own attributes through
 * one spec per type.
 */
import type { Element, IngressRule, Tri } from "../model/graph.js";
import { isUnknown } from "../model/graph.js";
import type { SourceLocation } from "../model/source.js";
import {
  boolFact,
  evidenceAt,
  type Fact,
  fact,
  flagFact,
  setFact,
  setPlain,
  triAnd,
  triOr,
  unknownFact,
  withMessage,
} from "./facts.js";
import {
  isWorldOpen,
  type Network,
  SECURITY_GROUP_TYPES,
  type SubnetInfo,
  type SubnetSet,
  type Tier,
} from "./network.js";
import { type Node, type ResourceIndex, types } from "./resource-index.js";
import { type AttrName, allFields, type Found, itemsOf, literalString, prop, unresolvedText } from "./values.js";

export type Exposure = "instance" | "autoscaling" | "task" | "database" | "load-balancer" | "search" | "none";

export interface SubnetGroupSpec {
  attr: AttrName;
  groupTypes: ReadonlySet<string>;
  subnets: AttrName;
}

export interface PlacementSpec {
  subnets?: AttrName;
  subnetGroup?: SubnetGroupSpec;
  securityGroups?: AttrName;
  /** Spread over its subnets (services, load balancers); else it runs in one of them. */
  spreads: boolean;
  exposure: Exposure;
}

const DB_SUBNET_GROUP: SubnetGroupSpec = {
  attr: { terraform: "db_subnet_group_name", cloudformation: "DBSubnetGroupName" },
  groupTypes: types("aws_db_subnet_group", "AWS::RDS::DBSubnetGroup"),
  subnets: { terraform: "subnet_ids", cloudformation: "SubnetIds" },
};
const CACHE_SUBNET_GROUP: SubnetGroupSpec = {
  attr: { terraform: "subnet_group_name", cloudformation: "CacheSubnetGroupName" },
  groupTypes: types("aws_elasticache_subnet_group", "AWS::ElastiCache::SubnetGroup"),
  subnets: { terraform: "subnet_ids", cloudformation: "SubnetIds" },
};
const DB_SECURITY_GROUPS: AttrName = {
  terraform: "vpc_security_group_ids",
  cloudformation: ["VPCSecurityGroups", "VpcSecurityGroupIds"],
};
const DB: PlacementSpec = {
  subnetGroup: DB_SUBNET_GROUP,
  securityGroups: DB_SECURITY_GROUPS,
  spreads: false,
  exposure: "database",
};
const CACHE: PlacementSpec = {
  subnetGroup: CACHE_SUBNET_GROUP,
  securityGroups: { terraform: "security_group_ids", cloudformation: ["SecurityGroupIds", "VpcSecurityGroupIds"] },
  spreads: false,
  exposure: "none",
};
const LOAD_BALANCER: PlacementSpec = {
  subnets: {
    terraform: ["subnets", "subnet_mapping.subnet_id"],
    cloudformation: ["Subnets", "SubnetMappings.SubnetId"],
  },
  securityGroups: { terraform: "security_groups", cloudformation: "SecurityGroups" },
  spreads: true,
  exposure: "load-balancer",
};
const SEARCH: PlacementSpec = {
  subnets: { terraform: "vpc_options.subnet_ids", cloudformation: "VPCOptions.SubnetIds" },
  securityGroups: { terraform: "vpc_options.security_group_ids", cloudformation: "VPCOptions.SecurityGroupIds" },
  spreads: true,
  exposure: "search",
};
/** A serverless cache or an interface endpoint: its own `subnet_ids` and `security_group_ids`. */
const IN_SUBNET_IDS: PlacementSpec = {
  subnets: { terraform: "subnet_ids", cloudformation: "SubnetIds" },
  securityGroups: { terraform: "security_group_ids", cloudformation: "SecurityGroupIds" },
  spreads: true,
  exposure: "none",
};
const LAUNCH_TEMPLATE_GROUPS: AttrName = {
  terraform: ["vpc_security_group_ids", "security_groups", "network_interfaces.security_groups"],
  cloudformation: [
    "LaunchTemplateData.SecurityGroupIds",
    "LaunchTemplateData.NetworkInterfaces.Groups",
    "SecurityGroups",
  ],
};

/**
 * One row per kind of placed resource: its Terraform and CloudFormation types and one spec
 * naming the attributes in both formats, so that the same resource gets the same facts
 * whichever format declares it.
 */
export interface PlacementRow {
  terraform: readonly string[];
  cloudformation: readonly string[];
  spec: PlacementSpec;
}

export const PLACEMENT_ROWS: readonly PlacementRow[] = [
  {
    terraform: ["aws_instance"],
    cloudformation: ["AWS::EC2::Instance"],
    spec: {
      subnets: { terraform: "subnet_id", cloudformation: ["SubnetId", "NetworkInterfaces.SubnetId"] },
      securityGroups: {
        terraform: ["vpc_security_group_ids", "security_groups"],
        cloudformation: ["SecurityGroupIds", "SecurityGroups", "NetworkInterfaces.GroupSet"],
      },
      spreads: false,
      exposure: "instance",
    },
  },
  {
    terraform: ["aws_autoscaling_group"],
    cloudformation: ["AWS::AutoScaling::AutoScalingGroup"],
    spec: {
      subnets: { terraform: "vpc_zone_identifier", cloudformation: "VPCZoneIdentifier" },
      spreads: true,
      exposure: "autoscaling",
    },
  },
  {
    terraform: ["aws_launch_template", "aws_launch_configuration"],
    cloudformation: ["AWS::EC2::LaunchTemplate", "AWS::AutoScaling::LaunchConfiguration"],
    spec: { securityGroups: LAUNCH_TEMPLATE_GROUPS, spreads: false, exposure: "none" },
  },
  {
    terraform: ["aws_ecs_service"],
    cloudformation: ["AWS::ECS::Service"],
    spec: {
      subnets: {
        terraform: "network_configuration.subnets",
        cloudformation: "NetworkConfiguration.AwsvpcConfiguration.Subnets",
      },
      securityGroups: {
        terraform: "network_configuration.security_groups",
        cloudformation: "NetworkConfiguration.AwsvpcConfiguration.SecurityGroups",
      },
      spreads: true,
      exposure: "task",
    },
  },
  {
    terraform: ["aws_lambda_function"],
    cloudformation: ["AWS::Lambda::Function", "AWS::Serverless::Function"],
    spec: {
      subnets: { terraform: "vpc_config.subnet_ids", cloudformation: "VpcConfig.SubnetIds" },
      securityGroups: { terraform: "vpc_config.security_group_ids", cloudformation: "VpcConfig.SecurityGroupIds" },
      spreads: true,
      exposure: "none",
    },
  },
  {
    terraform: ["aws_eks_cluster"],
    cloudformation: ["AWS::EKS::Cluster"],
    spec: {
      subnets: { terraform: "vpc_config.subnet_ids", cloudformation: "ResourcesVpcConfig.SubnetIds" },
      securityGroups: {
        terraform: "vpc_config.security_group_ids",
        cloudformation: "ResourcesVpcConfig.SecurityGroupIds",
      },
      spreads: true,
      exposure: "none",
    },
  },
  {
    terraform: ["aws_db_instance", "aws_rds_cluster", "aws_rds_cluster_instance"],
    cloudformation: ["AWS::RDS::DBInstance", "AWS::RDS::DBCluster"],
    spec: DB,
  },
  {
    terraform: ["aws_elasticache_replication_group", "aws_elasticache_cluster"],
    cloudformation: ["AWS::ElastiCache::ReplicationGroup", "AWS::ElastiCache::CacheCluster"],
    spec: CACHE,
  },
  {
    terraform: ["aws_elasticache_serverless_cache"],
    cloudformation: ["AWS::ElastiCache::ServerlessCache"],
    spec: IN_SUBNET_IDS,
  },
  {
    terraform: ["aws_opensearch_domain", "aws_elasticsearch_domain"],
    cloudformation: ["AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"],
    spec: SEARCH,
  },
  {
    terraform: ["aws_lb", "aws_alb", "aws_elb"],
    cloudformation: ["AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::ElasticLoadBalancing::LoadBalancer"],
    spec: LOAD_BALANCER,
  },
  {
    terraform: ["aws_vpc_endpoint"],
    cloudformation: ["AWS::EC2::VPCEndpoint"],
    spec: IN_SUBNET_IDS,
  },
];

const SPECS: ReadonlyMap<string, PlacementSpec> = new Map(
  PLACEMENT_ROWS.flatMap((row) => [...row.terraform, ...row.cloudformation].map((type) => [type, row.spec] as const)),
);

export const ECS_CLUSTER_TYPES = types("aws_ecs_cluster", "AWS::ECS::Cluster");
const RDS_CLUSTER_TYPES = types("aws_rds_cluster", "AWS::RDS::DBCluster");
export const LAUNCH_TYPES = types(
  "aws_launch_template",
  "aws_launch_configuration",
  "AWS::EC2::LaunchTemplate",
  "AWS::AutoScaling::LaunchConfiguration",
);
export const CLUSTER_ID: AttrName = { terraform: "cluster_identifier", cloudformation: "DBClusterIdentifier" };

export interface PlacementContext {
  index: ResourceIndex;
  network: Network;
  /** The primary a read replica replicates (its subnet group is the replica's when it names none). */
  primaryOf?: (node: Node) => Node | undefined;
}

/** The Aurora / RDS cluster an instance belongs to (by reference or by literal identifier). */
export function clusterOf(index: ResourceIndex, node: Node): Node | undefined {
  if (node.resource.type !== "aws_rds_cluster_instance" && node.resource.type !== "AWS::RDS::DBInstance")
    return undefined;
  const found = prop(node.resource, CLUSTER_ID);
  if (!found) return undefined;
  const byRef = index.targets(node, found.value, RDS_CLUSTER_TYPES)[0];
  if (byRef) return byRef;
  const name = literalString(found.value);
  return name === undefined ? undefined : index.named(node, [...RDS_CLUSTER_TYPES], name)[0];
}

/** The launch template or launch configuration an auto scaling group launches from. */
export function launchSourceOf(index: ResourceIndex, node: Node): Node | undefined {
  return index.targets(node, node.resource.body, LAUNCH_TYPES)[0];
}

function subnetGroupSubnets(context: PlacementContext, node: Node, spec: SubnetGroupSpec): SubnetSet | undefined {
  const found = prop(node.resource, spec.attr);
  if (!found) return undefined;
  const { index, network } = context;
  const name = literalString(found.value);
  const group =
    index.targets(node, found.value, spec.groupTypes)[0] ??
    (name === undefined ? undefined : index.named(node, [...spec.groupTypes], name)[0]);
  if (!group) return { subnets: [], unresolved: [unresolvedText(found.value)], countUncertain: false, found };
  const set = network.subnetsIn(group, allFields(group.resource.body, group.resource.format, spec.subnets));
  set.found = found;
  return set;
}

/** The subnets an element is placed in (a DB cluster member falls back on its cluster's group). */
function subnetsOf(context: PlacementContext, node: Node, spec: PlacementSpec): SubnetSet {
  if (spec.subnetGroup) {
    const own = subnetGroupSubnets(context, node, spec.subnetGroup);
    if (own) return own;
    // A cluster member uses its cluster's group; a read replica in the primary's region, the primary's.
    const primary = context.primaryOf?.(node);
    const from =
      clusterOf(context.index, node) ??
      (primary && primary.resource.region === node.resource.region ? primary : undefined);
    const inherited = from ? subnetGroupSubnets(context, from, spec.subnetGroup) : undefined;
    return inherited ?? { subnets: [], unresolved: [], countUncertain: false };
  }
  if (!spec.subnets) return { subnets: [], unresolved: [], countUncertain: false };
  return context.network.subnetsIn(node, allFields(node.resource.body, node.resource.format, spec.subnets));
}

function ids(subnets: SubnetInfo[]): string {
  return subnets.map((subnet) => subnet.node.id).join(", ");
}

/** Public if any subnet is public (naming which), unknown if any is unknown, else private. */
export function placementTier(set: SubnetSet): Fact<Tier> | undefined {
  const at = set.found?.at;
  if (!at) return undefined;
  const publicOnes = set.subnets.filter((subnet) => subnet.tier.value === "public");
  if (publicOnes.length > 0)
    return fact<Tier>("public", at, `${ids(publicOnes)} public: ${publicOnes[0]!.tier.evidence.message}`);
  const unknown = set.subnets.find((subnet) => isUnknown(subnet.tier.value));
  if (unknown) return fact(unknown.tier.value, at, `${unknown.node.id}: ${unknown.tier.evidence.message}`);
  if (set.unresolved.length > 0)
    return unknownFact(set.unresolved[0]!, at, `subnet ${set.unresolved[0]} is not declared`);
  if (set.subnets.length === 0) return undefined;
  return fact<Tier>("private", at, `${ids(set.subnets)} private: ${set.subnets[0]!.tier.evidence.message}`);
}

function tierIsPublic(tier: Fact<Tier>): Fact<boolean> {
  const value: Tri<boolean> = isUnknown(tier.value) ? tier.value : tier.value === "public";
  return { value, evidence: tier.evidence };
}

function negate(item: Fact<boolean>, message: string): Fact<boolean> {
  return { value: isUnknown(item.value) ? item.value : !item.value, evidence: { ...item.evidence, message } };
}

/** Two or more distinct indices into one list of the region's zones, as written; else undefined. */
function distinctZoneIndices(set: SubnetSet): string | undefined {
  const byList = new Map<string, Set<number>>();
  for (const subnet of set.subnets) {
    if (!subnet.zoneIndex) continue;
    const indices = byList.get(subnet.zoneIndex.list) ?? new Set<number>();
    indices.add(subnet.zoneIndex.index);
    byList.set(subnet.zoneIndex.list, indices);
  }
  for (const [list, indices] of byList) {
    if (indices.size >= 2) return `${list} [${[...indices].join(", ")}]`;
  }
  return undefined;
}

/** Availability zones a spread element spans, and whether they are at least two. */
function zoneFacts(set: SubnetSet, spreads: boolean, node: Node): { zones?: string[]; multiAz?: Fact<boolean> } {
  const at = set.found?.at ?? node.resource.source;
  const known = set.subnets.map((subnet) =>
    subnet.az && typeof subnet.az.value === "string" ? subnet.az.value : undefined,
  );
  const allKnown = set.unresolved.length === 0 && known.every((zone) => zone !== undefined);
  const distinct = [...new Set(known.filter((zone): zone is string => zone !== undefined))];
  const result: { zones?: string[]; multiAz?: Fact<boolean> } = {};
  if (allKnown && distinct.length > 0) result.zones = distinct;
  if (!spreads) {
    if (node.info.kind === "compute" && set.subnets.length + set.unresolved.length > 0) {
      result.multiAz = fact(false, at, "an instance runs in one availability zone");
    }
    return result;
  }
  const indexed = distinctZoneIndices(set);
  if (distinct.length >= 2) result.multiAz = fact(true, at, `subnets in ${distinct.join(", ")}`);
  else if (indexed) result.multiAz = fact(true, at, `subnets in distinct availability zones (${indexed})`);
  else if (set.unresolved.length > 0) result.multiAz = unknownFact(set.unresolved[0]!, at, "subnets not declared");
  else if (set.countUncertain)
    result.multiAz = unknownFact(set.found ? unresolvedText(set.found.value) : "subnets", at, "subnet count unknown");
  else if (set.subnets.length === 1) result.multiAz = fact(false, at, `one subnet: ${set.subnets[0]!.node.id}`);
  else if (set.subnets.length > 1 && allKnown) result.multiAz = fact(false, at, `all subnets in ${distinct[0]}`);
  else if (set.subnets.length > 1) {
    const zone = set.subnets.find((subnet) => subnet.az === undefined || isUnknown(subnet.az.value));
    const text = zone?.az && isUnknown(zone.az.value) ? zone.az.value.unknown : `availability zone of ${zone?.node.id}`;
    result.multiAz = unknownFact(text, at, "availability zones not known");
  }
  return result;
}

/** Has a public address through the instance's own setting, else its subnet's default. */
function publicAddress(context: PlacementContext, node: Node, set: SubnetSet, exposure: Exposure): Fact<boolean>[] {
  const source = exposure === "autoscaling" ? (launchSourceOf(context.index, node) ?? node) : node;
  const explicit = explicitPublicIp(source, exposure);
  const extras: Fact<boolean>[] = [];
  if (exposure === "instance") {
    for (const edge of context.network.elasticIps(node))
      extras.push(fact(true, edge.ref.source, `Elastic IP ${edge.from.id} bound to it`));
    const ipv6 = prop(node.resource, {
      terraform: ["ipv6_address_count", "ipv6_addresses"],
      cloudformation: ["Ipv6AddressCount", "Ipv6Addresses", "NetworkInterfaces.Ipv6AddressCount"],
    });
    if (ipv6 && ipv6Assigned(ipv6)) extras.push(fact(true, ipv6.at, "an IPv6 address is assigned"));
  }
  if (set.subnets.length === 0) {
    const base =
      explicit ??
      unknownFact(set.unresolved[0] ?? "subnet not set (default VPC)", node.resource.source, "subnet not known");
    return [triOr(base, ...extras)];
  }
  return set.subnets.map((subnet) => {
    const viaSubnet = withMessage(subnet.mapPublicIp, `${subnet.node.id}: ${subnet.mapPublicIp.evidence.message}`);
    const ipv6 =
      subnet.assignIpv6.value === true
        ? [withMessage(subnet.assignIpv6, `${subnet.node.id} assigns IPv6 addresses`)]
        : [];
    return triOr(explicit ?? viaSubnet, ...extras, ...ipv6);
  });
}

/**
 * Reachability is decided by the element's own declaration where the fix is: its public IP
 * setting when that made the address public, else the attribute that places it in the subnet.
 */
function atOwnAttribute(reachable: Fact<boolean>, node: Node, exposure: Exposure, set: SubnetSet): Fact<boolean> {
  const own = explicitPublicIp(node, exposure);
  const at = own?.value === true ? own.evidence : set.found?.at;
  return at ? { value: reachable.value, evidence: evidenceAt(at, reachable.evidence.message) } : reachable;
}

function ipv6Assigned(found: Found): boolean {
  const value = found.value;
  if (value.kind === "list") return value.items.length > 0;
  return value.kind === "literal" && typeof value.value === "number" && value.value > 0;
}

function explicitPublicIp(node: Node, exposure: Exposure): Fact<boolean> | undefined {
  const resource = node.resource;
  if (exposure === "task") {
    const found = prop(resource, {
      terraform: "network_configuration.assign_public_ip",
      cloudformation: "NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp",
    });
    if (!found) return fact(false, resource.source, "assign_public_ip not set (default false)");
    if (found.value.kind === "literal" && typeof found.value.value === "string") {
      return fact(found.value.value.toUpperCase() === "ENABLED", found.at, `AssignPublicIp: ${found.value.value}`);
    }
    return boolFact(found);
  }
  const found = prop(resource, {
    terraform: ["associate_public_ip_address", "network_interfaces.associate_public_ip_address"],
    cloudformation: [
      "AssociatePublicIpAddress",
      "NetworkInterfaces.AssociatePublicIpAddress",
      "LaunchTemplateData.NetworkInterfaces.AssociatePublicIpAddress",
    ],
  });
  return found ? boolFact(found) : undefined;
}

/** Reachable from the internet: a public address in a public subnet, per subnet. */
function exposureFacts(
  context: PlacementContext,
  node: Node,
  spec: PlacementSpec,
  set: SubnetSet,
  tier: Fact<Tier> | undefined,
  element: Element,
): void {
  const resource = node.resource;
  switch (spec.exposure) {
    case "instance":
    case "autoscaling":
    case "task": {
      if (spec.exposure === "task" && set.subnets.length + set.unresolved.length === 0) return;
      const addresses = publicAddress(context, node, set, spec.exposure);
      setFact(element, "publicIp", triOr(...addresses));
      const reachable =
        set.subnets.length === 0
          ? triAnd(
              addresses[0]!,
              tier
                ? tierIsPublic(tier)
                : unknownFact("subnet not set (default VPC)", resource.source, "subnet not known"),
            )
          : triOr(
              ...set.subnets.map((subnet, i) =>
                triAnd(
                  addresses[i]!,
                  withMessage(tierIsPublic(subnet.tier), `${subnet.node.id}: ${subnet.tier.evidence.message}`),
                ),
              ),
            );
      setFact(
        element,
        "public",
        reachable.value === true ? atOwnAttribute(reachable, node, spec.exposure, set) : reachable,
      );
      return;
    }
    case "database": {
      const accessible = flagFact(
        resource,
        { terraform: "publicly_accessible", cloudformation: "PubliclyAccessible" },
        false,
      );
      if (RDS_CLUSTER_TYPES.has(resource.type)) return;
      setFact(element, "publicIp", accessible);
      setFact(
        element,
        "public",
        triAnd(
          accessible,
          tier
            ? tierIsPublic(tier)
            : unknownFact("db_subnet_group_name", resource.source, "no subnet group: the default VPC's"),
        ),
      );
      return;
    }
    case "load-balancer": {
      const internal = loadBalancerInternal(node);
      setFact(element, "internal", internal);
      setFact(
        element,
        "public",
        negate(
          internal,
          isUnknown(internal.value)
            ? internal.evidence.message
            : internal.value
              ? `${internal.evidence.message}: internal`
              : `${internal.evidence.message}: internet-facing`,
        ),
      );
      return;
    }
    case "search": {
      const vpcOptions = prop(resource, { terraform: "vpc_options", cloudformation: "VPCOptions" });
      setFact(
        element,
        "public",
        vpcOptions
          ? fact(false, vpcOptions.at, "in a VPC (vpc_options)")
          : fact(true, resource.source, "no VPC options: the domain has a public endpoint"),
      );
      return;
    }
    case "none":
      return;
  }
}

function loadBalancerInternal(node: Node): Fact<boolean> {
  const resource = node.resource;
  if (resource.format === "terraform") {
    return flagFact(resource, { terraform: "internal", cloudformation: "Scheme" }, false);
  }
  const scheme = prop(resource, { cloudformation: "Scheme" });
  if (!scheme) return fact(false, resource.source, "Scheme not set (default internet-facing)");
  const text = literalString(scheme.value);
  if (text === undefined)
    return unknownFact(unresolvedText(scheme.value), scheme.at, `Scheme: ${unresolvedText(scheme.value)}`);
  return fact(text === "internal", scheme.at, `Scheme: ${text}`);
}

/** The security groups attached, as element ids, and the world-open rules among theirs. */
function securityGroupFacts(context: PlacementContext, node: Node, spec: PlacementSpec, element: Element): void {
  const { index, network } = context;
  let owner = node;
  let founds = spec.securityGroups ? allFields(node.resource.body, node.resource.format, spec.securityGroups) : [];
  if (founds.length === 0 && spec.exposure === "autoscaling") {
    const launch = launchSourceOf(index, node);
    if (launch) {
      owner = launch;
      founds = allFields(launch.resource.body, launch.resource.format, LAUNCH_TEMPLATE_GROUPS);
    }
  }
  if (founds.length === 0) {
    const cluster = clusterOf(index, node);
    if (cluster) {
      owner = cluster;
      founds = allFields(cluster.resource.body, cluster.resource.format, DB_SECURITY_GROUPS);
    }
  }
  if (founds.length === 0) return;
  const groups = index.targets(
    owner,
    { kind: "list", items: founds.map((found) => found.value), source: founds[0]!.at },
    SECURITY_GROUP_TYPES,
  );
  setPlain(
    element,
    "securityGroups",
    groups.map((group) => group.id),
    evidenceAt(founds[0]!.at, founds.map((found) => found.path).join(", ")),
  );
  const open: IngressRule[] = [];
  let firstOpen: { group: Node; at: SourceLocation; rule: IngressRule } | undefined;
  for (const group of groups) {
    for (const info of network.ingress(group)) {
      if (!isWorldOpen(info.rule)) continue;
      open.push(info.rule);
      firstOpen ??= { group, at: info.worldAt ?? info.rule.source ?? group.resource.source, rule: info.rule };
    }
  }
  // Every attached group is declared (no variable, no sg- id): then no open rule means none.
  const allDeclared = founds.every((found) =>
    itemsOf(found.value).every((item) => index.targets(owner, item, SECURITY_GROUP_TYPES).length > 0),
  );
  if (firstOpen) {
    const ports = open.map((rule) => describePorts(rule)).join(", ");
    setPlain(
      element,
      "openIngress",
      open,
      evidenceAt(
        firstOpen.at,
        `${firstOpen.group.id} allows ${firstOpen.rule.cidrs.filter((cidr) => cidr.endsWith("/0")).join(", ")} on ${ports}`,
      ),
    );
  } else if (allDeclared) {
    setPlain(element, "openIngress", [], undefined);
  }
}

export function describePorts(rule: IngressRule): string {
  const { from, to, protocol } = rule.ports;
  if (protocol === "all") return "all ports";
  const range = from === to ? `${from}` : `${from}-${to}`;
  return `${protocol ?? "tcp"} ${range}`;
}

/** The most specific boundary: the ECS cluster, a single subnet, else the VPC. */
function parentOf(context: PlacementContext, node: Node, set: SubnetSet, spec: PlacementSpec): string | undefined {
  if (node.resource.type === "aws_ecs_service" || node.resource.type === "AWS::ECS::Service") {
    const cluster = context.index.targets(
      node,
      prop(node.resource, { terraform: "cluster", cloudformation: "Cluster" })?.value,
      ECS_CLUSTER_TYPES,
    )[0];
    if (cluster) return cluster.id;
  }
  if (set.subnets.length === 1 && set.unresolved.length === 0 && !spec.subnetGroup) return set.subnets[0]!.node.id;
  return vpcOfSet(set)?.id;
}

function vpcOfSet(set: SubnetSet): Node | undefined {
  const vpcs = new Set(set.subnets.map((subnet) => subnet.vpc));
  const [only] = vpcs;
  return vpcs.size === 1 ? only : undefined;
}

/** Placement facts of one element, for the types that have a placement spec. */
export function applyPlacement(context: PlacementContext, node: Node, element: Element): void {
  const spec = SPECS.get(node.resource.type);
  if (!spec) return;
  const set = subnetsOf(context, node, spec);
  if (set.found && set.subnets.length > 0) {
    // Only a complete list: `[]` or a part of the subnets beside an unresolved value (a variable,
    // an !ImportValue) would read as "no subnets" or "only these"; the tier and Multi-AZ facts
    // carry the unknown instead.
    if (set.unresolved.length === 0)
      setPlain(
        element,
        "subnets",
        set.subnets.map((subnet) => subnet.node.id),
        evidenceAt(set.found.at, set.found.path),
      );
    const vpc = vpcOfSet(set);
    if (vpc) setPlain(element, "vpc", vpc.id, evidenceAt(set.found.at, `subnets in ${vpc.id}`));
  }
  const tier = placementTier(set);
  setFact(
    element,
    "subnetTier",
    tier ??
      (spec.exposure === "instance"
        ? unknownFact(
            "subnet_id not set (default VPC)",
            node.resource.source,
            "no subnet: the default VPC's default subnet",
          )
        : undefined),
  );
  const zones = zoneFacts(set, spec.spreads, node);
  if (zones.zones && set.found)
    setPlain(
      element,
      "availabilityZones",
      zones.zones,
      evidenceAt(set.found.at, `subnets in ${zones.zones.join(", ")}`),
    );
  if (zones.multiAz) setFact(element, "multiAz", zones.multiAz);
  exposureFacts(context, node, spec, set, tier, element);
  securityGroupFacts(context, node, spec, element);
  const parent = parentOf(context, node, set, spec);
  if (parent) element.parent = parent;
}
