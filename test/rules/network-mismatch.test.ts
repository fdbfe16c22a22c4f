import { describe, expect, it } from "vitest";
import type { Element, IngressRule } from "../../src/model/graph.js";
import type { ViewLink } from "../../src/model/mapping.js";
import { at, check, DOC, doc, evidence, graph, mapping, plumbing, resource, shape, TF } from "./builders.js";

function docSubnet(id: string, label: string, cidr: string, zone: string, line: number): Element {
  return doc(id, "network", label, line, {
    boundary: true,
    attributes: { cidr, availabilityZones: [zone], subnetTier: /public/i.test(label) ? "public" : "private" },
    evidence: { cidr: evidence(DOC, line + 1, 7, `"${cidr}"`) },
  });
}

function subnet(
  id: string,
  cidr: string | { unknown: string },
  zone: string,
  tier: "public" | "private",
  line: number,
) {
  return plumbing(id, "aws_subnet", "network", line, {
    attributes: { cidr, availabilityZones: [zone], subnetTier: tier },
    evidence: { cidr: evidence(TF, line + 2, 3, "cidr_block") },
  });
}

const documented = graph([
  doc("vpc", "network", "VPC", 60, {
    boundary: true,
    attributes: { cidr: "10.0.0.0/16" },
    evidence: { cidr: evidence(DOC, 60, 9, '"VPC: 10.0.0.0/16"') },
  }),
  docSubnet("public_a", "Public Subnet", "10.0.0.0/24", "us-east-1a", 66),
  docSubnet("private_a", "Private Subnet", "10.0.100.0/24", "us-east-1a", 66),
  docSubnet("public_b", "Public Subnet", "10.0.1.0/24", "us-east-1b", 80),
  docSubnet("private_b", "Private Subnet", "10.0.101.0/24", "us-east-1b", 80),
  doc("posts", "container", "Posts Service", 20, {
    attributes: { ports: [3000], ingress: [{ ports: { from: 3000, to: 3000 }, cidrs: [], fromGroups: ["alb"] }] },
    evidence: { ingress: evidence(DOC, 300, 3, '"Tasks: 3000 from ALB SG only"') },
  }),
]);

function network(vpcCidr: string, privateA: string | { unknown: string }): Element[] {
  return [
    plumbing("aws_vpc.main", "aws_vpc", "network", 1, {
      attributes: { cidr: vpcCidr },
      evidence: { cidr: evidence(TF, 2, 3, "cidr_block") },
    }),
    subnet("aws_subnet.public[0]", "10.0.0.0/24", "us-east-1a", "public", 10),
    subnet("aws_subnet.public[1]", "10.0.1.0/24", "us-east-1b", "public", 10),
    subnet("aws_subnet.private[0]", privateA, "us-east-1a", "private", 20),
    subnet("aws_subnet.private[1]", "10.0.101.0/24", "us-east-1b", "private", 20),
  ];
}

describe("network-mismatch", () => {
  it("is quiet when every documented block exists", () => {
    expect(check("network-mismatch", documented, graph(network("10.0.0.0/16", "10.0.100.0/24")), mapping({}))).toEqual(
      [],
    );
  });

  it("pairs a documented subnet block with the subnet of its tier and zone that has another block", () => {
    const findings = check("network-mismatch", documented, graph(network("10.1.0.0/16", "10.0.10.0/24")), mapping({}));
    expect(findings.map(shape)).toEqual([
      {
        ruleId: "network-mismatch",
        level: "warning",
        location: `${TF}:2:3`,
        component: "vpc",
        resource: "aws_vpc.main",
        related: [`${DOC}:60:9`],
      },
      {
        ruleId: "network-mismatch",
        level: "warning",
        location: `${TF}:22:3`,
        component: "private_a",
        resource: "aws_subnet.private[0]",
        related: [`${DOC}:67:7`],
      },
    ]);
    expect(findings[1]!.message).toBe(
      'subnet aws_subnet.private[0] has CIDR block 10.0.10.0/24, but the architecture documents "Private Subnet" (private_a) as 10.0.100.0/24',
    );
  });

  it("notes a subnet whose block is unresolved", () => {
    const findings = check(
      "network-mismatch",
      documented,
      graph(network("10.0.0.0/16", { unknown: "cidrsubnet(var.vpc_cidr, 8, 100)" })),
      mapping({}),
    );
    expect(findings.map((finding) => [finding.level, finding.resource])).toEqual([["note", "aws_subnet.private[0]"]]);
  });

  it("reports documented ports the resource does not use, and a port open to the world that the documents restrict, at the rule", () => {
    const actual = graph([
      resource("aws_ecs_service.posts", "aws_ecs_service", "container", 100, {
        attributes: { ports: [8080], securityGroups: ["aws_security_group.tasks"] },
        evidence: { ports: evidence(TF, 104, 7, "containerPort = 8080") },
      }),
      plumbing("aws_security_group.tasks", "aws_security_group", "network", 120, {
        attributes: {
          ingress: [
            {
              ports: { from: 3000, to: 3000, protocol: "tcp" },
              cidrs: ["0.0.0.0/0"],
              fromGroups: [],
              source: at(TF, 124, 5),
            },
          ],
        },
      }),
    ]);
    const alb = doc("alb", "load-balancer", "Application Load Balancer", 5);
    const findings = check(
      "network-mismatch",
      graph([documented.elements.at(-1)!, alb]),
      actual,
      mapping({ posts: ["aws_ecs_service.posts"] }),
    );
    expect(findings.map(shape)).toEqual([
      {
        ruleId: "network-mismatch",
        level: "warning",
        location: `${TF}:104:7`,
        component: "posts",
        resource: "aws_ecs_service.posts",
        related: [`${DOC}:20:5`],
      },
      {
        ruleId: "network-mismatch",
        level: "warning",
        location: `${TF}:124:5`,
        component: "posts",
        resource: "aws_ecs_service.posts",
        related: [`${DOC}:300:3`],
      },
    ]);
    expect(findings.map((finding) => finding.message)).toEqual([
      'ECS service aws_ecs_service.posts does not use port 3000 (it has 8080), but the architecture documents "Posts Service" (posts) on 3000',
      'ECS service aws_ecs_service.posts allows port 3000 from 0.0.0.0/0, but the architecture documents "Posts Service" (posts) as reachable on port 3000 from "Application Load Balancer" (alb)',
    ]);
  });

  it("notes a documented port no rule covers when a rule has unresolved parts", () => {
    const actual = graph([
      resource("aws_ecs_service.posts", "aws_ecs_service", "container", 100, {
        attributes: { securityGroups: ["aws_security_group.tasks"], openIngress: [] },
        evidence: { securityGroups: evidence(TF, 106, 5, "security_groups") },
      }),
      plumbing("aws_security_group.tasks", "aws_security_group", "network", 120, {
        attributes: {
          ingress: [
            { ports: { from: 0, to: 0 }, cidrs: [], fromGroups: [], unknown: "var.app_port", source: at(TF, 124, 5) },
          ],
        },
      }),
    ]);
    const findings = check(
      "network-mismatch",
      graph([documented.elements.at(-1)!]),
      actual,
      mapping({ posts: ["aws_ecs_service.posts"] }),
    );
    expect(findings.map((finding) => [finding.level, finding.location.line])).toEqual([["note", 106]]);
    expect(findings[0]!.message).toContain("var.app_port could not be resolved");
  });

  describe("documented sources through the mapping", () => {
    const GROUP_LINE = 120;
    function ingressCase(
      documentedRule: IngressRule,
      tasksIngress: IngressRule[],
      pairs: Record<string, string[]> = { posts: ["aws_ecs_service.posts"], alb: ["aws_lb.main"] },
      viewLinks: ViewLink[] = [],
    ) {
      const documented = graph([
        doc("alb", "load-balancer", "Application Load Balancer", 5),
        doc("loadBalancer", "load-balancer", "Load Balancer", 3, { view: "logical" }),
        doc("posts", "container", "Posts Service", 20, {
          attributes: { ingress: [documentedRule] },
          evidence: { ingress: evidence(DOC, 20, 14, '"port 3000 from ALB SG only"') },
        }),
      ]);
      const actual = graph([
        resource("aws_lb.main", "aws_lb", "load-balancer", 1, {
          attributes: { securityGroups: ["aws_security_group.alb"], openIngress: [] },
        }),
        resource("aws_ecs_service.posts", "aws_ecs_service", "container", 100, {
          attributes: { securityGroups: ["aws_security_group.tasks"], openIngress: [] },
          evidence: { securityGroups: evidence(TF, 106, 5, "security_groups") },
        }),
        plumbing("aws_security_group.alb", "aws_security_group", "network", 110, { attributes: { ingress: [] } }),
        plumbing("aws_security_group.tasks", "aws_security_group", "network", GROUP_LINE, {
          attributes: { ingress: tasksIngress },
        }),
      ]);
      return check("network-mismatch", documented, actual, mapping(pairs, { viewLinks }));
    }
    const fromAlbOnly: IngressRule = { ports: { from: 3000, to: 3000 }, cidrs: [], fromGroups: ["alb"], only: true };
    const albRule: IngressRule = {
      ports: { from: 3000, to: 3000, protocol: "tcp" },
      cidrs: [],
      fromGroups: ["aws_security_group.alb"],
      source: at(TF, 124, 3),
    };
    const bastionRule: IngressRule = {
      ports: { from: 3000, to: 3000, protocol: "tcp" },
      cidrs: [],
      fromGroups: ["aws_security_group.bastion"],
      source: at(TF, 132, 3),
    };

    it("is quiet when the rule admits the mapped source's security group", () => {
      expect(ingressCase(fromAlbOnly, [albRule])).toEqual([]);
    });

    it('"only": another group on the port is reported at its rule', () => {
      const findings = ingressCase(fromAlbOnly, [albRule, bastionRule]);
      expect(findings.map(shape)).toEqual([
        {
          ruleId: "network-mismatch",
          level: "warning",
          location: `${TF}:132:3`,
          component: "posts",
          resource: "aws_ecs_service.posts",
          related: [`${DOC}:20:14`],
        },
      ]);
      expect(findings[0]!.message).toBe(
        'ECS service aws_ecs_service.posts allows port 3000 from aws_security_group.bastion, but the architecture documents "Posts Service" (posts) as reachable on port 3000 from "Application Load Balancer" (alb) only',
      );
    });

    it('without "only", another group is allowed; the world is not', () => {
      const { only: _, ...fromAlb } = fromAlbOnly;
      expect(ingressCase(fromAlb, [albRule, bastionRule])).toEqual([]);
      const world = { ...bastionRule, cidrs: ["0.0.0.0/0"], fromGroups: [] };
      expect(ingressCase(fromAlb, [albRule, world]).map((finding) => finding.location.line)).toEqual([132]);
    });

    it("the documented source admitted by no rule: at the resource's security groups", () => {
      const other = { ...albRule, fromGroups: ["aws_security_group.tasks"] };
      const findings = ingressCase(fromAlbOnly, [other]);
      expect(findings.map((finding) => [finding.level, finding.location.line, finding.location.column])).toEqual([
        ["warning", 124, 3],
      ]);
      expect(findings[0]!.message).toBe(
        'ECS service aws_ecs_service.posts allows port 3000 from aws_security_group.tasks and nothing on port 3000 from "Application Load Balancer" (alb), but the architecture documents "Posts Service" (posts) as reachable on port 3000 from "Application Load Balancer" (alb) only',
      );
      const none = ingressCase({ ...fromAlbOnly, only: false }, [other]);
      expect(none.map((finding) => [finding.location.line, finding.location.column])).toEqual([[106, 5]]);
      expect(none[0]!.message).toMatch(
        /^ECS service aws_ecs_service.posts allows nothing on port 3000 from "Application/,
      );
    });

    it("an unmapped source or an unresolved documented name checks only what is known", () => {
      // alb maps to nothing: neither "admitted" nor "only" can be decided for groups.
      expect(ingressCase(fromAlbOnly, [bastionRule], { posts: ["aws_ecs_service.posts"] })).toEqual([]);
      const unresolved: IngressRule = { ...fromAlbOnly, fromGroups: [], unknown: "Bastion SG" };
      expect(ingressCase(unresolved, [bastionRule])).toEqual([]);
      const world = { ...bastionRule, cidrs: ["0.0.0.0/0"], fromGroups: [] };
      expect(ingressCase(unresolved, [world]).map((finding) => finding.location.line)).toEqual([132]);
    });

    it("a source that maps to nothing itself is mapped through its counterpart in the other view", () => {
      const pairs = { posts: ["aws_ecs_service.posts"], loadBalancer: ["aws_lb.main"] };
      const link: ViewLink = { logical: "loadBalancer", physical: "alb", evidence: "test" };
      expect(ingressCase(fromAlbOnly, [albRule], pairs, [link])).toEqual([]);
      expect(ingressCase(fromAlbOnly, [albRule, bastionRule], pairs).map((finding) => finding.location.line)).toEqual(
        [],
      );
      expect(
        ingressCase(fromAlbOnly, [albRule, bastionRule], pairs, [link]).map((finding) => finding.location.line),
      ).toEqual([132]);
    });

    it('documented CIDR sources: some rule must admit the block; with "only", no block outside it', () => {
      const fromVpc: IngressRule = {
        ports: { from: 3000, to: 3000 },
        cidrs: ["10.0.0.0/16"],
        fromGroups: [],
        only: true,
      };
      const subnetRule = { ...bastionRule, cidrs: ["10.0.100.0/24"], fromGroups: [] };
      expect(ingressCase(fromVpc, [subnetRule]).map((finding) => finding.message)).toEqual([
        'ECS service aws_ecs_service.posts allows nothing on port 3000 from 10.0.0.0/16, but the architecture documents "Posts Service" (posts) as reachable on port 3000 from 10.0.0.0/16 only',
      ]);
      const vpcRule = { ...bastionRule, cidrs: ["10.0.0.0/16"], fromGroups: [] };
      const outside = { ...bastionRule, cidrs: ["192.168.0.0/24"], fromGroups: [], source: at(TF, 140, 3) };
      expect(ingressCase(fromVpc, [vpcRule])).toEqual([]);
      expect(ingressCase(fromVpc, [vpcRule, outside]).map((finding) => finding.location.line)).toEqual([140]);
    });
  });
});
