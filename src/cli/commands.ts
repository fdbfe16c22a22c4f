/** The commands of ../shared/spec/cli.md and their options. */
import type { CommandSpec, OptionSpec } from "./args.js";

const FORMATS = ["text", "json", "sarif", "github", "junit"] as const;
const FAIL_ON = ["error", "warning", "note", "never"] as const;

const help: OptionSpec = { name: "help", kind: "flag", description: "show this help" };

const analysisOptions: OptionSpec[] = [
  { name: "config", kind: "value", arg: "FILE", description: "configuration file (default DIR/.archlintrc.json)" },
  {
    name: "format",
    kind: "value",
    arg: "FORMAT",
    choices: FORMATS,
    description: "text, json, sarif, github or junit (default text)",
  },
  { name: "output", kind: "value", arg: "FILE", description: "write the report to FILE instead of stdout" },
  {
    name: "fail-on",
    kind: "value",
    arg: "LEVEL",
    choices: FAIL_ON,
    description: "lowest level that makes the exit code 1: error, warning, note, never (default error)",
  },
  {
    name: "rule",
    kind: "repeatable",
    arg: "ID=LEVEL",
    description: "override one rule's level: off, note, warning, error (repeatable)",
  },
  { name: "baseline", kind: "value", arg: "FILE", description: "do not report findings recorded in FILE" },
  {
    name: "update-baseline",
    kind: "value",
    arg: "FILE",
    description: "record the current findings in FILE and exit 0",
  },
  {
    name: "report-unused-suppressions",
    kind: "flag",
    description: "report suppression comments that match no finding",
  },
  { name: "quiet", kind: "flag", description: "no progress output, only the report" },
  {
    name: "no-color",
    kind: "flag",
    description: "no ANSI colors (also off when NO_COLOR is set or stdout is not a TTY)",
  },
  help,
];

export const COMMANDS: CommandSpec[] = [
  {
    name: "check",
    summary:
      "Compare the architecture documents with the infrastructure code (Terraform, CloudFormation). Static: no network.",
    usage: "archlint check [PATH...] [options]",
    positionals: "paths",
    options: analysisOptions,
  },
  {
    name: "drift",
    summary: "Compare the architecture documents (and the infrastructure code) with a live AWS account, read-only.",
    usage: "archlint drift [PATH...] [options]",
    positionals: "paths",
    options: [
      ...analysisOptions.filter((option) => option.name !== "help"),
      { name: "region", kind: "repeatable", arg: "R", description: "AWS region to scan (repeatable)" },
      { name: "profile", kind: "value", arg: "NAME", description: "AWS profile" },
      { name: "endpoint-url", kind: "value", arg: "URL", description: "send every AWS call to URL" },
      {
        name: "snapshot",
        kind: "value",
        arg: "FILE",
        description: "analyse a saved account snapshot instead of calling AWS",
      },
      { name: "save-snapshot", kind: "value", arg: "FILE", description: "save the account snapshot to FILE" },
      help,
    ],
  },
  {
    name: "graph",
    summary: "Print the model archlint built from the documents, the infrastructure code, or the mapping between them.",
    usage: "archlint graph [PATH...] [--source docs|iac|mapping] [--format json|mermaid]",
    positionals: "paths",
    options: [
      {
        name: "source",
        kind: "value",
        arg: "SOURCE",
        choices: ["docs", "iac", "live", "mapping"],
        description: "docs, iac, live or mapping (default docs)",
      },
      {
        name: "format",
        kind: "value",
        arg: "FORMAT",
        choices: ["json", "mermaid"],
        description: "json or mermaid (default json)",
      },
      { name: "config", kind: "value", arg: "FILE", description: "configuration file (default DIR/.archlintrc.json)" },
      { name: "output", kind: "value", arg: "FILE", description: "write to FILE instead of stdout" },
      help,
    ],
  },
  {
    name: "rules",
    summary: "List every rule: id, default level, one-line description.",
    usage: "archlint rules [--format text|json]",
    positionals: "none",
    options: [
      {
        name: "format",
        kind: "value",
        arg: "FORMAT",
        choices: ["text", "json"],
        description: "text or json (default text)",
      },
      { name: "no-color", kind: "flag", description: "no ANSI colors" },
      help,
    ],
  },
  {
    name: "init",
    summary: "Write a starter .archlintrc.json from the documents and infrastructure code found in DIR.",
    usage: "archlint init [DIR] [--force]",
    positionals: "dir",
    options: [{ name: "force", kind: "flag", description: "overwrite an existing .archlintrc.json" }, help],
  },
];

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((command) => command.name === name);
}

export function mainHelp(version: string): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length)) + 4;
  const lines = [
    `archlint ${version}: checks that architecture documents and infrastructure agree.`,
    "",
    "Usage: archlint <command> [PATH...] [options]",
    "",
    "Commands:",
    ...COMMANDS.map(
      (command) => `  ${command.name.padEnd(width)}${command.summary.split(". ")[0]!.replace(/\.$/, "")}`,
    ),
    "",
    "Options:",
    "  --version     print the version",
    "  --help        show this help; archlint <command> --help for a command's options",
    "",
    "Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 archlint could not do its job.",
  ];
  return `${lines.join("\n")}\n`;
}
