import { DEFAULT_TAG_KEY } from "../config/types.js";
import { INFRASTRUCTURE_KINDS, readReplicaOf, standbyPrimary } from "../mapping/elements.js";
import type { Element } from "../model/graph.js";
import { actualSide, describeDoc, elementEvidence, kindPhrase, type RuleIndex, ruleIndex } from "./support/index.js";
import type { Rule } from "./types.js";

function needsInfrastructure(element: Element): boolean {
  if (INFRASTRUCTURE_KINDS.has(element.kind)) return true;
  // Identity is mostly IAM plumbing; a user pool is a component of its own.
  return element.kind === "identity" && /cognito|user pool/i.test(`${element.label} ${element.technology ?? ""}`);
}

/**
 * Whether another rule or element speaks for this one: the physical counterpart of a logical
 * component, an ambiguous host, the primary of a documented replica (replica-missing) or
 * standby (multi-az-missing).
 */
function coveredElsewhere(element: Element, index: RuleIndex): boolean {
  if (element.view === "logical" && index.counterpartsOf(element.id).some((other) => other.view === "physical"))
    return true;
  // Drawn on a host that matches several instances: the ambiguity note covers what runs on it.
  const host = index.hostOf(element);
  if (host && index.isAmbiguous(host.id)) return true;
  if (standbyPrimary(element, index.incoming) !== undefined) return true;
  const primary = readReplicaOf(element, index.incoming);
  return primary !== undefined && index.resourcesOf(primary).length > 0;
}

export const componentMissing: Rule = {
  meta: {
    id: "component-missing",
    description: "A documented component that needs infrastructure has no matching resource",
    defaultLevel: "error",
    commands: ["check", "drift"],
    docs: {
      explanation:
        'A database, cache, queue, topic, bucket, gateway, load balancer, CDN, compute, search domain or secret store in the architecture documents stands for a resource. When no resource maps to it (by configuration, component tag, mapping table, or kind and name), the documents promise something the infrastructure does not have — often a component that was planned and never built, or deleted since. Placeholders ("Other AWS Services"), people, external systems, boundaries and applications whose hosting is not said are never reported. A read replica whose primary exists is reported by replica-missing instead, a standby by multi-az-missing.',
      drifted: [
        "```mermaid",
        "flowchart LR",
        '  app["Post Service"] --> cache["Redis Cluster"]',
        "```",
        "",
        "```hcl",
        'resource "aws_ecs_service" "posts" { name = "posts" }',
        "# no ElastiCache resource",
        "```",
      ].join("\n"),
      fixed: [
        "```hcl",
        'resource "aws_ecs_service" "posts" { name = "posts" }',
        "",
        'resource "aws_elasticache_replication_group" "redis" {',
        '  replication_group_id = "posts-cache"',
        '  description          = "Post cache"',
        '  engine               = "redis"',
        "}",
        "```",
        "",
        "Or, if the cache was dropped on purpose, remove it from the diagram.",
      ].join("\n"),
    },
  },
  check(context) {
    const index = ruleIndex(context);
    const side = actualSide(context.command);
    for (const element of index.docParticipants) {
      if (element.boundary === true || !needsInfrastructure(element)) continue;
      if (index.resourcesOf(element.id).length > 0 || index.isAmbiguous(element.id)) continue;
      if (coveredElsewhere(element, index)) continue;
      const technology = element.technology ? ` (${element.technology.replace(/\s+/g, " ").trim()})` : "";
      context.report({
        message: `${describeDoc(element)} is documented as ${kindPhrase(element.kind)}${technology}, but ${side} has no resource that matches it`,
        location: element.source,
        related: index
          .counterpartsOf(element.id)
          .map((other) => elementEvidence(other, `also documented as ${describeDoc(other)}`)),
        component: element.id,
        fix: `declare the resource in ${side}, or map it in .archlintrc.json ("mapping": { "${element.id}": ["<address>"] }) or with the tag ${DEFAULT_TAG_KEY}=${element.id}`,
      });
    }
  },
};
