/**
 * Inference: which resource a documented element means, from kind compatibility and name
 * similarity, with the structural hints of databases (a replica maps to a replica, a primary
 * to a primary). Unsure → ambiguous, never a guess.
 */
import type { Element, Relation } from "../model/graph.js";
import { describeDoc, kindFit, readReplicaOf, standbyPrimary } from "./elements.js";
import { compareProfiles, docProfile, type TokenIndex, type TokenProfile, textProfile } from "./profile.js";

/** Candidates scoring at least this share of the best are "alike". */
export const NEAR = 0.9;

export interface Scored {
  id: string;
  score: number;
  /** A distinctive token matched the resource's own name (not only its type or technology). */
  strong: boolean;
  distinctive: string[];
}

export type Inference =
  | { kind: "mapped"; resources: string[]; strong: boolean; evidence: string }
  | { kind: "ambiguous"; candidates: Scored[]; strong: boolean }
  | { kind: "none" };

export interface InferenceInput {
  index: TokenIndex;
  actualById: Map<string, Element>;
  incoming: Map<string, Relation[]>;
}

function byScore(a: Scored, b: Scored): number {
  return b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Resources sharing a distinctive token with the profile, scored, best first. */
export function scoreCandidates(doc: Element, profile: TokenProfile, input: InferenceInput): Scored[] {
  const scored: Scored[] = [];
  for (const id of input.index.candidates(profile)) {
    const resource = input.actualById.get(id);
    const resourceProfile = input.index.profiles.get(id);
    if (!resource || !resourceProfile) continue;
    const fit = kindFit(doc, resource);
    if (fit === 0) continue;
    const match = compareProfiles(profile, resourceProfile, input.index.stats);
    if (match.distinctive.length === 0) continue;
    // Without its name, a candidate must at least run the documented technology: a "Job
    // Queue" on Redis is not any SQS queue.
    const technology = profile.technologyTokens;
    if (!match.strong && technology.size > 0 && !match.distinctive.some((token) => technology.has(token))) continue;
    scored.push({ id, score: match.score * fit, strong: match.strong, distinctive: match.distinctive });
  }
  return structural(doc, scored.sort(byScore), input);
}

function isDatabase(element: Element): boolean {
  return element.kind === "database" || (element.attributes.roles ?? []).includes("database");
}

/**
 * A member of a candidate cluster (an Aurora instance whose parent is the candidate cluster)
 * goes with its cluster, not against it. A documented read replica only means a resource that
 * replicates; a documented primary prefers resources that do not.
 */
function structural(doc: Element, candidates: Scored[], input: InferenceInput): Scored[] {
  const ids = new Set(candidates.map((candidate) => candidate.id));
  const scored = candidates.filter((candidate) => {
    const parent = input.actualById.get(candidate.id)?.parent;
    return parent === undefined || !ids.has(parent);
  });
  if (!isDatabase(doc)) return scored;
  const isReplica = (candidate: Scored) => Boolean(input.actualById.get(candidate.id)?.attributes.replicaOf);
  if (readReplicaOf(doc, input.incoming) !== undefined) return scored.filter(isReplica);
  const primaries = scored.filter((candidate) => !isReplica(candidate));
  return primaries.length > 0 ? primaries : scored;
}

function describeMatch(doc: Element, candidate: Scored): string {
  return `name ${describeDoc(doc)} ~ ${candidate.id} (${candidate.score.toFixed(2)}; ${candidate.distinctive.join(", ")})`;
}

/**
 * Kinds documents draw once for many resources: "Amazon ECR" is the registry, one repository
 * per image; every repository that fits alike belongs to it.
 */
const COLLECTIVE_KINDS = new Set(["registry"]);

/** The best candidate when it stands out; ambiguous when several score alike. */
export function decide(doc: Element, scored: Scored[]): Inference {
  const strong = scored.filter((candidate) => candidate.strong);
  const pool = strong.length > 0 ? strong : scored;
  const best = pool[0];
  if (!best) return { kind: "none" };
  const near = pool.filter((candidate) => candidate.score >= best.score * NEAR);
  if (near.length === 1) {
    return { kind: "mapped", resources: [best.id], strong: best.strong, evidence: describeMatch(doc, best) };
  }
  if (COLLECTIVE_KINDS.has(doc.kind)) {
    const resources = near.map((candidate) => candidate.id).sort();
    const evidence = `${describeDoc(doc)} holds ${resources.join(", ")} (${near[0]!.distinctive.join(", ")})`;
    return { kind: "mapped", resources, strong: best.strong, evidence };
  }
  return { kind: "ambiguous", candidates: near, strong: best.strong };
}

/**
 * The parts of a label that enumerates several things: "ECS Tasks (API GW, Backend, Search)"
 * → ["API GW", "Backend", "Search"]. A label without a list has no parts.
 */
export function enumeratedParts(label: string): string[] {
  const flat = label.replace(/<br\s*\/?>/gi, " ").replace(/\s+/g, " ");
  const inner = /\(([^()]*,[^()]*)\)/.exec(flat)?.[1] ?? (flat.includes(",") ? flat : undefined);
  if (!inner) return [];
  return inner
    .split(/,|\band\b|&/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/**
 * A documented element that names several resources ("ECS Tasks (API GW, Backend, …)"): each
 * part that maps to exactly one resource of a fitting kind adds it. Needs at least two distinct
 * resources; otherwise the label is read as one name.
 */
function inferGroup(doc: Element, input: InferenceInput): Inference | undefined {
  const parts = enumeratedParts(doc.label);
  if (parts.length < 2) return undefined;
  const resources = new Set<string>();
  const evidence: string[] = [];
  for (const part of parts) {
    const decision = decide(doc, scoreCandidates(doc, textProfile(part), input));
    if (decision.kind !== "mapped" || !decision.strong) continue;
    for (const id of decision.resources) resources.add(id);
    evidence.push(`"${part}" ~ ${decision.resources.join(", ")}`);
  }
  if (resources.size < 2) return undefined;
  return {
    kind: "mapped",
    resources: [...resources].sort(),
    strong: true,
    evidence: `${describeDoc(doc)} lists ${evidence.join("; ")}`,
  };
}

/** Own inference of one documented element (standbys have none: they follow their primary). */
export function inferElement(doc: Element, input: InferenceInput): Inference {
  if (standbyPrimary(doc, input.incoming) !== undefined) return { kind: "none" };
  return inferGroup(doc, input) ?? decide(doc, scoreCandidates(doc, docProfile(doc), input));
}

/**
 * Who else in the document claims a resource: a configuration entry or tag, a name match
 * (strong), or with `includeWeak` any unambiguous inference.
 */
export type ClaimedBy = (resource: string, doc: Element, includeWeak: boolean) => string | undefined;

/**
 * Second look at unsure results, once every other result is known. Weak results (type or
 * technology only) are kept only when no name, configuration or tag claims their resource
 * for another element of the document. Among alike candidates, those another element claims
 * in any way drop out.
 */
export function refineWithClaims(doc: Element, inference: Inference, claimedBy: ClaimedBy): Inference {
  if (inference.kind === "none") return inference;
  if (inference.kind === "mapped") {
    if (inference.strong) return inference;
    const free = inference.resources.filter((id) => claimedBy(id, doc, false) === undefined);
    return free.length > 0 ? { ...inference, resources: free } : { kind: "none" };
  }
  const free = inference.candidates.filter((candidate) => claimedBy(candidate.id, doc, true) === undefined);
  if (free.length === 1) {
    const others = inference.candidates
      .filter((candidate) => candidate !== free[0])
      .map((candidate) => `${candidate.id} is mapped to ${claimedBy(candidate.id, doc, true)}`);
    return {
      kind: "mapped",
      resources: [free[0]!.id],
      strong: inference.strong,
      evidence: `${describeMatch(doc, free[0]!)}; ${others.join(", ")}`,
    };
  }
  if (free.length === 0) return { kind: "none" };
  return { ...inference, candidates: free };
}
