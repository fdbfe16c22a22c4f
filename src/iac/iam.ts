/**
 * `permission` relations: an IAM statement that allows actions on a declared resource, from the
 * element that acts with the role (the instance through its instance profile, the ECS service
 * through its task definition's task / execution role, the function through its role, the
 * auto scaling group through its launch template) to the resource.
 *
 * Policies are read wherever they are written: inline role policies, aws_iam_role_policy,
 * aws_iam_policy + attachments, CFN AWS::IAM::Policy / ManagedPolicy, aws_iam_policy_document
 * data sources, jsonencode(...) or JSON strings, and SAM function `Policies` (statements and
 * policy templates).
 */
import type { IacObject, IacValue } from "../model/iac.js";
import type { SourceLocation } from "../model/source.js";
import type { RelationSink } from "./relation-sink.js";
import { type Node, type ResourceIndex, types } from "./resource-index.js";
import { type AttrName, type Found, field, itemsOf, jsonDocument, literalString, objectsOf, prop } from "./values.js";

export const ROLE_TYPES = types("aws_iam_role", "AWS::IAM::Role");
const PROFILE_TYPES = types("aws_iam_instance_profile", "AWS::IAM::InstanceProfile");
const POLICY_TYPES = types("aws_iam_policy", "AWS::IAM::ManagedPolicy");
const DOCUMENT_TYPES = types("aws_iam_policy_document");
const DELEGATES = types(
  "aws_ecs_task_definition",
  "AWS::ECS::TaskDefinition",
  "aws_launch_template",
  "aws_launch_configuration",
  "AWS::EC2::LaunchTemplate",
  "AWS::AutoScaling::LaunchConfiguration",
);

interface Statement {
  actions: string[];
  /** Each Resource item, with where it is written. */
  resources: { value: IacValue; at: SourceLocation }[];
  /** The resource that carries the statement (policy, role, data source, function). */
  via: Node;
}

const STATEMENT: AttrName = { terraform: "Statement", cloudformation: "Statement" };

/** Statements of a policy document value: an object, a JSON string, or a reference to a policy document data source. */
function statementsOfDocument(index: ResourceIndex, via: Node, found: Found | undefined, depth = 0): Statement[] {
  if (!found) return [];
  const value = found.value;
  if (value.kind === "ref" || value.kind === "unknown") {
    const documents = index.targets(via, value, DOCUMENT_TYPES);
    if (documents.length > 0 && depth < 4)
      return documents.flatMap((document) => statementsOfDataDocument(index, document, depth + 1));
    // A template that could not be evaluated: every resource it names, actions unknown.
    return [
      {
        actions: ["?"],
        resources: (value.kind === "ref" ? [value.ref] : value.refs).map((ref) => ({
          value: { kind: "ref", ref, source: ref.source },
          at: ref.source,
        })),
        via,
      },
    ];
  }
  const document = jsonDocument(found).value;
  if (document?.kind !== "object") return [];
  return objectsOf(field(document, "terraform", STATEMENT)?.value).flatMap((statement) =>
    statementOf(statement, via, "Effect", "Action", "Resource"),
  );
}

function statementOf(statement: IacObject, via: Node, effect: string, action: string, resource: string): Statement[] {
  if ((literalString(statement.entries[effect]) ?? "Allow").toLowerCase() !== "allow") return [];
  const actions = itemsOf(statement.entries[action]).map((item) => literalString(item) ?? "?");
  const resources = itemsOf(statement.entries[resource]).map((item) => ({ value: item, at: item.source }));
  return [{ actions, resources, via }];
}

/** aws_iam_policy_document: `statement` blocks with effect / actions / resources (and source_policy_documents). */
function statementsOfDataDocument(index: ResourceIndex, document: Node, depth: number): Statement[] {
  const body = document.resource.body;
  const own = objectsOf(body.entries.statement).flatMap((statement) =>
    statementOf(statement, document, "effect", "actions", "resources"),
  );
  const sources = itemsOf(body.entries.source_policy_documents).flatMap((item) =>
    statementsOfDocument(
      index,
      document,
      {
        value: item,
        key: "source_policy_documents",
        path: "source_policy_documents",
        at: item.source,
        format: "terraform",
      },
      depth,
    ),
  );
  return [...own, ...sources];
}

const POLICY_DOCUMENT: AttrName = { terraform: "policy", cloudformation: "PolicyDocument" };

/** Every statement that applies to each role, collected once. */
function statementsByRole(index: ResourceIndex): Map<Node, Statement[]> {
  const byRole = new Map<Node, Statement[]>();
  const add = (roles: Node[], statements: Statement[]) => {
    if (statements.length === 0) return;
    for (const role of roles) {
      const list = byRole.get(role);
      if (list) list.push(...statements);
      else byRole.set(role, [...statements]);
    }
  };
  for (const role of index.ofType(...ROLE_TYPES)) {
    const inline = objectsOf(prop(role.resource, { terraform: "inline_policy", cloudformation: "Policies" })?.value);
    for (const policy of inline)
      add([role], statementsOfDocument(index, role, field(policy, role.resource.format, POLICY_DOCUMENT)));
    const managed = prop(role.resource, { terraform: "managed_policy_arns", cloudformation: "ManagedPolicyArns" });
    for (const policy of index.targets(role, managed?.value, POLICY_TYPES))
      add([role], statementsOfDocument(index, policy, prop(policy.resource, POLICY_DOCUMENT)));
  }
  for (const policy of index.ofType("aws_iam_role_policy", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy")) {
    const roles = rolesNamed(index, policy, prop(policy.resource, { terraform: "role", cloudformation: "Roles" }));
    add(roles, statementsOfDocument(index, policy, prop(policy.resource, POLICY_DOCUMENT)));
  }
  for (const attachment of index.ofType("aws_iam_role_policy_attachment", "aws_iam_policy_attachment")) {
    const roles = rolesNamed(index, attachment, prop(attachment.resource, { terraform: ["role", "roles"] }));
    for (const policy of index.targets(attachment, attachment.resource.body.entries.policy_arn, POLICY_TYPES)) {
      add(roles, statementsOfDocument(index, policy, prop(policy.resource, POLICY_DOCUMENT)));
    }
  }
  return byRole;
}

/** Roles a value names, by reference or by literal role name. */
function rolesNamed(index: ResourceIndex, from: Node, found: Found | undefined): Node[] {
  if (!found) return [];
  const roles = index.targets(from, found.value, ROLE_TYPES);
  for (const item of itemsOf(found.value)) {
    const name = literalString(item);
    if (name !== undefined) roles.push(...index.named(from, [...ROLE_TYPES], name));
  }
  return roles;
}

/** The attributes through which a resource runs with a role (directly, through an instance profile or a launch template). */
const ACTING_KEYS = types(
  "role",
  "role_arn",
  "iam_role",
  "iam_instance_profile",
  "task_role_arn",
  "execution_role_arn",
  "service_role",
  "Role",
  "RoleArn",
  "IamInstanceProfile",
  "TaskRoleArn",
  "ExecutionRoleArn",
  "ServiceRole",
  "ServiceRoleArn",
  "LaunchTemplateData",
);

/** The roles an element acts with: referenced directly, through an instance profile, or through its task definition / launch template. */
function rolesOf(index: ResourceIndex, node: Node, depth = 0): Node[] {
  const roles: Node[] = [];
  for (const edge of node.out) {
    const target = edge.to;
    // A role named elsewhere (a resource policy's principal, an environment value) is not one it acts with.
    if (!ACTING_KEYS.has(edge.key) && !DELEGATES.has(target.resource.type)) continue;
    if (ROLE_TYPES.has(target.resource.type)) roles.push(target);
    else if (PROFILE_TYPES.has(target.resource.type))
      roles.push(
        ...index.targets(
          target,
          prop(target.resource, { terraform: "role", cloudformation: "Roles" })?.value,
          ROLE_TYPES,
        ),
      );
    else if (DELEGATES.has(target.resource.type) && depth === 0) roles.push(...rolesOf(index, target, 1));
  }
  return [...new Set(roles)];
}

/** SAM function `Policies`: inline statements and policy templates (`SQSPollerPolicy: { QueueName: … }`). */
function samStatements(node: Node): Statement[] {
  if (node.resource.type !== "AWS::Serverless::Function") return [];
  const statements: Statement[] = [];
  for (const item of itemsOf(node.resource.body.entries.Policies)) {
    if (item.kind !== "object") continue;
    if (item.entries.Statement) {
      for (const statement of objectsOf(item.entries.Statement))
        statements.push(...statementOf(statement, node, "Effect", "Action", "Resource"));
      continue;
    }
    for (const [template, parameters] of Object.entries(item.entries)) {
      statements.push({
        actions: [template],
        resources: [{ value: parameters, at: item.keySources[template] ?? parameters.source }],
        via: node,
      });
    }
  }
  return statements;
}

/** `arn:aws:s3:::bucket/*` → the declared bucket named so, and the like for queues, topics, tables, functions, repositories. */
const ARN_NAMES: readonly [RegExp, string[]][] = [
  [/^arn:aws[a-z-]*:s3:::([^/*]+)/, ["aws_s3_bucket", "AWS::S3::Bucket"]],
  [/^arn:aws[a-z-]*:sqs:[^:]*:[^:]*:([^:/*]+)$/, ["aws_sqs_queue", "AWS::SQS::Queue"]],
  [/^arn:aws[a-z-]*:sns:[^:]*:[^:]*:([^:/*]+)$/, ["aws_sns_topic", "AWS::SNS::Topic"]],
  [/^arn:aws[a-z-]*:dynamodb:[^:]*:[^:]*:table\/([^/*]+)/, ["aws_dynamodb_table", "AWS::DynamoDB::Table"]],
  [
    /^arn:aws[a-z-]*:lambda:[^:]*:[^:]*:function:([^:*]+)/,
    ["aws_lambda_function", "AWS::Lambda::Function", "AWS::Serverless::Function"],
  ],
  [/^arn:aws[a-z-]*:ecr:[^:]*:[^:]*:repository\/([^*]+)$/, ["aws_ecr_repository", "AWS::ECR::Repository"]],
];

function resourcesOfItem(index: ResourceIndex, via: Node, value: IacValue): Node[] {
  const byRef = index.targets(via, value);
  const text = literalString(value);
  if (text === undefined) return byRef;
  for (const [pattern, candidates] of ARN_NAMES) {
    const match = pattern.exec(text);
    if (match) return [...byRef, ...index.named(via, candidates, match[1]!)];
  }
  return byRef;
}

const NOT_TARGETS = types(
  "aws_iam_role",
  "aws_iam_policy",
  "aws_iam_instance_profile",
  "AWS::IAM::Role",
  "AWS::IAM::ManagedPolicy",
  "AWS::IAM::InstanceProfile",
);

/** Adds a `permission` relation per (acting element, statement resource). */
export function permissionRelations(index: ResourceIndex, sink: RelationSink): void {
  const byRole = statementsByRole(index);
  for (const node of index.nodes) {
    if (!node.element || !node.info.significant) continue;
    const statements = [...rolesOf(index, node).flatMap((role) => byRole.get(role) ?? []), ...samStatements(node)];
    for (const statement of statements) {
      const label = statement.actions.join(", ");
      for (const item of statement.resources) {
        for (const target of resourcesOfItem(index, statement.via, item.value)) {
          if (NOT_TARGETS.has(target.resource.type)) continue;
          sink.add("permission", node, target, item.at, statement.via, { label });
        }
      }
    }
  }
}
