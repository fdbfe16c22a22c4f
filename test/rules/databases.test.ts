import { describe, expect, it } from "vitest";
import type { Element } from "../../src/model/graph.js";
import { at, check, DOC, doc, evidence, graph, mapping, relation, resource, shape, TF } from "./builders.js";

describe("replica-missing", () => {
  const documented = graph(
    [
      doc("db_primary", "database", "RDS Primary Instance", 59),
      doc("db_replica", "database", "RDS Read Replica", 60, {
        attributes: { replicaOf: "db_primary" },
        evidence: { replicaOf: evidence(DOC, 61, 17, 'edge "Replication" from db_primary') },
      }),
    ],
    [relation("db_primary", "db_replica", at(DOC, 61, 17), { label: "Replication", kind: "replicates" })],
  );

  function primary(attributes: Element["attributes"] = {}): Element {
    return resource("aws_db_instance.primary", "aws_db_instance", "database", 30, {
      attributes,
      evidence: { replicas: evidence(TF, 30, 1, "no instance has replicate_source_db = aws_db_instance.primary") },
    });
  }

  it("reports at the actual primary when it has no replica, with the documented replica as component", () => {
    const findings = check(
      "replica-missing",
      documented,
      graph([primary()]),
      mapping({ db_primary: ["aws_db_instance.primary"] }),
    );
    expect(findings.map(shape)).toEqual([
      {
        ruleId: "replica-missing",
        level: "error",
        location: `${TF}:30:1`,
        component: "db_replica",
        resource: "aws_db_instance.primary",
        related: [`${DOC}:61:17`, `${DOC}:59:5`],
      },
    ]);
    expect(findings[0]!.message).toBe(
      'RDS instance aws_db_instance.primary has no read replica, but the architecture shows "RDS Read Replica" (db_replica) replicating it',
    );
    expect(findings[0]!.fix).toBe(
      "add an aws_db_instance with replicate_source_db = aws_db_instance.primary.identifier",
    );
  });

  it("is satisfied by a replica of the primary, or a mapped replica resource", () => {
    const withReplica = graph([
      primary({ replicas: ["aws_db_instance.replica"] }),
      resource("aws_db_instance.replica", "aws_db_instance", "database", 50, {
        attributes: { replicaOf: "aws_db_instance.primary" },
      }),
    ]);
    expect(
      check("replica-missing", documented, withReplica, mapping({ db_primary: ["aws_db_instance.primary"] })),
    ).toEqual([]);
  });

  it("gives a note when a replica's source could not be resolved", () => {
    const unresolvedReplica = resource("aws_db_instance.copy", "aws_db_instance", "database", 50, {
      attributes: { replicaOf: { unknown: "var.source_db" } as unknown as string },
    });
    const findings = check(
      "replica-missing",
      documented,
      graph([primary(), unresolvedReplica]),
      mapping({ db_primary: ["aws_db_instance.primary"] }),
    );
    expect(findings.map((finding) => finding.level)).toEqual(["note"]);
    expect(findings[0]!.message).toContain("var.source_db could not be resolved");
  });

  it("says CloudFormation's property for a template, and nothing for a standby", () => {
    const cfn = resource("Db", "AWS::RDS::DBInstance", "database", 8, { file: "cfn/app.yaml" });
    const [finding] = check("replica-missing", documented, graph([cfn]), mapping({ db_primary: ["Db"] }));
    expect(finding!.fix).toBe("add an AWS::RDS::DBInstance with SourceDBInstanceIdentifier: !Ref Db");
    const standby = graph(
      [
        doc("p", "database", "RDS Primary", 1),
        doc("s", "database", "RDS Standby Replica", 2, { attributes: { replicaOf: "p" } }),
      ],
      [relation("p", "s", at(DOC, 3, 1), { label: "Sync Replication" })],
    );
    expect(check("replica-missing", standby, graph([primary()]), mapping({ p: ["aws_db_instance.primary"] }))).toEqual(
      [],
    );
  });
});

describe("multi-az-missing", () => {
  const standbyDocs = graph(
    [doc("rds_primary", "database", "RDS Primary", 20), doc("rds_standby", "database", "RDS Standby Replica", 30)],
    [relation("rds_primary", "rds_standby", at(DOC, 40, 1), { label: "Sync Replication", kind: "replicates" })],
  );
  const standbyMap = mapping({ rds_primary: ["aws_db_instance.main"], rds_standby: ["aws_db_instance.main"] });

  function database(multiAz: boolean | { unknown: string } | undefined): Element {
    return resource("aws_db_instance.main", "aws_db_instance", "database", 5, {
      attributes: multiAz === undefined ? {} : { multiAz },
      evidence: { multiAz: evidence(TF, 9, 3, "multi_az = false") },
    });
  }

  it("reports a single-AZ database where the documents show a standby, at multi_az", () => {
    const findings = check("multi-az-missing", standbyDocs, graph([database(false)]), standbyMap);
    expect(findings.map(shape)).toEqual([
      {
        ruleId: "multi-az-missing",
        level: "error",
        location: `${TF}:9:3`,
        component: "rds_primary",
        resource: "aws_db_instance.main",
        related: [`${DOC}:30:5`],
      },
    ]);
    expect(findings[0]!.message).toBe(
      'RDS instance aws_db_instance.main is single-AZ (multi_az = false), but the architecture shows a Multi-AZ standby "RDS Standby Replica" (rds_standby)',
    );
    expect(findings[0]!.fix).toBe("set multi_az = true");
  });

  it("is quiet when Multi-AZ is on or not stated, and notes an unresolved value", () => {
    expect(check("multi-az-missing", standbyDocs, graph([database(true)]), standbyMap)).toEqual([]);
    expect(check("multi-az-missing", standbyDocs, graph([database(undefined)]), standbyMap)).toEqual([]);
    const unknown = check("multi-az-missing", standbyDocs, graph([database({ unknown: "var.multi_az" })]), standbyMap);
    expect(unknown.map((finding) => [finding.level, finding.location.line])).toEqual([["note", 9]]);
  });

  it("reads a Multi-AZ claim on the element, with its evidence", () => {
    const claimed = graph([
      doc("cache", "cache", "Cache Service", 12, {
        attributes: { multiAz: true },
        evidence: { multiAz: evidence(DOC, 12, 60, '"Managed, Multi-AZ Redis (ElastiCache)"') },
      }),
    ]);
    const cache = resource("aws_elasticache_replication_group.c", "aws_elasticache_replication_group", "cache", 3, {
      attributes: { multiAz: false },
    });
    const findings = check(
      "multi-az-missing",
      claimed,
      graph([cache]),
      mapping({ cache: ["aws_elasticache_replication_group.c"] }),
    );
    expect(findings.map(shape)).toEqual([
      {
        ruleId: "multi-az-missing",
        level: "error",
        location: `${TF}:3:1`,
        component: "cache",
        resource: "aws_elasticache_replication_group.c",
        related: [`${DOC}:12:60`],
      },
    ]);
    expect(findings[0]!.message).toBe(
      'ElastiCache replication group aws_elasticache_replication_group.c is single-AZ (Multi-AZ is off), but the architecture documents "Cache Service" (cache) as Multi-AZ',
    );
  });

  it("reads one instance per availability zone as Multi-AZ, against a service in one zone", () => {
    const perZone = graph([
      doc("ecs_tasks_1", "container", "ECS Tasks", 10, {
        attributes: { availabilityZones: ["Availability Zone 1"] },
        evidence: { availabilityZones: evidence(DOC, 8, 1, 'documented in "Availability Zone 1"') },
      }),
      doc("ecs_tasks_2", "container", "ECS Tasks", 16, {
        attributes: { availabilityZones: ["Availability Zone 2"] },
        evidence: { availabilityZones: evidence(DOC, 14, 1, 'documented in "Availability Zone 2"') },
      }),
    ]);
    const service = resource("aws_ecs_service.api", "aws_ecs_service", "container", 40, {
      attributes: { availabilityZones: ["us-east-1a"] },
      evidence: { subnets: evidence(TF, 47, 5, "subnets = [aws_subnet.private[0].id]") },
    });
    const findings = check(
      "multi-az-missing",
      perZone,
      graph([service]),
      mapping({ ecs_tasks_1: ["aws_ecs_service.api"], ecs_tasks_2: ["aws_ecs_service.api"] }),
    );
    expect(findings.map(shape)).toEqual([
      {
        ruleId: "multi-az-missing",
        level: "error",
        location: `${TF}:47:5`,
        component: "ecs_tasks_1",
        resource: "aws_ecs_service.api",
        related: [`${DOC}:8:1`, `${DOC}:14:1`],
      },
    ]);
    expect(findings[0]!.message).toBe(
      'ECS service aws_ecs_service.api is single-AZ (only in us-east-1a), but the architecture places "ECS Tasks" (ecs_tasks_1) and "ECS Tasks" (ecs_tasks_2) in Availability Zone 1 and Availability Zone 2',
    );
  });
});
