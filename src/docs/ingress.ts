/**
 * Documented security group ingress: "Tasks SG: port 3000 from ALB SG only", "ports 80/443
 * from 0.0.0.0/0", "Allow 443 from VPC CIDR". A source is a CIDR block or the name of another
 * element of the same view: "ALB SG" is the element that declares "ALB SG:" in its text, else
 * the one whose id, name or initials are "ALB". A name that resolves to nothing, or to several
 * elements, stays in `unknown` as written: the rules never guess a source.
 */
import type { IngressRule, PortRange } from "../model/graph.js";
import { parseCidr } from "../util/ip.js";
import { CIDR, documentedAs, type Facts, type TextField } from "./facts.js";

/** One statement as written: its ports, and its sources before resolution. */
export interface IngressStatement {
  /** The clause as written: "port 3000 from ALB SG only". */
  text: string;
  ports: PortRange[];
  sources: string[];
  /** "only": nothing but these sources may reach the ports. */
  only: boolean;
}

const PORT_ITEM = String.raw`\d{1,5}(?:\s*[-–]\s*\d{1,5})?`;
const PORT_LIST = String.raw`${PORT_ITEM}(?:\s*(?:\/|,|&|\band\b)\s*${PORT_ITEM})*`;
/** `port 3000 from …`, `ports 80/443 from …`, `Allow TCP 3000 only from …`. */
const STATEMENT = new RegExp(
  String.raw`\b(?:allows?|ports?)\b\s*:?\s*(?:(tcp|udp)\s+)?(${PORT_LIST})\s+(only\s+)?from\s+(.+)$`,
  "i",
);
/** Clauses: lines, sentences (a dot before a space or the end, so 10.0.0.0/16 stays whole), `;`, and each `port N`. */
const CLAUSE_BREAK = /\n|;|\.(?=\s|$)|(?=\b(?:ports?|allows?)\b\s*:?\s*(?:(?:tcp|udp)\s+)?\d)/i;
const SOURCE_BREAK = /\s*(?:,|&|\+|\band\b|\bor\b)\s*/i;
const WORLD_WORDS = /^(?:anywhere|everywhere|(?:the )?internet|(?:the )?world)$/i;
const SELF_WORDS = /^(?:itself|self|the same (?:sg|security group))$/i;
/** `ALB SG:` at the start of a clause: the element's own group is called "ALB SG". */
const OWN_GROUP = /^\s*(.+?)\s+(?:sgs?|security groups?)\s*:/i;
const GROUP_SUFFIX = /\s+(?:sgs?|security groups?)$/;
const CIDR_SUFFIX = /\s+cidrs?(?: blocks?| ranges?)?$/;

function clauses(text: string): string[] {
  return text.split(CLAUSE_BREAK).filter((clause) => clause.trim().length > 0);
}

function portRanges(list: string, protocol: string | undefined): PortRange[] {
  return list
    .split(/\s*(?:\/|,|&|\band\b)\s*/i)
    .map((item) => item.split(/\s*[-–]\s*/).map(Number))
    .filter(([from, to = from]) => from! > 0 && to! >= from! && to! < 65536)
    .map(([from, to = from]) => {
      const range: PortRange = { from: from!, to: to! };
      if (protocol) range.protocol = protocol.toLowerCase();
      return range;
    });
}

/** The ingress statements of one text (a label, a technology, a description). */
export function ingressStatements(text: string): IngressStatement[] {
  const statements: IngressStatement[] = [];
  for (const clause of clauses(text)) {
    const m = STATEMENT.exec(clause);
    if (!m) continue;
    const ports = portRanges(m[2]!, m[1]);
    // A parenthesis after the sources comments on them: "from ALB SG (health checks)".
    let rest = m[4]!.replace(/\(.*$/, "").replace(/[\s,;:.]+$/, "");
    const trailingOnly = /\s+only$/i.test(rest);
    if (trailingOnly) rest = rest.replace(/\s+only$/i, "");
    const sources = rest
      .split(SOURCE_BREAK)
      .map((source) => source.replace(/^["'`]|["'`:]$/g, "").trim())
      .filter((source) => source.length > 0);
    if (ports.length > 0 && sources.length > 0) {
      statements.push({ text: clause.trim(), ports, sources, only: trailingOnly || m[3] !== undefined });
    }
  }
  return statements;
}

/** What the resolver needs of an element of the view. */
export interface NamedElement {
  id: string;
  label: string;
  technology?: string;
  description?: string;
  boundary: boolean;
  placeholder: boolean;
}

/** A source: CIDR blocks, element ids, or nothing (kept as written). */
export type ResolvedSource = { cidrs: string[] } | { ids: string[] } | undefined;
export type SourceResolver = (name: string, self: string) => ResolvedSource;

function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[_\-\s]+/g, " ")
    .replace(/^the /, "")
    .trim();
}

/** "Application Load Balancer (Public Subnets)" → "Application Load Balancer"; "VPC 10.0.0.0/16" → "VPC". */
function head(text: string): string {
  return text
    .split(/\n|,/)[0]!
    .replace(/\(.*$/, "")
    .replace(/\s\d.*$/, "")
    .trim();
}

function initials(name: string): string | undefined {
  const words = name.split(/\s+/).filter((word) => /^[a-z]/i.test(word));
  return words.length > 1 ? words.map((word) => word[0]!.toLowerCase()).join("") : undefined;
}

/** The names an element answers to: id, the head of its label and technology, their initials. */
function namesOf(element: NamedElement): Set<string> {
  const names = new Set([normalize(element.id)]);
  for (const text of [element.label, element.technology]) {
    if (!text) continue;
    const name = normalize(head(text));
    if (!name) continue;
    names.add(name);
    const short = initials(name);
    if (short) names.add(short);
  }
  return names;
}

/** Groups an element's text declares as its own: "ALB SG: ports 80/443 …" → "alb sg". */
function ownGroups(element: NamedElement): Set<string> {
  const groups = new Set<string>();
  for (const text of [element.label, element.technology, element.description]) {
    for (const clause of text ? text.split(/\n|;|\.(?=\s|$)/) : []) {
      const m = OWN_GROUP.exec(clause);
      if (m) groups.add(`${normalize(m[1]!)} sg`);
    }
  }
  return groups;
}

/** Resolves source names against the elements of one view. */
export function sourceResolver(elements: NamedElement[]): SourceResolver {
  const candidates = elements
    .filter((element) => !element.placeholder)
    .map((element) => ({ element, names: namesOf(element), groups: ownGroups(element) }));
  const byName = (name: string) => {
    const matches = candidates.filter((candidate) => candidate.names.has(name)).map((c) => c.element);
    const components = matches.filter((element) => !element.boundary);
    const chosen = components.length > 0 ? components : matches;
    return chosen.length === 1 ? chosen[0] : undefined;
  };
  return (written, self) => {
    if (parseCidr(written)) return { cidrs: [written] };
    if (WORLD_WORDS.test(written.trim())) return { cidrs: ["0.0.0.0/0"] };
    if (SELF_WORDS.test(written.trim())) return { ids: [self] };
    const name = normalize(written);
    if (CIDR_SUFFIX.test(name)) {
      const element = byName(name.replace(CIDR_SUFFIX, ""));
      const cidr =
        element && [element.label, element.description].map((text) => text && CIDR.exec(text)?.[0]).find(Boolean);
      return cidr ? { cidrs: [cidr] } : undefined;
    }
    if (GROUP_SUFFIX.test(name)) {
      // Every element that declares the group carries it (three services sharing "Tasks SG").
      const group = `${name.replace(GROUP_SUFFIX, "")} sg`;
      const owners = candidates.filter((candidate) => candidate.groups.has(group)).map((c) => c.element.id);
      if (owners.length > 0) return { ids: owners };
    }
    const element = byName(name.replace(GROUP_SUFFIX, ""));
    return element ? { ids: [element.id] } : undefined;
  };
}

function ruleOf(ports: PortRange, statement: IngressStatement, resolve: SourceResolver, self: string): IngressRule {
  const rule: IngressRule = { ports, cidrs: [], fromGroups: [] };
  const unresolved: string[] = [];
  for (const source of statement.sources) {
    const resolved = resolve(source, self);
    if (!resolved) unresolved.push(source);
    else if ("cidrs" in resolved) rule.cidrs.push(...resolved.cidrs.filter((cidr) => !rule.cidrs.includes(cidr)));
    else rule.fromGroups.push(...resolved.ids.filter((id) => !rule.fromGroups.includes(id)));
  }
  if (unresolved.length > 0) rule.unknown = unresolved.join(", ");
  if (statement.only) rule.only = true;
  return rule;
}

/** `ingress` with its evidence (the first field that states it), or no facts. */
export function ingressFacts(fields: TextField[], resolve: SourceResolver, self: string): Facts {
  const facts: Facts = { attributes: {}, evidence: {} };
  const rules: IngressRule[] = [];
  for (const field of fields) {
    const statements = ingressStatements(field.value);
    if (statements.length === 0) continue;
    if (rules.length === 0) {
      const said = statements.map((statement) => statement.text).join("; ");
      facts.evidence.ingress = { ...field.source, message: documentedAs({ ...field, value: said }) };
    }
    for (const statement of statements) {
      rules.push(...statement.ports.map((ports) => ruleOf(ports, statement, resolve, self)));
    }
  }
  if (rules.length > 0) facts.attributes.ingress = rules;
  return facts;
}
