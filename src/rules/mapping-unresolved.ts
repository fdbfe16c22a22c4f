import type { ReportedFinding, Rule } from "./types.js";

/** Where configuration entries are reported when the configuration's positions are not known. */
const CONFIG_FILE = ".archlintrc.json";

/** Extension to the spec's catalogue: a stated mapping that names nothing. */
export const mappingUnresolved: Rule = {
  meta: {
    id: "mapping-unresolved",
    description: "A configuration mapping entry or component tag names an element or resource that does not exist",
    defaultLevel: "warning",
    commands: ["check", "drift"],
    docs: {
      explanation:
        "Extension (not in the spec's catalogue). An explicit mapping always wins over inference, so a typo in one silently turns a documented component into a missing one, or leaves a resource undocumented. archlint reports every `mapping` entry (and every component tag on a resource) that names a documented element or a resource that does not exist, with the closest existing address when there is one.",
      drifted: [
        "```json",
        '{ "mapping": { "db": ["aws_db_instance.mian"] } }',
        "```",
        "",
        "Reported: `no resource has the address aws_db_instance.mian (did you mean aws_db_instance.main?)`.",
      ].join("\n"),
      fixed: ["```json", '{ "mapping": { "db": ["aws_db_instance.main"] } }', "```"].join("\n"),
    },
  },
  check(context) {
    for (const entry of context.mapping.unresolved) {
      const component = context.documented.elements.find((element) => element.id === entry.component);
      const location = entry.source ?? component?.source ?? { file: CONFIG_FILE, line: 1, column: 1 };
      const finding: ReportedFinding = {
        message: `The mapping of "${entry.component}" to ${entry.target} resolves to nothing: ${entry.message}`,
        location,
        related: component && entry.source ? [{ ...component.source, message: "the documented element" }] : [],
        fix: "name a documented element id (or DOCFILE#id) and a resource address, CloudFormation logical id (or TEMPLATE#LogicalId), tag:KEY=VALUE or ARN that exists",
      };
      if (component) finding.component = component.id;
      context.report(finding);
    }
  },
};
