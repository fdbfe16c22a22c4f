/**
 * The repository's drift scenarios (fixtures/<system>/drifted/<case>/DRIFT.md): each says which
 * finding, at which attribute, the rules must report. The rules read only the graph, so the
 * facts they need must be there, with their evidence at that attribute.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildDeclaredGraph } from "../../src/iac/index.js";
import type { Element, Graph } from "../../src/model/graph.js";
import { parseCloudFormation } from "../../src/parsers/cloudformation/index.js";
import { parseTerraform } from "../../src/parsers/terraform/index.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const scenarios = path.resolve(repoRoot, "fixtures");

async function graphOfCase(relative: string): Promise<Graph> {
  const root = path.join(scenarios, relative);
  const files = readdirSync(root);
  if (files.some((file) => file.endsWith(".tf")))
    return buildDeclaredGraph(await parseTerraform({ root, modules: ["."] }));
  const inputs = files
    .filter((file) => /\.(ya?ml|json)$/.test(file) && !file.startsWith("."))
    .map((file) => ({ file, text: readFileSync(path.join(root, file), "utf8") }));
  return buildDeclaredGraph(parseCloudFormation(inputs, { root }));
}

function find(graph: Graph, id: string): Element {
  const found = graph.elements.find((item) => item.id === id);
  if (!found) throw new Error(`no element ${id}`);
  return found;
}

interface Expectation {
  case: string;
  id: string;
  fact: string;
  value: unknown;
  /** The fact's evidence is where DRIFT.md locates the finding. */
  atFinding?: boolean;
}

/**
 * file:line:column of the first finding DRIFT.md expects that is not a note (the drift itself,
 * not an unknown value noted beside it; the file is kept in step with the fixture).
 */
function findingLocation(relative: string): string {
  const text = readFileSync(path.join(scenarios, relative, "DRIFT.md"), "utf8");
  const block = /```json\s*([\s\S]*?)```/.exec(text);
  const findings = JSON.parse(block![1]!) as { level: string; file: string; line: number; column: number }[];
  const drift = findings.find((finding) => finding.level !== "note") ?? findings[0]!;
  return `${drift.file}:${drift.line}:${drift.column}`;
}

const located = (location: { file: string; line: number; column: number } | undefined) =>
  location && `${location.file}:${location.line}:${location.column}`;

const EXPECTATIONS: Expectation[] = [
  {
    case: "classifyhub/drifted/db-multi-az-off",
    id: "aws_db_instance.primary",
    fact: "multiAz",
    value: false,
    atFinding: true,
  },
  {
    case: "classifyhub/drifted/redis-multi-az-off",
    id: "CacheReplicationGroup",
    fact: "multiAz",
    value: false,
    atFinding: true,
  },
  {
    case: "classifyhub/drifted/search-no-zone-awareness",
    id: "aws_opensearch_domain.search",
    fact: "multiAz",
    value: false,
    atFinding: true,
  },
  {
    case: "inkwell/drifted/app-in-public-subnet",
    id: "aws_instance.app",
    fact: "public",
    value: true,
    atFinding: true,
  },
  { case: "inkwell/drifted/app-in-public-subnet", id: "aws_instance.app", fact: "openIngress", value: [] },
  { case: "inkwell/drifted/db-sg-open-to-world", id: "PrimaryDatabase", fact: "public", value: false },
  { case: "inkwell/drifted/db-sg-open-to-world", id: "ReplicaDatabase", fact: "public", value: false },
  {
    case: "posts-services/drifted/tasks-public-ip",
    id: 'aws_ecs_service.service["threads"]',
    fact: "public",
    value: true,
    atFinding: true,
  },
  {
    case: "posts-services/drifted/min-tasks-one",
    id: 'aws_ecs_service.service["users"]',
    fact: "minCapacity",
    value: 1,
    atFinding: true,
  },
  {
    case: "posts-services/drifted/threads-task-memory",
    id: "ThreadsService",
    fact: "memory",
    value: 1024,
    atFinding: true,
  },
  {
    case: "posts-services/drifted/users-max-capacity",
    id: "UsersService",
    fact: "maxCapacity",
    value: 4,
    atFinding: true,
  },
  {
    case: "posts-services/drifted/private-subnet-cidr",
    id: "PrivateSubnet2",
    fact: "cidr",
    value: "10.0.102.0/24",
    atFinding: true,
  },
  {
    case: "rails-ecs/drifted/db-publicly-accessible",
    id: "PrimaryDatabase",
    fact: "public",
    value: true,
    atFinding: true,
  },
  { case: "rails-ecs/drifted/db-publicly-accessible", id: "ReplicaDatabase", fact: "public", value: false },
  {
    case: "rails-ecs/drifted/engine-mysql",
    id: "module.database.aws_db_instance.primary",
    fact: "engine",
    value: "mysql",
    atFinding: true,
  },
  {
    case: "rails-ecs/drifted/multi-az-off",
    id: "module.database.aws_db_instance.primary",
    fact: "multiAz",
    value: false,
    atFinding: true,
  },
  { case: "rails-ecs/drifted/task-public-ip", id: "aws_ecs_service.app", fact: "public", value: true, atFinding: true },
  { case: "rails-ecs/drifted/task-public-ip", id: "aws_ecs_service.app", fact: "multiAz", value: true },
];

describe.skipIf(!existsSync(scenarios))("drift scenarios: the facts each finding needs", () => {
  it.each(EXPECTATIONS)("$case: $id $fact", async (expectation) => {
    const subject = find(await graphOfCase(expectation.case), expectation.id);
    expect(subject.attributes[expectation.fact]).toEqual(expectation.value);
    if (expectation.atFinding)
      expect(located(subject.evidence?.[expectation.fact])).toBe(findingLocation(expectation.case));
  });

  it("inkwell/password-in-user-data: the literal DB_PASSWORD in user data, at its name; references are not flagged", async () => {
    const env = find(await graphOfCase("inkwell/drifted/password-in-user-data"), "AppInstance").attributes.env ?? [];
    const flagged = env.filter((variable) => variable.secretSignals);
    expect(flagged.map((variable) => [variable.name, located(variable.source)])).toEqual([
      ["DB_PASSWORD", findingLocation("inkwell/drifted/password-in-user-data")],
    ]);
    expect(env.find((variable) => variable.name === "DB_CREDENTIALS_SECRET_ARN")?.reference).toBe(true);
  });

  it("rails-ecs/secret-key-base-in-env: SECRET_KEY_BASE flagged by name and entropy, at its name", async () => {
    const env =
      find(await graphOfCase("rails-ecs/drifted/secret-key-base-in-env"), "aws_ecs_task_definition.app").attributes
        .env ?? [];
    const flagged = env.filter((variable) => variable.secretSignals);
    expect(flagged).toHaveLength(1);
    expect(flagged[0]!.name).toBe("SECRET_KEY_BASE");
    expect(located(flagged[0]!.source)).toBe(findingLocation("rails-ecs/drifted/secret-key-base-in-env"));
    expect(flagged[0]!.secretSignals).toEqual([
      'name contains "secret"',
      expect.stringMatching(/^high-entropy hex string/),
    ]);
    expect(flagged[0]!.value).toMatch(/^"[0-9a-f]{4}…" \(128 chars\)$/);
  });

  it("posts-services/tasks-sg-open-world: the open rule's source is its cidr_ipv4", async () => {
    const group = find(await graphOfCase("posts-services/drifted/tasks-sg-open-world"), "aws_security_group.tasks");
    const rules = group.attributes.ingress ?? [];
    expect(rules.map((rule) => [rule.cidrs, rule.ports])).toEqual([
      [["0.0.0.0/0"], { from: 3000, to: 3000, protocol: "tcp" }],
    ]);
    expect(located(rules[0]!.source)).toBe(findingLocation("posts-services/drifted/tasks-sg-open-world"));
  });

  it("inkwell/read-replica-removed and sns-subscription-removed: what is gone is gone", async () => {
    expect(
      find(await graphOfCase("inkwell/drifted/read-replica-removed"), "aws_db_instance.primary").attributes.replicas,
    ).toBeUndefined();
    const graph = await graphOfCase("inkwell/drifted/sns-subscription-removed");
    expect(
      graph.relations.filter(
        (relation) => relation.from === "aws_sns_topic.post_events" && relation.to === "aws_sqs_queue.notifications",
      ),
    ).toEqual([]);
  });
});
