import { isGenericToken, tokenize } from "../mapping/tokens.js";
import type { Element, EnvVar } from "../model/graph.js";
import type { Evidence } from "../model/source.js";
import {
  describeDoc,
  describeResource,
  elementEvidence,
  maskedValue,
  moduleEvidence,
  type RuleIndex,
  ruleIndex,
} from "./support/index.js";
import type { Rule } from "./types.js";

function isUserData(resource: Element, variable: EnvVar): boolean {
  return /user.?data/i.test(variable.context ?? "") || resource.kind === "compute";
}

/** The secret store fix that fits where the variable is passed. */
function secretFix(resource: Element, variable: EnvVar): string {
  const type = resource.attributes.type ?? "";
  const name = variable.name;
  if (/ecs|ECS::/.test(type))
    return `move ${name} to the container definition's "secrets" with "valueFrom" set to a Secrets Manager secret or SSM SecureString parameter ARN`;
  if (/lambda|Lambda::|Serverless::Function/.test(type))
    return `read ${name} at runtime from Secrets Manager (or an SSM SecureString parameter) instead of a plain environment variable`;
  if (/codebuild|CodeBuild::/.test(type))
    return `declare ${name} with type SECRETS_MANAGER or PARAMETER_STORE instead of PLAINTEXT`;
  if (isUserData(resource, variable))
    return `fetch ${name} at boot from Secrets Manager or an SSM SecureString parameter with the instance role, instead of writing it into user data`;
  return `keep ${name} in Secrets Manager or an SSM SecureString parameter and pass a reference (ECS "secrets" with "valueFrom", Lambda reading Secrets Manager)`;
}

/** Where the documents keep secrets, when they say. */
function documentedSecretStore(index: RuleIndex): Evidence[] {
  const store = index.docParticipants.find((element) => element.kind === "secret-store");
  return store ? [elementEvidence(store, `the architecture keeps secrets in ${describeDoc(store)}`)] : [];
}

/**
 * Of the documented elements of a resource, the one the variable's context names ("container
 * rails environment" → "Rails App Container"), else the first.
 */
function namedByContext(components: Element[], variable: EnvVar): Element | undefined {
  const container = /\bcontainer\s+(\S+)/i.exec(variable.context ?? "")?.[1];
  const context = new Set(tokenize(container).filter((token) => !isGenericToken(token)));
  const named = components.find((component) =>
    [...tokenize(component.label), ...tokenize(component.id)].some((token) => context.has(token)),
  );
  return named ?? components[0];
}

/**
 * For plumbing such as a task definition or launch template: the documented elements of the
 * mapped resources whose facts the graph read from its declaration (the ECS service whose CPU
 * and ports come from the task definition). Built once per run.
 */
function readersOf(index: RuleIndex): Map<string, Element[]> {
  const readers = new Map<string, Element[]>();
  for (const { resource, components } of index.mappedResources) {
    for (const stated of Object.values(resource.evidence ?? {})) {
      const declaring = index.resourceAt(stated, resource);
      if (declaring.id !== resource.id && !readers.has(declaring.id)) readers.set(declaring.id, components);
    }
  }
  return readers;
}

/** The documented element a resource stands for: its own mapping, else its readers'. */
function componentFor(
  resource: Element,
  variable: EnvVar,
  index: RuleIndex,
  readers: () => Map<string, Element[]>,
): Element | undefined {
  const own = index.componentsOf(resource.id);
  const components = own.length > 0 ? own : (readers().get(resource.id) ?? []);
  return components.length > 0 ? namedByContext(components, variable) : undefined;
}

export const secretInEnv: Rule = {
  meta: {
    id: "secret-in-env",
    description:
      "A secret is passed as a plain environment variable or in user data instead of a secret store reference",
    defaultLevel: "error",
    commands: ["check", "drift"],
    docs: {
      explanation:
        "A password, token or key written as a plain environment variable (ECS container definitions, Lambda environment, CodeBuild PLAINTEXT variables) or into EC2 user data is readable by anyone who can describe the task, function or instance, and it lands in the state file and in logs. A variable is reported when its name is secret-like (password, secret, token, api_key, credential, dsn …) and its value is a literal, or when its value has a known secret shape (AWS access key id, private key, credentials in a URL, well-known token prefixes, high entropy) whatever its name. References (variables, resource attributes, `{{resolve:secretsmanager:…}}`, ECS `secrets` with `valueFrom`) are never reported, unless the literal text written around them has a known secret shape (a password in a URL whose host is a resource attribute). Reported whether or not the documents mention a secret store. The value is always masked in the message.",
      drifted: [
        "```hcl",
        'resource "aws_ecs_task_definition" "app" {',
        "  container_definitions = jsonencode([{",
        '    name        = "web"',
        "    environment = [",
        '      { name = "DB_PASSWORD", value = "correct-horse-battery" }',
        "    ]",
        "  }])",
        "}",
        "```",
      ].join("\n"),
      fixed: [
        "```hcl",
        'resource "aws_ecs_task_definition" "app" {',
        "  container_definitions = jsonencode([{",
        '    name    = "web"',
        "    secrets = [",
        '      { name = "DB_PASSWORD", valueFrom = aws_secretsmanager_secret.db.arn }',
        "    ]",
        "  }])",
        "}",
        "```",
      ].join("\n"),
    },
  },
  check(context) {
    const index = ruleIndex(context);
    const store = documentedSecretStore(index);
    let readers: Map<string, Element[]> | undefined;
    const lazyReaders = () => {
      readers ??= readersOf(index);
      return readers;
    };
    for (const resource of context.actual.elements) {
      for (const variable of resource.attributes.env ?? []) {
        const signals = variable.secretSignals ?? [];
        if (signals.length === 0) continue;
        const masked = maskedValue(variable);
        const where = variable.context ? ` (${variable.context})` : "";
        const value = masked ? ` with value ${masked}` : "";
        const component = componentFor(resource, variable, index, lazyReaders);
        context.report({
          message: `${describeResource(resource)} passes ${variable.name} in plain text${where}${value} instead of a secret store reference: ${signals.join(", ")}`,
          location: variable.source ?? resource.source,
          related: [...moduleEvidence(resource), ...store],
          ...(component ? { component: component.id } : {}),
          resource: resource.id,
          attributePath: `environment.${variable.name}`,
          fix: secretFix(resource, variable),
        });
      }
    }
  },
};
