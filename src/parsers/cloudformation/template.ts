/**
 * The sections of a template as the evaluator needs them (Parameters, Mappings, Conditions,
 * Resources, SAM Globals), and the structural errors CloudFormation would refuse the template for.
 */
import type { Diagnostic } from "../../model/graph.js";
import { asMap, type CfnMap, type CfnNode, fieldOf, type Locator, type Span, scalarString } from "./tree.js";

export interface ParameterDecl {
  name: string;
  type: string;
  noEcho: boolean;
  default?: CfnNode;
}

export interface ResourceDecl {
  logicalId: string;
  keySpan: Span;
  node: CfnMap;
  type: string;
}

export interface TemplateModel {
  parameters: Map<string, ParameterDecl>;
  mappings: CfnMap | undefined;
  conditions: Map<string, CfnNode>;
  resources: ResourceDecl[];
  /** SAM `Globals`, by section (`Function`, `Api` …); only with the SAM transform, which is what reads them. */
  globals: CfnMap | undefined;
  diagnostics: Diagnostic[];
}

export const SAM_TRANSFORM = "AWS::Serverless-2016-10-31";

/**
 * The template's sections; undefined when the text has no top-level map at all. `syntaxErrors`
 * (offsets) silence what is only a consequence of them, such as a Type lost to a broken line.
 */
export function templateModelOf(
  root: CfnNode | undefined,
  loc: Locator,
  syntaxErrors: number[] = [],
): TemplateModel | undefined {
  if (root?.kind !== "map") return undefined;
  const diagnostics: Diagnostic[] = [];
  return {
    parameters: parametersOf(asMap(fieldOf(root, "Parameters"))),
    mappings: asMap(fieldOf(root, "Mappings")),
    conditions: new Map(asMap(fieldOf(root, "Conditions"))?.pairs.map((pair) => [pair.key, pair.value]) ?? []),
    resources: resourcesOf(root, loc, diagnostics, syntaxErrors),
    globals: transformsOf(root).includes(SAM_TRANSFORM) ? asMap(fieldOf(root, "Globals")) : undefined,
    diagnostics,
  };
}

/** Why a text is not a template at all (empty, or not a map at the top), for an iac-parse-error. */
export function notATemplate(root: CfnNode | undefined): string {
  return root === undefined || (root.kind === "scalar" && root.value === null)
    ? "the template is empty"
    : "the template's top level is not a map of sections";
}

function parametersOf(section: CfnMap | undefined): Map<string, ParameterDecl> {
  const parameters = new Map<string, ParameterDecl>();
  for (const { key, value } of section?.pairs ?? []) {
    const noEcho = scalarString(fieldOf(value, "NoEcho"))?.toLowerCase() === "true";
    const decl: ParameterDecl = { name: key, type: scalarString(fieldOf(value, "Type")) ?? "String", noEcho };
    const defaultNode = fieldOf(value, "Default");
    if (defaultNode) decl.default = defaultNode;
    parameters.set(key, decl);
  }
  return parameters;
}

function resourcesOf(root: CfnMap, loc: Locator, diagnostics: Diagnostic[], syntaxErrors: number[]): ResourceDecl[] {
  const section = fieldOf(root, "Resources");
  if (section === undefined) {
    diagnostics.push({
      code: "iac-parse-error",
      message: "the template has no Resources section (CloudFormation requires one)",
      source: loc.at({ start: root.start, end: root.start }),
    });
    return [];
  }
  const broken = (span: Span): boolean => syntaxErrors.some((offset) => offset >= span.start && offset <= span.end);
  if (section.kind !== "map") {
    if (broken(section)) return [];
    diagnostics.push({
      code: "iac-parse-error",
      message: "Resources is not a map of resources",
      source: loc.at(section),
    });
    return [];
  }
  const resources: ResourceDecl[] = [];
  // A logical id written twice is reported by the reader; the last definition is the one read.
  const lastPairs = new Map(section.pairs.map((pair) => [pair.key, pair]));
  for (const pair of section.pairs) {
    const { key, keySpan, value } = pair;
    if (lastPairs.get(key) !== pair) continue;
    if (key.startsWith("Fn::ForEach::")) {
      diagnostics.push({
        code: "iac-unresolved",
        message: `${key}: Fn::ForEach (AWS::LanguageExtensions) is not expanded; the resources it declares are not read`,
        source: loc.at(keySpan),
      });
      continue;
    }
    const type = scalarString(fieldOf(value, "Type"));
    if (value.kind !== "map" || type === undefined) {
      if (broken({ start: keySpan.start, end: value.end })) continue;
      diagnostics.push({
        code: "iac-parse-error",
        message: `resource ${key} has no Type`,
        source: loc.at(keySpan),
        resource: key,
      });
      continue;
    }
    resources.push({ logicalId: key, keySpan, node: value, type });
  }
  return resources;
}

/** The template's transforms (`Transform: AWS::Serverless-2016-10-31`, or a list of them). */
function transformsOf(root: CfnNode): string[] {
  const node = fieldOf(root, "Transform");
  if (node?.kind === "seq") return node.items.map(scalarString).filter((name) => name !== undefined);
  const name = scalarString(node);
  return name === undefined ? [] : [name];
}
