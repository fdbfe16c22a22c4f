import type { Element, RelationKind } from "../model/graph.js";
import { compareLocations } from "../model/source.js";
import {
  describeDoc,
  describeResource,
  elementEvidence,
  moduleEvidence,
  type RuleIndex,
  ruleIndex,
} from "./support/index.js";
import { pairKey } from "./support/relations.js";
import type { Rule } from "./types.js";

/** Actual relations that say one component talks to another (rules.md): not references or replication. */
const CONNECTING_KINDS = new Set<RelationKind>(["network", "permission", "routes", "publishes", "consumes"]);

const RELATION_WORDS: Partial<Record<RelationKind, string>> = {
  network: "allows network traffic from",
  permission: "grants access to",
  routes: "routes traffic to",
  publishes: "publishes to",
  consumes: "consumes from",
};

/** A documented element, its counterparts in the other view and its host: one thing, several drawings. */
function aliases(element: Element, index: RuleIndex): string[] {
  const host = index.hostOf(element);
  return [element.id, ...index.counterpartsOf(element.id).map((other) => other.id), ...(host ? [host.id] : [])];
}

/** Unordered pairs of documented elements that the documents relate, through any of their drawings. */
function documentedPairs(index: RuleIndex, relations: { from: string; to: string }[]): Set<string> {
  const pairs = new Set<string>();
  for (const relation of relations) {
    const from = index.docById.get(relation.from);
    const to = index.docById.get(relation.to);
    if (!from || !to) continue;
    for (const a of aliases(from, index)) for (const b of aliases(to, index)) pairs.add([a, b].sort().join("\u0000"));
  }
  return pairs;
}

export const relationUndocumented: Rule = {
  meta: {
    id: "relation-undocumented",
    description: "The infrastructure connects two mapped components with no documented relation",
    defaultLevel: "note",
    commands: ["check", "drift"],
    docs: {
      explanation:
        "Security group ingress from one component's group to another's, an IAM permission of one on the other, a subscription, or a routing rule is a relation between two components. When both map to documented elements and the documents draw no relation between them (in either view, in either direction), the connection is undocumented: either the documents miss a dependency, or the infrastructure grants more than the design needs. References (an environment variable naming another resource) and replication are not reported.",
      drifted: [
        "```mermaid",
        "flowchart LR",
        '  web["Web App"] --> api["Orders API"]',
        '  api --> db[("Orders DB")]',
        "```",
        "",
        "```hcl",
        "# the web app's group may reach the database directly",
        'resource "aws_security_group_rule" "db_from_web" {',
        '  type                     = "ingress"',
        "  security_group_id        = aws_security_group.db.id",
        "  source_security_group_id = aws_security_group.web.id",
        "  from_port                = 5432",
        "  to_port                  = 5432",
        '  protocol                 = "tcp"',
        "}",
        "```",
      ].join("\n"),
      fixed: [
        "Remove `aws_security_group_rule.db_from_web` if the web app has no business with the database, or draw the relation:",
        "",
        "```mermaid",
        "flowchart LR",
        '  web["Web App"] --> api["Orders API"]',
        '  api --> db[("Orders DB")]',
        '  web -- "reports (read-only)" --> db',
        "```",
      ].join("\n"),
    },
  },
  check(context) {
    const index = ruleIndex(context);
    const documented = documentedPairs(index, context.documented.relations);
    const reported = new Set<string>();
    const relations = [...context.actual.relations].sort((a, b) => compareLocations(a.source, b.source));
    for (const relation of relations) {
      if (!CONNECTING_KINDS.has(relation.kind) || relation.from === relation.to) continue;
      const fromResource = index.actualById.get(relation.from);
      const toResource = index.actualById.get(relation.to);
      if (!fromResource || !toResource) continue;
      const fromComponents = index.componentsOf(relation.from);
      const toComponents = index.componentsOf(relation.to);
      if (fromComponents.length === 0 || toComponents.length === 0) continue;
      if (fromComponents.some((component) => toComponents.includes(component))) continue;
      const related = fromComponents.some((a) =>
        toComponents.some((b) =>
          aliases(a, index).some((x) => aliases(b, index).some((y) => documented.has([x, y].sort().join("\u0000")))),
        ),
      );
      if (related) continue;
      const key = pairKey([fromResource], [toResource]);
      if (reported.has(key)) continue;
      reported.add(key);
      const from = fromComponents[0]!;
      const to = toComponents[0]!;
      const words = RELATION_WORDS[relation.kind] ?? "connects to";
      const via = relation.via ? ` through ${relation.via}` : "";
      const message =
        relation.kind === "network"
          ? `${describeResource(toResource)} allows network traffic from ${describeResource(fromResource)}${via}, but the architecture shows no relation between ${describeDoc(from)} and ${describeDoc(to)}`
          : `${describeResource(fromResource)} ${words} ${describeResource(toResource)}${via}, but the architecture shows no relation between ${describeDoc(from)} and ${describeDoc(to)}`;
      context.report({
        message,
        location: relation.source,
        related: [
          elementEvidence(from, `${describeResource(fromResource)} is documented as ${describeDoc(from)}`),
          elementEvidence(to, `${describeResource(toResource)} is documented as ${describeDoc(to)}`),
          ...moduleEvidence(fromResource),
        ],
        component: from.id,
        resource: fromResource.id,
        fix: `draw the relation ${describeDoc(from)} → ${describeDoc(to)} in the architecture, or remove ${relation.via ?? "what grants it"} if it is not needed`,
      });
    }
  },
};
