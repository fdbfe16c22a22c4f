import { readReplicaOf } from "../mapping/elements.js";
import type { Element, Relation, RelationKind } from "../model/graph.js";
import { compareLocations } from "../model/source.js";
import {
  describeDoc,
  describeResource,
  elementEvidence,
  moduleEvidence,
  type RuleIndex,
  ruleIndex,
} from "./support/index.js";
import { linkBothWays, pairKey } from "./support/relations.js";
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

/**
 * A documented element, its counterparts in the other view and its host: one thing, several
 * drawings. A read replica is also a drawing of its primary's logical database: the logical
 * "PostgreSQL Database" stands for the primary and its replicas, so a relation drawn to it
 * documents the reads that reach the replica.
 */
function aliases(element: Element, index: RuleIndex): string[] {
  const host = index.hostOf(element);
  const primary = readReplicaOf(element, index.incoming);
  const database = primary === undefined ? [] : index.counterpartsOf(primary).map((other) => other.id);
  return [
    element.id,
    ...index.counterpartsOf(element.id).map((other) => other.id),
    ...(host ? [host.id] : []),
    ...database,
  ];
}

function unordered(a: string, b: string): string {
  return [a, b].sort().join("\u0000");
}

/** What the documents relate: unordered pairs of element ids, and each id's related ids. */
interface DocumentedRelations {
  pairs: Set<string>;
  neighbours: Map<string, Set<string>>;
}

/** Pairs of documented elements that the documents relate, through any of their drawings. */
function documentedRelations(index: RuleIndex, relations: { from: string; to: string }[]): DocumentedRelations {
  const pairs = new Set<string>();
  const neighbours = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    pairs.add(unordered(a, b));
    linkBothWays(neighbours, a, b);
  };
  for (const relation of relations) {
    const from = index.docById.get(relation.from);
    const to = index.docById.get(relation.to);
    if (!from || !to) continue;
    for (const a of aliases(from, index)) for (const b of aliases(to, index)) link(a, b);
  }
  return { pairs, neighbours };
}

/** Whether the documents relate any drawing of `a` to any drawing of `b`. */
function drawnRelated(a: Element, b: Element, index: RuleIndex, documented: DocumentedRelations): boolean {
  return aliases(a, index).some((x) => aliases(b, index).some((y) => documented.pairs.has(unordered(x, y))));
}

/**
 * Documented elements related to both `a` and `b` (through any of their drawings): the third
 * party through which a connection between them may be documented.
 */
function commonNeighbours(a: Element, b: Element, index: RuleIndex, documented: DocumentedRelations): Element[] {
  const around = (element: Element) =>
    new Set(aliases(element, index).flatMap((alias) => [...(documented.neighbours.get(alias) ?? [])]));
  const ofB = around(b);
  return [...around(a)].filter((id) => ofB.has(id)).flatMap((id) => index.docById.get(id) ?? []);
}

/**
 * A connection that the documents draw through a third element rather than directly:
 * - a DNS record points a name at a target, but no traffic flows from the zone to it: the
 *   client that looks the name up and then connects to the target documents it;
 * - a pipeline runs its stages (a CodeBuild project) on the artifacts it keeps (its artifact
 *   bucket): a stage's access to what the pipeline also reaches is the pipeline's documented
 *   relation, carried out by the stage.
 */
function impliedThroughThirdElement(
  relation: Relation,
  from: Element,
  to: Element,
  index: RuleIndex,
  documented: DocumentedRelations,
  actual: { relations: Relation[] },
): boolean {
  const fromResource = index.actualById.get(relation.from);
  if (!fromResource) return false;
  const between = commonNeighbours(from, to, index, documented);
  if (fromResource.kind === "dns" && relation.kind === "routes") return between.length > 0;
  const pipelines = new Set(
    between
      .filter((element) => element.kind === "pipeline")
      .flatMap((element) => index.resourcesOf(element.id).map((resource) => resource.id)),
  );
  if (pipelines.size === 0) return false;
  const runsStage = (resource: string) =>
    actual.relations.some((other) => other.to === relation.from && other.from === resource && other.kind === "uses");
  const reaches = (resource: string) =>
    actual.relations.some((other) => other.from === resource && other.to === relation.to);
  return [...pipelines].some((pipeline) => runsStage(pipeline) && reaches(pipeline));
}

export const relationUndocumented: Rule = {
  meta: {
    id: "relation-undocumented",
    description: "The infrastructure connects two mapped components with no documented relation",
    defaultLevel: "note",
    commands: ["check", "drift"],
    docs: {
      explanation:
        "Security group ingress from one component's group to another's, an IAM permission of one on the other, a subscription, or a routing rule is a relation between two components. When both map to documented elements and the documents draw no relation between them (in either view, in either direction), the connection is undocumented: either the documents miss a dependency, or the infrastructure grants more than the design needs. References (an environment variable naming another resource) and replication are not reported. A connection the documents draw through a third element is documented: a DNS record pointing at a target that the documents show the client reaching after the lookup, a pipeline stage's access to what its pipeline uses (CodeBuild reading the pipeline's artifact bucket); and a read replica is part of the logical database its primary is drawn as.",
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
    const documented = documentedRelations(index, context.documented.relations);
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
      const isDocumented = fromComponents.some((a) =>
        toComponents.some(
          (b) =>
            drawnRelated(a, b, index, documented) ||
            impliedThroughThirdElement(relation, a, b, index, documented, context.actual),
        ),
      );
      if (isDocumented) continue;
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
