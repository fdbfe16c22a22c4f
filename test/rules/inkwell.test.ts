/** Mapping and rules together on InkWell: conforming code is clean, each drift gives exactly its finding. */
import { describe, expect, it } from "vitest";
import { mapElements } from "../../src/mapping/index.js";
import type { Element, Graph } from "../../src/model/graph.js";
import { runRules } from "../../src/rules/index.js";
import { inkwellDocs, inkwellTerraform } from "../mapping/inkwell.js";
import { DOC, evidence, resource, shape, TF } from "./builders.js";

function run(actual: Graph) {
  const documented = inkwellDocs();
  return runRules({ documented, actual, mapping: mapElements(documented, actual), command: "check" }).findings;
}

function edit(change: (elements: Map<string, Element>, graph: Graph) => void): Graph {
  const actual = inkwellTerraform();
  change(new Map(actual.elements.map((element) => [element.id, element])), actual);
  return actual;
}

describe("InkWell: docs against Terraform", () => {
  it("conforming Terraform gives no finding", () => {
    expect(run(inkwellTerraform())).toEqual([]);
  });

  it("the read replica removed: replica-missing at the primary, for the documented replica", () => {
    const actual = edit((byId, graph) => {
      graph.elements = graph.elements.filter((element) => element.id !== "aws_db_instance.replica");
      graph.relations = graph.relations.filter((item) => item.from !== "aws_db_instance.replica");
      byId.get("aws_db_instance.primary")!.attributes.replicas = [];
    });
    expect(run(actual).map(shape)).toEqual([
      {
        ruleId: "replica-missing",
        level: "error",
        location: `${TF}:30:1`,
        component: "db_replica",
        resource: "aws_db_instance.primary",
        related: [`${DOC}:61:17`, `${DOC}:59:5`],
      },
    ]);
  });

  it("the app instance given a public IP in a public subnet: placement-public for the container", () => {
    const actual = edit((byId) => {
      const app = byId.get("aws_instance.app")!;
      app.attributes.public = true;
      app.attributes.publicIp = true;
      app.evidence = { publicIp: evidence(TF, 13, 3, "associate_public_ip_address = true") };
    });
    expect(run(actual).map(shape)).toEqual([
      {
        ruleId: "placement-public",
        level: "error",
        location: `${TF}:13:3`,
        component: "post_container",
        resource: "aws_instance.app",
        related: [`${DOC}:48:13`],
      },
    ]);
  });

  it("the cache deleted: component-missing for Redis only (the logical Job Queue is its counterpart)", () => {
    const actual = edit((_, graph) => {
      graph.elements = graph.elements.filter((element) => element.kind !== "cache");
      graph.relations = graph.relations.filter((item) => !item.to.includes("elasticache"));
    });
    expect(run(actual).map((finding) => [finding.ruleId, finding.component, finding.location.line])).toEqual([
      ["component-missing", "redis", 65],
    ]);
  });

  it("an undocumented queue added: resource-undocumented, and the Job Queue does not take it", () => {
    const actual = edit((_, graph) => {
      graph.elements.push(resource("aws_sqs_queue.audit", "aws_sqs_queue", "queue", 200));
    });
    expect(run(actual).map((finding) => [finding.ruleId, finding.resource, finding.location.line])).toEqual([
      ["resource-undocumented", "aws_sqs_queue.audit", 200],
    ]);
  });
});
