import { diagnosticRule } from "./support/diagnostic-rule.js";

export const iacParseError = diagnosticRule({
  graph: "actual",
  codes: ["iac-parse-error"],
  fix: () => "correct the syntax at this place; every other file is still checked",
  meta: {
    id: "iac-parse-error",
    description: "A Terraform or CloudFormation file that does not parse, at the place of the error",
    defaultLevel: "error",
    commands: ["check", "drift"],
    docs: {
      explanation:
        "A file that does not parse cannot be compared with the architecture: the resources it declares are missing from the check, which could hide drift or report documented components as missing. archlint reports the error at its exact place (line and column of the bad token) and goes on with every other file; what could still be read from the broken file is kept.",
      drifted: [
        "```hcl",
        'resource "aws_sqs_queue" "jobs" {',
        '  name = "jobs"',
        "",
        'resource "aws_sns_topic" "events" {',
        '  name = "events"',
        "}",
        "```",
        "",
        "The first block is never closed.",
      ].join("\n"),
      fixed: [
        "```hcl",
        'resource "aws_sqs_queue" "jobs" {',
        '  name = "jobs"',
        "}",
        "",
        'resource "aws_sns_topic" "events" {',
        '  name = "events"',
        "}",
        "```",
      ].join("\n"),
    },
  },
});
