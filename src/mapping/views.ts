/**
 * Logical (C4) ↔ physical (deployment) links within a document. Mapping tables in the document
 * state them; otherwise names and kinds link a logical component to its physical counterpart
 * ("User Service" ↔ "User Service Container").
 */
import type { Element, Graph, Relation } from "../model/graph.js";
import type { ViewLink } from "../model/mapping.js";
import { describeDoc, isDocParticipant, kindFit, readReplicaOf } from "./elements.js";
import { NEAR } from "./infer.js";
import { compareProfiles, docProfile, type TokenProfile, TokenStats } from "./profile.js";

interface PhysicalCandidate {
  element: Element;
  profile: TokenProfile;
}

function linkKey(link: ViewLink): string {
  return `${link.logical}\u0000${link.physical}`;
}

/** Participants of one view, grouped by document. */
function byDocument(graph: Graph, view: "logical" | "physical"): Map<string, Element[]> {
  const groups = new Map<string, Element[]>();
  for (const element of graph.elements) {
    if (element.view !== view || !isDocParticipant(element)) continue;
    const list = groups.get(element.source.file);
    if (list) list.push(element);
    else groups.set(element.source.file, [element]);
  }
  return groups;
}

/** A logical database that is not a replica is not the counterpart of a physical replica. */
function structurallyFits(logical: Element, physical: Element, incoming: Map<string, Relation[]>): boolean {
  const logicalReplica = readReplicaOf(logical, incoming) !== undefined;
  const physicalReplica = readReplicaOf(physical, incoming) !== undefined;
  return logicalReplica === physicalReplica;
}

/** Physical counterparts of one logical element: the best name match and any that tie with it. */
function counterparts(
  logical: Element,
  physical: PhysicalCandidate[],
  stats: TokenStats,
  incoming: Map<string, Relation[]>,
): { element: Element; score: number }[] {
  const profile = docProfile(logical);
  const scored: { element: Element; score: number }[] = [];
  for (const candidate of physical) {
    const fit = kindFit(logical, candidate.element);
    if (fit === 0 || !structurallyFits(logical, candidate.element, incoming)) continue;
    const match = compareProfiles(profile, candidate.profile, stats);
    if (!match.strong) continue;
    scored.push({ element: candidate.element, score: match.score * fit });
  }
  const best = Math.max(0, ...scored.map((candidate) => candidate.score));
  return scored
    .filter((candidate) => candidate.score >= best * NEAR)
    .sort((a, b) => (a.element.id < b.element.id ? -1 : 1));
}

/**
 * Every view link: the documents' tables first, then inferred ones for logical elements that
 * no table links.
 */
export function linkViews(documented: Graph, tableLinks: ViewLink[], incoming: Map<string, Relation[]>): ViewLink[] {
  const links = new Map<string, ViewLink>();
  for (const link of tableLinks) links.set(linkKey(link), link);
  const tableLinked = new Set(tableLinks.map((link) => link.logical));
  const physicalByDoc = byDocument(documented, "physical");
  for (const [file, logicals] of byDocument(documented, "logical")) {
    const physicals = physicalByDoc.get(file);
    if (!physicals) continue;
    const stats = new TokenStats();
    const candidates = physicals.map((element) => ({ element, profile: docProfile(element) }));
    for (const candidate of candidates) stats.addProfile(candidate.profile);
    for (const logical of logicals) {
      if (tableLinked.has(logical.id)) continue;
      for (const { element } of counterparts(logical, candidates, stats, incoming)) {
        const link = {
          logical: logical.id,
          physical: element.id,
          evidence: `names ${describeDoc(logical)} ~ ${describeDoc(element)} in ${file}`,
        };
        links.set(linkKey(link), link);
      }
    }
  }
  return [...links.values()].sort((a, b) => (linkKey(a) < linkKey(b) ? -1 : linkKey(a) > linkKey(b) ? 1 : 0));
}
