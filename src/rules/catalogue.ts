/**
 * docs/rules.md, written from the rules' own metadata so that the page SARIF `helpUri` points
 * at never disagrees with the code. A test keeps the file in step.
 */
import type { RuleMeta } from "./types.js";

/** Rules archlint adds to the spec's catalogue. */
const EXTENSIONS = new Set(["iac-unreadable", "mapping-unresolved"]);

function summaryRow(meta: RuleMeta): string {
  return `| [\`${meta.id}\`](#${meta.id}) | ${meta.defaultLevel} | ${meta.commands.join(", ")} | ${meta.description} |`;
}

function section(meta: RuleMeta): string {
  const extension = EXTENSIONS.has(meta.id) ? " · extension" : "";
  return [
    `<a id="${meta.id}"></a>`,
    "",
    `## ${meta.id}`,
    "",
    `**${meta.description}.** Default level: \`${meta.defaultLevel}\` · commands: ${meta.commands.join(", ")}${extension}`,
    "",
    meta.docs.explanation,
    "",
    "### Drifted",
    "",
    meta.docs.drifted,
    "",
    "### Fixed",
    "",
    meta.docs.fixed,
    "",
  ].join("\n");
}

export function renderRuleCatalogue(rules: RuleMeta[]): string {
  return [
    "# archlint rules",
    "",
    "<!-- Generated from the rule modules in src/rules/ (renderRuleCatalogue). Edit the rule's `meta`, then run",
    "     ARCHLINT_UPDATE_DOCS=1 npx vitest run test/rules/catalogue.test.ts -->",
    "",
    "Each rule compares the documented architecture (Mermaid C4 diagrams, flowcharts, Markdown) with the actual one:",
    "the infrastructure code in `archlint check`, the live account in `archlint drift`. Set a rule's level in",
    '`.archlintrc.json` (`"rules": { "resource-undocumented": "off" }`) or with `--rule ID=LEVEL`. A fact archlint',
    "cannot resolve (a variable without a value, a data source) never gives an error or a warning: at most a note",
    "that says which value is missing. Rules marked *extension* are not in the specification's catalogue.",
    "",
    "## How documented components meet resources",
    "",
    "Most rules compare a documented component with the resources it maps to. By authority, strongest first:",
    "the configuration's `mapping` entries (element id or `DOCFILE#id` → addresses, logical ids, `TEMPLATE#LogicalId`,",
    "`tag:KEY=VALUE`, ARNs), the `archlint:component` tag (or `tagKey`) on a resource, the documents' mapping tables",
    '(logical ↔ physical), then inference: kinds that fit and names that match ("User Service" ↔ `aws_ecs_service.users`),',
    "helped by structure — a read replica maps to the resource that replicates, a standby to its primary, a container",
    "drawn inside an EC2 host to that instance, a logical component to its physical counterpart. When two resources fit",
    "alike, nothing is guessed: `mapping-ambiguous` says so. `archlint graph --source mapping` prints every pair with why.",
    "",
    "## Rules",
    "",
    "| rule | default | commands | reports |",
    "| --- | --- | --- | --- |",
    ...rules.map(summaryRow),
    "",
    ...rules.map(section),
  ].join("\n");
}
