import { diagnosticRule } from "./support/diagnostic-rule.js";

export const docSyntaxError = diagnosticRule({
  graph: "documented",
  codes: ["doc-syntax-error"],
  fix: () => "correct the diagram line as the message says; the rest of the document is still read",
  meta: {
    id: "doc-syntax-error",
    description: "A diagram line archlint cannot parse (the message says what was expected)",
    defaultLevel: "error",
    commands: ["check", "drift"],
    docs: {
      explanation:
        "archlint reads Mermaid C4 diagrams and flowcharts with their own grammar. A line it cannot parse is reported at the token where parsing failed, with what was expected there; the diagram is read on from the next statement, so one typo does not hide the rest of the architecture. Mermaid would refuse to render the same line, so the diagram your readers see is broken too.",
      drifted: [
        "```mermaid",
        "C4Container",
        '  Container(api, "API", "Go", "Serves the public API"',
        '  ContainerDb(db, "Database", "PostgreSQL")',
        "```",
        "",
        'Reported at line 3: `expected ")" to close Container( … but found end of line`.',
      ].join("\n"),
      fixed: [
        "```mermaid",
        "C4Container",
        '  Container(api, "API", "Go", "Serves the public API")',
        '  ContainerDb(db, "Database", "PostgreSQL")',
        "```",
      ].join("\n"),
    },
  },
});
