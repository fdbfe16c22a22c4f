import { type Element, type IngressRule, isUnknown } from "../model/graph.js";
import type { SourceLocation } from "../model/source.js";
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

/** Every ingress rule that applies to a resource: its security groups' rules and its open ones. */
function ingressOf(resource: Element, index: RuleIndex): IngressRule[] | undefined {
  const groups = (resource.attributes.securityGroups ?? []).map((id) => index.actualById.get(id));
  const known = groups.filter((group): group is Element => group?.attributes.ingress !== undefined);
  if (known.length === 0 && !resource.attributes.openIngress) return undefined;
  return [...known.flatMap((group) => group.attributes.ingress ?? []), ...(resource.attributes.openIngress ?? [])];
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
function documentedIngress(component: Element, index: RuleIndex): IngressRule[] {
  return (component.attributes.ingress ?? []).map((rule) => ({
    ...rule,
    fromGroups: rule.fromGroups.map((id) => {
      const source = index.docById.get(id);
      return source ? describeDoc(source) : id;
    }),
  }));
}

/**
 * Documented ingress against the security groups of the mapped resource: a port documented
 * as reachable only from given sources must not be open to the world, and must be open at all.
 * A rule with unresolved parts may be the one that covers a port: then a note.
 */
function checkIngress(resource: Element, components: Element[], index: RuleIndex, report: Report): void {
  const withIngress = components.find((component) => (component.attributes.ingress?.length ?? 0) > 0);
  const actualIngress = withIngress ? ingressOf(resource, index) : undefined;
  if (!withIngress || !actualIngress) return;
  const documented = documentedIngress(withIngress, index);
  const evidence = docEvidence(
    withIngress,
    "ingress",
    `ingress documented for ${describeDoc(withIngress)}: ${formatIngress(documented)}`,
  );
  const unresolved = actualIngress.find((actual) => actual.unknown !== undefined)?.unknown;
  for (const rule of documented) {
    const ports = portsOfRules([rule]);
    const restricted = !rule.cidrs.some((cidr) => WORLD.has(cidr));
    const open = restricted
      ? actualIngress.filter(
          (actual) => actual.cidrs.some((cidr) => WORLD.has(cidr)) && ports.some((port) => covers(actual, port)),
        )
      : [];
    const uncovered = ports.filter((port) => !actualIngress.some((actual) => covers(actual, port)));
    if (open.length === 0 && uncovered.length === 0) continue;
    // At the rule that opens it (or the resource's groups); the resource stays the mapped one:
    // one group rule often serves several documented services, each its own finding.
    const location: SourceLocation = open[0]?.source ?? attributeLocation(resource, "securityGroups");
    const problem =
      open.length > 0
        ? `allows ${formatIngress(open)}`
        : `allows no ingress on ${listing(uncovered.map((port) => formatPortRange({ from: port, to: port })))}`;
    const base = {
      location,
      related: [evidence, ...moduleEvidence(resource)],
      component: withIngress.id,
      resource: resource.id,
      attributePath: "ingress",
    };
    const documentedText = `${describeDoc(withIngress)} ${formatIngress([rule])}${restricted ? " only" : ""}`;
    if (open.length === 0 && unresolved !== undefined) {
      report({
        ...base,
        level: "note",
        message: `${describeResource(resource)} ${problem} that archlint can resolve, and the architecture allows ${documentedText}: ${unresolvedHint({ unknown: unresolved })}`,
        fix: UNRESOLVED_FIX,
      });
      continue;
    }
    report({
      ...base,
      message: `${describeResource(resource)} ${problem}, but the architecture allows ${documentedText}`,
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
        'Where the documents state network facts — VPC and subnet CIDR blocks, the ports a component listens on, security group sources ("Allow 3000 from ALB SG only") — the actual network is compared: the VPC\'s block, subnet blocks (paired by tier and availability zone), the ports of the mapped resource, and the ingress rules of its security groups (a port documented as reachable from a group only must not be open to 0.0.0.0/0). Facts the documents do not state are not checked; an unresolved actual value gives a note.',
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
