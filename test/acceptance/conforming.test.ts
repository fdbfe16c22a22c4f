/**
 * A conforming system, whose documents say what its code does, gives nothing: for each of the
 * four systems and each format, `archlint check` exits 0 with no error, no warning and (but for
 * the one note explained below) no note.
 *
 * Connections the code makes that the documents draw through a third element are not notes:
 * InkWell's API Gateway reaches the containers' host through VPC link → Cloud Map → instance;
 * ClassifyHub's Route 53 records point at CloudFront and the ALB, which the user reaches after
 * the DNS lookup the docs draw; rails-ecs' CodeBuild reads the artifacts of the pipeline that
 * runs it from the pipeline's artifact bucket.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkJson, copyInto, type FindingRow, SYSTEMS, scratchDirectories } from "./helpers.js";

const FORMATS = ["terraform", "cloudformation"] as const;

/**
 * The findings a conforming fixture legitimately gives. Everything else must be silent.
 *
 * posts-services/cloudformation: the services template takes the ALB's subnets from the network
 * stack with `!ImportValue ${NetworkStackName}-PublicSubnet1/2`. The exports are named after the
 * network stack's `AWS::StackName`, which only the deployment knows, so whether the ALB spans
 * two zones ("Multi-AZ" in the docs) is unknown: a note, never a warning (detection.md).
 */
const EXPECTED: Record<string, FindingRow[]> = {
  "posts-services/cloudformation": [
    {
      ruleId: "multi-az-missing",
      level: "note",
      file: "services.yaml",
      line: 88,
      column: 7,
      component: "alb",
      resource: "LoadBalancer",
    },
  ],
};

describe("conforming systems", () => {
  for (const system of SYSTEMS)
    for (const format of FORMATS) {
      const fixture = `${system}/${format}`;
      it(`${fixture}: exits 0 with no finding but the expected notes`, async () => {
        const run = await checkJson([`fixtures/${fixture}`]);
        expect(run.stderr).toBe("");
        expect(run.rows).toEqual(EXPECTED[fixture] ?? []);
        expect(run.code).toBe(0);
      });
    }

  it("says why an imported value is unknown, and not to set a Terraform variable", async () => {
    const run = await checkJson(["fixtures/posts-services/cloudformation"]);
    expect(run.report.findings[0]!.message).toMatch(
      /: !ImportValue Fn::Sub: \$\{NetworkStackName\}-PublicSubnet1 could not be resolved: CloudFormation only knows it when the stack is deployed$/,
    );
  });
});

describe("connections documented through a third element stop where the documents do", () => {
  const scratch = scratchDirectories();

  /** A scratch copy of a system's docs and Terraform, with `drawings` deleted from the docs. */
  async function checkWithout(system: string, drawings: string[]) {
    const root = scratch("conforming");
    copyInto(root, `fixtures/${system}/docs`, `fixtures/${system}/terraform`);
    const docs = path.join(root, "fixtures", system, "docs", "architecture.md");
    let text = readFileSync(docs, "utf8");
    for (const drawing of drawings) {
      expect(text).toContain(drawing);
      text = text.replace(drawing, "");
    }
    writeFileSync(docs, text);
    return checkJson([path.join(root, "fixtures", system, "terraform")]);
  }

  it("a DNS record to a target the user is not drawn reaching is undocumented", async () => {
    const run = await checkWithout("classifyhub", ['user_browser -- "API and search" --> alb']);
    expect(run.rows).toEqual([
      {
        ruleId: "relation-undocumented",
        level: "note",
        file: "edge.tf",
        line: 96,
        column: 5,
        component: "route53",
        resource: "aws_route53_zone.main",
      },
    ]);
  });

  it("a build's access to a bucket its pipeline is not drawn using is undocumented", async () => {
    const run = await checkWithout("rails-ecs", [
      'codepipeline -- "Artifacts" --> artifacts_bucket',
      'Rel(pipeline, artifacts, "Stores artifacts in")',
    ]);
    expect(run.rows.map((row) => `${row.ruleId} ${row.file}:${row.line} ${row.component}`)).toEqual([
      "relation-undocumented pipeline.tf:48 codebuild",
      "relation-undocumented pipeline.tf:106 codepipeline",
    ]);
  });
});
