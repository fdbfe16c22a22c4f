/**
 * Kinds of documented elements (model.md "Kinds"): from the C4 macro, the technology, the
 * label and — for product names only — the description. The first rule that matches the
 * most specific text wins: technology, then the label's head (before any parenthesis),
 * the whole label, the description's first sentence, then the macro's default.
 */
import type { ElementKind } from "../model/graph.js";

interface KindRule {
  kind: ElementKind;
  re: RegExp;
  /** Product names: trusted even in a description. */
  product?: RegExp;
}

const RULES: readonly KindRule[] = [
  {
    kind: "network",
    re: /\b(nat gateways?|internet gateways?|(?:vpc |gateway |interface )?endpoints?|security groups?|transit gateway|nacls?|subnets?|vpc)\b/i,
  },
  {
    kind: "identity",
    re: /\b(iam roles?|iam|cognito|user pools?|identity provider|sso)\b/i,
    product: /\b(iam|cognito)\b/i,
  },
  { kind: "database", re: /\b(read[- ]?replicas?|standby|replicas?)\b/i },
  {
    kind: "cache",
    re: /\b(elasticache|redis|memcached|valkey|cache|caching)\b/i,
    product: /\b(elasticache|redis|memcached|valkey)\b/i,
  },
  {
    kind: "search",
    re: /\b(opensearch|elasticsearch|cloudsearch|search)\b/i,
    product: /\b(opensearch|elasticsearch|cloudsearch)\b/i,
  },
  {
    kind: "monitoring",
    re: /\b(cloudwatch|prometheus|grafana|x-ray|xray|jaeger|datadog|fluentd|fluent bit|monitoring|metrics|logging|logs?|tracing|observability|alarms?|alerting)\b/i,
    product: /\b(cloudwatch|prometheus|grafana|x-ray|jaeger|datadog)\b/i,
  },
  {
    kind: "topic",
    re: /\b(sns|topics?|event ?bus|eventbridge|pub\/?sub|kafka|kinesis|msk)\b/i,
    product: /\b(sns|eventbridge|kafka|kinesis|msk)\b/i,
  },
  {
    kind: "queue",
    re: /\b(sqs|queues?|rabbitmq|amazon mq|activemq)\b/i,
    product: /\b(sqs|rabbitmq|amazon mq|activemq)\b/i,
  },
  {
    kind: "database",
    re: /\b(postgres(?:ql)?|mysql|mariadb|aurora|rds|dynamodb|mongodb|documentdb|databases?|db|sql|oracle)\b/i,
    product: /\b(postgres(?:ql)?|mysql|mariadb|aurora|rds|dynamodb|mongodb|documentdb)\b/i,
  },
  { kind: "object-storage", re: /\b(s3|object stor(?:e|age)|buckets?|blob storage)\b/i, product: /\bs3\b/i },
  {
    kind: "load-balancer",
    re: /\b(load[- ]?balancers?|alb|elb|nlb)\b/i,
    product: /\b(alb|elb|nlb|application load balancer)\b/i,
  },
  { kind: "cdn", re: /\b(cloudfront|cdn)\b/i, product: /\bcloudfront\b/i },
  { kind: "dns", re: /\b(route ?53|dns|geodns)\b/i, product: /\broute ?53\b/i },
  {
    kind: "gateway",
    re: /\b(api gateway|api gw|gateway|kong|apigee|reverse proxy)\b/i,
    product: /\b(api gateway|kong|apigee)\b/i,
  },
  {
    kind: "secret-store",
    re: /\b(secrets? manager|secret store|vault|parameter store)\b/i,
    product: /\b(secrets manager|parameter store|vault)\b/i,
  },
  { kind: "email", re: /\b(ses|e-?mails?|sendgrid|smtp|mailgun)\b/i, product: /\b(ses|sendgrid|mailgun)\b/i },
  { kind: "registry", re: /\b(ecr|container registry|docker registry|image registry)\b/i, product: /\becr\b/i },
  {
    kind: "pipeline",
    re: /\b(codepipeline|codebuild|codecommit|codedeploy|pipeline|jenkins|github actions|ci\/cd)\b/i,
    product: /\b(codepipeline|codebuild|codecommit|codedeploy|jenkins)\b/i,
  },
  { kind: "function", re: /\b(lambda|serverless functions?|cloud functions?)\b/i, product: /\blambda\b/i },
  { kind: "compute", re: /\b(ec2|instances?|virtual machines?|vm|bastion)\b/i, product: /\bec2\b/i },
  {
    kind: "container",
    re: /\b(ecs|fargate|eks|kubernetes|k8s|pods?|containers?|docker|tasks?)\b/i,
    product: /\b(ecs|fargate|eks|kubernetes)\b/i,
  },
  {
    kind: "person",
    re: /\b(browser|end[- ]users?|users?(?!\s*(?:service|data|pool|management|db|database|api|schema))|writers?|engineers?|customers?|admins?|developers?|operators?)\b/i,
  },
];

/** Kinds whose roles a dual-use element keeps ("Cache & Job Queue": cache and queue). */
const DATA_KINDS: readonly ElementKind[] = ["cache", "queue", "topic", "database"];

export interface KindInput {
  macro: string;
  /** Architecture diagrams: the service icon (`database`, `logos:aws-s3`). */
  icon?: string;
  label: string;
  technology?: string;
  description?: string;
  external?: boolean;
  /** Kinds of the enclosing boundaries, nearest first. */
  enclosing: ElementKind[];
}

export interface KindResult {
  kind: ElementKind;
  roles?: ElementKind[];
}

function firstSentence(text: string): string {
  const m = /^(.*?[a-z0-9)])\.(\s|$)/i.exec(text);
  return m ? m[1]! : text;
}

/** The name part of a label: its first line, before any parenthesis ("RDS Primary (PostgreSQL)"). */
function labelHead(label: string): string {
  const first = label.split("\n")[0] ?? label;
  const at = first.indexOf("(");
  return at > 0 ? first.slice(0, at) : first;
}

function firstKind(text: string | undefined, productsOnly = false): ElementKind | undefined {
  if (!text) return undefined;
  for (const rule of RULES) {
    const re = productsOnly ? rule.product : rule.re;
    if (re?.test(text)) return rule.kind;
  }
  return undefined;
}

function allKinds(text: string | undefined): ElementKind[] {
  if (!text) return [];
  return RULES.filter((rule) => rule.re.test(text)).map((rule) => rule.kind);
}

function iconKind(icon: string | undefined): ElementKind | undefined {
  if (!icon) return undefined;
  if (icon === "database") return "database";
  if (icon === "disk") return "object-storage";
  return firstKind(icon.replace(/^logos:(aws-)?/, "").replace(/-/g, " "));
}

function macroDefault(macro: string): ElementKind {
  if (/^(Container|Component|System)Db/.test(macro) || macro === "cylinder") return "database";
  if (/^(Container|Component|System)Queue/.test(macro)) return "queue";
  return "application";
}

const EXTERNAL = /\b(external|third[- ]party|3rd[- ]party|saas)\b/i;

export function classifyElement(input: KindInput): KindResult {
  if (/^Person/.test(input.macro)) return { kind: "person" };
  if (input.macro === "junction") return { kind: "boundary" };
  const texts = [input.technology, input.label, input.description].filter(Boolean).join(" ");
  if (input.external || (/^System/.test(input.macro) && EXTERNAL.test(texts))) return { kind: "external-system" };
  if (!/^(Container|Component|System)/.test(input.macro) && EXTERNAL.test(input.label)) {
    return { kind: "external-system" };
  }
  let kind =
    firstKind(input.technology) ??
    firstKind(labelHead(input.label)) ??
    firstKind(input.label) ??
    firstKind(input.description && firstSentence(input.description), true) ??
    iconKind(input.icon) ??
    macroDefault(input.macro);
  const host = input.enclosing.find((k) => k !== "network" && k !== "boundary");
  if (kind === "application" && (host === "compute" || host === "container")) kind = "container";
  const roles = new Set<ElementKind>();
  for (const k of [...allKinds(input.technology), ...allKinds(input.label)]) if (DATA_KINDS.includes(k)) roles.add(k);
  if (/Queue/.test(input.macro)) roles.add("queue");
  const result: KindResult = { kind };
  if (roles.size > 1 && roles.has(kind)) result.roles = [kind, ...[...roles].filter((k) => k !== kind)];
  return result;
}

const COMPUTE_BOUNDARY = /\b(ec2|instances?|hosts?|vm|virtual machines?)\b/i;
const NETWORK_BOUNDARY =
  /\b(vpc|subnets?|availability zones?|az\s?\d+|az[\s_-]?[a-f]|regions?|aws cloud|aws global|cloud|accounts?)\b|\b[a-z]{2}-[a-z]+-\d[a-z]?\b/i;
const CONTAINER_HOST = /\b(docker|ecs cluster|eks|kubernetes|k8s|fargate)\b/i;

/** Boundaries: a host (compute), a network place (network), or a plain grouping (boundary). */
export function classifyBoundary(title: string, technology?: string): ElementKind {
  const text = `${title.replace(/_/g, " ")} ${technology ?? ""}`;
  if (COMPUTE_BOUNDARY.test(text) && !/\b(rds|database|db)\b/i.test(text)) return "compute";
  // An ECS cluster or a Docker engine groups containers; where it runs is said by its title.
  if (CONTAINER_HOST.test(text)) return "boundary";
  if (NETWORK_BOUNDARY.test(text)) return "network";
  return "boundary";
}

/** A boundary that runs containers (Docker, an ECS cluster): its plain members are containers. */
export function hostsContainers(title: string): boolean {
  return CONTAINER_HOST.test(title.replace(/_/g, " "));
}
