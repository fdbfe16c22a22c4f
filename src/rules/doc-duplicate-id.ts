import { diagnosticRule } from "./support/diagnostic-rule.js";

export const docDuplicateId = diagnosticRule({
  graph: "documented",
  codes: ["doc-duplicate-id"],
  fix: () => "give each element its own id (alias or node id)",
  meta: {
    id: "doc-duplicate-id",
    description: "Two definitions in one diagram give the same id to different elements",
    defaultLevel: "warning",
    commands: ["check", "drift"],
    docs: {
      explanation:
        "An id names one element. Two C4 macros with one alias, or a flowchart node and a subgraph declared with the same id, make relations ambiguous: Mermaid draws one of them and attaches every arrow to it. Restating a flowchart node (to change nothing, or to add it to a subgraph) and an edge that ends on a subgraph are not duplicates.",
      drifted: [
        "```mermaid",
        "C4Container",
        '  Container(api, "Public API", "Go")',
        '  Container(api, "Admin API", "Go")',
        "```",
      ].join("\n"),
      fixed: [
        "```mermaid",
        "C4Container",
        '  Container(publicApi, "Public API", "Go")',
        '  Container(adminApi, "Admin API", "Go")',
        "```",
      ].join("\n"),
    },
  },
});
