/**
 * Facts the documents state about elements and relations, read from their text: placement
 * from boundary titles (subnet tier, availability zone, region, VPC), claims (Multi-AZ,
 * standby, read replica, encryption at rest, internal), engine, network and capacity figures.
 * Every fact comes with the place that said it (Element.evidence).
 */
import type { ElementAttributes, ElementKind, PortRange, RelationKind } from "../model/graph.js";
import type { Evidence, SourceLocation } from "../model/source.js";

export interface Facts {
  attributes: ElementAttributes;
  evidence: Record<string, Evidence>;
}

export interface TextField {
  value: string;
  source: SourceLocation;
}

export function emptyFacts(): Facts {
  return { attributes: {}, evidence: {} };
}

function state(facts: Facts, key: string, value: unknown, where: SourceLocation, message: string): void {
  facts.attributes[key] = value;
  facts.evidence[key] = { ...where, message };
}

function addClaim(facts: Facts, claim: string): void {
  const claims = facts.attributes.claims ?? [];
  if (!claims.includes(claim)) facts.attributes.claims = [...claims, claim];
}

/** "..." (or "…") stands for "as before" in abbreviated diagrams. */
export function isEllipsis(text: string | undefined): boolean {
  return text !== undefined && /^(\.\.\.|…)$/.test(text.trim());
}

// ---------------------------------------------------------------------------------------------
// Placement from boundaries

const PRIVATE_SUBNET = /\bprivate[\s_-]*subnets?\b/i;
const PUBLIC_SUBNET = /\bpublic[\s_-]*subnets?\b/i;
const AZ_CODE = /\b[a-z]{2}(?:-gov)?-[a-z]+-\d[a-z]\b/;
const AZ = /\b(availability[\s_-]*zones?|az[\s_-]?\d+|az[\s_-]?[a-f])\b/i;
const REGION_CODE = /\b[a-z]{2}(?:-gov)?-[a-z]+-\d\b(?![a-z])/;
const REGION = /\bregion\b/i;
const VPC = /\bvpc\b(?!\s*endpoints?)/i;
const SUBNET = /\bsubnets?\b/i;

export function readable(title: string): string {
  return title.replace(/_/g, " ").replace(/\s+/g, " ").trim();
}

export function subnetTier(title: string): "private" | "public" | undefined {
  const text = readable(title);
  if (PRIVATE_SUBNET.test(text)) return "private";
  if (PUBLIC_SUBNET.test(text)) return "public";
  return undefined;
}

export function availabilityZone(title: string): string | undefined {
  const text = readable(title);
  const code = AZ_CODE.exec(text);
  if (code && (AZ.test(text) || SUBNET.test(text))) return code[0];
  if (!AZ.test(text)) return undefined;
  return code?.[0] ?? text;
}

export function regionOf(title: string): string | undefined {
  const text = readable(title);
  if (!REGION.test(text)) return undefined;
  return REGION_CODE.exec(text)?.[0] ?? undefined;
}

export interface Enclosing {
  id: string;
  title: string;
  /** Where the boundary is declared: the `subgraph` keyword or the boundary macro. */
  statement: SourceLocation;
  kind: ElementKind;
}

/**
 * Placement of an element from the boundaries around it (nearest first) and, for boundaries
 * and nodes whose own title says it ("EC2 Instance (Private Subnet)"), from itself.
 */
export function placementFacts(self: Enclosing, ancestors: Enclosing[]): Facts {
  const facts = emptyFacts();
  const documented = (b: Enclosing) => `documented in "${readable(b.title)}"`;
  for (const b of [self, ...ancestors]) {
    const tier = subnetTier(b.title);
    if (tier && facts.attributes.subnetTier === undefined) state(facts, "subnetTier", tier, b.statement, documented(b));
    const az = availabilityZone(b.title);
    if (az && facts.attributes.availabilityZones === undefined) {
      state(facts, "availabilityZones", [az], b.statement, documented(b));
    }
    const region = regionOf(b.title);
    if (region && facts.attributes.region === undefined) state(facts, "region", region, b.statement, documented(b));
    if (b === self) continue;
    if (VPC.test(readable(b.title)) && facts.attributes.vpc === undefined)
      state(facts, "vpc", b.id, b.statement, documented(b));
    if (SUBNET.test(readable(b.title)) && b.kind === "network" && facts.attributes.subnets === undefined) {
      state(facts, "subnets", [b.id], b.statement, documented(b));
    }
  }
  return facts;
}

// ---------------------------------------------------------------------------------------------
// Claims and figures from an element's own text

const MULTI_AZ =
  /\bmulti[- ]?az\b|\bhighly[- ]available across (?:multiple |two |2 )?(?:availability zones|azs)\b|\bacross (?:two|2|multiple) (?:availability zones|azs)\b/i;
const STANDBY = /\bstandby\b|\bsync(?:hronous)? replication\b/i;
const READ_REPLICA = /\bread[- ]?replicas?\b|\basync(?:hronous)? replica(?:tion|s)?\b/i;
const REPLICA_LABEL = /\b(read[- ]?)?replicas?\b/i;
const ENCRYPTED = /\bencrypt(?:ed|ion)\s+at\s+rest\b|\bencrypted\b|\bKMS[- ]encrypted\b/i;
const INTERNAL = /\b(internal|private)\b(?![\s_-]*(?:subnets?|network|ip|link))/i;
const PUBLIC = /\b(internet[- ]facing|public[- ]facing|public entry point)\b/i;
export const CIDR = /\b\d{1,3}(?:\.\d{1,3}){3}\/\d{1,2}\b/;
const TASK_RANGE = /\b(\d+)\s*(?:-|–|to)\s*(\d+)\s+(?:tasks?|instances?|replicas?|nodes?|containers?)\b/i;
const MIN = /\bmin(?:imum)?(?:\s+capacity)?\s*[:=]?\s*(\d+)\b/i;
const MAX = /\bmax(?:imum)?(?:\s+capacity)?\s*[:=]?\s*(\d+)\b/i;
const DESIRED = /\bdesired(?:\s+count)?\s*[:=]?\s*(\d+)\b/i;
const VCPU = /\b(\d+(?:\.\d+)?)\s*vCPUs?\b/i;
const MEMORY = /\b(\d+(?:\.\d+)?)\s*(MB|MiB|GB|GiB)\b/i;
const CPU_TARGET = /\b(\d{1,3})\s*%\s*CPU\b|\bCPU(?:\s+target)?\s*[:=]?\s*(\d{1,3})\s*%/i;
const MEMORY_TARGET = /\b(\d{1,3})\s*%\s*memory\b|\bmemory(?:\s+target)?\s*[:=]?\s*(\d{1,3})\s*%/i;
const PORTS = /\bports?\s*:?\s*(\d{2,5}(?:\s*(?:\/|,|&|and)\s*\d{2,5})*)/i;
const PORTS_FROM = /\b(\d{2,5}(?:\s*\/\s*\d{2,5})*)\s+from\b/i;

const ENGINES: readonly [RegExp, string][] = [
  [/\baurora[- ]?postgres(?:ql)?\b/i, "aurora-postgresql"],
  [/\baurora[- ]?mysql\b/i, "aurora-mysql"],
  [/\bpostgres(?:ql)?\b/i, "postgres"],
  [/\bmysql\b/i, "mysql"],
  [/\bmariadb\b/i, "mariadb"],
  [/\bredis\b/i, "redis"],
  [/\bmemcached\b/i, "memcached"],
  [/\bvalkey\b/i, "valkey"],
  [/\bopensearch\b/i, "opensearch"],
  [/\belasticsearch\b/i, "elasticsearch"],
  [/\bmongodb\b/i, "mongodb"],
  [/\bdynamodb\b/i, "dynamodb"],
];

const ENGINE_KINDS: readonly ElementKind[] = ["database", "cache", "search"];

function portsIn(text: string): number[] {
  const m = PORTS.exec(text) ?? PORTS_FROM.exec(text);
  if (!m) return [];
  return m[1]!
    .split(/\s*(?:\/|,|&|and)\s*/)
    .map(Number)
    .filter((n) => n > 0 && n < 65536);
}

/** Evidence message quoting a field (shortened). */
export function documentedAs(field: TextField): string {
  return `documented as "${field.value.length > 80 ? `${field.value.slice(0, 77)}...` : field.value}"`;
}

export interface TextFactsInput {
  kind: ElementKind;
  label: TextField;
  technology?: TextField;
  description?: TextField;
}

/** Facts stated by an element's label, technology and description. */
export function textFacts(input: TextFactsInput): Facts {
  const facts = emptyFacts();
  const fields = [input.label, input.technology, input.description].filter((f): f is TextField => f !== undefined);
  const said = (re: RegExp) => fields.find((f) => re.test(f.value));
  const claim = (key: string, value: unknown, field: TextField, name: string) => {
    state(facts, key, value, field.source, documentedAs(field));
    addClaim(facts, name);
  };
  const multiAz = said(MULTI_AZ);
  if (multiAz) claim("multiAz", true, multiAz, "multi-az");
  const standby = said(STANDBY);
  if (standby && input.kind === "database") claim("standby", true, standby, "standby");
  const replica = said(READ_REPLICA);
  if (replica && input.kind === "database" && !REPLICA_LABEL.test(input.label.value)) {
    claim("hasReadReplica", true, replica, "read-replica");
  }
  const encrypted = said(ENCRYPTED);
  if (encrypted) claim("encrypted", true, encrypted, "encryption-at-rest");
  const internal = [input.label, input.technology].find((f) => f && INTERNAL.test(f.value));
  const internalDescription = input.description && /^(internal|private)\b/i.test(input.description.value);
  if (internal) claim("public", false, internal, "internal");
  else if (internalDescription && input.description) claim("public", false, input.description, "internal");
  else {
    const open = said(PUBLIC);
    if (open) claim("public", true, open, "public");
  }
  if (ENGINE_KINDS.includes(input.kind)) {
    for (const field of fields) {
      const engine = ENGINES.find(([re]) => re.test(field.value));
      if (engine) {
        state(facts, "engine", engine[1], field.source, documentedAs(field));
        break;
      }
    }
  }
  figures(facts, input.kind, fields);
  return facts;
}

/** Network and capacity figures: CIDR, ports, task counts, CPU, memory, scaling targets. */
function figures(facts: Facts, kind: ElementKind, fields: TextField[]): void {
  const put = (key: string, value: unknown, field: TextField) =>
    state(facts, key, value, field.source, documentedAs(field));
  for (const field of fields) {
    const text = field.value;
    const cidr = CIDR.exec(text);
    if (cidr && kind === "network" && facts.attributes.cidr === undefined) put("cidr", cidr[0], field);
    const az = AZ_CODE.exec(text);
    if (az && kind === "network" && SUBNET.test(text) && facts.attributes.availabilityZones === undefined) {
      put("availabilityZones", [az[0]], field);
    }
    const ports = portsIn(text);
    if (ports.length > 0 && facts.attributes.ports === undefined) put("ports", ports, field);
    const range = TASK_RANGE.exec(text);
    if (range && facts.attributes.minCapacity === undefined) {
      put("minCapacity", Number(range[1]), field);
      put("maxCapacity", Number(range[2]), field);
    }
    const min = MIN.exec(text);
    if (min && facts.attributes.minCapacity === undefined) put("minCapacity", Number(min[1]), field);
    const max = MAX.exec(text);
    if (max && facts.attributes.maxCapacity === undefined) put("maxCapacity", Number(max[1]), field);
    const desired = DESIRED.exec(text);
    if (desired && facts.attributes.desiredCapacity === undefined) put("desiredCapacity", Number(desired[1]), field);
    // CPU in ECS units (1 vCPU = 1024), memory in MiB: the units of task definitions.
    const vcpu = VCPU.exec(text);
    if (vcpu && facts.attributes.cpu === undefined) put("cpu", Math.round(Number(vcpu[1]) * 1024), field);
    const memory = MEMORY.exec(text);
    if (memory && facts.attributes.memory === undefined && (vcpu || /\b(memory|ram)\b/i.test(text))) {
      const size = Number(memory[1]) * (/^G/i.test(memory[2]!) ? 1024 : 1);
      put("memory", Math.round(size), field);
    }
    const cpuTarget = CPU_TARGET.exec(text);
    if (cpuTarget && facts.attributes.scalingTargetCpu === undefined) {
      put("scalingTargetCpu", Number(cpuTarget[1] ?? cpuTarget[2]), field);
    }
    const memoryTarget = MEMORY_TARGET.exec(text);
    if (memoryTarget && facts.attributes.scalingTargetMemory === undefined) {
      put("scalingTargetMemory", Number(memoryTarget[1] ?? memoryTarget[2]), field);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Placeholders and abbreviation

/** "Other AWS Services", "Monitoring Infrastructure", "[Regional HA Stack] …", "Complete HA Stack". */
export function isPlaceholder(label: string, boundary: boolean): boolean {
  const text = readable(label);
  if (/^other\b/i.test(text)) return true;
  if (/^\[[^\]]+\]/.test(text)) return true;
  if (boundary) return false;
  return /\b(infrastructure|services|stack|components|groups)$/i.test(labelHeadText(text));
}

function labelHeadText(label: string): string {
  const at = label.indexOf("(");
  return (at > 0 ? label.slice(0, at) : label).trim();
}

/** Comments and descriptions that say a diagram leaves things out (model.md). */
export const ABBREVIATION_PHRASE =
  /\brepresentative example\b|\bfor context\b|\bother\s+(?:\w+\s+)?(?:components|containers|services|groups)\b|\bgrouping existing\b/i;

/** A title that says the diagram is the whole picture. */
export const COMPLETE_TITLE = /\b(final|overall)\b/i;

// ---------------------------------------------------------------------------------------------
// Relations

const RELATION_KINDS: readonly [RegExp, RelationKind][] = [
  [/\breplicat/i, "replicates"],
  [/^\s*\/\S*/, "routes"],
  [/\b(publish|enqueue|emit|push|fan[- ]?out)/i, "publishes"],
  [/\b(consum|dequeue|poll|subscrib|receiv)/i, "consumes"],
  [/\b(route|forward|distribut|proxies|proxy|load[- ]balanc)/i, "routes"],
  [/\bread.*\bwrit|\bwrit.*\bread|\br\/w\b/i, "uses"],
  [/\b(read|quer|fetch|get|pull|load|display|scrape|lookup)/i, "reads"],
  [/\b(writ|upload|save|updat|store|insert|send|ship|put)/i, "writes"],
];

export function relationKind(...texts: (string | undefined)[]): RelationKind {
  const text = texts.filter(Boolean).join(" ");
  return RELATION_KINDS.find(([re]) => re.test(text))?.[1] ?? "uses";
}

export function relationPorts(text: string | undefined): PortRange[] {
  if (!text) return [];
  return portsIn(text).map((port) => ({ from: port, to: port }));
}

/** `/posts/*` in "Routes /posts/* to". */
export function relationPath(text: string | undefined): string | undefined {
  return text ? /(?:^|\s)(\/[\w\-*/{}.:]*)/.exec(text)?.[1] : undefined;
}
