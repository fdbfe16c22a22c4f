import { DEFAULT_TAG_KEY } from "../config/types.js";
import type { Element } from "../model/graph.js";
import { describeResource, moduleEvidence, type RuleIndex, ruleIndex } from "./support/index.js";
import type { Rule } from "./types.js";

/**
 * A replica whose primary is documented with read replicas in prose (a claim, not a node)
 * is documented.
 */
function documentedAsReplica(resource: Element, index: RuleIndex): boolean {
  const primary = resource.attributes.replicaOf;
  if (!primary) return false;
  return index
    .componentsOf(primary)
    .some(
      (component) =>
        (component.attributes.replicas?.length ?? 0) > 0 ||
        (component.attributes.claims ?? []).some((claim) => /replica/i.test(claim)),
    );
}

export const resourceUndocumented: Rule = {
  meta: {
    id: "resource-undocumented",
    description: "An architecturally significant resource maps to no documented element",
    defaultLevel: "warning",
    commands: ["check", "drift"],
    docs: {
      explanation:
        "Instances, container services, functions, databases, caches, queues, topics, buckets, search domains, API gateways, load balancers, CDN distributions, hosted zones, secrets, registries, pipelines and user pools are architecture: someone reading the documents should know they exist. A significant resource that no documented element maps to is reported. Plumbing (IAM, security groups, subnets, route tables, target groups, log groups, task definitions …) is never reported: it belongs to a significant resource or to the network.",
      drifted: [
        "```mermaid",
        "flowchart LR",
        '  api["Orders API"] --> db[("Orders DB")]',
        "```",
        "",
        "```hcl",
        'resource "aws_ecs_service" "orders_api" { name = "orders-api" }',
        'resource "aws_db_instance" "orders" { engine = "postgres" }',
        'resource "aws_sqs_queue" "audit" { name = "audit-events" } # not in the diagram',
        "```",
      ].join("\n"),
      fixed: [
        "```mermaid",
        "flowchart LR",
        '  api["Orders API"] --> db[("Orders DB")]',
        '  api -- "audit events" --> audit["Audit Queue (SQS)"]',
        "```",
      ].join("\n"),
    },
  },
  check(context) {
    const index = ruleIndex(context);
    // Without a documented component there is nothing to compare against: every resource
    // would be reported, and the document rules already say why the documents are empty.
    if (index.docParticipants.length === 0) return;
    for (const resource of index.actualParticipants) {
      if (resource.attributes.plumbing === true) continue;
      if (index.componentsOf(resource.id).length > 0 || index.isAmbiguousCandidate(resource.id)) continue;
      if (documentedAsReplica(resource, index)) continue;
      context.report({
        message: `${describeResource(resource)} is not in the architecture documents: no documented element maps to it`,
        location: resource.source,
        related: moduleEvidence(resource),
        resource: resource.id,
        fix: `add it to the architecture diagram, or tag it ${DEFAULT_TAG_KEY}=<element id> / map it in .archlintrc.json "mapping" if it is documented under another name`,
      });
    }
  },
};
