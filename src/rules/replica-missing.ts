import { readReplicaOf } from "../mapping/elements.js";
import { type Element, isUnknown } from "../model/graph.js";
import {
  compareDocElements,
  describeDoc,
  describeResource,
  docEvidence,
  elementEvidence,
  findingAt,
  isCloudFormation,
  ruleIndex,
  UNRESOLVED_FIX,
  unresolvedHint,
} from "./support/index.js";
import type { Rule } from "./types.js";

function replicaFix(primary: Element): string {
  if (primary.attributes.type === "aws_rds_cluster" || primary.attributes.type === "AWS::RDS::DBCluster")
    return "add a second cluster instance (a reader) to the cluster";
  if (isCloudFormation(primary))
    return `add an AWS::RDS::DBInstance with SourceDBInstanceIdentifier: !Ref ${primary.id}`;
  return `add an aws_db_instance with replicate_source_db = ${primary.id}.identifier`;
}

/** A replica link archlint could not resolve (a variable naming the source database), if any. */
function unresolvedReplicaLink(actual: Element[]): { unknown: string } | undefined {
  for (const element of actual) {
    const link: unknown = element.attributes.replicaOf;
    if (isUnknown(link)) return link;
  }
  return undefined;
}

export const replicaMissing: Rule = {
  meta: {
    id: "replica-missing",
    description: "The docs show a read replica of a database and the actual database has none",
    defaultLevel: "error",
    commands: ["check", "drift"],
    docs: {
      explanation:
        "A read replica in the architecture (a node labelled read replica, asynchronous replication from a primary, reads split to a replica) is a promise about load and recovery. The actual primary has a read replica when an instance replicates it (replicate_source_db / SourceDBInstanceIdentifier; for Aurora, a second cluster instance). No incumbent checker knows a replica is required: the diagram is what makes it so. The finding is located at the actual primary; `component` is the documented replica. A Multi-AZ standby is not a read replica: see multi-az-missing.",
      drifted: [
        "```mermaid",
        "flowchart LR",
        '  db_primary["RDS Primary (PostgreSQL)"] -- "Async Replication" --> db_replica["RDS Read Replica"]',
        "```",
        "",
        "```hcl",
        'resource "aws_db_instance" "primary" {',
        '  engine         = "postgres"',
        '  instance_class = "db.r6g.large"',
        "}",
        "```",
      ].join("\n"),
      fixed: [
        "```hcl",
        'resource "aws_db_instance" "primary" {',
        '  engine         = "postgres"',
        '  instance_class = "db.r6g.large"',
        "}",
        "",
        'resource "aws_db_instance" "replica" {',
        "  replicate_source_db = aws_db_instance.primary.identifier",
        '  instance_class      = "db.r6g.large"',
        "}",
        "```",
      ].join("\n"),
    },
  },
  check(context) {
    const index = ruleIndex(context);
    const reported = new Set<string>();
    const unresolved = unresolvedReplicaLink(context.actual.elements);
    for (const replica of [...index.docParticipants].sort(compareDocElements)) {
      const primaryId = readReplicaOf(replica, index.incoming);
      if (primaryId === undefined) continue;
      if (index.resourcesOf(replica.id).some((resource) => resource.attributes.replicaOf)) continue;
      const documentedPrimary = index.docById.get(primaryId);
      for (const primary of index.resourcesOf(primaryId)) {
        if ((primary.attributes.replicas?.length ?? 0) > 0 || reported.has(primary.id)) continue;
        reported.add(primary.id);
        const documented = [
          docEvidence(replica, "replicaOf", `read replica documented as ${describeDoc(replica)}`),
          ...(documentedPrimary
            ? [elementEvidence(documentedPrimary, `primary documented as ${describeDoc(documentedPrimary)}`)]
            : []),
        ];
        const base = findingAt(index, primary, "replicas", replica, documented);
        if (unresolved) {
          context.report({
            ...base,
            level: "note",
            message: `${describeResource(primary)} shows no read replica, but a replica's source could not be resolved, so whether ${describeDoc(replica)} exists is unknown: ${unresolvedHint(unresolved)}`,
            fix: UNRESOLVED_FIX,
          });
          continue;
        }
        context.report({
          ...base,
          message: `${describeResource(primary)} has no read replica, but the architecture shows ${describeDoc(replica)} replicating it`,
          fix: replicaFix(primary),
        });
      }
    }
  },
};
