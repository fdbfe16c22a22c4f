import { type Element, isUnknown } from "../model/graph.js";
import type { Evidence } from "../model/source.js";
import {
  attributeLocation,
  describeDoc,
  describeResource,
  docEvidence,
  elementEvidence,
  formatIngress,
  moduleEvidence,
  type RuleIndex,
  ruleIndex,
  unresolvedFix,
  unresolvedHint,
} from "./support/index.js";
import type { Rule } from "./types.js";

/** A label that says private or internal ("Internal Admin API"). */
const PRIVATE_LABEL = /\b(private|internal)\b/i;
/** A description that says it of the component, not of its data ("handles private messages" does not). */
const PRIVATE_DESCRIPTION = /\b(private|internal)(?:ly)?[- ](?:only|facing|network|subnet|service|api|endpoint)\b/i;

interface Placement {
  evidence: Evidence;
  /** What the documents say, for the message: `places "X" (x) in a private subnet`. */
  says(component: string): string;
}

/** Where the documents place an element privately, looking through its boundaries. */
function privatePlacement(element: Element, byId: Map<string, Element>): Placement | undefined {
  const seen = new Set<string>();
  let current: Element | undefined = element;
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    const tier = current.attributes.subnetTier;
    if (tier === "public") return undefined;
    if (tier === "private") {
      const evidence = docEvidence(current, "subnetTier", `documented in "${current.label.replace(/\s+/g, " ")}"`);
      return { evidence, says: (component) => `places ${component} in a private subnet` };
    }
    if (current.attributes.internal === true) {
      const evidence = docEvidence(current, "internal", `documented as internal: ${describeDoc(current)}`);
      return { evidence, says: (component) => `documents ${component} as internal` };
    }
    current = current.parent ? byId.get(current.parent) : undefined;
  }
  const words = PRIVATE_LABEL.exec(element.label) ?? PRIVATE_DESCRIPTION.exec(element.description ?? "");
  if (!words) return undefined;
  const word = words[1]!.toLowerCase();
  const evidence = elementEvidence(element, `described as ${word}: ${describeDoc(element)}`);
  return { evidence, says: (component) => `describes ${component} as ${word}` };
}

/** The first documented element mapped to the resource that the documents place privately. */
function documentedPrivate(resource: Element, index: RuleIndex): (Placement & { component: Element }) | undefined {
  for (const component of index.componentsOf(resource.id)) {
    for (const candidate of [component, ...index.counterpartsOf(component.id)]) {
      const placement = privatePlacement(candidate, index.docById);
      if (placement) return { ...placement, component };
    }
  }
  return undefined;
}

/** Which of detection.md's conditions held, in the graph's own words where it gives them. */
function conditions(resource: Element): string {
  if (resource.kind === "load-balancer") {
    return resource.evidence?.internal?.message ?? resource.evidence?.public?.message ?? "internal = false";
  }
  if (resource.kind === "database") {
    const stated = resource.evidence?.public?.message;
    return stated ?? "publicly accessible in a subnet group with a public subnet";
  }
  const facts = [resource.evidence?.publicIp?.message, resource.evidence?.subnetTier?.message].filter(
    (fact): fact is string => Boolean(fact),
  );
  if (facts.length > 0) return facts.join("; ");
  return resource.evidence?.public?.message ?? "public address in a subnet routed to an internet gateway";
}

function reachability(resource: Element): string {
  if (resource.kind === "load-balancer") return "is internet-facing";
  return "is reachable from the internet";
}

function placementFix(resource: Element): string {
  if (resource.kind === "load-balancer") return "make the load balancer internal (internal = true / Scheme: internal)";
  if (resource.kind === "database")
    return "set publicly_accessible = false (PubliclyAccessible: false) and use a subnet group of private subnets";
  return "place it in a private subnet and drop the public address (associate_public_ip_address = false, no Elastic IP)";
}

/**
 * The attribute that made it reachable, in the resource's own declaration: the public IP
 * setting, else the subnet placement (when the public address comes from the subnet's
 * map_public_ip_on_launch, the fix is to move the resource), else the resource.
 */
function faultAttribute(resource: Element, index: RuleIndex): string | undefined {
  const candidates =
    resource.kind === "load-balancer"
      ? ["internal", "public", "subnets"]
      : ["publicIp", "subnetTier", "subnets", "public"];
  return index.ownAttribute(resource, candidates);
}

export const placementPublic: Rule = {
  meta: {
    id: "placement-public",
    description: "A component documented as private or internal is reachable from the internet",
    defaultLevel: "error",
    commands: ["check", "drift"],
    docs: {
      explanation:
        "The documents place a component privately: inside a private subnet boundary, or described as private or internal. The resource is reachable from the internet when it has a public address (public IP, Elastic IP, map_public_ip_on_launch, IPv6) in a subnet whose route table sends 0.0.0.0/0 or ::/0 to an internet gateway; a database when it is publicly accessible in a subnet group with a public subnet; a load balancer when it is internet-facing. The message says which conditions held and names security group rules open to the world as exposure. A security group open to 0.0.0.0/0 alone, on a resource that is not reachable, is not this rule. A fact that cannot be resolved (a variable without value) gives a note, never an error.",
      drifted: [
        "```mermaid",
        "flowchart TD",
        '  subgraph private["EC2 Instance (Private Subnet)"]',
        '    app["Post Service Container"]',
        "  end",
        "```",
        "",
        "```hcl",
        'resource "aws_instance" "app" {',
        "  subnet_id                   = aws_subnet.public[0].id",
        "  associate_public_ip_address = true",
        "}",
        "```",
      ].join("\n"),
      fixed: [
        "```hcl",
        'resource "aws_instance" "app" {',
        "  subnet_id                   = aws_subnet.private[0].id",
        "  associate_public_ip_address = false",
        "}",
        "```",
      ].join("\n"),
    },
  },
  check(context) {
    const index = ruleIndex(context);
    for (const resource of index.actualParticipants) {
      const reachable = resource.attributes.public;
      if (reachable === undefined || reachable === false) continue;
      const documented = documentedPrivate(resource, index);
      if (!documented) continue;
      const { component, evidence, says } = documented;
      const related = [evidence, ...moduleEvidence(resource)];
      const location = attributeLocation(resource, faultAttribute(resource, index));
      if (isUnknown(reachable)) {
        context.report({
          level: "note",
          message: `Whether ${describeResource(resource)} is reachable from the internet is unknown, and the architecture ${says(describeDoc(component))}: ${unresolvedHint(reachable, resource)}`,
          location,
          related,
          component: component.id,
          resource: resource.id,
          attributePath: "public",
          fix: unresolvedFix(resource),
        });
        continue;
      }
      const open = resource.attributes.openIngress ?? [];
      const exposure = open.length > 0 ? `, and exposed by security group ingress ${formatIngress(open)}` : "";
      context.report({
        message: `${describeResource(resource)} ${reachability(resource)} (${conditions(resource)})${exposure}, but the architecture ${says(describeDoc(component))}`,
        location,
        related,
        component: component.id,
        resource: resource.id,
        attributePath: "public",
        fix: placementFix(resource),
      });
    }
  },
};
