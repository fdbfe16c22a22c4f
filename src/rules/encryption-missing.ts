import { type Element, type ElementKind, isUnknown } from "../model/graph.js";
import type { Evidence } from "../model/source.js";
import {
  describeDoc,
  describeResource,
  docEvidence,
  type FixByKind,
  findingAt,
  fixFor,
  ruleIndex,
  UNRESOLVED_FIX,
  unresolvedHint,
} from "./support/index.js";
import type { Rule } from "./types.js";

/** Resources that store data at rest. */
const STORAGE_KINDS = new Set<ElementKind>(["database", "object-storage", "cache", "queue", "topic", "search"]);

const ENCRYPTION_CLAIM = /encrypt/i;

function encryptionClaim(components: Element[]): { component: Element; evidence: Evidence } | undefined {
  for (const component of components) {
    if (component.attributes.encrypted === true)
      return {
        component,
        evidence: docEvidence(component, "encrypted", `encryption at rest documented for ${describeDoc(component)}`),
      };
    const claim = (component.attributes.claims ?? []).find((text) => ENCRYPTION_CLAIM.test(text));
    if (claim)
      return {
        component,
        evidence: docEvidence(component, "claims", `"${claim}" documented for ${describeDoc(component)}`),
      };
  }
  return undefined;
}

const ENCRYPTION_FIXES: FixByKind = {
  database: ["set storage_encrypted = true", "set StorageEncrypted: true"],
  "object-storage": [
    "add an aws_s3_bucket_server_side_encryption_configuration for the bucket",
    "add BucketEncryption with a ServerSideEncryptionByDefault rule",
  ],
  cache: ["set at_rest_encryption_enabled = true", "set AtRestEncryptionEnabled: true"],
  queue: [
    "set sqs_managed_sse_enabled = true or a kms_master_key_id",
    "set SqsManagedSseEnabled: true or a KmsMasterKeyId",
  ],
  topic: ["set a kms_master_key_id", "set a KmsMasterKeyId"],
  search: ["enable encrypt_at_rest", "enable EncryptionAtRestOptions"],
};

export const encryptionMissing: Rule = {
  meta: {
    id: "encryption-missing",
    description: "The docs claim encryption at rest and the actual storage is not encrypted",
    defaultLevel: "warning",
    commands: ["check", "drift"],
    docs: {
      explanation:
        "When the documents claim encryption at rest for a database, bucket, cache, queue or search domain, auditors and reviewers rely on it. The actual resource is unencrypted when its encryption setting is explicitly off or absent where the service does not encrypt by default (RDS storage_encrypted, ElastiCache at_rest_encryption_enabled, SQS without SSE). S3 buckets are encrypted by default since January 2023. An unresolved setting gives a note.",
      drifted: [
        "Architecture: `**Encryption at Rest**: RDS and S3`",
        "",
        "```hcl",
        'resource "aws_db_instance" "main" {',
        '  engine            = "postgres"',
        "  storage_encrypted = false",
        "}",
        "```",
      ].join("\n"),
      fixed: [
        "```hcl",
        'resource "aws_db_instance" "main" {',
        '  engine            = "postgres"',
        "  storage_encrypted = true",
        "}",
        "```",
      ].join("\n"),
    },
  },
  check(context) {
    const index = ruleIndex(context);
    for (const { resource, components } of index.mappedResources) {
      if (!STORAGE_KINDS.has(resource.kind)) continue;
      const encrypted = resource.attributes.encrypted;
      if (encrypted === undefined || encrypted === true) continue;
      const claim = encryptionClaim(components);
      if (!claim) continue;
      const base = findingAt(index, resource, "encrypted", claim.component, [claim.evidence]);
      if (isUnknown(encrypted)) {
        context.report({
          ...base,
          level: "note",
          message: `Whether ${describeResource(resource)} is encrypted at rest is unknown, and the architecture claims it for ${describeDoc(claim.component)}: ${unresolvedHint(encrypted)}`,
          fix: UNRESOLVED_FIX,
        });
        continue;
      }
      const detail = resource.evidence?.encrypted?.message;
      context.report({
        ...base,
        message: `${describeResource(resource)} is not encrypted at rest${detail ? ` (${detail})` : ""}, but the architecture claims encryption at rest for ${describeDoc(claim.component)}`,
        fix: fixFor(resource, ENCRYPTION_FIXES, "enable encryption at rest"),
      });
    }
  },
};
