/** Documented security group ingress: statements, sources resolved to element ids, evidence. */
import { describe, expect, it } from "vitest";
import { readDocuments } from "../../src/docs/index.js";
import { ingressStatements } from "../../src/docs/ingress.js";
import { byId, fixture } from "./helpers.js";

const readText = (text: string, file = "d.mmd") => readDocuments([{ file, text }]).graph;

describe("ingress statements", () => {
  it("reads ports, sources and 'only' in the ways people write them", () => {
    expect(ingressStatements("Tasks SG: port 3000 from ALB SG only")).toEqual([
      { text: "port 3000 from ALB SG only", ports: [{ from: 3000, to: 3000 }], sources: ["ALB SG"], only: true },
    ]);
    expect(ingressStatements("Internet-facing. Ports 80/443 from 0.0.0.0/0.")).toEqual([
      {
        text: "Ports 80/443 from 0.0.0.0/0",
        ports: [
          { from: 80, to: 80 },
          { from: 443, to: 443 },
        ],
        sources: ["0.0.0.0/0"],
        only: false,
      },
    ]);
    expect(ingressStatements("Allow TCP 8080-8090 only from App SG and Bastion SG (debugging)")).toEqual([
      {
        text: "Allow TCP 8080-8090 only from App SG and Bastion SG (debugging)",
        ports: [{ from: 8080, to: 8090, protocol: "tcp" }],
        sources: ["App SG", "Bastion SG"],
        only: true,
      },
    ]);
    expect(ingressStatements("port 5432 from App SG; port 22 from 10.0.0.0/16 only").map((s) => s.sources)).toEqual([
      ["App SG"],
      ["10.0.0.0/16"],
    ]);
  });

  it("ignores ports without a source, and sources without ports", () => {
    expect(ingressStatements("2-10 tasks, 0.25 vCPU, 512 MB, port 3000. Scales at 70% CPU.")).toEqual([]);
    expect(ingressStatements("Pulls images from ECR")).toEqual([]);
    expect(ingressStatements("Routes traffic from the internet")).toEqual([]);
  });
});

describe("documented ingress in the graph", () => {
  it("posts-services: each service's port 3000 from the ALB only, the ALB open on 80/443", () => {
    const { graph } = readDocuments([
      { file: "docs/architecture.md", text: fixture("posts-services/docs/architecture.md") },
    ]);
    for (const [id, line, column] of [
      ["posts_service", 72, 27],
      ["threads_service", 73, 29],
      ["users_service", 74, 27],
    ] as const) {
      expect(byId(graph, id).attributes.ingress, id).toEqual([
        { ports: { from: 3000, to: 3000 }, cidrs: [], fromGroups: ["alb"], only: true },
      ]);
      expect(byId(graph, id).evidence?.ingress, id).toEqual({
        file: "docs/architecture.md",
        line,
        column,
        message: 'documented as "port 3000 from ALB SG only"',
      });
    }
    const open = [
      { ports: { from: 80, to: 80 }, cidrs: ["0.0.0.0/0"], fromGroups: [] },
      { ports: { from: 443, to: 443 }, cidrs: ["0.0.0.0/0"], fromGroups: [] },
    ];
    expect(byId(graph, "alb").attributes.ingress).toEqual(open);
    expect(byId(graph, "alb").evidence?.ingress).toMatchObject({ line: 51, column: 13 });
    expect(byId(graph, "loadBalancer").attributes.ingress).toEqual(open);
    expect(byId(graph, "loadBalancer").evidence?.ingress).toMatchObject({ line: 16, column: 79 });
  });

  it("resolves a source by the group an element declares, its id, its name or its initials", () => {
    const graph = readText(
      [
        "graph TB",
        '  lb["Application Load Balancer (public)"]',
        '  bastion["Bastion Host<br/>Admin SG: port 22 from 203.0.113.0/24 only"]',
        '  app["App Server<br/>App SG: port 8080 from ALB SG; port 22 from Admin SG only"]',
        '  db[("Database<br/>port 5432 from App Server only, port 9187 from the monitoring")]',
        '  vpc["VPC 10.0.0.0/16"]',
        '  cache["Cache<br/>port 6379 from VPC CIDR only; port 11211 from itself"]',
      ].join("\n"),
    );
    expect(byId(graph, "bastion").attributes.ingress).toEqual([
      { ports: { from: 22, to: 22 }, cidrs: ["203.0.113.0/24"], fromGroups: [], only: true },
    ]);
    expect(byId(graph, "app").attributes.ingress).toEqual([
      { ports: { from: 8080, to: 8080 }, cidrs: [], fromGroups: ["lb"] },
      { ports: { from: 22, to: 22 }, cidrs: [], fromGroups: ["bastion"], only: true },
    ]);
    expect(byId(graph, "db").attributes.ingress).toEqual([
      { ports: { from: 5432, to: 5432 }, cidrs: [], fromGroups: ["app"], only: true },
      { ports: { from: 9187, to: 9187 }, cidrs: [], fromGroups: [], unknown: "the monitoring" },
    ]);
    expect(byId(graph, "cache").attributes.ingress).toEqual([
      { ports: { from: 6379, to: 6379 }, cidrs: ["10.0.0.0/16"], fromGroups: [], only: true },
      { ports: { from: 11211, to: 11211 }, cidrs: [], fromGroups: ["cache"] },
    ]);
  });

  it("a group several elements declare is all of them; an ambiguous name stays unresolved", () => {
    const graph = readText(
      [
        "graph TB",
        '  posts["Posts<br/>Tasks SG: port 3000 from ALB SG"]',
        '  users["Users<br/>Tasks SG: port 3000 from ALB SG"]',
        '  alb_a["ALB"]',
        '  alb_b["ALB"]',
        '  redis["Redis<br/>port 6379 from Tasks SG only"]',
      ].join("\n"),
    );
    expect(byId(graph, "redis").attributes.ingress).toEqual([
      { ports: { from: 6379, to: 6379 }, cidrs: [], fromGroups: ["posts", "users"], only: true },
    ]);
    expect(byId(graph, "posts").attributes.ingress).toEqual([
      { ports: { from: 3000, to: 3000 }, cidrs: [], fromGroups: [], unknown: "ALB SG" },
    ]);
  });

  it("source ids follow the physical element when both views share an id", () => {
    const text = [
      "```mermaid",
      "C4Container",
      'Container(alb, "ALB", "Application Load Balancer")',
      'Container(api, "API", "Go", "port 8080 from ALB SG only")',
      "```",
      "",
      "```mermaid",
      "graph TB",
      '  alb["Application Load Balancer"]',
      '  api["API<br/>port 8080 from ALB SG only"]',
      "```",
    ].join("\n");
    const graph = readText(text, "a.md");
    expect(byId(graph, "api").attributes.ingress?.[0]?.fromGroups).toEqual(["alb"]);
    expect(byId(graph, "api@physical").attributes.ingress?.[0]?.fromGroups).toEqual(["alb@physical"]);
  });
});
