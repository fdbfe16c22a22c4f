import { DEFAULT_TAG_KEY } from "../config/types.js";
import type { Evidence } from "../model/source.js";
import { describeDoc, describeResource, elementEvidence, listing, ruleIndex } from "./support/index.js";
import type { Rule } from "./types.js";

export const mappingAmbiguous: Rule = {
  meta: {
    id: "mapping-ambiguous",
    description: "A documented component matches several resources and nothing decides between them",
    defaultLevel: "note",
    commands: ["check", "drift"],
    docs: {
      explanation:
        "archlint maps documented components to resources by configuration, by the component tag, by the documents' mapping tables, and otherwise by kind and name. When several resources fit a component equally well, it does not guess: the component is left unmapped (so no other rule reports on it) and this note lists the candidates with how to map it explicitly. The other rules then check it.",
      drifted: [
        "```mermaid",
        "C4Container",
        '  ContainerDb(db, "Database", "PostgreSQL")',
        "```",
        "",
        "```hcl",
        'resource "aws_db_instance" "orders" { engine = "postgres" }',
        'resource "aws_db_instance" "billing" { engine = "postgres" }',
        "```",
      ].join("\n"),
      fixed: [
        "```json",
        '{ "mapping": { "db": ["aws_db_instance.orders"] } }',
        "```",
        "",
        `Or tag the resource: \`tags = { "${DEFAULT_TAG_KEY}" = "db" }\`, or name the component after what it is ("Orders Database").`,
      ].join("\n"),
    },
  },
  check(context) {
    const index = ruleIndex(context);
    for (const entry of context.mapping.ambiguous) {
      const component = index.docById.get(entry.component);
      if (!component) continue;
      const related: Evidence[] = [];
      for (const id of entry.candidates) {
        const resource = index.actualById.get(id);
        if (resource) related.push(elementEvidence(resource, `candidate ${describeResource(resource)}`));
      }
      context.report({
        message: `${describeDoc(component)} matches ${listing(entry.candidates)} alike, and nothing decides between them`,
        location: component.source,
        related,
        component: component.id,
        fix: `map it in .archlintrc.json: "mapping": { "${component.id}": ["${entry.candidates[0] ?? "<resource address>"}"] }, or tag the resource ${DEFAULT_TAG_KEY}=${component.id}`,
      });
    }
  },
};
