import { describe, expect, it } from "vitest";
import { decodeBase64Script, scriptAssignments } from "../../src/iac/env.js";
import {
  blocks,
  CloudFormationTemplate,
  cfnRef,
  heredoc,
  json,
  keyAt,
  keyPath,
  ref,
  TerraformFile,
  unknown,
  valuePath,
} from "./builders.js";
import { element, graphOf, pairs, relationsOf } from "./helpers.js";

const SECRET = "hunter2-but-longer";

describe("ECS container definitions", () => {
  const tf = new TerraformFile("ecs.tf");
  tf.resource("aws_db_instance", "main", { engine: "postgres" });
  tf.resource("aws_secretsmanager_secret", "api", { name: "api-key" });
  tf.resource("aws_ecr_repository", "web", { name: "web" });
  const task = tf.resource("aws_ecs_task_definition", "web", {
    family: "web",
    container_definitions: json([
      {
        name: "web",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: Terraform interpolation, as written
        image: unknown("${aws_ecr_repository.web.repository_url}:latest", [
          ref("aws_ecr_repository.web", "repository_url"),
        ]),
        environment: [
          { name: "DB_HOST", value: ref("aws_db_instance.main", "address") },
          { name: "DB_PASSWORD", value: SECRET },
          { name: "LOG_LEVEL", value: "info" },
          { name: "AWS_ACCESS_KEY_ID", value: "AKIAIOSFODNN7EXAMPLE" },
        ],
        secrets: [
          {
            name: "API_KEY",
            valueFrom: unknown(
              "aws_secretsmanager_secret.api.arn",
              [ref("aws_secretsmanager_secret.api", "arn")],
              true,
            ),
          },
        ],
      },
    ]),
  });
  tf.resource("aws_ecs_service", "web", { task_definition: ref("aws_ecs_task_definition.web", "arn") });
  const heredocTask = tf.resource("aws_ecs_task_definition", "heredoc", {
    container_definitions: heredoc(
      JSON.stringify([
        { name: "worker", environment: [{ name: "STRIPE_SECRET_KEY", value: "sk_live_4eC39HqLyjWDarjtT1zdp7dc" }] },
      ]),
    ),
  });
  const broken = tf.resource("aws_ecs_task_definition", "broken", { container_definitions: "[{ not json" });
  const graph = graphOf(tf);

  it("reads environment and secrets lists, masks secret values and keeps references as references", () => {
    const env = element(graph, "aws_ecs_task_definition.web").attributes.env;
    expect(env).toEqual([
      {
        name: "DB_HOST",
        reference: true,
        context: "container web environment",
        source: valuePath(task, "container_definitions.0.environment.0.name"),
      },
      {
        name: "DB_PASSWORD",
        value: '"hunt…" (18 chars)',
        secretSignals: ['name contains "password"'],
        context: "container web environment",
        source: valuePath(task, "container_definitions.0.environment.1.name"),
      },
      {
        name: "LOG_LEVEL",
        value: "info",
        context: "container web environment",
        source: valuePath(task, "container_definitions.0.environment.2.name"),
      },
      {
        name: "AWS_ACCESS_KEY_ID",
        value: '"AKIA…" (20 chars)',
        secretSignals: ["name AWS_ACCESS_KEY_ID is a credential variable", "AWS access key id"],
        context: "container web environment",
        source: valuePath(task, "container_definitions.0.environment.3.name"),
      },
      {
        name: "API_KEY",
        reference: true,
        context: "container web secrets",
        source: valuePath(task, "container_definitions.0.secrets.0.name"),
      },
    ]);
  });

  it("never puts a raw secret value in the graph", () => {
    const text = JSON.stringify(graph);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain("AKIAIOSFODNN7EXAMPLE");
    expect(text).not.toContain("sk_live_4eC39HqLyjWDarjtT1zdp7dc");
  });

  it("environment values, secrets and the image name resources the service references", () => {
    expect(pairs(relationsOf(graph, "reference"))).toEqual([
      "aws_ecs_service.web -> aws_db_instance.main",
      "aws_ecs_service.web -> aws_ecr_repository.web",
      "aws_ecs_service.web -> aws_secretsmanager_secret.api",
    ]);
    const db = relationsOf(graph, "reference").find((relation) => relation.to === "aws_db_instance.main")!;
    expect(db).toMatchObject({ label: "DB_HOST", via: "aws_ecs_task_definition.web", origin: "iac" });
  });

  it("parses container definitions written as a JSON string, at the attribute", () => {
    expect(element(graph, "aws_ecs_task_definition.heredoc").attributes.env).toEqual([
      {
        name: "STRIPE_SECRET_KEY",
        value: '"sk_l…" (32 chars)',
        secretSignals: ['name contains "secret"', 'token prefix "sk_live_"'],
        context: "container worker environment",
        source: keyAt(heredocTask, "container_definitions"),
      },
    ]);
  });

  it("reports container definitions that are not JSON where they are written", () => {
    expect(graph.diagnostics).toEqual([
      {
        code: "iac-parse-error",
        message: expect.stringMatching(
          /^container definitions of aws_ecs_task_definition\.broken are not valid JSON: /,
        ),
        source: keyAt(broken, "container_definitions"),
        resource: "aws_ecs_task_definition.broken",
      },
    ]);
  });
});

describe("CloudFormation container definitions and Lambda environments", () => {
  const cfn = new CloudFormationTemplate("app.yaml");
  cfn.resource("Table", "AWS::DynamoDB::Table", {});
  const task = cfn.resource("Task", "AWS::ECS::TaskDefinition", {
    ContainerDefinitions: [
      {
        Name: "api",
        Environment: [
          { Name: "JWT_SECRET", Value: "s3cr3t-value" },
          { Name: "TABLE", Value: cfnRef("Table") },
        ],
        Secrets: [{ Name: "DB_PASSWORD", ValueFrom: unknown("{{resolve:secretsmanager:db}}", [], true) }],
      },
    ],
  });
  const fn = cfn.resource("Fn", "AWS::Serverless::Function", {
    Runtime: "nodejs20.x",
    Environment: {
      Variables: {
        GITHUB_TOKEN: "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",
        TABLE_NAME: cfnRef("Table"),
        DEBUG: "false",
      },
    },
  });
  const tf = new TerraformFile("lambda.tf");
  const lambda = tf.resource("aws_lambda_function", "fn", {
    environment: blocks({ variables: { API_TOKEN: "changeme", MODE: "changeme" } }),
  });
  const graph = graphOf(cfn, tf);

  it("reads CloudFormation ContainerDefinitions", () => {
    expect(element(graph, "Task").attributes.env).toEqual([
      {
        name: "JWT_SECRET",
        value: '"s3c…" (12 chars)',
        secretSignals: ['name contains "secret"'],
        context: "container api environment",
        source: valuePath(task, "ContainerDefinitions.0.Environment.0.Name"),
      },
      {
        name: "TABLE",
        reference: true,
        context: "container api environment",
        source: valuePath(task, "ContainerDefinitions.0.Environment.1.Name"),
      },
      {
        name: "DB_PASSWORD",
        reference: true,
        context: "container api secrets",
        source: valuePath(task, "ContainerDefinitions.0.Secrets.0.Name"),
      },
    ]);
  });

  it("reads Lambda environment variables in both formats, at the variable's name", () => {
    expect(element(graph, "Fn")).toMatchObject({ kind: "function", technology: "AWS Lambda (nodejs20.x)" });
    expect(element(graph, "Fn").attributes.env).toEqual([
      {
        name: "GITHUB_TOKEN",
        value: '"ghp_…" (40 chars)',
        secretSignals: ['name contains "token"', 'token prefix "ghp_"'],
        context: "lambda environment",
        source: keyPath(fn, "Environment.Variables.GITHUB_TOKEN"),
      },
      {
        name: "TABLE_NAME",
        reference: true,
        context: "lambda environment",
        source: keyPath(fn, "Environment.Variables.TABLE_NAME"),
      },
      {
        name: "DEBUG",
        value: "false",
        context: "lambda environment",
        source: keyPath(fn, "Environment.Variables.DEBUG"),
      },
    ]);
    expect(element(graph, "aws_lambda_function.fn").attributes.env).toEqual([
      {
        name: "API_TOKEN",
        value: '"ch…" (8 chars)',
        secretSignals: ['name contains "token"'],
        context: "lambda environment",
        source: keyPath(lambda, "environment.0.variables.API_TOKEN"),
      },
      {
        name: "MODE",
        value: "changeme",
        context: "lambda environment",
        source: keyPath(lambda, "environment.0.variables.MODE"),
      },
    ]);
    expect(pairs(relationsOf(graph, "reference"))).toEqual(["Fn -> Table", "Task -> Table"]);
  });
});

describe("user data and CodeBuild", () => {
  const script = [
    "#!/bin/bash",
    "export DB_PASSWORD=hunter2",
    "APP_ENV=production",
    'echo ECS_ENGINE_AUTH_DATA={"auths":1} >> /etc/ecs/ecs.config',
    "export DB_URL=$DB_URL_FROM_SSM",
  ].join("\n");
  const tf = new TerraformFile("ec2.tf");
  const heredocInstance = tf.resource("aws_instance", "heredoc", { user_data: heredoc(script) });
  const base64Instance = tf.resource("aws_instance", "base64", {
    user_data_base64: Buffer.from(script).toString("base64"),
  });
  tf.resource("aws_db_instance", "main", { engine: "postgres" });
  const template = tf.resource("aws_launch_template", "app", {
    user_data: unknown(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Terraform interpolation, as written
      'base64encode(<<-EOF\n    #!/bin/bash\n    export DB_HOST=${aws_db_instance.main.address}\n    export API_KEY="k-1234"\n  EOF\n  )',
      [ref("aws_db_instance.main", "address")],
    ),
  });
  tf.resource("aws_autoscaling_group", "app", {
    launch_template: blocks({ id: ref("aws_launch_template.app", "id") }),
    min_size: 1,
    max_size: 3,
  });
  const build = tf.resource("aws_codebuild_project", "build", {
    environment: blocks({
      environment_variable: blocks(
        { name: "DOCKERHUB_PASSWORD", value: "dckr_pat_x" },
        { name: "DB_SECRET", value: "/app/db", type: "PARAMETER_STORE" },
      ),
    }),
  });
  const cfn = new CloudFormationTemplate("ec2.yaml");
  const instance = cfn.resource("Host", "AWS::EC2::Instance", {
    UserData: heredoc("#!/bin/bash\nexport SECRET_KEY=abc123"),
  });
  const graph = graphOf(tf, cfn);

  it("parses a heredoc script line by line, at its lines", () => {
    const line = heredocInstance.body.entries.user_data!.source.line;
    expect(element(graph, "aws_instance.heredoc").attributes.env).toEqual([
      {
        name: "DB_PASSWORD",
        value: '"h…" (7 chars)',
        secretSignals: ['name contains "password"'],
        context: "user_data",
        source: { file: "ec2.tf", line: line + 2, column: 8 },
      },
      {
        name: "APP_ENV",
        value: "production",
        context: "user_data",
        source: { file: "ec2.tf", line: line + 3, column: 1 },
      },
      {
        name: "ECS_ENGINE_AUTH_DATA",
        value: '"{"…" (11 chars)',
        secretSignals: ["name ECS_ENGINE_AUTH_DATA is a credential variable"],
        context: "user_data",
        source: { file: "ec2.tf", line: line + 4, column: 6 },
      },
      { name: "DB_URL", reference: true, context: "user_data", source: { file: "ec2.tf", line: line + 5, column: 8 } },
    ]);
  });

  it("decodes base64 user data; its variables point at the attribute", () => {
    const env = element(graph, "aws_instance.base64").attributes.env as { name: string; source: unknown }[];
    expect(env.map((variable) => variable.name)).toEqual(["DB_PASSWORD", "APP_ENV", "ECS_ENGINE_AUTH_DATA", "DB_URL"]);
    expect(env[0]!.source).toEqual(keyAt(base64Instance, "user_data_base64"));
  });

  it("reads an unevaluated template's script with exact positions; interpolations are references", () => {
    const at = template.body.entries.user_data!.source;
    expect(element(graph, "aws_launch_template.app").attributes.env).toEqual([
      {
        name: "DB_HOST",
        reference: true,
        context: "user_data",
        source: { file: "ec2.tf", line: at.line + 2, column: 12 },
      },
      {
        name: "API_KEY",
        value: '"k…" (6 chars)',
        secretSignals: ['name contains "apikey"'],
        context: "user_data",
        source: { file: "ec2.tf", line: at.line + 3, column: 12 },
      },
    ]);
    expect(pairs(relationsOf(graph, "reference"))).toContain("aws_autoscaling_group.app -> aws_db_instance.main");
  });

  it("reads CodeBuild PLAINTEXT variables; parameter store variables are references", () => {
    expect(element(graph, "aws_codebuild_project.build").attributes.env).toEqual([
      {
        name: "DOCKERHUB_PASSWORD",
        value: '"dc…" (10 chars)',
        secretSignals: ['name contains "password"'],
        context: "codebuild environment",
        source: valuePath(build, "environment.0.environment_variable.0.name"),
      },
      {
        name: "DB_SECRET",
        reference: true,
        context: "codebuild parameter_store",
        source: valuePath(build, "environment.0.environment_variable.1.name"),
      },
    ]);
  });

  it("reads CloudFormation UserData", () => {
    expect(element(graph, "Host").attributes.env).toEqual([
      {
        name: "SECRET_KEY",
        value: '"a…" (6 chars)',
        secretSignals: ['name contains "secret"'],
        context: "user_data",
        source: { file: "ec2.yaml", line: instance.body.entries.UserData!.source.line + 2, column: 8 },
      },
    ]);
  });

  it("script parsing and base64 decoding", () => {
    expect(scriptAssignments("  export A='x y'\nB=\"q\"; echo\nif [ -z $C ]; then\n")).toEqual([
      { name: "A", value: "x y", line: 0, column: 9 },
      { name: "B", value: "q", line: 1, column: 0 },
    ]);
    expect(decodeBase64Script(Buffer.from("#!/bin/sh\necho hi\n").toString("base64"))).toBe("#!/bin/sh\necho hi\n");
    expect(decodeBase64Script("not base64!")).toBeUndefined();
    expect(decodeBase64Script(Buffer.from([0, 1, 2, 3, 250, 251, 252, 253]).toString("base64"))).toBeUndefined();
  });
});
