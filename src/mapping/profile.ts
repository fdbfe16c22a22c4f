/**
 * Weighted token profiles of documented elements and resources, an inverted index over the
 * resources and the name-similarity score. Built once; scoring one documented element touches
 * only the resources that share a token with it, so mapping stays linear in the resources.
 */
import { type Element, isUnknown } from "../model/graph.js";
import { isGenericToken, parseAddress, tokenize } from "./tokens.js";

export interface TokenProfile {
  /** token → weight (the strongest place the token appears). */
  weights: Map<string, number>;
  /** Tokens from the element's own name (label, id, Name tag, module): a match there is strong. */
  nameTokens: Set<string>;
  /** Identifying tokens of the stated technology and engine ("redis", "rds"). */
  technologyTokens: Set<string>;
  /**
   * One item of a list ("ECS Tasks (gateway, frontend, …)"): each word names the thing, so
   * even a category word identifies it when the candidate's own name has it.
   */
  listItem?: boolean;
}

/** Weights of the places a token comes from. */
const WEIGHT = { label: 1, id: 0.8, module: 0.8, key: 0.5, technology: 0.6, type: 0.5 } as const;

type Place = "name" | "technology" | "type";

function add(profile: TokenProfile, text: string | undefined, weight: number, place: Place): void {
  for (const token of tokenize(text)) {
    if ((profile.weights.get(token) ?? 0) < weight) profile.weights.set(token, weight);
    if (place === "name") profile.nameTokens.add(token);
    else if (place === "technology" && !isGenericToken(token)) profile.technologyTokens.add(token);
  }
}

function emptyProfile(): TokenProfile {
  return { weights: new Map(), nameTokens: new Set(), technologyTokens: new Set() };
}

/**
 * Services Terraform type names do not spell out (`aws_db_instance` is RDS, `aws_instance`
 * is EC2), so that "Amazon RDS" or "EC2 Instance" meet them.
 */
const TYPE_SERVICES: [prefix: string, service: string][] = [
  ["aws_db_", "rds"],
  ["aws_rds_", "rds"],
  ["aws_instance", "ec2"],
  ["aws_launch_template", "ec2"],
  ["aws_autoscaling_group", "ec2"],
  ["aws_apigatewayv2_", "api gateway"],
  ["aws_elasticsearch_", "elasticsearch"],
];

function typeText(type: string | undefined): string | undefined {
  if (!type) return undefined;
  const services = TYPE_SERVICES.filter(([prefix]) => type.startsWith(prefix)).map(([, service]) => service);
  return [type, ...services].join(" ");
}

function engineText(element: Element): string | undefined {
  const engine = element.attributes.engine;
  return engine === undefined || isUnknown(engine) ? undefined : engine;
}

/** Label, id and technology of a documented element (or of any text standing for one). */
export function docProfile(element: Element): TokenProfile {
  const profile = emptyProfile();
  add(profile, element.label, WEIGHT.label, "name");
  add(profile, element.id.slice(element.id.lastIndexOf("#") + 1), WEIGHT.id, "name");
  add(profile, element.technology, WEIGHT.technology, "technology");
  add(profile, engineText(element), WEIGHT.technology, "technology");
  return profile;
}

/** The profile of one item of an enumerating label. */
export function textProfile(text: string): TokenProfile {
  const profile: TokenProfile = { ...emptyProfile(), listItem: true };
  add(profile, text, WEIGHT.label, "name");
  return profile;
}

/** Name tag, label, address parts, type and technology of a resource. */
export function resourceProfile(element: Element): TokenProfile {
  const profile = emptyProfile();
  const address = parseAddress(element.id);
  add(profile, element.label, WEIGHT.label, "name");
  add(profile, element.attributes.tags?.Name, WEIGHT.label, "name");
  add(profile, address.name, WEIGHT.label, "name");
  for (const module of address.modules) add(profile, module, WEIGHT.module, "name");
  if (address.key !== undefined && !/^\d+$/.test(address.key)) add(profile, address.key, WEIGHT.key, "name");
  add(profile, typeText(element.attributes.type ?? address.type), WEIGHT.type, "type");
  add(profile, element.technology, WEIGHT.technology, "technology");
  add(profile, engineText(element), WEIGHT.technology, "technology");
  return profile;
}

/** Inverse document frequency over a set of profiles. */
export class TokenStats {
  private readonly documentFrequency = new Map<string, number>();
  private count = 0;

  addProfile(profile: TokenProfile): void {
    this.count++;
    for (const token of profile.weights.keys())
      this.documentFrequency.set(token, (this.documentFrequency.get(token) ?? 0) + 1);
  }

  frequency(token: string): number {
    return this.documentFrequency.get(token) ?? 0;
  }

  /** Rare tokens weigh more; a token no profile has weighs most. */
  idf(token: string): number {
    return Math.log(1 + this.count / Math.max(1, this.frequency(token)));
  }

  get size(): number {
    return this.count;
  }
}

export interface NameMatch {
  /** 0..1: how much of the documented name the candidate explains, and of its own name. */
  score: number;
  /** Matched tokens that identify something (not generic words). */
  distinctive: string[];
  /** A distinctive token matched, and the candidate's own name took part (not only its type or technology). */
  strong: boolean;
}

/**
 * Similarity of a documented profile to a candidate profile: IDF-weighted coverage of the
 * documented name (three quarters) and of the candidate's own name (one quarter).
 */
export function compareProfiles(doc: TokenProfile, candidate: TokenProfile, stats: TokenStats): NameMatch {
  let matched = 0;
  let docTotal = 0;
  const distinctive: string[] = [];
  let namedMatch = false;
  for (const [token, weight] of doc.weights) {
    const idf = stats.idf(token);
    docTotal += weight * idf;
    const other = candidate.weights.get(token);
    if (other === undefined) continue;
    matched += Math.min(weight, other) * idf;
    const named = candidate.nameTokens.has(token);
    if (!isGenericToken(token) || (doc.listItem && named)) distinctive.push(token);
    if (named) namedMatch = true;
  }
  // Strong: something identifying matched, and the candidate's own name took part ("App EC2
  // Instance" ~ aws_instance.app: "ec2" identifies, "app" names it).
  const strong = distinctive.length > 0 && namedMatch;
  let nameMatched = 0;
  let nameTotal = 0;
  for (const token of candidate.nameTokens) {
    const idf = stats.idf(token);
    nameTotal += idf;
    if (doc.weights.has(token)) nameMatched += idf;
  }
  const docCoverage = docTotal > 0 ? matched / docTotal : 0;
  const nameCoverage = nameTotal > 0 ? nameMatched / nameTotal : 0;
  return { score: 0.75 * docCoverage + 0.25 * nameCoverage, distinctive: distinctive.sort(), strong };
}

/** Resource ids per token, for candidate lookup. */
export class TokenIndex {
  readonly stats = new TokenStats();
  private readonly postings = new Map<string, string[]>();
  readonly profiles = new Map<string, TokenProfile>();

  add(id: string, profile: TokenProfile): void {
    this.profiles.set(id, profile);
    this.stats.addProfile(profile);
    for (const token of profile.weights.keys()) {
      const list = this.postings.get(token);
      if (list) list.push(id);
      else this.postings.set(token, [id]);
    }
  }

  /**
   * Ids sharing a distinctive token with the profile. Tokens held by a large share of the
   * index (a type word like "service" across thousands of ECS services) do not select
   * candidates on their own: that keeps lookup cost bounded per documented element.
   */
  candidates(profile: TokenProfile): Set<string> {
    const cap = Math.max(64, Math.ceil(this.stats.size * 0.05));
    const ids = new Set<string>();
    for (const token of profile.weights.keys()) {
      if (isGenericToken(token) && !profile.listItem) continue;
      const list = this.postings.get(token);
      if (!list || list.length > cap) continue;
      for (const id of list) ids.add(id);
    }
    return ids;
  }
}
