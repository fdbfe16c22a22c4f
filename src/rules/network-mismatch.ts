import { type Element, type IngressRule, isUnknown } from "../model/graph.js";
import type { SourceLocation } from "../model/source.js";
import { parseCidr } from "../util/ip.js";
import {
  attributeLocation,
  describeDoc,
  describeResource,
  docEvidence,
  findingAt,
  formatIngress,
  formatPortRange,
  listing,
  moduleEvidence,
  type RuleIndex,
  ruleIndex,
  UNRESOLVED_FIX,
  unresolvedHint,
} from "./support/index.js";
import type { ReportedFinding, Rule, RuleContext } from "./types.js";

const VPC_TYPES = new Set(["aws_vpc", "AWS::EC2::VPC"]);
const SUBNET_TYPES = new Set(["aws_subnet", "AWS::EC2::Subnet"]);
const WORLD = new Set(["0.0.0.0/0", "::/0"]);
const SECURITY_GROUP_TYPES = new Set(["aws_security_group", "AWS::EC2::SecurityGroup"]);

type NetworkRole = "vpc" | "subnet";
type Report = (finding: ReportedFinding) => void;

function docRole(element: Element): NetworkRole | undefined {
  const name = `${element.label} ${element.id}`;
  if (/subnet/i.test(name)) return "subnet";
  if (/\bvpc\b/i.test(name) || /(^|_)vpc(_|$)/i.test(element.id)) return "vpc";
  return undefined;
}

function actualRole(element: Element): NetworkRole | undefined {
  const type = element.attributes.type ?? "";
  if (VPC_TYPES.has(type)) return "vpc";
  if (SUBNET_TYPES.has(type)) return "subnet";
  return undefined;
}

function knownCidr(element: Element): string | undefined {
  const cidr = element.attributes.cidr;
  return typeof cidr === "string" ? cidr.trim() : undefined;
}

function tierOf(element: Element): string | undefined {
  const tier = element.attributes.subnetTier;
  if (typeof tier === "string") return tier;
  return /\bpublic\b/i.test(element.label) ? "public" : /\bprivate\b/i.test(element.label) ? "private" : undefined;
}

function zoneOf(element: Element): string {
  return element.attributes.availabilityZones?.[0] ?? "";
}

/** Orders numerically by address so that 10.0.2.0/24 comes before 10.0.10.0/24. */
function cidrKey(cidr: string): string {
  return cidr
    .split(/[./]/)
    .map((part) => part.padStart(3, "0"))
    .join(".");
}

function byZoneAndCidr(a: Element, b: Element): number {
  const zone = zoneOf(a).localeCompare(zoneOf(b));
  if (zone !== 0) return zone;
  return cidrKey(knownCidr(a) ?? "").localeCompare(cidrKey(knownCidr(b) ?? "")) || a.id.localeCompare(b.id);
}

function cidrFinding(index: RuleIndex, documented: Element, actual: Element, role: NetworkRole): ReportedFinding {
  const docCidr = knownCidr(documented)!;
  const base = findingAt(index, actual, "cidr", documented, [
    docEvidence(documented, "cidr", `documented as ${docCidr}: ${describeDoc(documented)}`),
  ]);
  const cidr = actual.attributes.cidr;
  if (isUnknown(cidr))
    return {
      ...base,
      level: "note",
      message: `The CIDR block of ${describeResource(actual)} is unknown, and the architecture documents ${describeDoc(documented)} as ${docCidr}: ${unresolvedHint(cidr)}`,
      fix: UNRESOLVED_FIX,
    };
  return {
    ...base,
    message: `${describeResource(actual)} has CIDR block ${knownCidr(actual)}, but the architecture documents ${describeDoc(documented)} as ${docCidr}`,
    fix: `set the ${role === "vpc" ? "VPC" : "subnet"}'s CIDR block to ${docCidr}, or update the architecture`,
  };
}

/** Documented VPC blocks: compared with the only VPC, when there is one. */
function checkVpcs(index: RuleIndex, documented: Element[], actual: Element[], report: Report): void {
  for (const vpc of documented) {
    const cidr = knownCidr(vpc)!;
    if (actual.some((candidate) => knownCidr(candidate) === cidr)) continue;
    if (actual.length === 1) report(cidrFinding(index, vpc, actual[0]!, "vpc"));
  }
}

/**
 * Documented subnet blocks no subnet has: paired, per tier, with the subnets whose blocks no
 * document states (same availability zone first, then in address order).
 */
function checkSubnets(index: RuleIndex, documented: Element[], actual: Element[], report: Report): void {
  const actualCidrs = new Set(actual.map(knownCidr).filter((cidr) => cidr !== undefined));
  const documentedCidrs = new Set(documented.map(knownCidr));
  const seen = new Set<string>();
  const missing = documented
    .filter((subnet) => {
      const cidr = knownCidr(subnet)!;
      if (actualCidrs.has(cidr) || seen.has(cidr)) return false;
      seen.add(cidr);
      return true;
    })
    .sort(byZoneAndCidr);
  const spare = actual
    .filter((subnet) => isUnknown(subnet.attributes.cidr) || !documentedCidrs.has(knownCidr(subnet)))
    .sort(byZoneAndCidr);
  const used = new Set<string>();
  const take = (subnet: Element, match: (candidate: Element) => boolean) => {
    const candidate = spare.find((other) => !used.has(other.id) && tierOf(other) === tierOf(subnet) && match(other));
    if (candidate) used.add(candidate.id);
    return candidate;
  };
  for (const subnet of missing) {
    const counterpart =
      (zoneOf(subnet) ? take(subnet, (other) => zoneOf(other) === zoneOf(subnet)) : undefined) ??
      take(subnet, () => true);
    if (counterpart) report(cidrFinding(index, subnet, counterpart, "subnet"));
  }
}

/** The ingress rules that apply to a resource, and whether they are all of them. */
interface ActualIngress {
  rules: IngressRule[];
  /** Every attached security group is declared and read: a source no rule admits is not admitted. */
  complete: boolean;
}

/** Its security groups' rules (each once), else only the rules open to the world archlint knows of. */
function ingressOf(resource: Element, index: RuleIndex): ActualIngress | undefined {
  const groups = (resource.attributes.securityGroups ?? []).map((id) => index.actualById.get(id));
  const known = groups.filter((group): group is Element => group?.attributes.ingress !== undefined);
  const open = resource.attributes.openIngress;
  if (known.length === 0) return open && open.length > 0 ? { rules: open, complete: false } : undefined;
  // `openIngress` is set when archlint read every attached group (or found one open to the world).
  const complete = known.length === groups.length && open !== undefined;
  return { rules: known.flatMap((group) => group.attributes.ingress ?? []), complete };
}

function covers(rule: IngressRule, port: number): boolean {
  return rule.ports.from <= port && port <= rule.ports.to;
}

function portsOfRules(rules: IngressRule[]): number[] {
  return [...new Set(rules.flatMap((rule) => [rule.ports.from, rule.ports.to]))];
}

/** Documented ports the mapped resource does not use. */
function checkPortList(resource: Element, components: Element[], index: RuleIndex, report: Report): void {
  const withPorts = components.find((component) => (component.attributes.ports?.length ?? 0) > 0);
  const actualPorts = resource.attributes.ports;
  if (!withPorts || !actualPorts) return;
  const documented = withPorts.attributes.ports!;
  const missing = documented.filter((port) => !actualPorts.includes(port));
  if (missing.length === 0) return;
  report({
    ...findingAt(index, resource, "ports", withPorts, [
      docEvidence(withPorts, "ports", `ports documented for ${describeDoc(withPorts)}`),
    ]),
    message: `${describeResource(resource)} does not use port ${listing(missing.map(String))} (it has ${actualPorts.length > 0 ? listing(actualPorts.map(String)) : "none"}), but the architecture documents ${describeDoc(withPorts)} on ${listing(documented.map(String))}`,
    fix: `open port ${listing(missing.map(String))} on ${resource.id}, or update the architecture`,
  });
}

/** Documented sources in the documents' words: `"Application Load Balancer" (alb)` for `alb`. */
function documentedIngress(rule: IngressRule, index: RuleIndex): IngressRule {
  const described = rule.fromGroups.map((id) => {
    const source = index.docById.get(id);
    return source ? describeDoc(source) : id;
  });
  return { ...rule, fromGroups: rule.unknown ? [...described, rule.unknown] : described };
}

/**
 * The actual security groups of a documented source: the groups of the resources it maps to
 * (through its counterpart in the other view when it maps to nothing itself), or the group
 * itself. Undefined when any of that is unknown.
 */
function actualGroupsOf(id: string, index: RuleIndex): string[] | undefined {
  let resources = index.resourcesOf(id);
  if (resources.length === 0) resources = index.counterpartsOf(id).flatMap((other) => index.resourcesOf(other.id));
  if (resources.length === 0) return undefined;
  const groups = new Set<string>();
  for (const resource of resources) {
    const own = SECURITY_GROUP_TYPES.has(resource.attributes.type ?? "")
      ? [resource.id]
      : resource.attributes.securityGroups;
    if (!own?.length) return undefined;
    for (const group of own) groups.add(group);
  }
  return [...groups];
}

/** Whether a CIDR block lies within another (same address family). */
function within(inner: string, outer: string): boolean {
  const a = parseCidr(inner);
  const b = parseCidr(outer);
  if (!a || !b) return inner === outer;
  if (a.width !== b.width || b.length > a.length) return false;
  const shift = BigInt(b.width - b.length);
  return a.address >> shift === b.address >> shift;
}

/** What differs between one documented rule and the actual rules. */
interface IngressGap {
  /** Actual rules admitting sources the documented rule does not. */
  excess: IngressRule[];
  /** "port 3000 from …", "port 3000": documented sources no actual rule admits. */
  missing: string[];
}

/**
 * One documented rule against the actual ones, port by port: a source it does not name must
 * not be admitted (the world unless documented; anything else when it says "only"), and each
 * source it names must be (when the actual rules are complete and the source's groups known).
 */
function compareIngress(documented: IngressRule, actual: ActualIngress, index: RuleIndex): IngressGap {
  const world = documented.cidrs.some((cidr) => WORLD.has(cidr));
  const groups = new Map(documented.fromGroups.map((id) => [id, actualGroupsOf(id, index)]));
  const allowed = new Set([...groups.values()].flatMap((list) => list ?? []));
  const sourcesKnown = documented.unknown === undefined && [...groups.values()].every((list) => list !== undefined);
  const isExcess = (rule: IngressRule) => {
    if (!world && rule.cidrs.some((cidr) => WORLD.has(cidr))) return true;
    if (!documented.only || !sourcesKnown) return false;
    return (
      rule.cidrs.some((cidr) => !documented.cidrs.some((outer) => within(cidr, outer))) ||
      rule.fromGroups.some((group) => !allowed.has(group))
    );
  };
  const excess = new Set<IngressRule>();
  const missing: string[] = [];
  for (const port of portsOfRules([documented])) {
    const covering = actual.rules.filter((rule) => covers(rule, port));
    for (const rule of covering.filter(isExcess)) excess.add(rule);
    if (!actual.complete) continue;
    const at = formatPortRange({ from: port, to: port });
    if (covering.length === 0) {
      missing.push(at);
      continue;
    }
    for (const cidr of documented.cidrs) {
      if (!covering.some((rule) => rule.cidrs.some((outer) => within(cidr, outer)))) missing.push(`${at} from ${cidr}`);
    }
    for (const [id, list] of groups) {
      if (!list || covering.some((rule) => rule.fromGroups.some((group) => list.includes(group)))) continue;
      const source = index.docById.get(id);
      missing.push(`${at} from ${source ? describeDoc(source) : id}`);
    }
  }
  return { excess: [...excess], missing };
}

/**
 * Documented ingress against the security groups of the mapped resource, one finding per
 * documented rule that differs. A gap that an actual rule with unresolved parts may explain
 * gives a note.
 */
function checkIngress(resource: Element, components: Element[], index: RuleIndex, report: Report): void {
  const withIngress = components.find((component) => (component.attributes.ingress?.length ?? 0) > 0);
  const actual = withIngress ? ingressOf(resource, index) : undefined;
  if (!withIngress || !actual) return;
  const documentedRules = withIngress.attributes.ingress!;
  const evidence = docEvidence(
    withIngress,
    "ingress",
    `ingress documented for ${describeDoc(withIngress)}: ${formatIngress(documentedRules.map((rule) => documentedIngress(rule, index)))}`,
  );
  const unresolved = actual.rules.find((rule) => rule.unknown !== undefined)?.unknown;
  for (const rule of documentedRules) {
    const { excess, missing } = compareIngress(rule, actual, index);
    const certain = excess.filter((other) => other.unknown === undefined);
    if (excess.length === 0 && missing.length === 0) continue;
    const problems = [
      ...(excess.length > 0 ? [`allows ${formatIngress(excess)}`] : []),
      ...(missing.length > 0 ? [`${excess.length > 0 ? "" : "allows "}nothing on ${listing(missing)}`] : []),
    ].join(" and ");
    // At the rule that admits too much (or the resource's groups); the resource stays the mapped
    // one: one group rule often serves several documented services, each its own finding.
    const location: SourceLocation = excess[0]?.source ?? attributeLocation(resource, "securityGroups");
    const base = {
      location,
      related: [evidence, ...moduleEvidence(resource)],
      component: withIngress.id,
      resource: resource.id,
      attributePath: "ingress",
    };
    const documentedText = `${describeDoc(withIngress)} as reachable on ${formatIngress([documentedIngress(rule, index)])}${rule.only ? " only" : ""}`;
    const doubt = certain.length === 0 ? (excess.find((other) => other.unknown)?.unknown ?? unresolved) : undefined;
    if (doubt !== undefined) {
      report({
        ...base,
        level: "note",
        message: `${describeResource(resource)} ${problems} as far as archlint can resolve, and the architecture documents ${documentedText}: ${unresolvedHint({ unknown: doubt })}`,
        fix: UNRESOLVED_FIX,
      });
      continue;
    }
    report({
      ...base,
      message: `${describeResource(resource)} ${problems}, but the architecture documents ${documentedText}`,
      fix: "make the security group rules match the documented sources and ports, or update the architecture",
    });
  }
}

function partition(elements: Element[], role: (element: Element) => NetworkRole | undefined) {
  const vpcs: Element[] = [];
  const subnets: Element[] = [];
  for (const element of elements) {
    const which = role(element);
    if (which === "vpc") vpcs.push(element);
    else if (which === "subnet") subnets.push(element);
  }
  return { vpcs, subnets };
}

export const networkMismatch: Rule = {
  meta: {
    id: "network-mismatch",
    description: "Documented network facts (CIDR blocks, ports, ingress sources) differ from the actual ones",
    defaultLevel: "warning",
    commands: ["check", "drift"],
    docs: {
      explanation:
        'Where the documents state network facts — VPC and subnet CIDR blocks, the ports a component listens on, security group ingress ("Tasks SG: port 3000 from ALB SG only", "ports 80/443 from 0.0.0.0/0") — the actual network is compared: the VPC\'s block, subnet blocks (paired by tier and availability zone), the ports of the mapped resource, and the ingress rules of its security groups. A documented source is a CIDR block or another documented element, which stands for the security groups of the resources it maps to. Each documented source must be admitted on its ports; a port not documented as open to the world must not be open to 0.0.0.0/0 or ::/0; "only" means that no other source may reach the port. Facts the documents do not state, sources that map to nothing and security groups archlint cannot read are not checked; an unresolved actual value gives a note.',
      drifted: [
        "Architecture: `Private Subnet 10.0.100.0/24 (us-east-1a)`",
        "",
        "```hcl",
        'resource "aws_subnet" "private_a" {',
        '  cidr_block        = "10.0.10.0/24"',
        '  availability_zone = "us-east-1a"',
        "}",
        "```",
      ].join("\n"),
      fixed: [
        "```hcl",
        'resource "aws_subnet" "private_a" {',
        '  cidr_block        = "10.0.100.0/24"',
        '  availability_zone = "us-east-1a"',
        "}",
        "```",
      ].join("\n"),
    },
  },
  check(context: RuleContext) {
    const index = ruleIndex(context);
    const report = (finding: ReportedFinding) => context.report(finding);
    const documented = partition(
      context.documented.elements.filter((element) => knownCidr(element) !== undefined),
      docRole,
    );
    const actual = partition(context.actual.elements, actualRole);
    checkVpcs(index, documented.vpcs, actual.vpcs, report);
    if (documented.subnets.length > 0) checkSubnets(index, documented.subnets, actual.subnets, report);
    for (const { resource, components } of index.mappedResources) {
      checkPortList(resource, components, index, report);
      checkIngress(resource, components, index, report);
    }
  },
};
