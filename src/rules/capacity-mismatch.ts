import { type Element, isUnknown, type Tri } from "../model/graph.js";
import {
  describeDoc,
  describeResource,
  docEvidence,
  findingAt,
  ruleIndex,
  unresolvedFix,
  unresolvedHint,
} from "./support/index.js";
import type { Rule } from "./types.js";

type CapacityAttribute = "minCapacity" | "maxCapacity" | "desiredCapacity" | "cpu" | "memory";

const CAPACITY: { attribute: CapacityAttribute; name: string }[] = [
  { attribute: "desiredCapacity", name: "desired count" },
  { attribute: "minCapacity", name: "minimum capacity" },
  { attribute: "maxCapacity", name: "maximum capacity" },
  { attribute: "cpu", name: "CPU" },
  { attribute: "memory", name: "memory" },
];

/**
 * One unit per attribute: documents write "0.25 vCPU" and "1 GB", code writes 256 CPU units
 * and 1024 MiB. A value below 64 is read as vCPUs / GiB (no task or instance has less than 64
 * CPU units or MiB), anything else as CPU units / MiB.
 */
function normalise(attribute: CapacityAttribute, value: number): number {
  if ((attribute === "cpu" || attribute === "memory") && value < 64) return Math.round(value * 1024);
  return value;
}

function display(attribute: CapacityAttribute, value: number): string {
  if (attribute === "cpu") return `${value / 1024} vCPU`;
  if (attribute === "memory") return `${value} MiB`;
  return String(value);
}

function numberOf(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** The first documented element mapped to the resource that states the attribute. */
function documentedValue(
  components: Element[],
  attribute: CapacityAttribute,
): { component: Element; value: number } | undefined {
  for (const component of components) {
    const value = numberOf(component.attributes[attribute]);
    if (value !== undefined) return { component, value: normalise(attribute, value) };
  }
  return undefined;
}

export const capacityMismatch: Rule = {
  meta: {
    id: "capacity-mismatch",
    description: "The docs state capacity (counts, min/max, CPU, memory) and the actual values differ",
    defaultLevel: "warning",
    commands: ["check", "drift"],
    docs: {
      explanation:
        'Where the documents state capacity — task or instance counts ("2-10 tasks"), minimum and maximum of autoscaling, CPU and memory sizes ("0.25 vCPU, 512 MB") — the resource is compared: ECS desired count and the autoscaling target\'s min and max, task definition CPU and memory, Auto Scaling group sizes. Units are normalised (0.25 vCPU = 256 CPU units, 1 GB = 1024 MiB). Only stated facts are compared; an unresolved actual value gives a note.',
      drifted: [
        "Architecture: `ECS Service Posts (2-10 tasks, 0.25 vCPU, 512 MB)`",
        "",
        "```hcl",
        'resource "aws_appautoscaling_target" "posts" {',
        "  min_capacity = 2",
        "  max_capacity = 4",
        "}",
        "```",
      ].join("\n"),
      fixed: [
        "```hcl",
        'resource "aws_appautoscaling_target" "posts" {',
        "  min_capacity = 2",
        "  max_capacity = 10",
        "}",
        "```",
      ].join("\n"),
    },
  },
  check(context) {
    const index = ruleIndex(context);
    for (const { resource, components } of index.mappedResources) {
      for (const { attribute, name } of CAPACITY) {
        const documented = documentedValue(components, attribute);
        if (!documented) continue;
        const actual = resource.attributes[attribute] as Tri<number> | undefined;
        if (actual === undefined) continue;
        const { component } = documented;
        const stated = `${name} ${display(attribute, documented.value)} documented for ${describeDoc(component)}`;
        const base = findingAt(index, resource, attribute, component, [docEvidence(component, attribute, stated)]);
        if (isUnknown(actual)) {
          context.report({
            ...base,
            level: "note",
            message: `The ${name} of ${describeResource(resource)} is unknown, and the architecture states ${display(attribute, documented.value)} for ${describeDoc(component)}: ${unresolvedHint(actual, resource)}`,
            fix: unresolvedFix(resource),
          });
          continue;
        }
        const value = numberOf(actual);
        if (value === undefined || normalise(attribute, value) === documented.value) continue;
        const detail = resource.evidence?.[attribute]?.message;
        context.report({
          ...base,
          message: `${describeResource(resource)} has ${name} ${display(attribute, normalise(attribute, value))}${detail ? ` (${detail})` : ""}, but the architecture states ${display(attribute, documented.value)} for ${describeDoc(component)}`,
          fix: `set the ${name} of ${resource.id} to ${display(attribute, documented.value)}, or update the architecture`,
        });
      }
    }
  },
};
