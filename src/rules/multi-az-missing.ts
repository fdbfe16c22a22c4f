import { standbyPrimary } from "../mapping/elements.js";
import { type Element, isUnknown } from "../model/graph.js";
import type { Evidence } from "../model/source.js";
import {
  describeDoc,
  describeResource,
  docEvidence,
  elementEvidence,
  type FixByKind,
  findingAt,
  fixFor,
  listing,
  type RuleIndex,
  ruleIndex,
  unresolvedFix,
  unresolvedHint,
} from "./support/index.js";
import type { Rule } from "./types.js";

const MULTI_AZ_CLAIM = /multi-?az|highly[- ]available|standby|across (two|2|multiple) (availability )?zones/i;

interface Claim {
  /** What the documents say, for the message. */
  says: string;
  evidence: Evidence[];
}

/** What in the documents asks for more than one availability zone, if anything. */
function documentedMultiAz(components: Element[], index: RuleIndex): Claim | undefined {
  for (const component of components) {
    if (standbyPrimary(component, index.incoming) !== undefined)
      return {
        says: `shows a Multi-AZ standby ${describeDoc(component)}`,
        evidence: [elementEvidence(component, `standby documented as ${describeDoc(component)}`)],
      };
  }
  for (const component of components) {
    if (component.attributes.multiAz === true)
      return {
        says: `documents ${describeDoc(component)} as Multi-AZ`,
        evidence: [docEvidence(component, "multiAz", `documented as Multi-AZ: ${describeDoc(component)}`)],
      };
    if (component.attributes.standby === true)
      return {
        says: `documents a standby for ${describeDoc(component)}`,
        evidence: [docEvidence(component, "standby", `standby documented for ${describeDoc(component)}`)],
      };
    const claim = (component.attributes.claims ?? []).find((text) => MULTI_AZ_CLAIM.test(text));
    if (claim)
      return {
        says: `says "${claim}" of ${describeDoc(component)}`,
        evidence: [docEvidence(component, "claims", `"${claim}" documented for ${describeDoc(component)}`)],
      };
  }
  return spreadAcrossZones(components);
}

/** One documented instance per availability zone (ECS Tasks in AZ1 and in AZ2) asks for two zones. */
function spreadAcrossZones(components: Element[]): Claim | undefined {
  const zones = new Map<string, Element>();
  for (const component of components)
    for (const zone of component.attributes.availabilityZones ?? []) if (!zones.has(zone)) zones.set(zone, component);
  if (zones.size < 2) return undefined;
  const names = [...zones.keys()];
  return {
    says: `places ${listing([...new Set(zones.values())].map(describeDoc))} in ${listing(names)}`,
    evidence: [...zones.entries()].map(([zone, component]) =>
      docEvidence(component, "availabilityZones", `documented in ${zone}: ${describeDoc(component)}`),
    ),
  };
}

const MULTI_AZ_FIXES: FixByKind = {
  database: ["set multi_az = true", "set MultiAZ: true"],
  cache: [
    "set multi_az_enabled = true and automatic_failover_enabled = true with at least two nodes in different AZs",
    "set MultiAZEnabled and AutomaticFailoverEnabled to true with at least two nodes in different AZs",
  ],
  search: [
    "enable zone_awareness_enabled with nodes in at least two AZs",
    "enable ZoneAwarenessEnabled with nodes in at least two AZs",
  ],
};

type Verdict =
  | { kind: "single"; detail: string; attribute: string }
  | { kind: "unknown"; hint: string; attribute: string }
  | undefined;

/** Single-AZ, unknown, or fine/not stated (undefined). */
function actualVerdict(resource: Element): Verdict {
  const multiAz = resource.attributes.multiAz;
  if (multiAz === true) return undefined;
  if (isUnknown(multiAz)) return { kind: "unknown", hint: unresolvedHint(multiAz, resource), attribute: "multiAz" };
  if (multiAz === false)
    return { kind: "single", detail: resource.evidence?.multiAz?.message ?? "Multi-AZ is off", attribute: "multiAz" };
  const zones = resource.attributes.availabilityZones;
  if (zones && new Set(zones).size < 2)
    return {
      kind: "single",
      detail: zones.length === 1 ? `only in ${zones[0]}` : "no availability zone",
      attribute: resource.evidence?.availabilityZones ? "availabilityZones" : "subnets",
    };
  return undefined;
}

export const multiAzMissing: Rule = {
  meta: {
    id: "multi-az-missing",
    description:
      "The docs say Multi-AZ (or show a standby, or one instance per AZ) and the actual resource is single-AZ",
    defaultLevel: "error",
    commands: ["check", "drift"],
    docs: {
      explanation:
        'The documents ask for more than one availability zone when they say Multi-AZ or "highly available across availability zones", show a standby (a node labelled standby, synchronous replication), or draw one instance per availability zone. The actual resource is single-AZ when a database has Multi-AZ off, a cache has no replica in a second AZ (multi_az_enabled / automatic failover), a search domain has no zone awareness, or a service\'s subnets lie in one AZ. A read replica is a different guarantee (replica-missing). An unresolved value gives a note, never an error.',
      drifted: [
        "```mermaid",
        "flowchart TD",
        '  rds_primary["RDS Primary"] -- "Sync Replication" --> rds_standby["RDS Standby Replica"]',
        "```",
        "",
        "```hcl",
        'resource "aws_db_instance" "main" {',
        '  engine   = "postgres"',
        "  multi_az = false",
        "}",
        "```",
      ].join("\n"),
      fixed: [
        "```hcl",
        'resource "aws_db_instance" "main" {',
        '  engine   = "postgres"',
        "  multi_az = true",
        "}",
        "```",
      ].join("\n"),
    },
  },
  check(context) {
    const index = ruleIndex(context);
    for (const { resource, components } of index.mappedResources) {
      const verdict = actualVerdict(resource);
      if (!verdict) continue;
      const claim = documentedMultiAz(components, index);
      if (!claim) continue;
      const component =
        components.find((element) => standbyPrimary(element, index.incoming) === undefined) ?? components[0]!;
      const base = findingAt(index, resource, verdict.attribute, component, claim.evidence, "multiAz");
      if (verdict.kind === "unknown") {
        context.report({
          ...base,
          level: "note",
          message: `Whether ${describeResource(resource)} spans availability zones is unknown, and the architecture ${claim.says}: ${verdict.hint}`,
          fix: unresolvedFix(resource),
        });
        continue;
      }
      context.report({
        ...base,
        message: `${describeResource(resource)} is single-AZ (${verdict.detail}), but the architecture ${claim.says}`,
        fix: fixFor(resource, MULTI_AZ_FIXES, "place it in subnets of at least two availability zones"),
      });
    }
  },
};
