/**
 * The common graph (../shared/spec/model.md). Every parser produces it; every rule reads it.
 * Docs, Terraform, CloudFormation and live accounts all speak this vocabulary.
 */
import type { Evidence, SourceLocation } from "./source.js";

/** One vocabulary of kinds for docs, Terraform, CloudFormation and live resources. */
export const ELEMENT_KINDS = [
  "person",
  "external-system",
  "application",
  "compute",
  "container",
  "function",
  "database",
  "cache",
  "queue",
  "topic",
  "object-storage",
  "search",
  "gateway",
  "load-balancer",
  "cdn",
  "dns",
  "secret-store",
  "monitoring",
  "email",
  "registry",
  "pipeline",
  "identity",
  "network",
  "boundary",
] as const;
export type ElementKind = (typeof ELEMENT_KINDS)[number];

export const RELATION_KINDS = [
  "uses",
  "routes",
  "reads",
  "writes",
  "publishes",
  "consumes",
  "replicates",
  "network",
  "permission",
  "reference",
] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

/**
 * A fact that could not be resolved (an unset variable, a data source, a remote module,
 * a runtime expression). Three-valued logic: unknown never produces an error or warning.
 * `unknown` says which expression could not be resolved, so a note can tell the user how
 * to provide it.
 */
export interface Unknown {
  unknown: string;
}
export type Tri<T> = T | Unknown;

export function isUnknown(value: unknown): value is Unknown {
  return typeof value === "object" && value !== null && "unknown" in value;
}

export interface EnvVar {
  name: string;
  /**
   * The value as written, or masked (`"sk_l…" (32 chars)`) when it looks secret. Absent when
   * the value is a reference or unknown. The raw secret value never enters the graph.
   */
  value?: string;
  /** The value is a reference (secret store, another resource, variable), not a literal. */
  reference?: boolean;
  /** Why the variable looks like a secret kept in plain text (detection.md signals), if it does. */
  secretSignals?: string[];
  /** Where it is passed: "container web environment", "user_data", "lambda environment". */
  context?: string;
  /** Where the variable is written. */
  source?: SourceLocation;
}

export interface PortRange {
  from: number;
  to: number;
  protocol?: string;
}

/** An ingress rule of a security group, normalised across formats. */
export interface IngressRule {
  ports: PortRange;
  /** CIDR blocks the rule allows (0.0.0.0/0, ::/0, 10.0.0.0/16 …). */
  cidrs: string[];
  /** Element ids of security groups the rule allows traffic from. */
  fromGroups: string[];
  source?: SourceLocation;
  /**
   * Set when part of the rule could not be resolved (an unset variable for a port, a CIDR
   * list or a source group): the expression as written. The known parts are still listed.
   */
  unknown?: string;
  /** Docs: the rule names every source allowed on its ports ("port 3000 from ALB SG only"). */
  only?: boolean;
}

/**
 * Normalised facts about an element. Every key is optional: absent means "not stated".
 * Values read from infrastructure code may be Unknown.
 */
export interface ElementAttributes {
  /** Resource type for declared and live elements: `aws_db_instance`, `AWS::RDS::DBInstance`. */
  type?: string;
  /** Reachable from the internet (docs: documented at the edge / public). */
  public?: Tri<boolean>;
  /** Has a public address (public IP, EIP, map_public_ip_on_launch). */
  publicIp?: Tri<boolean>;
  subnetTier?: Tri<"private" | "public">;
  /** Element ids of the subnets the element is placed in. */
  subnets?: string[];
  /** Element id of the VPC. */
  vpc?: string;
  /** Availability zones the element spans, when known. */
  availabilityZones?: string[];
  region?: string;
  /** Element ids of the security groups attached. */
  securityGroups?: string[];
  /** Security group ingress open to the world: 0.0.0.0/0 or ::/0 (with the ports). */
  openIngress?: IngressRule[];
  /** For security groups: every ingress rule. */
  ingress?: IngressRule[];
  multiAz?: Tri<boolean>;
  /** Element id of the primary this element replicates. */
  replicaOf?: string;
  /** Element ids of this element's read replicas. */
  replicas?: string[];
  /** A standby (synchronous, other AZ) is documented or configured. */
  standby?: Tri<boolean>;
  engine?: Tri<string>;
  engineVersion?: Tri<string>;
  encrypted?: Tri<boolean>;
  env?: EnvVar[];
  instanceType?: Tri<string>;
  ports?: number[];
  cidr?: Tri<string>;
  minCapacity?: Tri<number>;
  maxCapacity?: Tri<number>;
  desiredCapacity?: Tri<number>;
  cpu?: Tri<number>;
  memory?: Tri<number>;
  /** Load balancer scheme: true when `internal`. */
  internal?: Tri<boolean>;
  tags?: Record<string, string>;
  /** A documented element that is a placeholder ("Other AWS Services"): not a component. */
  placeholder?: boolean;
  /** Architecturally significant resource (rules.md "Significant resources"). */
  significant?: boolean;
  /** Plumbing: route tables, policies, attachments … (never reported undocumented). */
  plumbing?: boolean;
  /** A dual-role element keeps every role: "Cache & Job Queue" on Redis is cache and queue. */
  roles?: ElementKind[];
  /** Doc claims: "Multi-AZ", "encryption at rest", "read replica" … with their evidence. */
  claims?: string[];
  [key: string]: unknown;
}

export type ElementOrigin = "doc" | "iac" | "live";
export type DocView = "logical" | "physical";

export interface Element {
  /** C4 alias / flowchart node id for docs; resource address for IaC; ARN for live. */
  id: string;
  kind: ElementKind;
  label: string;
  /**
   * What people call it, when the label says more: the first line of a multi-line flowchart
   * label ("Posts ECS Service" for "Posts ECS Service<br/>2-10 tasks, 0.25 vCPU"). Messages use it.
   */
  name?: string;
  /** Free text as written: "Amazon RDS", "Container: Go". */
  technology?: string;
  description?: string;
  attributes: ElementAttributes;
  /** Id of the boundary that contains it. */
  parent?: string;
  /** True for boundaries: C4 boundaries, subgraphs, VPC, subnet, AZ, region, cluster, host. */
  boundary?: boolean;
  source: SourceLocation;
  origin: ElementOrigin;
  /** Docs only: which view the element belongs to. */
  view?: DocView;
  /**
   * Where each fact was stated: key is the attribute name (`subnetTier`, `multiAz`,
   * `replicaOf` …), value the place that said it (a subgraph title, an attribute line).
   */
  evidence?: Record<string, Evidence>;
  /** For IaC elements from a local module: where the module is called. */
  moduleCall?: SourceLocation;
}

export interface Relation {
  from: string;
  to: string;
  label?: string;
  technology?: string;
  kind: RelationKind;
  source: SourceLocation;
  origin?: ElementOrigin;
  view?: DocView;
  /** IaC relations: what carries it (`aws_security_group_rule.db_from_app`, an IAM statement). */
  via?: string;
  /** Ports of a network relation. */
  ports?: PortRange[];
  /** Path pattern of a routing relation (`/api/posts*`). */
  path?: string;
}

/** What a parser could not read or found malformed. Rules turn diagnostics into findings. */
export type DiagnosticCode =
  | "doc-syntax-error"
  | "doc-unknown-reference"
  | "doc-duplicate-id"
  | "iac-parse-error"
  | "iac-unresolved"
  | "iac-module-not-read"
  | "iac-path-escape";

export interface Diagnostic {
  code: DiagnosticCode;
  message: string;
  source: SourceLocation;
  related?: Evidence[];
  /** The documented element or resource involved, when there is one. */
  component?: string;
  resource?: string;
}

export interface Graph {
  elements: Element[];
  relations: Relation[];
  diagnostics: Diagnostic[];
}

export function emptyGraph(): Graph {
  return { elements: [], relations: [], diagnostics: [] };
}

/** Elements indexed by id, built once per graph. */
export function indexElements(graph: Graph): Map<string, Element> {
  const byId = new Map<string, Element>();
  for (const element of graph.elements) byId.set(element.id, element);
  return byId;
}
