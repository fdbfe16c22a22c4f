/**
 * The users' own documents, unedited, against the conforming code: InkWell's Terraform and
 * CloudFormation against seeds 000 (the whole evolution) and 001 (milestone 5 with its mapping
 * table), ClassifyHub's against seed 002. No error and no warning where the seeds document the
 * system the code builds.
 *
 * Layout: the seeds (`.txt` documents, told by their content) sit in a scratch directory with the
 * infrastructure code below them in `infra/`, and both are named on the command line. A seed is
 * the first path, so DIR is the scratch directory (cli.md) and reported paths are relative to it.
 * (Naming `../shared/seeds/…` and `fixtures/…/terraform` directly makes DIR the seeds folder, and
 * the Terraform reader refuses a root module outside DIR: reported to the lead.)
 */
import { copyFileSync, cpSync, existsSync, rmSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";
import { checkJson, type FindingRow, fixturesRoot, repoRoot, scratchDirectories, seedsRoot } from "./helpers.js";

const INKWELL_EVOLUTION = "000_ebf05f1aefb38b73.txt";
const INKWELL_MILESTONE_5 = "001_983b2ef07c8bf281.txt";
const CLASSIFYHUB = "002_579a14eec5f94061.txt";

const scratch = scratchDirectories();

/** The seeds at the root of a scratch directory, the fixture's code in `infra/`: the paths to check. */
function layout(seeds: string[], fixture: string): string[] {
  const dir = scratch("seeds");
  for (const seed of seeds) copyFileSync(path.join(seedsRoot, seed), path.join(dir, seed));
  const infra = path.join(dir, "infra");
  cpSync(path.join(fixturesRoot, fixture), infra, { recursive: true });
  // The fixture's configuration names its own docs; here the seeds are the documents.
  rmSync(path.join(infra, ".archlintrc.json"), { force: true });
  return [...seeds.map((seed) => path.join(dir, seed)), infra];
}

function row(ruleId: string, level: string, at: string, component: string | null, resource: string): FindingRow {
  const [file, line, column] = at.split(":");
  return { ruleId, level, file: file!, line: Number(line), column: Number(column), component, resource };
}

/**
 * InkWell's Post Service signs the pre-signed upload URLs (seed 000, milestone 8: "orchestrates
 * media uploads"), so the host's role may write to the media bucket; the seed draws the writer
 * uploading to S3 but no relation from the Post Service to it. A note, rightly.
 */
const POST_SERVICE_SIGNS_UPLOADS = {
  terraform: { at: "infra/compute.tf:52:20", resource: "aws_instance.app" },
  cloudformation: { at: "infra/inkwell.yaml:290:27", resource: "AppInstance" },
};

/**
 * Seed 001 is milestone 5 alone: no event bus, object storage, secret store or monitoring host
 * yet. Against the final code, the resources added by milestones 7 to 10 are undocumented.
 */
const ADDED_AFTER_MILESTONE_5 = {
  terraform: [
    ["infra/compute.tf:178:1", "aws_instance.monitoring"],
    ["infra/data.tf:80:1", "aws_sns_topic.post_events"],
    ["infra/data.tf:85:1", "aws_sqs_queue.notifications"],
    ["infra/data.tf:117:1", "aws_s3_bucket.media"],
    ["infra/data.tf:155:1", "aws_secretsmanager_secret.app"],
  ],
  cloudformation: [
    ["infra/inkwell.yaml:401:3", "MonitoringInstance"],
    ["infra/inkwell.yaml:522:3", "PostEventsTopic"],
    ["infra/inkwell.yaml:528:3", "NotificationsQueue"],
    ["infra/inkwell.yaml:562:3", "MediaBucket"],
    ["infra/inkwell.yaml:583:3", "AppSecret"],
  ],
} as const;

const FORMATS = ["terraform", "cloudformation"] as const;

describe.skipIf(!existsSync(seedsRoot))("the seed documents against the conforming code", () => {
  for (const format of FORMATS) {
    const signs = POST_SERVICE_SIGNS_UPLOADS[format];

    it(`InkWell ${format} against seeds 000 and 001 together: no error, no warning`, async () => {
      const run = await checkJson(layout([INKWELL_EVOLUTION, INKWELL_MILESTONE_5], `inkwell/${format}`));
      expect(run.stderr).toBe("");
      // Both seeds use `post_container`: the ids are prefixed with their document (model.md).
      expect(run.rows).toEqual([
        row("relation-undocumented", "note", signs.at, `${INKWELL_EVOLUTION}#post_container`, signs.resource),
      ]);
      expect(run.code).toBe(0);
    });

    it(`InkWell ${format} against seed 000: no error, no warning`, async () => {
      const run = await checkJson(layout([INKWELL_EVOLUTION], `inkwell/${format}`));
      expect(run.rows).toEqual([row("relation-undocumented", "note", signs.at, "post_container", signs.resource)]);
      expect(run.code).toBe(0);
    });

    it(`InkWell ${format} against seed 001 alone: only what milestone 5 predates is undocumented`, async () => {
      const run = await checkJson(layout([INKWELL_MILESTONE_5], `inkwell/${format}`));
      expect(run.rows).toEqual(
        ADDED_AFTER_MILESTONE_5[format].map(([at, resource]) =>
          row("resource-undocumented", "warning", at, null, resource),
        ),
      );
      expect(run.code).toBe(0);
    });

    it(`ClassifyHub ${format} against seed 002: no finding`, async () => {
      const run = await checkJson(layout([CLASSIFYHUB], `classifyhub/${format}`));
      expect(run.stderr).toBe("");
      expect(run.rows).toEqual([]);
      expect(run.code).toBe(0);
    });
  }

  /** What the seeds' own ids map to (archlint graph --source mapping). */
  async function mappingOf(paths: string[]): Promise<Record<string, string[]>> {
    const run = await runCli(["graph", ...paths, "--source", "mapping"], repoRoot);
    expect(run.code).toBe(0);
    const mapping = JSON.parse(run.stdout) as {
      pairs: { component: string; resources: string[] }[];
      ambiguous: unknown[];
    };
    expect(mapping.ambiguous).toEqual([]);
    return Object.fromEntries(mapping.pairs.map((pair) => [pair.component, pair.resources]));
  }

  it("maps seed 000's physical ids to InkWell's Terraform", async () => {
    const mapped = await mappingOf(layout([INKWELL_EVOLUTION], "inkwell/terraform"));
    expect(mapped).toMatchObject({
      Gateway: ["aws_apigatewayv2_api.main"],
      S3: ["aws_s3_bucket.media"],
      SecretsManager: ["aws_secretsmanager_secret.app"],
      db_primary: ["aws_db_instance.primary"],
      db_replica: ["aws_db_instance.replica"],
      redis: ["aws_elasticache_replication_group.redis"],
      post_container: ["aws_instance.app"],
    });
  });

  it("decides seed 001's unnamed EC2 host by what the code connects it to", async () => {
    const mapped = await mappingOf(layout([INKWELL_MILESTONE_5], "inkwell/cloudformation"));
    // "EC2 Instance (Private Subnet)" matches the app and the monitoring host by name; only the
    // app host is reached by the API Gateway and reaches Redis and the database, as drawn.
    expect(mapped).toMatchObject({
      EC2_Instance: ["AppInstance"],
      post_container: ["AppInstance"],
      Gateway: ["HttpApi"],
      db_primary: ["PrimaryDatabase"],
      db_replica: ["ReplicaDatabase"],
    });
  });

  it("maps seed 002's physical ids to ClassifyHub's Terraform", async () => {
    const mapped = await mappingOf(layout([CLASSIFYHUB], "classifyhub/terraform"));
    expect(mapped).toMatchObject({
      alb: ["aws_lb.main"],
      rds_primary: ["aws_db_instance.primary"],
      // The standby of a Multi-AZ primary is the primary itself.
      rds_standby: ["aws_db_instance.primary"],
      elasticache_1: ["aws_elasticache_replication_group.cache"],
      opensearch_1: ["aws_opensearch_domain.search"],
      route53: ["aws_route53_zone.main"],
    });
  });
});
