import { describe, expect, it } from "vitest";
import { readDocuments, sniffDocument } from "../../src/docs/index.js";
import { describeDoc, isDocParticipant } from "../../src/mapping/elements.js";
import { byId, haveSeeds, ids, seed } from "./helpers.js";

describe.skipIf(!haveSeeds)("the users' documents (shared/seeds)", () => {
  it("tells the format of each seed by content; 003 and 004 hold no Mermaid", () => {
    expect(["000", "001", "002", "003", "004"].map((n) => sniffDocument(seed(n)))).toEqual([
      "markdown",
      "markdown",
      "mermaid",
      null,
      null,
    ]);
  });

  it("reads every diagram of 000 without a diagnostic, with views and abbreviation as model.md says", () => {
    const result = readDocuments([{ file: "docs/inkwell.md", text: seed("000") }]);
    expect(result.graph.diagnostics).toEqual([]);
    const diagrams = result.documents[0]!.diagrams;
    expect(diagrams).toHaveLength(20);
    expect(diagrams.filter((d) => d.view === "logical").map((d) => d.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(diagrams.filter((d) => d.abbreviated).map((d) => d.index)).toEqual([9, 10, 19, 20]);
    expect(diagrams[10]).toMatchObject({ type: "flowchart", header: "graph TD", source: { line: 443, column: 1 } });
    expect(diagrams[19]?.title).toBe("Milestone 10: Hardened Security (Secret Management)");
  });

  it("000: the final logical view holds every component of milestone 10 with technologies carried forward", () => {
    const { graph } = readDocuments([{ file: "docs/inkwell.md", text: seed("000") }]);
    expect(ids(graph, "logical").sort()).toEqual(
      [
        "c1",
        "c2",
        "c3",
        "c4",
        "cacheQueue",
        "db",
        "eventBus",
        "gateway",
        "logging",
        "metrics",
        "notificationService",
        "postService",
        "secretStore",
        "storage",
        "tracing",
        "userService",
        "workerService",
        "writer",
      ].sort(),
    );
    expect(byId(graph, "postService")).toMatchObject({
      kind: "container",
      technology: "Container: Ruby on Rails",
      source: { line: 397, column: 23 },
      view: "logical",
      origin: "doc",
    });
    expect(byId(graph, "db")).toMatchObject({
      kind: "database",
      technology: "Amazon RDS",
      attributes: { engine: "postgres" },
    });
    expect(byId(graph, "gateway")).toMatchObject({ kind: "gateway", technology: "Amazon API Gateway" });
    expect(byId(graph, "cacheQueue")).toMatchObject({ kind: "cache", attributes: { roles: ["cache", "queue"] } });
    expect(byId(graph, "eventBus")).toMatchObject({ kind: "topic", technology: "Amazon SNS/SQS" });
    expect(byId(graph, "secretStore").kind).toBe("secret-store");
    const postRelations = graph.relations
      .filter((r) => r.view === "logical" && r.from === "postService")
      .map((r) => r.to);
    expect(postRelations).toEqual(expect.arrayContaining(["userService", "eventBus", "db", "metrics", "secretStore"]));
    const toEventBus = graph.relations.find((r) => r.from === "postService" && r.to === "eventBus")!;
    expect(toEventBus).toMatchObject({ kind: "publishes", source: { line: 318, column: 5 } });
  });

  it("000: the final physical view keeps RDS primary and replica, Redis, SNS, SQS, S3, Secrets Manager; containers private", () => {
    const { graph } = readDocuments([{ file: "docs/inkwell.md", text: seed("000") }]);
    const physical = ids(graph, "physical");
    for (const id of ["db_primary", "db_replica", "redis", "sns", "sqs", "S3", "SecretsManager", "Gateway"]) {
      expect(physical).toContain(id);
    }
    expect(physical).not.toContain("db_container");
    expect(physical).not.toContain("api_container");
    // The "EC2 Instance" host was renamed "App EC2 Instance" in milestone 9: the old box is gone.
    expect(physical).not.toContain("EC2_Instance");
    expect(byId(graph, "db_replica")).toMatchObject({ kind: "database", attributes: { replicaOf: "db_primary" } });
    expect(byId(graph, "db_primary").attributes.replicas).toEqual(["db_replica"]);
    expect(byId(graph, "redis").kind).toBe("cache");
    expect(byId(graph, "sns").kind).toBe("topic");
    expect(byId(graph, "sqs").kind).toBe("queue");
    expect(byId(graph, "S3").kind).toBe("object-storage");
    expect(byId(graph, "SecretsManager").kind).toBe("secret-store");
    for (const id of ["post_container", "user_container", "worker_container", "notification_container"]) {
      const element = byId(graph, id);
      expect(element.kind).toBe("container");
      expect(element.parent).toBe("Docker");
      expect(element.attributes.subnetTier).toBe("private");
      // Said last by milestone 7's "EC2 Instance (Private Subnet)" subgraph.
      expect(element.evidence?.subnetTier).toEqual({
        file: "docs/inkwell.md",
        line: 752,
        column: 13,
        message: 'documented in "EC2 Instance (Private Subnet)"',
      });
    }
    expect(byId(graph, "Docker").parent).toBe("App_EC2_Instance");
    expect(byId(graph, "App_EC2_Instance").kind).toBe("compute");
    expect(byId(graph, "Other_AWS_Services").attributes.placeholder).toBe(true);
    expect(byId(graph, "AWSServices").attributes.placeholder).toBe(true);
    // Grouped under the "Other AWS Services" placeholder in milestone 9, they stay where they were.
    expect(byId(graph, "sns").parent).toBe("Messaging_Services");
    const gateway = graph.relations.find((r) => r.from === "Gateway" && r.to === "post_container")!;
    expect(gateway).toMatchObject({ kind: "routes", path: "/posts/*", source: { line: 970, column: 5 } });
  });

  it("001: the mapping table gives six logical → physical pairs with the row's position", () => {
    const result = readDocuments([{ file: "docs/m5.md", text: seed("001") }]);
    expect(result.graph.diagnostics).toEqual([]);
    expect(result.viewLinks.map((l) => [l.logical, l.physical, l.source.line])).toEqual([
      ["gateway", "Gateway", 94],
      ["userService", "user_container", 95],
      ["postService", "post_container", 96],
      ["queue", "redis", 97],
      ["workerService", "worker_container", 98],
      ["db", "db_primary", 99],
    ]);
    expect(byId(result.graph, "queue")).toMatchObject({ kind: "cache", attributes: { roles: ["cache", "queue"] } });
  });

  it("002: the final logical view is the (Final) diagram", () => {
    const result = readDocuments([{ file: "classifyhub.txt", text: seed("002") }]);
    expect(result.graph.diagnostics).toEqual([]);
    const diagrams = result.documents[0]!.diagrams;
    expect(diagrams).toHaveLength(30);
    expect(result.documents[0]!.format).toBe("mermaid");
    expect(diagrams[14]).toMatchObject({
      title: "Overall Logical Architecture for ClassifyHub (Final)",
      abbreviated: false,
    });
    expect(diagrams.filter((d) => d.abbreviated).map((d) => d.index)).toEqual([9, 10, 11, 13, 14, 25, 26, 29]);
    const logical = result.graph.elements.filter((e) => e.view === "logical");
    expect(logical.every((e) => e.source.line >= 269 && e.source.line <= 319)).toBe(true);
    expect(logical.map((e) => e.id)).toEqual([
      "user",
      "engineer",
      "email_service",
      "c1",
      "cdn",
      "api_gateway",
      "frontend_service",
      "backend_service",
      "search_service",
      "notification_worker",
      "sql_database",
      "cache_service",
      "object_store",
      "message_queue",
      "observability_stack",
      "logging",
      "metrics",
      "alerting",
    ]);
    expect(byId(result.graph, "sql_database")).toMatchObject({
      kind: "database",
      attributes: { multiAz: true, engine: "postgres" },
    });
    expect(byId(result.graph, "email_service").kind).toBe("external-system");
    expect(byId(result.graph, "object_store").kind).toBe("object-storage");
    expect(byId(result.graph, "message_queue").kind).toBe("queue");
  });

  it("002: the final physical view has the load balancer, both AZs, RDS primary and standby, ElastiCache and OpenSearch", () => {
    const { graph, viewLinks } = readDocuments([{ file: "classifyhub.txt", text: seed("002") }]);
    const physical = ids(graph, "physical");
    for (const id of [
      "alb",
      "AZ1",
      "AZ2",
      "rds_primary",
      "rds_standby",
      "elasticache_1",
      "elasticache_2",
      "opensearch_1",
      "opensearch_2",
    ]) {
      expect(physical).toContain(id);
    }
    expect(byId(graph, "alb")).toMatchObject({ kind: "load-balancer", attributes: { subnetTier: "public" } });
    expect(byId(graph, "rds_primary")).toMatchObject({
      kind: "database",
      attributes: { multiAz: true, standby: true, subnetTier: "private", availabilityZones: ["Availability Zone 1"] },
    });
    expect(byId(graph, "rds_standby")).toMatchObject({ kind: "database", attributes: { standbyOf: "rds_primary" } });
    expect(byId(graph, "rds_standby").attributes.replicaOf).toBeUndefined();
    expect(byId(graph, "elasticache_2")).toMatchObject({ kind: "cache", attributes: { multiAz: true } });
    expect(byId(graph, "opensearch_1").kind).toBe("search");
    expect(byId(graph, "Private_Subnet_2").attributes).toMatchObject({ subnetTier: "private" });
    // The same id in both views: the physical one is renamed and linked to the logical one.
    expect(physical).toContain("email_service@physical");
    expect(viewLinks).toContainEqual(
      expect.objectContaining({ logical: "email_service", physical: "email_service@physical" }),
    );
  });

  it("002: email_service in both views — the physical one is email_service@physical, as a finding would name it", () => {
    const { graph, viewLinks } = readDocuments([{ file: "classifyhub.txt", text: seed("002") }]);
    const logical = byId(graph, "email_service");
    const physical = byId(graph, "email_service@physical");
    expect(logical).toMatchObject({
      kind: "external-system",
      label: "Email Service",
      view: "logical",
      source: { file: "classifyhub.txt", line: 273, column: 8 },
    });
    expect(physical).toMatchObject({
      kind: "external-system",
      label: "External Email Service",
      view: "physical",
      source: { file: "classifyhub.txt", line: 927, column: 1 },
    });
    expect(viewLinks.filter((link) => link.logical === "email_service")).toEqual([
      {
        logical: "email_service",
        physical: "email_service@physical",
        evidence: 'same id "email_service" in both views',
        source: { file: "classifyhub.txt", line: 927, column: 1 },
      },
    ]);
    const into = (id: string) =>
      graph.relations.filter((r) => r.to === id).map((r) => [r.from, r.view, r.label, r.source.line]);
    expect(into("email_service")).toEqual([["notification_worker", "logical", "Sends Email", 313]]);
    expect(into("email_service@physical")).toEqual([
      ["ecs_tasks_1", "physical", "Consumes Job & Sends Email", 987],
      ["ecs_tasks_2", "physical", "Consumes Job & Sends Email", 987],
    ]);
    // Rules name elements by describeDoc and report element ids: the physical one would read so.
    // An external system is not mapped, so today no finding names either of them.
    expect(describeDoc(physical)).toBe('"External Email Service" (email_service@physical)');
    expect([logical, physical].map(isDocParticipant)).toEqual([false, false]);
  });

  it("reads all five seeds together: ids shared by 000 and 001 get their document as prefix", () => {
    const result = readDocuments(
      ["000", "001", "002", "003", "004"].map((n) => ({ file: `docs/${n}.txt`, text: seed(n) })),
    );
    expect(result.documents.map((d) => d.file)).toEqual(["docs/000.txt", "docs/001.txt", "docs/002.txt"]);
    const allIds = result.graph.elements.map((e) => e.id);
    expect(new Set(allIds).size).toBe(allIds.length);
    expect(allIds).toContain("docs/000.txt#postService");
    expect(allIds).toContain("docs/001.txt#postService");
    expect(allIds).toContain("cacheQueue");
    expect(result.viewLinks[0]).toMatchObject({ logical: "docs/001.txt#gateway", physical: "docs/001.txt#Gateway" });
    for (const relation of result.graph.relations) {
      expect(allIds).toContain(relation.from);
      expect(allIds).toContain(relation.to);
    }
  });
});
