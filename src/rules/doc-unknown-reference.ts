import { diagnosticRule } from "./support/diagnostic-rule.js";

export const docUnknownReference = diagnosticRule({
  graph: "documented",
  codes: ["doc-unknown-reference"],
  fix: () => "define the element with that alias in the diagram, or correct the alias",
  meta: {
    id: "doc-unknown-reference",
    description: "A C4 relation or style macro names an alias the diagram never defines",
    defaultLevel: "error",
    commands: ["check", "drift"],
    docs: {
      explanation:
        "In a C4 diagram every Rel, BiRel, RelIndex, UpdateRelStyle and UpdateElementStyle names elements by alias. Mermaid silently drops a relation whose alias is not defined, so the rendered diagram loses an arrow without telling anyone — usually after an element was renamed. Flowcharts are not checked: an edge endpoint defines a node there, and an edge may end on a subgraph id.",
      drifted: [
        "```mermaid",
        "C4Container",
        '  Container(orders, "Order Service", "Java")',
        '  ContainerDb(ordersDb, "Orders DB", "PostgreSQL")',
        '  Rel(orders, orderDb, "Reads and writes", "JDBC")',
        "```",
        "",
        "`orderDb` is not defined (the database is `ordersDb`).",
      ].join("\n"),
      fixed: [
        "```mermaid",
        "C4Container",
        '  Container(orders, "Order Service", "Java")',
        '  ContainerDb(ordersDb, "Orders DB", "PostgreSQL")',
        '  Rel(orders, ordersDb, "Reads and writes", "JDBC")',
        "```",
      ].join("\n"),
    },
  },
});
