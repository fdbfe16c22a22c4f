/** Links between documented elements and declared (or live) resources. */
import type { SourceLocation } from "./source.js";

/** Who decided a pair, strongest first. */
export type MappingAuthority = "explicit" | "tag" | "table" | "inferred";

export interface MappingPair {
  /** Documented element id. */
  component: string;
  /** Declared or live element ids (resource addresses, logical ids, ARNs). */
  resources: string[];
  authority: MappingAuthority;
  /** Why: "configuration mapping", "tag archlint:component=db", "name 'User Service' ~ aws_ecs_service.users (0.82)". */
  evidence: string;
}

export interface AmbiguousMapping {
  component: string;
  candidates: string[];
  evidence: string;
}

/** A link between a logical (C4) element and a physical (deployment) element of the docs. */
export interface ViewLink {
  logical: string;
  physical: string;
  evidence: string;
}

export interface Mapping {
  pairs: MappingPair[];
  ambiguous: AmbiguousMapping[];
  viewLinks: ViewLink[];
  /** Explicit mapping entries that name nothing that exists (reported, never a crash). */
  unresolved: {
    component: string;
    target: string;
    message: string;
    /** Where the entry is written: the configuration key, or the resource carrying the tag. */
    source?: SourceLocation;
  }[];
}
