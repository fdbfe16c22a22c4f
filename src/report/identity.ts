/**
 * The stable identity of a finding (detection.md "Stable identities"): rule id, file, the
 * resource address or documented element id, and the attribute path. Never a line number, so
 * moving a block inside its file keeps the identity; SARIF partialFingerprints and baselines
 * both key on it.
 */
import { createHash } from "node:crypto";
import type { Finding } from "../model/finding.js";

export interface FindingIdentity {
  ruleId: string;
  file: string;
  /** The resource address, else the documented element id, else "". */
  subject: string;
  attributePath: string;
}

export function findingIdentity(finding: Finding): FindingIdentity {
  return {
    ruleId: finding.ruleId,
    file: finding.location.file,
    subject: finding.resource ?? finding.component ?? "",
    attributePath: finding.attributePath ?? "",
  };
}

/** One string per identity; the separator cannot occur in ids, paths or addresses. */
export function identityKey(identity: FindingIdentity): string {
  return [identity.ruleId, identity.file, identity.subject, identity.attributePath].join("\u0000");
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** A short hash of the message: only a tie-breaker between findings that share an identity. */
export function messageHash(message: string): string {
  return sha256Hex(message).slice(0, 12);
}
