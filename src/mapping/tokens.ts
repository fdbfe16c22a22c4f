/**
 * Names → comparable tokens. Documents say "User Service", "RDS Read Replica"; code says
 * `aws_ecs_service.users`, `PostsService`, `inkwell-media-prod`. Both sides go through the same
 * normalisation so that a token means the same thing on either side.
 */

/** Words that carry no identity on either side. */
const STOP_WORDS = new Set([
  "a",
  "an",
  "and",
  "as",
  "at",
  "aws",
  "amazon",
  "by",
  "e",
  "eg",
  "for",
  "from",
  "g",
  "in",
  "into",
  "is",
  "it",
  "of",
  "on",
  "or",
  "the",
  "this",
  "to",
  "via",
  "with",
  "br",
]);

/**
 * Words that name a category, not a thing: a match on them alone says nothing about which
 * resource is meant ("Service" matches every ECS service, "Queue" every queue — and
 * CloudFormation logical ids often end in their type: `NotificationsQueue`).
 */
const GENERIC_WORDS = new Set([
  "app",
  "application",
  "bucket",
  "cache",
  "cluster",
  "component",
  "container",
  "data",
  "db",
  "default",
  "dev",
  "docker",
  "function",
  "gateway",
  "group",
  "instance",
  "main",
  "managed",
  "node",
  "prod",
  "production",
  "queue",
  "server",
  "service",
  "stack",
  "staging",
  "storage",
  "store",
  "system",
  "table",
  "task",
  "test",
  "topic",
  "1",
  "2",
  "3",
  "0",
]);

/** Spellings of one thing, folded to one token. */
const SYNONYMS: Record<string, string> = {
  database: "db",
  postgresql: "postgres",
  postgre: "postgres",
  pg: "postgres",
  psql: "postgres",
  mariadb: "mariadb",
  memcache: "memcached",
  gw: "gateway",
  apigw: "gateway",
  alb: "lb",
  elb: "lb",
  nlb: "lb",
  loadbalancer: "lb",
  balancer: "lb",
  cloudfront: "cdn",
  distribution: "cdn",
  svc: "service",
  repo: "repository",
  reader: "replica",
  readreplica: "replica",
  master: "primary",
  writer: "primary",
  func: "function",
  fn: "function",
  msg: "message",
  k8s: "kubernetes",
  vm: "ec2",
  route53: "dns",
  secretsmanager: "secret",
};

/** Product names that also say what they are: "AWS CodePipeline" is a pipeline. */
const ALSO_MEANS: Record<string, string> = {
  codepipeline: "pipeline",
  codebuild: "build",
  codecommit: "repository",
  codedeploy: "deploy",
  eventbridge: "event",
};

/** Acronyms that end in "s" and must not lose it to singularisation. */
const KEEP_S = new Set([
  "ecs",
  "eks",
  "sns",
  "sqs",
  "rds",
  "dns",
  "ses",
  "kms",
  "aws",
  "ebs",
  "efs",
  "iis",
  "ios",
  "gis",
]);

function singular(word: string): string {
  if (word.length <= 3 || KEEP_S.has(word)) return word;
  if (word.endsWith("ies") && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith("ss") || word.endsWith("us") || word.endsWith("is")) return word;
  if (word.endsWith("s")) return word.slice(0, -1);
  return word;
}

/** Product names written in camel case that are one word ("ElastiCache" is not "Elasti Cache"). */
const ONE_WORD_NAMES =
  /PostgreSQL|ElastiCache|OpenSearch|ElasticSearch|CloudFront|CloudWatch|CloudFormation|DynamoDB|MySQL|MariaDB|MongoDB|DocumentDB|RabbitMQ|EventBridge|CodePipeline|CodeBuild|CodeCommit|CodeDeploy|GitHub|GitLab|GraphQL|NoSQL|FastAPI|NodeJS|JavaScript|TypeScript|WebSocket/g;

/** Splits camelCase and PascalCase (`PostsService`, `APIGateway`) into words. */
function splitCamel(text: string): string {
  if (!/[A-Z]/.test(text)) return text;
  return text
    .replace(ONE_WORD_NAMES, (name) => name.toLowerCase())
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2");
}

/** Tokens of texts seen before: types and technologies repeat across thousands of resources. */
const cache = new Map<string, readonly string[]>();
const CACHE_LIMIT = 4096;

/** Words of a name, lowercased, without stop words, singular, synonyms folded. */
export function tokenize(text: string | undefined): readonly string[] {
  if (!text) return [];
  const cached = cache.get(text);
  if (cached) return cached;
  const tokens = tokenizeText(text);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, tokens);
  return tokens;
}

function tokenizeText(text: string): string[] {
  const words = splitCamel(text.includes("<") ? text.replace(/<br\s*\/?>/gi, " ") : text)
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0 && !STOP_WORDS.has(word));
  const tokens: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    // "load balancer" is one thing.
    if (word === "load" && words[i + 1]?.startsWith("balancer")) {
      tokens.push("lb");
      i++;
      continue;
    }
    const single = singular(word);
    const token = SYNONYMS[single] ?? SYNONYMS[word] ?? single;
    tokens.push(token);
    const also = ALSO_MEANS[token];
    if (also) tokens.push(also);
  }
  return tokens;
}

export function isGenericToken(token: string): boolean {
  return GENERIC_WORDS.has(token);
}

/**
 * The parts of a resource address: `module.db.aws_db_instance.this["a"]` → modules ["db"],
 * type "aws_db_instance", name "this", key "a". CloudFormation logical ids (optionally
 * `template#Id`) and ARNs have only a name.
 */
export interface AddressParts {
  modules: string[];
  type?: string;
  name: string;
  key?: string;
}

/** Splits on dots that are not inside `[...]` (instance keys may contain dots). */
function splitAddress(address: string): string[] {
  const segments: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < address.length; i++) {
    const ch = address[i];
    if (ch === "[") depth++;
    else if (ch === "]") depth = Math.max(0, depth - 1);
    else if (ch === "." && depth === 0) {
      segments.push(address.slice(start, i));
      start = i + 1;
    }
  }
  segments.push(address.slice(start));
  return segments;
}

function stripKey(segment: string): { base: string; key?: string } {
  const open = segment.indexOf("[");
  if (open < 0 || !segment.endsWith("]")) return { base: segment };
  return { base: segment.slice(0, open), key: segment.slice(open + 1, -1).replace(/^"|"$/g, "") };
}

export function parseAddress(address: string): AddressParts {
  if (address.startsWith("arn:")) {
    const resource = address.split(":").slice(5).join(":");
    return { modules: [], name: resource.split(/[/:]/).pop() ?? resource };
  }
  const hash = address.lastIndexOf("#");
  const local = hash >= 0 ? address.slice(hash + 1) : address;
  const segments = splitAddress(local);
  const modules: string[] = [];
  let i = 0;
  while (i + 1 < segments.length && segments[i] === "module") {
    modules.push(stripKey(segments[i + 1]!).base);
    i += 2;
  }
  if (segments[i] === "data") i++;
  const rest = segments.slice(i);
  if (rest.length >= 2) {
    const { base, key } = stripKey(rest.slice(1).join("."));
    return key === undefined ? { modules, type: rest[0]!, name: base } : { modules, type: rest[0]!, name: base, key };
  }
  return { modules, name: rest[0] ?? local };
}
