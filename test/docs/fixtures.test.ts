import { describe, expect, it } from "vitest";
import { readDocuments } from "../../src/docs/index.js";
import { byId, fixture, ids } from "./helpers.js";

const read = (system: string) =>
  readDocuments([{ file: `${system}/docs/architecture.md`, text: fixture(`${system}/docs/architecture.md`) }]);

describe("fixture documents of the four systems", () => {
  it("read without a diagnostic, one complete logical and one complete physical diagram each", () => {
    for (const system of ["inkwell", "classifyhub", "rails-ecs", "posts-services"]) {
      const result = read(system);
      expect(result.graph.diagnostics, system).toEqual([]);
      expect(
        result.documents[0]!.diagrams.map((d) => [d.view, d.abbreviated, d.selected]),
        system,
      ).toEqual([
        ["logical", false, true],
        ["physical", false, true],
      ]);
      const allIds = result.graph.elements.map((e) => e.id);
      expect(new Set(allIds).size, system).toBe(allIds.length);
      expect(
        allIds.some((id) => id.endsWith("@physical")),
        system,
      ).toBe(false);
    }
  });

  it("inkwell: private app host, RDS with an async read replica, mapping table", () => {
    const { graph, viewLinks } = read("inkwell");
    expect(byId(graph, "post_container").attributes).toMatchObject({ subnetTier: "private", vpc: "vpc" });
    expect(byId(graph, "post_container").evidence?.subnetTier).toMatchObject({ line: 85, column: 13 });
    expect(byId(graph, "app_instance").kind).toBe("compute");
    expect(byId(graph, "db_replica").attributes).toMatchObject({ replicaOf: "db_primary", engine: "postgres" });
    expect(byId(graph, "db_primary").attributes).toMatchObject({ encrypted: true, replicas: ["db_replica"] });
    expect(byId(graph, "s3").attributes.encrypted).toBe(true);
    expect(viewLinks.map((l) => `${l.logical}→${l.physical}`)).toEqual([
      "gateway→api_gateway",
      "userService→user_container",
      "postService→post_container",
      "workerService→worker_container",
      "notificationService→notification_container",
      "db→db_primary",
      "cacheQueue→redis",
      "storage→s3",
      "secretStore→secrets_manager",
    ]);
  });

  it("classifyhub: Multi-AZ claims in the logical view, standby and zones in the physical one", () => {
    const { graph } = read("classifyhub");
    expect(byId(graph, "sql_database").attributes).toMatchObject({ multiAz: true, engine: "postgres" });
    expect(byId(graph, "cache_service")).toMatchObject({ kind: "cache", attributes: { multiAz: true } });
    expect(byId(graph, "rds_primary").attributes).toMatchObject({ multiAz: true, standby: true });
    expect(byId(graph, "rds_standby").attributes.standbyOf).toBe("rds_primary");
    expect(byId(graph, "elasticache_1").attributes).toMatchObject({
      multiAz: true,
      availabilityZones: ["Availability Zone 1"],
    });
    expect(byId(graph, "alb").attributes.subnetTier).toBe("public");
    expect(byId(graph, "ses").kind).toBe("email");
    expect(byId(graph, "email_provider").kind).toBe("external-system");
  });

  it("rails-ecs: public ALB and NAT, private tasks and database, Multi-AZ, replica, encryption, pipeline", () => {
    const { graph } = read("rails-ecs");
    expect(byId(graph, "alb").attributes).toMatchObject({
      subnetTier: "public",
      ports: [80, 443],
      ingress: [
        { ports: { from: 80, to: 80 }, cidrs: ["0.0.0.0/0"], fromGroups: [] },
        { ports: { from: 443, to: 443 }, cidrs: ["0.0.0.0/0"], fromGroups: [] },
      ],
    });
    expect(byId(graph, "nat").attributes.subnetTier).toBe("public");
    expect(byId(graph, "rails_container").attributes).toMatchObject({ subnetTier: "private", ports: [3000] });
    expect(byId(graph, "rds_primary").attributes).toMatchObject({
      subnetTier: "private",
      multiAz: true,
      encrypted: true,
      engine: "postgres",
      ports: [5432],
      replicas: ["rds_replica"],
    });
    expect(byId(graph, "rds_primary").evidence?.multiAz).toMatchObject({ line: 65, column: 30 });
    expect(byId(graph, "database").attributes).toMatchObject({ multiAz: true, encrypted: true, hasReadReplica: true });
    expect(
      ["codepipeline", "codebuild", "ecr", "secrets_manager", "app_files_bucket"].map((id) => byId(graph, id).kind),
    ).toEqual(["pipeline", "pipeline", "registry", "secret-store", "object-storage"]);
  });

  it("posts-services: CIDRs, zones, capacity, ports and routing paths as attributes with evidence", () => {
    const { graph } = read("posts-services");
    expect(byId(graph, "vpc").attributes.cidr).toBe("10.0.0.0/16");
    expect(
      ["public_a", "public_b", "private_a", "private_b"].map((id) => {
        const a = byId(graph, id).attributes;
        return [a.cidr, a.subnetTier, a.availabilityZones];
      }),
    ).toEqual([
      ["10.0.0.0/24", "public", ["us-east-1a"]],
      ["10.0.1.0/24", "public", ["us-east-1b"]],
      ["10.0.100.0/24", "private", ["us-east-1a"]],
      ["10.0.101.0/24", "private", ["us-east-1b"]],
    ]);
    for (const id of ["posts_service", "threads_service", "users_service"]) {
      expect(byId(graph, id)).toMatchObject({
        kind: "container",
        attributes: { subnetTier: "private", minCapacity: 2, maxCapacity: 10, cpu: 256, memory: 512, ports: [3000] },
      });
    }
    expect(byId(graph, "postsService").attributes).toMatchObject({ scalingTargetCpu: 70, scalingTargetMemory: 80 });
    expect(byId(graph, "posts_service").evidence?.minCapacity).toMatchObject({ line: 72, column: 27 });
    expect(byId(graph, "alb").attributes).toMatchObject({ subnetTier: "public", ports: [80, 443], multiAz: true });
    expect(
      graph.relations
        .filter((r) => r.from === "alb" && r.view === "physical")
        .map((r) => [r.to, r.kind, r.path, r.ports]),
    ).toEqual([
      ["posts_service", "routes", "/api/posts*", [{ from: 3000, to: 3000 }]],
      ["threads_service", "routes", "/api/threads*", [{ from: 3000, to: 3000 }]],
      ["users_service", "routes", "/api/users*", [{ from: 3000, to: 3000 }]],
    ]);
    expect(ids(graph, "logical")).toContain("logs");
  });
});

describe("syntax tour", () => {
  const readTour = (name: string, diagrams?: "all") =>
    readDocuments(
      [{ file: name, text: fixture(`syntax-tour/docs/${name}`) }],
      diagrams ? { diagrams: { [name]: diagrams } } : {},
    );

  it("C4: every macro, front matter title, suppressions; mermaid-example is ignored", () => {
    const result = readTour("c4-tour.md");
    expect(result.documents[0]!.diagrams.map((d) => [d.header, d.title])).toEqual([
      ["C4Context", "C4 tour (front matter title)"],
    ]);
    expect(result.graph.diagnostics.map((d) => [d.code, d.source.line, d.source.column])).toEqual([
      ["doc-unknown-reference", 69, 24],
    ]);
    expect(result.suppressions.map((s) => [s.rule, s.source.line, s.scope])).toEqual([
      ["doc-unknown-reference", 5, { kind: "lines", file: "c4-tour.md", fromLine: 6, toLine: 70 }],
      ["doc-unknown-reference", 68, { kind: "lines", file: "c4-tour.md", fromLine: 68, toLine: 69 }],
    ]);
    const kinds = Object.fromEntries(result.graph.elements.map((e) => [e.id, e.kind]));
    expect(kinds).toMatchObject({
      customer: "person",
      auditor: "person",
      ledger: "database",
      jobs: "queue",
      bank: "external-system",
      orders_db: "database",
      order_queue: "queue",
      cdn_ext: "external-system",
      report_store: "object-storage",
      region: "network",
      worker: "container",
      edge_lb: "load-balancer",
    });
    expect(result.graph.elements).toHaveLength(30);
    expect(byId(result.graph, "worker").attributes).toMatchObject({
      subnetTier: "private",
      availabilityZones: ["eu-west-1a"],
      region: "eu-west-1",
      minCapacity: 1,
      maxCapacity: 4,
      cpu: 512,
      memory: 1024,
    });
    expect(byId(result.graph, "private_a").attributes.cidr).toBe("10.1.10.0/24");
    const rels = result.graph.relations.map((r) => `${r.from}>${r.to}`);
    expect(rels).toEqual(
      expect.arrayContaining(["api>orders_db", "orders_db>api", "reporter>report_jobs", "auditor>shop"]),
    );
    expect(rels).toHaveLength(14);
  });

  it("flowchart: every shape, link, subgraph form, ~~~~ fence in a list and ::: mermaid", () => {
    const result = readTour("flowchart-tour.md", "all");
    expect(result.graph.diagnostics).toEqual([]);
    expect(result.documents[0]!.diagrams.map((d) => [d.header, d.source.line, d.source.column])).toEqual([
      ["flowchart LR", 8, 3],
      ["graph BT", 22, 1],
      ["flowchart RL", 52, 1],
    ]);
    expect(result.graph.elements).toHaveLength(50);
    expect(byId(result.graph, "o")).toMatchObject({
      label: "Orders DB",
      kind: "database",
      source: { line: 17, column: 7 },
    });
    expect(byId(result.graph, "q").label).toBe("quoted label");
    expect(byId(result.graph, "n1").parent).toBe("inner");
    expect(result.graph.relations).toHaveLength(35);
  });

  it("architecture-beta: groups are boundaries, icons give kinds", () => {
    const { graph } = readTour("architecture-tour.md");
    expect(graph.diagnostics).toEqual([]);
    expect(byId(graph, "db")).toMatchObject({ kind: "database", attributes: { subnetTier: "private", vpc: "vpc" } });
    expect(byId(graph, "bucket").kind).toBe("object-storage");
    expect(byId(graph, "cloud")).toMatchObject({ kind: "network", boundary: true });
    expect(graph.relations.map((r) => `${r.from}>${r.to}`)).toEqual([
      "api>db",
      "api>fork",
      "bucket>fork",
      "api>bucket",
    ]);
  });

  it("bare Mermaid file with two diagrams and front matter between them", () => {
    const result = readDocuments([{ file: "landscape.mmd", text: fixture("syntax-tour/docs/landscape.mmd") }]);
    expect(result.documents[0]).toMatchObject({ format: "mermaid" });
    expect(result.documents[0]!.diagrams.map((d) => [d.header, d.title, d.lines])).toEqual([
      ["C4Context", "System landscape", { from: 2, to: 6 }],
      ["flowchart TD", "Tools deployment", { from: 7, to: 12 }],
    ]);
    expect(byId(result.graph, "tools_host").attributes.subnetTier).toBe("private");
  });
});

describe("element names", () => {
  it("a multi-line flowchart label keeps its whole text as label and its first line as name", () => {
    const { graph } = read("posts-services");
    const service = byId(graph, "posts_service");
    expect(service.label).toBe("Posts ECS Service 2-10 tasks, 0.25 vCPU, 512 MB Tasks SG: port 3000 from ALB SG only");
    expect(service.name).toBe("Posts ECS Service");
    // A one-line label is its own name.
    expect(byId(graph, "postsService").name).toBeUndefined();
  });
});
