/**
 * The declared network: subnets and whether they are public (detection.md: the route table
 * associated with the subnet, else the VPC's main route table; a route 0.0.0.0/0 or ::/0 to an
 * internet gateway makes a subnet public, a NAT route does not), security group ingress rules,
 * and Elastic IPs bound to instances. Computed once per graph; placement reads it.
 */
import type { IngressRule, PortRange } from "../model/graph.js";
import { isUnknown } from "../model/graph.js";
import type { IacObject, IacValue } from "../model/iac.js";
import type { SourceLocation } from "../model/source.js";
import { type Fact, fact, flagFact, stringFact, triOr, unknownFact, withMessage } from "./facts.js";
import { type Edge, type Node, type ResourceIndex, types } from "./resource-index.js";
import {
  type AttrName,
  type Found,
  field,
  itemsOf,
  literalNumber,
  literalString,
  objectsOf,
  prop,
  renderValue,
  unresolvedText,
} from "./values.js";

export type Tier = "public" | "private";

export interface SubnetInfo {
  node: Node;
  vpc?: Node;
  az?: Fact<string>;
  /**
   * An index into the region's list of zones when the zone is written as one (`!Select [1,
   * !GetAZs ""]`, `data.aws_availability_zones.x.names[1]`): distinct indices are distinct zones.
   */
  zoneIndex?: { list: string; index: number };
  tier: Fact<Tier>;
  mapPublicIp: Fact<boolean>;
  assignIpv6: Fact<boolean>;
  cidr?: Fact<string>;
}

/** The subnets an attribute names, and what of it could not be resolved to declared subnets. */
export interface SubnetSet {
  subnets: SubnetInfo[];
  /** Expressions that name subnets archlint cannot see (variables, data sources, subnet ids). */
  unresolved: string[];
  /** A splat over a resource whose count is not known: how many subnets there are is not known. */
  countUncertain: boolean;
  /** The attribute that names them. */
  found?: Found;
}

export interface IngressInfo {
  rule: IngressRule;
  /** The resource that carries the rule (the group for inline rules, else the rule resource). */
  via: Node;
  /** Where a world-open CIDR (0.0.0.0/0, ::/0) is written, when the rule has one. */
  worldAt?: SourceLocation;
}

export const SUBNET_TYPES = types("aws_subnet", "aws_default_subnet", "AWS::EC2::Subnet");
export const VPC_TYPES = types("aws_vpc", "aws_default_vpc", "AWS::EC2::VPC");
export const SECURITY_GROUP_TYPES = types(
  "aws_security_group",
  "aws_default_security_group",
  "AWS::EC2::SecurityGroup",
);
const INTERNET_GATEWAY_TYPES = types("aws_internet_gateway", "AWS::EC2::InternetGateway");
const ROUTE_TABLE_TYPES = types("aws_route_table", "aws_default_route_table", "AWS::EC2::RouteTable");
const ROUTE_TYPES = types("aws_route", "AWS::EC2::Route");
const ASSOCIATION_TYPES = types("aws_route_table_association", "AWS::EC2::SubnetRouteTableAssociation");
const EIP_TYPES = types("aws_eip", "aws_eip_association", "AWS::EC2::EIP", "AWS::EC2::EIPAssociation");
const EIP_KEYS = types("instance", "instance_id", "InstanceId");
const WORLD_CIDRS = new Set(["0.0.0.0/0", "::/0"]);

const VPC_ID: AttrName = { terraform: "vpc_id", cloudformation: "VpcId" };
const SUBNET_ID: AttrName = { terraform: "subnet_id", cloudformation: "SubnetId" };
const ROUTE_TABLE_ID: AttrName = { terraform: "route_table_id", cloudformation: "RouteTableId" };
const DESTINATIONS: AttrName[] = [
  { terraform: ["cidr_block", "destination_cidr_block"], cloudformation: "DestinationCidrBlock" },
  { terraform: ["ipv6_cidr_block", "destination_ipv6_cidr_block"], cloudformation: "DestinationIpv6CidrBlock" },
];
const GATEWAY_ID: AttrName = { terraform: "gateway_id", cloudformation: "GatewayId" };

/** The route's contribution: does it send the default route to an internet gateway? */
function routeIsPublic(index: ResourceIndex, owner: Node, route: IacObject, table: Node): Fact<boolean> {
  const format = owner.resource.format;
  const gateway = field(route, format, GATEWAY_ID);
  const target = gateway ? gatewayKind(index, owner, gateway.value) : "other";
  // A route names one destination; written as attributes, the others are empty strings.
  const destinations = DESTINATIONS.map((name) => field(route, format, name)).filter(
    (found): found is Found => found !== undefined && literalString(found.value) !== "" && !isNull(found.value),
  );
  const at = destinations[0]?.at ?? route.source;
  if (target === "other") return fact(false, at, "not an internet gateway route");
  return triOr(
    fact(false, at, "no destination"),
    ...destinations.map((destination) => {
      const text = literalString(destination.value);
      if (text === undefined)
        return unknownFact(unresolvedText(destination.value), destination.at, "route destination unknown");
      if (!WORLD_CIDRS.has(text)) return fact(false, destination.at, `route ${text} is not a default route`);
      if (typeof target === "object")
        return unknownFact(target.unknown, gateway?.at ?? destination.at, `route ${text} → ${target.unknown}`);
      return fact(true, destination.at, `route ${text} → ${target} in ${table.id}`);
    }),
  );
}

function isNull(value: IacValue): boolean {
  return value.kind === "literal" && value.value === null;
}

/** "other" (not an internet gateway), an unknown, or the gateway's name. */
function gatewayKind(index: ResourceIndex, owner: Node, value: IacValue): "other" | { unknown: string } | string {
  const text = literalString(value);
  if (text !== undefined) return text.startsWith("igw-") ? text : "other";
  const targets = index.targets(owner, value);
  if (targets.length > 0) {
    const igw = targets.find((node) => INTERNET_GATEWAY_TYPES.has(node.resource.type));
    return igw ? igw.id : "other";
  }
  return { unknown: unresolvedText(value) };
}

export class Network {
  private readonly subnets = new Map<Node, SubnetInfo>();
  private readonly routes = new Map<Node, Fact<boolean>[]>();
  private readonly mainTables = new Map<Node, { table: Node; by: Node }>();
  private readonly tableTiers = new Map<Node, Fact<boolean>>();
  private readonly ingressRules = new Map<Node, IngressInfo[]>();

  constructor(private readonly index: ResourceIndex) {
    this.collectRoutes();
    for (const node of index.ofType(...SUBNET_TYPES)) this.subnets.set(node, this.describeSubnet(node));
    this.collectIngress();
  }

  subnet(node: Node): SubnetInfo | undefined {
    return this.subnets.get(node);
  }

  allSubnets(): SubnetInfo[] {
    return [...this.subnets.values()];
  }

  /** The declared security group's ingress rules (inline and separate rule resources). */
  ingress(group: Node): IngressInfo[] {
    return this.ingressRules.get(group) ?? [];
  }

  /** The Elastic IPs bound to an instance (aws_eip instance, aws_eip_association, CFN EIP / EIPAssociation). */
  elasticIps(instance: Node): Edge[] {
    return this.index.referrers(instance, EIP_TYPES, EIP_KEYS);
  }

  /** The VPC an attribute names (vpc_id / VpcId), when declared. */
  vpcOf(node: Node): Node | undefined {
    return this.index.targets(node, prop(node.resource, VPC_ID)?.value, VPC_TYPES)[0];
  }

  /** The subnets a value of `from` names. */
  subnetsIn(from: Node, founds: readonly Found[]): SubnetSet {
    const set: SubnetSet = { subnets: [], unresolved: [], countUncertain: false };
    if (founds.length === 0) return set;
    set.found = founds[0]!;
    const seen = new Set<Node>();
    const add = (nodes: Node[]) => {
      for (const node of nodes) {
        const info = this.subnets.get(node);
        if (!info || seen.has(node)) continue;
        seen.add(node);
        set.subnets.push(info);
      }
    };
    for (const item of founds.flatMap((found) => itemsOf(found.value))) {
      if (item.kind === "literal") {
        if (item.value !== null && item.value !== "") set.unresolved.push(renderValue(item));
        continue;
      }
      const refs = item.kind === "ref" ? [item.ref] : item.kind === "unknown" ? item.refs : [];
      const resolved = refs.map((ref) => ({
        ref,
        nodes: this.index.resolve(from, ref).filter((node) => SUBNET_TYPES.has(node.resource.type)),
      }));
      const bases = new Set(
        resolved.flatMap(({ nodes }) => nodes.map((node) => node.resource.address.replace(/\[[^\]]*\]$/, ""))),
      );
      const allResolved = resolved.length > 0 && resolved.every(({ nodes }) => nodes.length > 0);
      // A for-expression over one counted subnet resource names its instances; a conditional
      // between two resources (or a variable) does not say which.
      if (!allResolved || (item.kind === "unknown" && bases.size !== 1)) {
        set.unresolved.push(unresolvedText(item));
        continue;
      }
      const nodes = resolved.flatMap(({ nodes }) => nodes);
      const splatLike = item.kind === "unknown" || refs.some((ref) => ref.splat);
      if (splatLike && nodes.some((node) => node.resource.instanceKey === undefined)) set.countUncertain = true;
      add(nodes);
    }
    return set;
  }

  private collectRoutes(): void {
    for (const table of this.index.ofType(...ROUTE_TABLE_TYPES)) {
      const inline = objectsOf(table.resource.body.entries.route).map((route) =>
        routeIsPublic(this.index, table, route, table),
      );
      this.addRoutes(table, inline);
      if (table.resource.type === "aws_default_route_table") {
        const vpc = this.index.targets(table, table.resource.body.entries.default_route_table_id, VPC_TYPES)[0];
        if (vpc) this.mainTables.set(vpc, { table, by: table });
      }
    }
    for (const route of this.index.ofType(...ROUTE_TYPES)) {
      // A route's table may be a route table, or a VPC's main table (`aws_vpc.x.main_route_table_id`).
      for (const table of this.index.targets(route, prop(route.resource, ROUTE_TABLE_ID)?.value)) {
        if (ROUTE_TABLE_TYPES.has(table.resource.type) || VPC_TYPES.has(table.resource.type)) {
          this.addRoutes(table, [routeIsPublic(this.index, route, route.resource.body, table)]);
        }
      }
    }
    for (const association of this.index.ofType("aws_main_route_table_association")) {
      const vpc = this.index.targets(association, prop(association.resource, VPC_ID)?.value, VPC_TYPES)[0];
      const table = this.index.targets(
        association,
        prop(association.resource, ROUTE_TABLE_ID)?.value,
        ROUTE_TABLE_TYPES,
      )[0];
      if (vpc && table) this.mainTables.set(vpc, { table, by: association });
    }
  }

  private addRoutes(table: Node, routes: Fact<boolean>[]): void {
    const list = this.routes.get(table);
    if (list) list.push(...routes);
    else this.routes.set(table, routes);
  }

  /** Does the table (or a VPC's implicit main table) route 0.0.0.0/0 or ::/0 to an internet gateway? */
  private tableIsPublic(table: Node): Fact<boolean> {
    const cached = this.tableTiers.get(table);
    if (cached) return cached;
    const routes = this.routes.get(table) ?? [];
    let result = routes.length > 0 ? triOr(...routes) : undefined;
    if (!result || result.value === false) {
      result = fact(false, table.resource.source, `${table.id} has no route 0.0.0.0/0 or ::/0 to an internet gateway`);
    }
    this.tableTiers.set(table, result);
    return result;
  }

  private describeSubnet(node: Node): SubnetInfo {
    const resource = node.resource;
    const vpc = this.vpcOf(node);
    const defaultSubnet = resource.type === "aws_default_subnet";
    const info: SubnetInfo = {
      node,
      tier: this.subnetTier(node, vpc),
      mapPublicIp: flagFact(
        resource,
        { terraform: "map_public_ip_on_launch", cloudformation: "MapPublicIpOnLaunch" },
        defaultSubnet,
      ),
      assignIpv6: flagFact(
        resource,
        { terraform: "assign_ipv6_address_on_creation", cloudformation: "AssignIpv6AddressOnCreation" },
        false,
      ),
    };
    if (vpc) info.vpc = vpc;
    const az = stringFact(
      prop(resource, {
        terraform: ["availability_zone", "availability_zone_id"],
        cloudformation: ["AvailabilityZone", "AvailabilityZoneId"],
      }),
    );
    if (az) info.az = az;
    const zoneIndex = az && typeof az.value === "object" ? zoneListIndex(az.value.unknown) : undefined;
    if (zoneIndex) info.zoneIndex = zoneIndex;
    const cidr = stringFact(prop(resource, { terraform: "cidr_block", cloudformation: "CidrBlock" }));
    if (cidr) info.cidr = cidr;
    return info;
  }

  private subnetTier(node: Node, vpc: Node | undefined): Fact<Tier> {
    if (node.resource.type === "aws_default_subnet") {
      return fact<Tier>(
        "public",
        node.resource.source,
        "a default subnet: the default VPC routes 0.0.0.0/0 to its internet gateway",
      );
    }
    const associations = this.index.referrers(node, ASSOCIATION_TYPES, types("subnet_id", "SubnetId"));
    if (associations.length > 0) {
      const facts = associations.map(({ from }) => {
        const tableFound = prop(from.resource, ROUTE_TABLE_ID);
        const table = this.index.targets(from, tableFound?.value, ROUTE_TABLE_TYPES)[0];
        if (!table) {
          const text = tableFound ? unresolvedText(tableFound.value) : "route_table_id";
          return unknownFact(text, tableFound?.at ?? from.resource.source, `route table ${text} is not declared`);
        }
        const result = this.tableIsPublic(table);
        return result.value === false
          ? withMessage(result, `${result.evidence.message} (associated by ${from.id})`)
          : result;
      });
      return asTier(triOr(...facts));
    }
    if (!vpc) {
      const vpcFound = prop(node.resource, VPC_ID);
      const text = `main route table of ${vpcFound ? unresolvedText(vpcFound.value) : "the subnet's VPC"}`;
      return unknownFact(
        text,
        vpcFound?.at ?? node.resource.source,
        `no route table associated; ${text} is not declared`,
      );
    }
    if (vpc.resource.type === "aws_default_vpc") {
      return fact<Tier>(
        "public",
        node.resource.source,
        `${vpc.id}: the default VPC routes 0.0.0.0/0 to its internet gateway`,
      );
    }
    const main = this.mainTables.get(vpc);
    const result = this.tableIsPublic(main?.table ?? vpc);
    if (result.value === false) {
      const which = main ? `its main route table ${main.table.id}` : `the main route table of ${vpc.id}`;
      return fact<Tier>(
        "private",
        node.resource.source,
        `no route table associated; ${which} has no route 0.0.0.0/0 or ::/0 to an internet gateway`,
      );
    }
    return asTier(result);
  }

  private collectIngress(): void {
    for (const group of this.index.ofType(...SECURITY_GROUP_TYPES)) {
      const inline = prop(group.resource, { terraform: "ingress", cloudformation: "SecurityGroupIngress" })?.value;
      for (const rule of objectsOf(inline)) this.addIngress(group, group, rule);
    }
    for (const node of this.index.ofType("aws_security_group_rule")) {
      if (literalString(node.resource.body.entries.type) !== "ingress") continue;
      for (const group of this.index.targets(
        node,
        node.resource.body.entries.security_group_id,
        SECURITY_GROUP_TYPES,
      )) {
        this.addIngress(group, node, node.resource.body);
      }
    }
    for (const node of this.index.ofType("aws_vpc_security_group_ingress_rule", "AWS::EC2::SecurityGroupIngress")) {
      const target = prop(node.resource, { terraform: "security_group_id", cloudformation: "GroupId" })?.value;
      for (const group of this.index.targets(node, target, SECURITY_GROUP_TYPES))
        this.addIngress(group, node, node.resource.body);
    }
  }

  private addIngress(group: Node, via: Node, rule: IacObject): void {
    const info = ingressRule(this.index, group, via, rule);
    const list = this.ingressRules.get(group);
    if (list) list.push(info);
    else this.ingressRules.set(group, [info]);
  }
}

/**
 * `!Select [1, !GetAZs ""]` (either syntax, YAML or JSON), `data.aws_availability_zones.x.names[1]`,
 * `element(data.aws_availability_zones.x.names, 1)`: the list and the index. Only lists of
 * distinct zones count (GetAZs, the availability zones data source), not a variable's list.
 */
export function zoneListIndex(text: string): { list: string; index: number } | undefined {
  const compact = text.replace(/\s+/g, "");
  const select = /Select\W*?(\d+)\W*?(?:Fn::)?GetAZs/.exec(compact);
  // GetAZs of "" or of the stack's region: the current region's zones in either case.
  if (select) return { list: "GetAZs", index: Number(select[1]) };
  const indexed = /^(data\.aws_availability_zones\.[\w-]+\.(?:names|zone_ids))\[(\d+)\]$/.exec(compact);
  if (indexed) return { list: indexed[1]!, index: Number(indexed[2]) };
  const element = /^element\((data\.aws_availability_zones\.[\w-]+\.(?:names|zone_ids)),(\d+)\)$/.exec(compact);
  if (element) return { list: element[1]!, index: Number(element[2]) };
  return undefined;
}

function asTier(value: Fact<boolean>): Fact<Tier> {
  if (isUnknown(value.value)) return { value: value.value, evidence: value.evidence };
  return { value: value.value ? "public" : "private", evidence: value.evidence };
}

const PROTOCOL: AttrName = { terraform: ["protocol", "ip_protocol"], cloudformation: "IpProtocol" };
const FROM_PORT: AttrName = { terraform: "from_port", cloudformation: "FromPort" };
const TO_PORT: AttrName = { terraform: "to_port", cloudformation: "ToPort" };
const CIDRS: AttrName = { terraform: ["cidr_blocks", "cidr_ipv4"], cloudformation: "CidrIp" };
const IPV6_CIDRS: AttrName = { terraform: ["ipv6_cidr_blocks", "cidr_ipv6"], cloudformation: "CidrIpv6" };
const SOURCE_GROUPS: AttrName = {
  terraform: ["security_groups", "source_security_group_id", "referenced_security_group_id"],
  cloudformation: "SourceSecurityGroupId",
};
/** Terraform's `self = true`: the group admits its own members (CloudFormation names the group instead). */
const SELF: AttrName = { terraform: "self" };
const PROTOCOL_NAMES: Record<string, string> = {
  "-1": "all",
  all: "all",
  "6": "tcp",
  "17": "udp",
  "1": "icmp",
  "58": "icmpv6",
};

/** One ingress rule, normalised across the four ways of writing it. */
function ingressRule(index: ResourceIndex, group: Node, via: Node, rule: IacObject): IngressInfo {
  const format = via.resource.format;
  const unknowns: string[] = [];
  const protocolValue = field(rule, format, PROTOCOL)?.value;
  const protocolText = literalString(protocolValue)?.toLowerCase();
  if (protocolValue && protocolText === undefined) unknowns.push(unresolvedText(protocolValue));
  const protocol = protocolText === undefined ? undefined : (PROTOCOL_NAMES[protocolText] ?? protocolText);
  const ports = portRange(
    field(rule, format, FROM_PORT)?.value,
    field(rule, format, TO_PORT)?.value,
    protocol,
    unknowns,
  );
  const cidrs: string[] = [];
  let worldAt: SourceLocation | undefined;
  // Where the rule says whom it admits: the first of its CIDR, group and self attributes that
  // names anyone (an empty `cidr_blocks = []` beside `security_groups` admits no one).
  const peerAttributes: Found[] = [];
  for (const name of [CIDRS, IPV6_CIDRS]) {
    const found = field(rule, format, name);
    if (found) peerAttributes.push(found);
    for (const item of itemsOf(found?.value)) {
      const cidr = literalString(item);
      if (cidr === undefined) {
        unknowns.push(unresolvedText(item));
        continue;
      }
      cidrs.push(cidr);
      if (WORLD_CIDRS.has(cidr) && !worldAt) worldAt = found?.at;
    }
  }
  const fromGroups: string[] = [];
  const groupsFound = field(rule, format, SOURCE_GROUPS);
  if (groupsFound) peerAttributes.push(groupsFound);
  for (const item of itemsOf(groupsFound?.value)) {
    const nodes = index.targets(via, item, SECURITY_GROUP_TYPES);
    if (nodes.length === 0 && item.kind !== "literal") unknowns.push(unresolvedText(item));
    for (const node of nodes) if (!fromGroups.includes(node.id)) fromGroups.push(node.id);
  }
  const selfFound = field(rule, format, SELF);
  if (selfFound && literalString(selfFound.value) === "true") {
    peerAttributes.push(selfFound);
    if (!fromGroups.includes(group.id)) fromGroups.push(group.id);
  }
  const peerAt =
    (peerAttributes.find(admitsAnyone) ?? peerAttributes[0])?.at ??
    (rule === via.resource.body ? via.resource.source : rule.source);
  const ingress: IngressRule = { ports, cidrs, fromGroups, source: peerAt };
  if (unknowns.length > 0) ingress.unknown = unknowns.join(", ");
  return worldAt ? { rule: ingress, via, worldAt } : { rule: ingress, via };
}

/** A peer attribute that names at least one CIDR or group (or is `self = true`). */
function admitsAnyone(found: Found): boolean {
  return found.value.kind !== "list" || found.value.items.length > 0;
}

function portRange(
  from: IacValue | undefined,
  to: IacValue | undefined,
  protocol: string | undefined,
  unknowns: string[],
): PortRange {
  if (protocol === "all") return { from: 0, to: 65535, protocol };
  const fromPort = literalNumber(from);
  const toPort = literalNumber(to);
  if (from && fromPort === undefined) unknowns.push(unresolvedText(from));
  if (to && toPort === undefined) unknowns.push(unresolvedText(to));
  const range: PortRange = { from: fromPort ?? toPort ?? 0, to: toPort ?? fromPort ?? 65535 };
  if (protocol !== undefined) range.protocol = protocol;
  return range;
}

/** Rules open to the world (0.0.0.0/0 or ::/0). */
export function isWorldOpen(rule: IngressRule): boolean {
  return rule.cidrs.some((cidr) => WORLD_CIDRS.has(cidr));
}

export { SUBNET_ID };
