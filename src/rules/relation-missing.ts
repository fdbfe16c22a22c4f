import { isDocParticipant } from "../mapping/elements.js";
import type { Diagnostic, Element, Relation } from "../model/graph.js";
import {
  actualSide,
  attributeLocation,
  describeDoc,
  describeResource,
  moduleEvidence,
  ruleIndex,
} from "./support/index.js";
import { adjacency, connected, orderedRelations, pairKey } from "./support/relations.js";
import type { Rule } from "./types.js";

function relationText(relation: Relation, from: Element, to: Element): string {
  const label = relation.label?.replace(/\s+/g, " ").trim();
  return `${describeDoc(from)} → ${describeDoc(to)}${label ? ` "${label}"` : ""}`;
}

/** Unresolved values on the resources involved: the path may exist and archlint cannot see it. */
function unresolvedOn(resources: Element[], diagnostics: Diagnostic[]): Diagnostic | undefined {
  const ids = new Set(resources.map((resource) => resource.id));
  return diagnostics.find((diagnostic) => diagnostic.code === "iac-unresolved" && ids.has(diagnostic.resource ?? ""));
}

export const relationMissing: Rule = {
  meta: {
    id: "relation-missing",
    description:
      "A documented relation between two mapped components has nothing in the infrastructure that carries it",
    defaultLevel: "warning",
    commands: ["check", "drift"],
    docs: {
      explanation:
        "An arrow in the architecture between two components that both map to resources should be carried by something: a network path (security group rules, listener and target routing), a permission (an IAM statement granting the one access to the other), or a reference (an environment variable, event subscription, CloudFront origin, API integration). When no actual relation links the two resources — in either direction, possibly through resources the documents do not show — the arrow is reported. Relations to people, external systems, monitoring (telemetry flows through agents) and unmapped elements are not checked; containers that run on the same host need no network path. When the resources involved carry unresolved values, the finding is a note.",
      drifted: [
        "```mermaid",
        "flowchart LR",
        '  app["Orders Service"] -- "SQL" --> db[("Orders DB")]',
        "```",
        "",
        "```hcl",
        "# the database's security group allows nothing from the service's group",
        'resource "aws_security_group" "db" { vpc_id = aws_vpc.main.id }',
        "```",
      ].join("\n"),
      fixed: [
        "```hcl",
        'resource "aws_security_group_rule" "db_from_orders" {',
        '  type                     = "ingress"',
        "  security_group_id        = aws_security_group.db.id",
        "  source_security_group_id = aws_security_group.orders.id",
        "  from_port                = 5432",
        "  to_port                  = 5432",
        '  protocol                 = "tcp"',
        "}",
        "```",
      ].join("\n"),
    },
  },
  check(context) {
    const index = ruleIndex(context);
    const neighbours = adjacency(context.actual);
    // A hop through a resource the relation's own view draws would need its own documented
    // relation; a resource drawn only in the other view (the ALB behind a logical "CDN →
    // Frontend") does not.
    const drawnIn = (resource: string, view: Element) =>
      index
        .componentsOf(resource)
        .some((component) => component.view === view.view && component.source.file === view.source.file);
    const checked = new Set<string>();
    const side = actualSide(context.command);
    for (const relation of orderedRelations(context.documented.relations, index.docById)) {
      const from = index.docById.get(relation.from);
      const to = index.docById.get(relation.to);
      if (!from || !to || from.id === to.id || !isDocParticipant(from) || !isDocParticipant(to)) continue;
      // Telemetry (logs, metrics, traces) travels through agents and managed endpoints, rarely
      // through anything infrastructure code declares between the two.
      if (from.kind === "monitoring" || to.kind === "monitoring") continue;
      const sources = index.resourcesOf(from.id);
      const targets = index.resourcesOf(to.id);
      if (sources.length === 0 || targets.length === 0) continue;
      // Co-located (containers on one host) or two views of one resource: nothing to carry.
      if (sources.some((source) => targets.includes(source))) continue;
      const key = pairKey(sources, targets);
      if (checked.has(key)) continue;
      checked.add(key);
      const ids = (elements: Element[]) => elements.map((element) => element.id);
      if (connected(ids(sources), ids(targets), neighbours, (resource) => drawnIn(resource, from))) continue;
      const source = sources[0]!;
      const target = targets[0]!;
      const related = [
        { ...relation.source, message: `documented relation ${relationText(relation, from, to)}` },
        { ...target.source, message: `${describeResource(target)} (mapped from ${describeDoc(to)})` },
        ...moduleEvidence(source),
      ];
      const base = { location: attributeLocation(source), related, component: from.id, resource: source.id };
      const unresolved = unresolvedOn([...sources, ...targets], context.actual.diagnostics);
      if (unresolved) {
        context.report({
          ...base,
          level: "note",
          message: `Nothing visible in ${side} connects ${describeResource(source)} to ${describeResource(target)} for ${relationText(relation, from, to)}, but unresolved values may: ${unresolved.message}`,
          fix: "give the unresolved values in .archlintrc.json so archlint can follow them",
        });
        continue;
      }
      context.report({
        ...base,
        message: `${describeResource(source)} has no network path, permission or reference to ${describeResource(target)}, but the architecture shows ${relationText(relation, from, to)}`,
        fix: `add what carries it (a security group rule, an IAM statement or a reference to ${target.id}), or remove the relation from the architecture`,
      });
    }
  },
};
