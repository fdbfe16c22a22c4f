/** Mapping stays linear in the resources: 10,000 resources × 100 components well under a second. */
import { describe, expect, it } from "vitest";
import { mapElements } from "../../src/mapping/index.js";
import type { Element, ElementKind, Graph } from "../../src/model/graph.js";
import { doc, graph, resource } from "../rules/builders.js";

const WORDS = Array.from({ length: 200 }, (_, i) => `w${i.toString(36)}x${(i * 7919).toString(36)}`);

const TYPES: [string, ElementKind][] = [
  ["aws_ecs_service", "container"],
  ["aws_db_instance", "database"],
  ["aws_sqs_queue", "queue"],
  ["aws_sns_topic", "topic"],
  ["aws_s3_bucket", "object-storage"],
  ["aws_lambda_function", "function"],
  ["aws_elasticache_replication_group", "cache"],
  ["aws_instance", "compute"],
];

function actualGraph(count: number): Graph {
  const elements: Element[] = [];
  for (let i = 0; i < count; i++) {
    const [type, kind] = TYPES[i % TYPES.length]!;
    const name = `${WORDS[i % WORDS.length]}_${WORDS[(i * 31) % WORDS.length]}_${i}`;
    elements.push(
      resource(`${type}.${name}`, type, kind, i + 1, { attributes: { tags: { Name: name.replace(/_/g, "-") } } }),
    );
  }
  return graph(elements);
}

function documentedGraph(): Graph {
  const elements: Element[] = [];
  for (let i = 0; i < 100; i++) {
    const [, kind] = TYPES[i % TYPES.length]!;
    elements.push(doc(`c${i}`, kind, `${WORDS[(i * 3) % WORDS.length]} ${WORDS[(i * 93) % WORDS.length]} ${i}`, i + 1));
  }
  return graph(elements);
}

function fastest(run: () => void, times = 3): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

describe("mapping scale", () => {
  it("maps 100 components against 10,000 resources in well under 1 s, time growing linearly", () => {
    const documented = documentedGraph();
    const small = actualGraph(2_500);
    const large = actualGraph(10_000);
    mapElements(documented, large); // warm-up
    const smallMs = fastest(() => mapElements(documented, small), 5);
    const largeMs = fastest(() => mapElements(documented, large), 5);
    console.info(
      `mapElements, 100 components: 2,500 resources ${smallMs.toFixed(1)} ms, 10,000 resources ${largeMs.toFixed(1)} ms`,
    );
    expect(largeMs).toBeLessThan(1000);
    // Four times the resources: about four times the time when linear, sixteen when quadratic
    // (the bound leaves room for a busy machine).
    expect(largeMs / smallMs).toBeLessThan(10);
    const mapping = mapElements(documented, large);
    expect(mapping.pairs.length + mapping.ambiguous.length).toBeGreaterThan(50);
  });
});
