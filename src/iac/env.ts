/**
 * Environment variables as declared: ECS container definitions (environment and secrets),
 * Lambda environment, EC2 / launch template user data, CodeBuild environment variables.
 * Each literal value is classified by ./secrets.ts and masked when it looks secret; values that
 * are references are marked so and keep their references for `reference` relations.
 */
import type { Diagnostic, EnvVar } from "../model/graph.js";
import type { IacObject, IacResource, IacValue, ResourceRef } from "../model/iac.js";
import type { SourceLocation } from "../model/source.js";
import { classifySecret, isReferenceLike, maskSecret, secretShapeSignals } from "./secrets.js";
import { type AttrName, type Found, field, jsonDocument, literalString, objectsOf, prop, refsIn } from "./values.js";

/** A resource named by an environment value (`DB_HOST = aws_db_instance.main.address`). */
export interface EnvReference {
  ref: ResourceRef;
  /** The variable (or `user_data`) that carries it. */
  name: string;
  /** Where the value is written (the reference itself may be written in a module's output). */
  at: SourceLocation;
}

export interface Environment {
  vars: EnvVar[];
  refs: EnvReference[];
  diagnostics: Diagnostic[];
}

const CONTAINER_DEFINITIONS: AttrName = { terraform: "container_definitions", cloudformation: "ContainerDefinitions" };
const C_NAME: AttrName = { terraform: "name", cloudformation: "Name" };
const C_ENVIRONMENT: AttrName = { terraform: "environment", cloudformation: "Environment" };
const C_SECRETS: AttrName = { terraform: "secrets", cloudformation: "Secrets" };
const C_VALUE: AttrName = { terraform: "value", cloudformation: "Value" };
const C_VALUE_FROM: AttrName = { terraform: "valueFrom", cloudformation: "ValueFrom" };
const LAMBDA_VARIABLES: AttrName = { terraform: "environment.variables", cloudformation: "Environment.Variables" };
const CODEBUILD_VARIABLES: AttrName = {
  terraform: "environment.environment_variable",
  cloudformation: "Environment.EnvironmentVariables",
};
const CODEBUILD_TYPE: AttrName = { terraform: "type", cloudformation: "Type" };
const USER_DATA: AttrName = {
  terraform: ["user_data", "user_data_base64"],
  cloudformation: ["UserData", "LaunchTemplateData.UserData"],
};

export interface ContainerDefinitions {
  containers: IacObject[];
  /** Where the definitions are written. */
  at?: SourceLocation;
  diagnostics: Diagnostic[];
}

const definitionsCache = new WeakMap<IacResource, ContainerDefinitions>();

/** The container definitions of an ECS task definition: jsonencode(...), a JSON string, or CFN properties. */
export function containerDefinitions(resource: IacResource): ContainerDefinitions {
  let definitions = definitionsCache.get(resource);
  if (!definitions) {
    definitions = readContainerDefinitions(resource);
    definitionsCache.set(resource, definitions);
  }
  return definitions;
}

function readContainerDefinitions(resource: IacResource): ContainerDefinitions {
  const found = prop(resource, CONTAINER_DEFINITIONS);
  if (!found) return { containers: [], diagnostics: [] };
  const document = jsonDocument(found);
  if (document.error) {
    const diagnostic: Diagnostic = {
      code: "iac-parse-error",
      message: `container definitions of ${resource.address} are not valid JSON: ${document.error}`,
      source: found.at,
      resource: resource.address,
    };
    return { containers: [], at: found.at, diagnostics: [diagnostic] };
  }
  return { containers: objectsOf(document.value), at: found.at, diagnostics: [] };
}

/** One variable from a name, its value and where it is written. */
function envVar(
  name: string,
  value: IacValue | undefined,
  source: SourceLocation,
  context: string,
  refs: EnvReference[],
): EnvVar {
  const variable: EnvVar = { name, context, source };
  if (value?.kind === "literal" && value.sensitive && value.value !== null && value.value !== "") {
    // Declared sensitive and given a value in the code: a secret kept in the environment.
    variable.value = literalString(value)!;
    variable.secretSignals = [`value of ${value.sensitive}, declared sensitive, written in the code`];
    return variable;
  }
  const text = literalString(value);
  if (value === undefined || text === undefined) {
    variable.reference = true;
    for (const ref of refsIn(value)) refs.push({ ref, name, at: value?.source ?? source });
    if (value?.kind === "unknown") flagWrittenSecret(variable, value.text);
    return variable;
  }
  return withLiteral(variable, text);
}

/**
 * A value that is partly a reference (`"postgres://admin:pw@${aws_db_instance.main.address}"`,
 * a CloudFormation Join or Sub) still writes its literal parts in plain text: a known secret
 * shape among them is flagged. Only the signals are kept, never the text.
 */
function flagWrittenSecret(variable: EnvVar, written: string): void {
  const signals = secretShapeSignals(written);
  if (signals.length > 0) variable.secretSignals = signals;
}

function withLiteral(variable: EnvVar, text: string): EnvVar {
  if (isReferenceLike(text)) {
    variable.reference = true;
    flagWrittenSecret(variable, text);
    return variable;
  }
  const verdict = classifySecret(variable.name, text);
  if (verdict.secret) {
    variable.value = maskSecret(text);
    variable.secretSignals = verdict.signals;
  } else {
    variable.value = text;
  }
  return variable;
}

function containerEnvironment(resource: IacResource, out: Environment): void {
  const definitions = containerDefinitions(resource);
  out.diagnostics.push(...definitions.diagnostics);
  const format = resource.format;
  for (const container of definitions.containers) {
    const containerName = literalString(field(container, format, C_NAME)?.value) ?? "?";
    for (const [list, secretList] of [
      [C_ENVIRONMENT, false],
      [C_SECRETS, true],
    ] as const) {
      const context = `container ${containerName} ${secretList ? "secrets" : "environment"}`;
      for (const item of objectsOf(field(container, format, list)?.value)) {
        const nameFound = field(item, format, C_NAME);
        const name = literalString(nameFound?.value);
        if (name === undefined) continue;
        const source = nameFound?.value.source ?? item.source;
        if (secretList) {
          out.vars.push({ name, reference: true, context, source });
          const valueFrom = field(item, format, C_VALUE_FROM)?.value;
          for (const ref of refsIn(valueFrom)) out.refs.push({ ref, name, at: valueFrom?.source ?? source });
          continue;
        }
        out.vars.push(envVar(name, field(item, format, C_VALUE)?.value, source, context, out.refs));
      }
    }
  }
}

function mapEnvironment(resource: IacResource, name: AttrName, context: string, out: Environment): void {
  const variables = prop(resource, name)?.value;
  if (variables?.kind !== "object") return;
  for (const [key, value] of Object.entries(variables.entries)) {
    out.vars.push(envVar(key, value, variables.keySources[key] ?? value.source, context, out.refs));
  }
}

function codeBuildEnvironment(resource: IacResource, out: Environment): void {
  for (const item of objectsOf(prop(resource, CODEBUILD_VARIABLES)?.value)) {
    const nameFound = field(item, resource.format, C_NAME);
    const name = literalString(nameFound?.value);
    if (name === undefined) continue;
    const type = literalString(field(item, resource.format, CODEBUILD_TYPE)?.value) ?? "PLAINTEXT";
    const source = nameFound?.value.source ?? item.source;
    if (type.toUpperCase() !== "PLAINTEXT") {
      out.vars.push({ name, reference: true, context: `codebuild ${type.toLowerCase()}`, source });
      continue;
    }
    out.vars.push(
      envVar(name, field(item, resource.format, C_VALUE)?.value, source, "codebuild environment", out.refs),
    );
  }
}

/** A script line that sets a variable: `export NAME=value`, `NAME=value`, `echo NAME=value >> file`. */
const ASSIGNMENT = /^(\s*)(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/;
const ECHO_ASSIGNMENT = /^(\s*)echo\s+(["']?)([A-Za-z_][A-Za-z0-9_]*)=(.*?)\2\s*>>?/;

/** The value of a shell word: quoted up to the closing quote, else up to whitespace or `;`. */
function shellWord(text: string): string {
  const quote = text[0];
  if (quote === '"' || quote === "'") {
    const end = text.indexOf(quote, 1);
    return end < 0 ? text.slice(1) : text.slice(1, end);
  }
  const end = text.search(/[\s;]/);
  return end < 0 ? text : text.slice(0, end);
}

export interface ScriptAssignment {
  name: string;
  value: string;
  /** 0-based line in the script and 0-based column of the name. */
  line: number;
  column: number;
}

/** Variables a shell script sets (user data). */
export function scriptAssignments(script: string): ScriptAssignment[] {
  const found: ScriptAssignment[] = [];
  script.split(/\r?\n|\r/).forEach((text, line) => {
    const echo = ECHO_ASSIGNMENT.exec(text);
    const assignment = echo ? undefined : ASSIGNMENT.exec(text);
    const [indent, name, value] = echo
      ? [echo[1]!, echo[3]!, echo[4]!]
      : assignment
        ? [assignment[1]!, assignment[2]!, shellWord(assignment[3]!)]
        : [];
    if (indent === undefined || name === undefined || value === undefined) return;
    found.push({ name, value, line, column: text.indexOf(name, indent.length) });
  });
  return found;
}

/** Base64 text that decodes to a readable script, else undefined. */
export function decodeBase64Script(text: string): string | undefined {
  const compact = text.replace(/\s+/g, "");
  if (compact.length < 8 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return undefined;
  const decoded = Buffer.from(compact, "base64").toString("utf8");
  const printable = decoded.replace(/[^\x20-\x7e\t\r\n]/g, "").length;
  return printable >= decoded.length * 0.95 ? decoded : undefined;
}

function userDataEnvironment(resource: IacResource, out: Environment): void {
  const found = prop(resource, USER_DATA);
  if (!found) return;
  const value = found.value;
  if (value.kind === "unknown") {
    // The expression as written (a heredoc inside base64encode(...), a !Sub template): its lines
    // are the script's lines, so positions are exact; interpolated values are references.
    for (const assignment of scriptAssignments(value.text)) {
      const line = value.source.line + assignment.line;
      const column = assignment.line === 0 ? value.source.column + assignment.column : assignment.column + 1;
      out.vars.push(
        withLiteral(
          { name: assignment.name, context: "user_data", source: { file: value.source.file, line, column } },
          assignment.value,
        ),
      );
    }
    for (const ref of value.refs)
      out.refs.push({ ref, name: found.key, at: ref.source.file === value.source.file ? ref.source : value.source });
    return;
  }
  const text = literalString(value);
  if (text === undefined) return;
  const decoded = decodeBase64Script(text);
  const script = decoded ?? text;
  for (const assignment of scriptAssignments(script)) {
    out.vars.push(
      withLiteral(
        {
          name: assignment.name,
          context: "user_data",
          source: scriptLineSource(found, value, assignment, decoded !== undefined),
        },
        assignment.value,
      ),
    );
  }
}

/**
 * Where a user data line is written. A multi-line literal (heredoc, YAML block scalar) starts on
 * the line after its opening marker, so its lines map to source lines (the column counts the
 * line's own indentation; an indented heredoc's stripped indentation is not known). Base64
 * and single-line strings point at the attribute.
 */
function scriptLineSource(
  found: Found,
  value: IacValue,
  assignment: ScriptAssignment,
  base64: boolean,
): SourceLocation {
  const multiLine = value.source.endLine !== undefined && value.source.endLine > value.source.line;
  if (base64 || !multiLine) return found.at;
  return { file: value.source.file, line: value.source.line + 1 + assignment.line, column: assignment.column + 1 };
}

const LAMBDA_TYPES = new Set(["aws_lambda_function", "AWS::Lambda::Function", "AWS::Serverless::Function"]);
const TASK_DEFINITION_TYPES = new Set(["aws_ecs_task_definition", "AWS::ECS::TaskDefinition"]);
const CODEBUILD_TYPES = new Set(["aws_codebuild_project", "AWS::CodeBuild::Project"]);
const USER_DATA_TYPES = new Set([
  "aws_instance",
  "aws_launch_template",
  "aws_launch_configuration",
  "AWS::EC2::Instance",
  "AWS::EC2::LaunchTemplate",
  "AWS::AutoScaling::LaunchConfiguration",
]);

/** The environment a resource declares (empty for resources that have none). */
export function environmentOf(resource: IacResource): Environment {
  const out: Environment = { vars: [], refs: [], diagnostics: [] };
  if (TASK_DEFINITION_TYPES.has(resource.type)) containerEnvironment(resource, out);
  else if (LAMBDA_TYPES.has(resource.type)) mapEnvironment(resource, LAMBDA_VARIABLES, "lambda environment", out);
  else if (CODEBUILD_TYPES.has(resource.type)) codeBuildEnvironment(resource, out);
  else if (USER_DATA_TYPES.has(resource.type)) userDataEnvironment(resource, out);
  return out;
}
