/**
 * Documented ingress ("Tasks SG: port 3000 from ALB SG only") against the posts-services
 * infrastructure, end to end: docs → graphs → mapping → network-mismatch.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { Finding } from "../../src/model/finding.js";
import { runCheck } from "../../src/pipeline/check.js";
import { loadWorkspace } from "../../src/pipeline/workspace.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const system = path.join(repoRoot, "fixtures/posts-services");

interface Expected {
  ruleId: string;
  level: string;
  file: string;
  line: number;
  column: number;
  component: string;
  resource: string;
}

async function networkFindings(dir: string) {
  const workspace = await loadWorkspace([dir], repoRoot);
  const { findings } = await runCheck(workspace, { ruleOverrides: {}, reportUnusedSuppressions: false });
  return findings.filter((finding) => finding.ruleId === "network-mismatch");
}

/** The fields DRIFT.md lists. */
const shape = ({ ruleId, level, location: { file, line, column }, component, resource }: Finding) =>
  ({ ruleId, level, file, line, column, component, resource }) as Expected;

function driftExpectations(variant: string): Expected[] {
  const text = readFileSync(path.join(system, "drifted", variant, "DRIFT.md"), "utf8");
  return JSON.parse(/```json\s*([\s\S]*?)```/.exec(text)![1]!) as Expected[];
}

/** A copy of the CloudFormation system (templates and docs) with services.yaml edited. */
const copies: string[] = [];
function cloudFormationWith(edit: (services: string) => string): string {
  const root = mkdtempSync(path.join(tmpdir(), "archlint-posts-"));
  copies.push(root);
  cpSync(path.join(system, "docs"), path.join(root, "docs"), { recursive: true });
  cpSync(path.join(system, "cloudformation"), path.join(root, "cloudformation"), { recursive: true });
  const services = path.join(root, "cloudformation/services.yaml");
  const before = readFileSync(services, "utf8");
  const after = edit(before);
  expect(after).not.toBe(before);
  writeFileSync(services, after);
  return path.join(root, "cloudformation");
}

afterAll(() => {
  for (const root of copies) rmSync(root, { recursive: true, force: true });
});

const INGRESS_FROM_ALB = `  TasksIngressFromAlb:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !Ref TasksSecurityGroup
      Description: Only the ALB reaches the tasks
      IpProtocol: tcp
      FromPort: !Ref ContainerPort
      ToPort: !Ref ContainerPort
      SourceSecurityGroupId: !Ref AlbSecurityGroup
`;

describe("network-mismatch on documented security group ingress (posts-services)", () => {
  it("conforming Terraform and CloudFormation: no finding", async () => {
    expect(await networkFindings(path.join(system, "terraform"))).toEqual([]);
    expect(await networkFindings(path.join(system, "cloudformation"))).toEqual([]);
  });

  it("tasks-sg-open-world: exactly the findings of DRIFT.md, at the rule's cidr_ipv4", async () => {
    const findings = await networkFindings(path.join(system, "drifted/tasks-sg-open-world"));
    expect(findings.map(shape)).toEqual(driftExpectations("tasks-sg-open-world"));
    expect(findings[0]!.message).toBe(
      'ECS service aws_ecs_service.service["posts"] allows port 3000 from 0.0.0.0/0 and nothing on port 3000 from "Application Load Balancer (Public Subnets, Multi-AZ)" (alb), but the architecture documents "Posts ECS Service" (posts_service) as reachable on port 3000 from "Application Load Balancer (Public Subnets, Multi-AZ)" (alb) only',
    );
    expect(findings[0]!.related?.[0]).toMatchObject({
      file: "../../docs/architecture.md",
      line: 72,
      column: 27,
      message: 'documented as "port 3000 from ALB SG only"',
    });
  });

  it("the other posts-services variants give no ingress finding", async () => {
    for (const variant of ["min-tasks-one", "tasks-public-ip"]) {
      expect(await networkFindings(path.join(system, "drifted", variant)), variant).toEqual([]);
    }
  });

  it('"only": a second source on the port is reported at its CidrIp, once per documented service', async () => {
    const dir = cloudFormationWith((text) =>
      text.replace(
        INGRESS_FROM_ALB,
        `${INGRESS_FROM_ALB}
  TasksIngressFromVpc:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !Ref TasksSecurityGroup
      IpProtocol: tcp
      FromPort: 3000
      ToPort: 3000
      CidrIp: 10.0.0.0/16
`,
      ),
    );
    const findings = await networkFindings(dir);
    const line =
      readFileSync(path.join(dir, "services.yaml"), "utf8").split("\n").indexOf("      CidrIp: 10.0.0.0/16") + 1;
    expect(findings.map(shape)).toEqual(
      ["posts", "threads", "users"].map((name) => ({
        ruleId: "network-mismatch",
        level: "warning",
        file: "services.yaml",
        line,
        column: 7,
        component: `${name}_service`,
        resource: `${name[0]!.toUpperCase()}${name.slice(1)}Service`,
      })),
    );
    expect(findings[0]!.message).toMatch(/^ECS service PostsService allows port 3000 from 10\.0\.0\.0\/16, but /);
  });

  it("the ALB's rule deleted: nothing reaches port 3000, reported at each service's SecurityGroups", async () => {
    const dir = cloudFormationWith((text) => text.replace(INGRESS_FROM_ALB, ""));
    const findings = await networkFindings(dir);
    const lines = readFileSync(path.join(dir, "services.yaml"), "utf8").split("\n");
    const groupsLines = lines.flatMap((text, i) => (/^ {10}SecurityGroups:/.test(text) ? [i + 1] : []));
    expect(groupsLines).toHaveLength(3);
    expect(findings.map((finding) => [finding.component, finding.location.line, finding.location.column])).toEqual([
      ["posts_service", groupsLines[0], 11],
      ["threads_service", groupsLines[1], 11],
      ["users_service", groupsLines[2], 11],
    ]);
    expect(findings[0]!.message).toMatch(/^ECS service PostsService allows nothing on port 3000, but /);
  });
});
