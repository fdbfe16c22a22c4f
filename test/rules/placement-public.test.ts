import { describe, expect, it } from "vitest";
import { at, check, DOC, doc, evidence, graph, mapping, resource, shape, TF } from "./builders.js";

const privateSubnet = evidence(DOC, 48, 13, 'documented in "EC2 Instance (Private Subnet)"');

const documented = graph([
  doc("host", "compute", "EC2 Instance (Private Subnet)", 48, {
    boundary: true,
    attributes: { subnetTier: "private" },
    evidence: { subnetTier: privateSubnet },
  }),
  doc("docker", "boundary", "Docker", 49, { boundary: true, parent: "host" }),
  doc("post_container", "container", "Post Service Container", 51, { parent: "docker" }),
  doc("lb", "load-balancer", "Internal ALB", 60, { attributes: { internal: true } }),
  doc("edge_lb", "load-balancer", "Public ALB", 61, {
    attributes: { subnetTier: "public" },
    evidence: { subnetTier: evidence(DOC, 59, 5, 'documented in "Public Subnets"') },
  }),
  doc("db", "database", "Orders DB", 70, { description: "Internal-only PostgreSQL for the order service" }),
  doc("cache", "cache", "Cache", 80),
]);

function instance(publicValue: boolean | { unknown: string }) {
  return resource("aws_instance.app", "aws_instance", "compute", 10, {
    attributes: {
      public: publicValue,
      publicIp: true,
      openIngress: [
        { ports: { from: 22, to: 22, protocol: "tcp" }, cidrs: ["0.0.0.0/0"], fromGroups: [] },
        { ports: { from: 0, to: 65535, protocol: "-1" }, cidrs: ["::/0"], fromGroups: [] },
      ],
    },
    evidence: {
      publicIp: evidence(TF, 14, 3, "associate_public_ip_address = true"),
      subnetTier: evidence(TF, 12, 3, "subnet aws_subnet.public[0] routes 0.0.0.0/0 to aws_internet_gateway.main"),
      public: evidence(TF, 12, 3, "public IP in a subnet routed to an internet gateway"),
    },
    moduleCall: at(TF, 90, 1),
  });
}

const map = mapping({
  host: ["aws_instance.app"],
  post_container: ["aws_instance.app"],
  lb: ["aws_lb.internal"],
  edge_lb: ["aws_lb.edge"],
  db: ["aws_db_instance.orders"],
  cache: ["aws_elasticache_cluster.c"],
});

describe("placement-public", () => {
  it("reports a reachable instance documented in a private subnet, at the public IP, naming conditions and exposure", () => {
    const findings = check("placement-public", documented, graph([instance(true)]), map);
    expect(findings.map(shape)).toEqual([
      {
        ruleId: "placement-public",
        level: "error",
        location: `${TF}:14:3`,
        component: "post_container",
        resource: "aws_instance.app",
        related: [`${DOC}:48:13`, `${TF}:90:1`],
      },
    ]);
    expect(findings[0]!.message).toBe(
      'EC2 instance aws_instance.app is reachable from the internet (associate_public_ip_address = true; subnet aws_subnet.public[0] routes 0.0.0.0/0 to aws_internet_gateway.main), and exposed by security group ingress port 22 from 0.0.0.0/0, all ports from ::/0, but the architecture places "Post Service Container" (post_container) in a private subnet',
    );
    expect(findings[0]!.related[0]!.message).toBe('documented in "EC2 Instance (Private Subnet)"');
    expect(findings[0]!.attributePath).toBe("public");
  });

  it("gives a note, never an error, when reachability is unresolved", () => {
    const findings = check("placement-public", documented, graph([instance({ unknown: "var.assign_public_ip" })]), map);
    expect(findings.map((finding) => [finding.level, finding.location.line])).toEqual([["note", 14]]);
    expect(findings[0]!.message).toContain(
      'var.assign_public_ip could not be resolved; give its value with "variables" or "tfvars"',
    );
  });

  it("does not report an open security group on an instance that is not reachable", () => {
    expect(check("placement-public", documented, graph([instance(false)]), map)).toEqual([]);
  });

  it("reports an internet-facing load balancer documented as internal, not one documented at the edge", () => {
    const lbs = graph([
      resource("aws_lb.internal", "aws_lb", "load-balancer", 30, {
        attributes: { public: true, internal: false },
        evidence: { internal: evidence(TF, 32, 3, "internal = false") },
      }),
      resource("aws_lb.edge", "aws_lb", "load-balancer", 40, { attributes: { public: true, internal: false } }),
    ]);
    const findings = check("placement-public", documented, lbs, map);
    expect(findings.map(shape)).toEqual([
      {
        ruleId: "placement-public",
        level: "error",
        location: `${TF}:32:3`,
        component: "lb",
        resource: "aws_lb.internal",
        related: [`${DOC}:60:5`],
      },
    ]);
    expect(findings[0]!.message).toBe(
      'load balancer aws_lb.internal is internet-facing (internal = false), but the architecture documents "Internal ALB" (lb) as internal',
    );
  });

  it("reports a publicly accessible database described as internal, and nothing for undocumented placement", () => {
    const actual = graph([
      resource("aws_db_instance.orders", "aws_db_instance", "database", 50, { attributes: { public: true } }),
      resource("aws_elasticache_cluster.c", "aws_elasticache_cluster", "cache", 60, { attributes: { public: true } }),
    ]);
    const findings = check("placement-public", documented, actual, map);
    expect(findings.map((finding) => [finding.component, finding.location.line])).toEqual([["db", 50]]);
    expect(findings[0]!.message).toBe(
      'RDS instance aws_db_instance.orders is reachable from the internet (publicly accessible in a subnet group with a public subnet), but the architecture describes "Orders DB" (db) as internal',
    );
  });

  it("points at the resource's own subnet setting when the public address comes from the subnet", () => {
    const moved = resource("aws_instance.app", "aws_instance", "compute", 68, {
      file: "compute.tf",
      attributes: { public: true, publicIp: true },
      evidence: {
        subnets: evidence("compute.tf", 71, 3, "subnet_id"),
        subnetTier: evidence(
          "compute.tf",
          71,
          3,
          "aws_subnet.public[0] public: route 0.0.0.0/0 → aws_internet_gateway.this",
        ),
        publicIp: evidence("modules/network/main.tf", 25, 3, "aws_subnet.public[0]: map_public_ip_on_launch = true"),
      },
    });
    const next = resource("aws_instance.monitoring", "aws_instance", "compute", 100, { file: "compute.tf" });
    const findings = check("placement-public", documented, graph([moved, next]), map);
    expect(
      findings.map((finding) => `${finding.location.file}:${finding.location.line}:${finding.location.column}`),
    ).toEqual(["compute.tf:71:3"]);
    expect(findings[0]!.message).toContain(
      "(aws_subnet.public[0]: map_public_ip_on_launch = true; aws_subnet.public[0] public: route 0.0.0.0/0 → aws_internet_gateway.this)",
    );
  });
});
