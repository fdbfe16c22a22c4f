/** Small findings and rule metas shared by the reporter tests. */
import type { Finding } from "../../src/model/finding.js";
import type { RuleMeta } from "../../src/rules/types.js";

export function ruleMeta(id: string, defaultLevel: RuleMeta["defaultLevel"], description: string): RuleMeta {
  return {
    id,
    description,
    defaultLevel,
    commands: ["check"],
    docs: { explanation: `${description}.`, drifted: "drifted example", fixed: "fixed example" },
  };
}

export const RULES: RuleMeta[] = [
  ruleMeta("placement-public", "error", "a private component is reachable from the internet"),
  ruleMeta("component-missing", "error", "a documented component has no matching resource"),
  ruleMeta("multi-az-missing", "error", "the docs say Multi-AZ and the resource is single-AZ"),
  ruleMeta("relation-undocumented", "note", "the infrastructure connects two components with no documented relation"),
];

export const PLACEMENT: Finding = {
  ruleId: "placement-public",
  level: "error",
  message:
    "EC2 instance aws_instance.app is reachable from the internet (public IP in a subnet routed to an internet gateway), but the architecture places it in a private subnet",
  location: { file: "infra/main.tf", line: 42, column: 1 },
  related: [
    { file: "docs/architecture.md", line: 118, column: 13, message: 'documented in "EC2 Instance (Private Subnet)"' },
  ],
  component: "post_container",
  resource: "aws_instance.app",
  fix: "set associate_public_ip_address = false or move the instance to a private subnet",
};

export const MISSING: Finding = {
  ruleId: "component-missing",
  level: "error",
  message: 'documented component "cache" (Redis) has no matching resource',
  location: { file: "docs/architecture.md", line: 30, column: 5 },
  related: [],
  component: "cache",
};

export const MULTI_AZ: Finding = {
  ruleId: "multi-az-missing",
  level: "warning",
  message: "aws_db_instance.main is single-AZ, but the docs say Multi-AZ",
  location: { file: "infra/main.tf", line: 7, column: 3 },
  related: [{ file: "docs/architecture.md", line: 12, column: 1, message: 'claimed in "RDS (Multi-AZ)"' }],
  component: "db",
  resource: "aws_db_instance.main",
  attributePath: "multi_az",
};

export const ALL = [PLACEMENT, MISSING, MULTI_AZ];
