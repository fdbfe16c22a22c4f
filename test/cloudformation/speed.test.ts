// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub strings are written with ${…}
/**
 * Speed figure for the report: 1,000 generated templates of 10 resources each, parsed in one
 * call. Run with ARCHLINT_BENCH=1 (it writes the templates under the system temp folder).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { parseCloudFormation } from "../../src/parsers/cloudformation/index.js";

const TEMPLATES = 1000;

function jsonTemplate(index: number): string {
  const resources: Record<string, unknown> = {};
  for (let r = 0; r < 10; r++) {
    resources[`Queue${index}x${r}`] = {
      Type: "AWS::SQS::Queue",
      Properties: {
        QueueName: { "Fn::Sub": `\${Env}-queue-${index}-${r}` },
        VisibilityTimeout: 30,
        RedrivePolicy: {
          deadLetterTargetArn: { "Fn::GetAtt": [`Queue${index}x${(r + 1) % 10}`, "Arn"] },
          maxReceiveCount: 5,
        },
        Tags: [{ Key: "Name", Value: { "Fn::Join": ["-", ["q", { Ref: "Env" }, String(r)]] } }],
      },
    };
  }
  return JSON.stringify({ Parameters: { Env: { Type: "String", Default: "prod" } }, Resources: resources }, null, 2);
}

/** The same template in YAML with short-form tags. */
function yamlTemplate(index: number): string {
  const lines = ["Parameters:", "  Env:", "    Type: String", "    Default: prod", "Resources:"];
  for (let r = 0; r < 10; r++) {
    lines.push(
      `  Queue${index}x${r}:`,
      "    Type: AWS::SQS::Queue",
      "    Properties:",
      `      QueueName: !Sub "\${Env}-queue-${index}-${r}"`,
      "      VisibilityTimeout: 30",
      "      RedrivePolicy:",
      `        deadLetterTargetArn: !GetAtt Queue${index}x${(r + 1) % 10}.Arn`,
      "        maxReceiveCount: 5",
      "      Tags:",
      "        - Key: Name",
      `          Value: !Join ["-", [q, !Ref Env, "${r}"]]`,
    );
  }
  return `${lines.join("\n")}\n`;
}

describe.skipIf(!process.env.ARCHLINT_BENCH)("speed", () => {
  test.each([
    ["YAML", false],
    ["JSON", true],
  ])("1,000 %s templates of 10 resources", (_format, json) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "archlint-cfn-bench-"));
    try {
      const inputs = [];
      for (let i = 0; i < TEMPLATES; i++) {
        const file = `t${i}.${json ? "json" : "yaml"}`;
        fs.writeFileSync(path.join(dir, file), json ? jsonTemplate(i) : yamlTemplate(i));
        inputs.push({ file, text: fs.readFileSync(path.join(dir, file), "utf8") });
      }
      parseCloudFormation(inputs.slice(0, 20), { root: dir });
      const started = performance.now();
      const result = parseCloudFormation(inputs, { root: dir });
      const elapsed = performance.now() - started;
      console.log(
        `${json ? "JSON" : "YAML"}: ${TEMPLATES} templates, ${result.resources.length} resources in ${elapsed.toFixed(0)} ms`,
      );
      expect(result.resources).toHaveLength(TEMPLATES * 10);
      expect(result.diagnostics).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });
});
