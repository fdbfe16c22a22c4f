/** `--format json`: exactly the object of cli.md, keys in its order, absent optional fields left out. */
import type { Finding } from "../model/finding.js";
import type { Evidence, SourceLocation } from "../model/source.js";
import { countLevels, sortFindings, TOOL_NAME } from "./common.js";

interface JsonLocation {
  file: string;
  line: number;
  column: number;
}

interface JsonRelated extends JsonLocation {
  message: string;
}

interface JsonFinding {
  ruleId: string;
  level: string;
  message: string;
  location: JsonLocation;
  related: JsonRelated[];
  component?: string;
  resource?: string;
}

function jsonLocation(location: SourceLocation): JsonLocation {
  return { file: location.file, line: location.line, column: location.column };
}

function jsonRelated(evidence: Evidence): JsonRelated {
  return { ...jsonLocation(evidence), message: evidence.message };
}

function jsonFinding(finding: Finding): JsonFinding {
  const out: JsonFinding = {
    ruleId: finding.ruleId,
    level: finding.level,
    message: finding.message,
    location: jsonLocation(finding.location),
    related: finding.related.map(jsonRelated),
  };
  if (finding.component !== undefined) out.component = finding.component;
  if (finding.resource !== undefined) out.resource = finding.resource;
  return out;
}

export function formatJson(findings: readonly Finding[], toolVersion: string): string {
  const sorted = sortFindings(findings);
  const report = {
    version: 1,
    tool: { name: TOOL_NAME, version: toolVersion },
    findings: sorted.map(jsonFinding),
    summary: countLevels(sorted),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
