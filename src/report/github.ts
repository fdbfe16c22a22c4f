/**
 * `--format github`: GitHub Actions workflow commands, one annotation per finding.
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */
import type { Finding, Level } from "../model/finding.js";
import { formatPosition, isFileLocation, sortFindings } from "./common.js";

const COMMAND: Record<Level, string> = { error: "error", warning: "warning", note: "notice" };

/** The message part: `%`, CR and LF are encoded (the runner decodes them). */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Property values additionally encode `:` and `,`, which delimit properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** The annotation body: the message, the other side of the drift, and the fix hint. */
function annotationMessage(finding: Finding): string {
  const lines = [finding.message];
  for (const related of finding.related) lines.push(`↳ ${formatPosition(related)} ${related.message}`.trimEnd());
  if (finding.fix !== undefined && finding.fix !== "") lines.push(`fix: ${finding.fix}`);
  return lines.join("\n");
}

function annotation(finding: Finding): string {
  const properties: string[] = [];
  // An ARN is not a file of the repository: the annotation then belongs to the run, not a line.
  if (isFileLocation(finding.location)) {
    properties.push(
      `file=${escapeProperty(finding.location.file)}`,
      `line=${finding.location.line}`,
      `col=${finding.location.column}`,
    );
  }
  properties.push(`title=${escapeProperty(finding.ruleId)}`);
  return `::${COMMAND[finding.level]} ${properties.join(",")}::${escapeData(annotationMessage(finding))}`;
}

export function formatGithub(findings: readonly Finding[]): string {
  return sortFindings(findings)
    .map((finding) => `${annotation(finding)}\n`)
    .join("");
}
