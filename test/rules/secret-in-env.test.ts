import { describe, expect, it } from "vitest";
import type { EnvVar } from "../../src/model/graph.js";
import { at, check, DOC, doc, evidence, graph, mapping, plumbing, resource, shape, TF } from "./builders.js";

function env(name: string, extra: Partial<EnvVar>): EnvVar {
  return { name, ...extra };
}

const taskDefinition = plumbing("aws_ecs_task_definition.app", "aws_ecs_task_definition", "container", 20, {
  attributes: {
    env: [
      env("DB_PASSWORD", {
        value: '"hunt…" (16 chars)',
        secretSignals: ["secret-like name with a literal value"],
        context: "container web environment",
        source: at(TF, 27, 11),
      }),
      env("DB_HOST", { reference: true, source: at(TF, 28, 11) }),
      env("LOG_LEVEL", { value: "info", source: at(TF, 29, 11) }),
    ],
  },
});
const lambda = resource("Handler", "AWS::Lambda::Function", "function", 40, {
  file: "cfn/app.yaml",
  attributes: {
    env: [
      env("STRIPE_KEY", {
        value: "sk_live_abcdefghijklmnopqrstuvwx",
        secretSignals: ["value shaped like a Stripe live key"],
        context: "lambda environment",
        source: at("cfn/app.yaml", 47, 11),
      }),
    ],
  },
});
const instance = resource("module.app.aws_instance.web", "aws_instance", "compute", 5, {
  file: "modules/app/main.tf",
  moduleCall: at(TF, 60, 1),
  attributes: {
    env: [
      env("AWS_SECRET_ACCESS_KEY", {
        secretSignals: ["AWS credential name"],
        context: "user_data",
        source: at("modules/app/main.tf", 12, 3),
      }),
    ],
  },
});

describe("secret-in-env", () => {
  const documented = graph([
    doc("web", "compute", "Web Server", 10),
    doc("secrets", "secret-store", "AWS Secrets Manager", 12),
  ]);
  const findings = check(
    "secret-in-env",
    documented,
    graph([taskDefinition, lambda, instance]),
    mapping({ web: ["module.app.aws_instance.web"] }),
  );

  it("reports every variable with secret signals, at the variable, whatever the mapping", () => {
    expect(findings.map(shape)).toEqual([
      {
        ruleId: "secret-in-env",
        level: "error",
        location: "cfn/app.yaml:47:11",
        component: undefined,
        resource: "Handler",
        related: [`${DOC}:12:5`],
      },
      {
        ruleId: "secret-in-env",
        level: "error",
        location: `${TF}:27:11`,
        component: undefined,
        resource: "aws_ecs_task_definition.app",
        related: [`${DOC}:12:5`],
      },
      {
        ruleId: "secret-in-env",
        level: "error",
        location: "modules/app/main.tf:12:3",
        component: "web",
        resource: "module.app.aws_instance.web",
        related: [`${TF}:60:1`, `${DOC}:12:5`],
      },
    ]);
    expect(findings.map((finding) => finding.attributePath)).toEqual([
      "environment.STRIPE_KEY",
      "environment.DB_PASSWORD",
      "environment.AWS_SECRET_ACCESS_KEY",
    ]);
  });

  it("names the variable and shows only a masked value, even when handed an unmasked one", () => {
    expect(findings[1]!.message).toBe(
      'ECS task definition aws_ecs_task_definition.app passes DB_PASSWORD in plain text (container web environment) with value "hunt…" (16 chars) instead of a secret store reference: secret-like name with a literal value',
    );
    expect(findings[0]!.message).not.toContain("sk_live_abcdefghijklmnopqrstuvwx");
    expect(findings[0]!.message).toContain('with value "sk_l…" (32 chars)');
  });

  it("points the fix at the secret store that fits where the value is passed", () => {
    expect(findings.map((finding) => finding.fix)).toEqual([
      "read STRIPE_KEY at runtime from Secrets Manager (or an SSM SecureString parameter) instead of a plain environment variable",
      'move DB_PASSWORD to the container definition\'s "secrets" with "valueFrom" set to a Secrets Manager secret or SSM SecureString parameter ARN',
      "fetch AWS_SECRET_ACCESS_KEY at boot from Secrets Manager or an SSM SecureString parameter with the instance role, instead of writing it into user data",
    ]);
  });

  it("reports nothing for references and plain values", () => {
    const clean = plumbing("aws_ecs_task_definition.clean", "aws_ecs_task_definition", "container", 1, {
      attributes: { env: [env("DB_PASSWORD", { reference: true }), env("PORT", { value: "3000" })] },
    });
    expect(check("secret-in-env", graph([]), graph([clean]), mapping({}))).toEqual([]);
  });

  it("names the component of the service whose facts come from the task definition, the one the container names", () => {
    const task = plumbing("aws_ecs_task_definition.app", "aws_ecs_task_definition", "container", 120, {
      file: "ecs.tf",
      attributes: {
        env: [
          env("SECRET_KEY_BASE", {
            value: '"00ab…" (128 chars)',
            secretSignals: ['name contains "secret"'],
            context: "container rails environment",
            source: at("ecs.tf", 147, 11),
          }),
        ],
      },
    });
    const service = resource("aws_ecs_service.app", "aws_ecs_service", "container", 170, {
      file: "ecs.tf",
      attributes: { cpu: 1024 },
      evidence: { cpu: evidence("ecs.tf", 125, 3, 'cpu = "1024"') },
    });
    const docs = graph([
      doc("nginx_container", "container", "Nginx Proxy Container", 60),
      doc("rails_container", "container", "Rails App Container", 61),
    ]);
    const map = mapping({ nginx_container: ["aws_ecs_service.app"], rails_container: ["aws_ecs_service.app"] });
    const [finding] = check("secret-in-env", docs, graph([task, service]), map);
    expect([finding!.component, finding!.resource]).toEqual(["rails_container", "aws_ecs_task_definition.app"]);
  });
});
