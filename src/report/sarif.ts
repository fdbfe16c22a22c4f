/**
 * `--format sarif`: SARIF 2.1.0 (OASIS), one run. Paths are relative to `%SRCROOT%` (DIR);
 * partialFingerprints key on meaning (identity.ts), never on lines, so that code scanning keeps
 * tracking an alert when the block it points at moves.
 */
import { pathToFileURL } from "node:url";
import type { Finding } from "../model/finding.js";
import type { Evidence, SourceLocation } from "../model/source.js";
import type { RuleMeta } from "../rules/types.js";
import { isFileLocation, ruleHelpUri, rulesInReport, sortFindings, TOOL_INFORMATION_URI, TOOL_NAME } from "./common.js";
import { findingIdentity, identityKey, messageHash, sha256Hex } from "./identity.js";

const SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
const SRCROOT = "%SRCROOT%";
const FINGERPRINT_KEY = "archlintIdentity/v1";

interface SarifMessage {
  text: string;
  markdown?: string;
}

interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine?: number;
  endColumn?: number;
}

interface SarifPhysicalLocation {
  artifactLocation: { uri: string; uriBaseId: string };
  region: SarifRegion;
}

interface SarifLocation {
  id?: number;
  physicalLocation?: SarifPhysicalLocation;
  logicalLocations?: { fullyQualifiedName: string; kind: string }[];
  message?: SarifMessage;
}

interface SarifRule {
  id: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  helpUri: string;
  help?: SarifMessage;
  defaultConfiguration: { level: string };
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: SarifMessage;
  locations: SarifLocation[];
  relatedLocations?: SarifLocation[];
  partialFingerprints: Record<string, string>;
  properties?: Record<string, string>;
}

/** A relative path as a URI reference: each segment percent-encoded, `/` kept. */
export function pathToUriReference(file: string): string {
  return file
    .split("/")
    .map((segment) => (segment === "." || segment === ".." ? segment : encodeURIComponent(segment)))
    .join("/");
}

function region(location: SourceLocation): SarifRegion {
  const out: SarifRegion = { startLine: Math.max(1, location.line), startColumn: Math.max(1, location.column) };
  if (location.endLine !== undefined && location.endLine >= out.startLine) out.endLine = location.endLine;
  if (location.endColumn !== undefined && location.endColumn >= 1) out.endColumn = location.endColumn;
  return out;
}

/** A file location points into the repository; an ARN (live resource) is a logical location. */
function sarifLocation(location: SourceLocation): SarifLocation {
  if (!isFileLocation(location)) {
    return { logicalLocations: [{ fullyQualifiedName: location.file, kind: "resource" }] };
  }
  return {
    physicalLocation: {
      artifactLocation: { uri: pathToUriReference(location.file), uriBaseId: SRCROOT },
      region: region(location),
    },
  };
}

function relatedLocation(evidence: Evidence, index: number): SarifLocation {
  return { id: index + 1, ...sarifLocation(evidence), message: { text: evidence.message } };
}

function ruleHelp(rule: RuleMeta): SarifMessage | undefined {
  const { explanation, drifted, fixed } = rule.docs;
  if (explanation === "") return undefined;
  const text = [explanation, drifted && `Drift:\n${drifted}`, fixed && `Fixed:\n${fixed}`].filter(Boolean).join("\n\n");
  const markdown = [
    explanation,
    drifted && `Drift:\n\n\`\`\`\n${drifted}\n\`\`\``,
    fixed && `Fixed:\n\n\`\`\`\n${fixed}\n\`\`\``,
  ]
    .filter(Boolean)
    .join("\n\n");
  return { text, markdown };
}

function sarifRule(rule: RuleMeta): SarifRule {
  const out: SarifRule = {
    id: rule.id,
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.docs.explanation || rule.description },
    helpUri: ruleHelpUri(rule.id),
    defaultConfiguration: { level: rule.defaultLevel },
  };
  const help = ruleHelp(rule);
  if (help) out.help = help;
  return out;
}

/**
 * One fingerprint per identity; findings that share an identity (two doc syntax errors in one
 * file) are told apart by their message, and only then.
 */
function fingerprints(findings: readonly Finding[]): string[] {
  const keys = findings.map((finding) => identityKey(findingIdentity(finding)));
  const occurrences = new Map<string, number>();
  for (const key of keys) occurrences.set(key, (occurrences.get(key) ?? 0) + 1);
  return keys.map((key, index) => {
    const shared = (occurrences.get(key) ?? 0) > 1;
    return sha256Hex(shared ? `${key}\u0000${messageHash(findings[index]!.message)}` : key).slice(0, 32);
  });
}

function resultProperties(finding: Finding): Record<string, string> | undefined {
  const properties: Record<string, string> = {};
  if (finding.component !== undefined) properties.component = finding.component;
  if (finding.resource !== undefined) properties.resource = finding.resource;
  if (finding.attributePath !== undefined) properties.attributePath = finding.attributePath;
  if (finding.fix !== undefined) properties.fix = finding.fix;
  return Object.keys(properties).length > 0 ? properties : undefined;
}

function srcRoot(root: string | undefined): { uri?: string; description: SarifMessage } {
  const description = { text: "The directory archlint checked: every reported path is relative to it." };
  if (root === undefined) return { description };
  const href = pathToFileURL(root).href;
  return { uri: href.endsWith("/") ? href : `${href}/`, description };
}

export function formatSarif(
  findings: readonly Finding[],
  rules: readonly RuleMeta[],
  toolVersion: string,
  root: string | undefined,
): string {
  const sorted = sortFindings(findings);
  const reportRules = rulesInReport(rules, sorted);
  const ruleIndex = new Map(reportRules.map((rule, index) => [rule.id, index]));
  const prints = fingerprints(sorted);
  const results = sorted.map((finding, index): SarifResult => {
    const result: SarifResult = {
      ruleId: finding.ruleId,
      ruleIndex: ruleIndex.get(finding.ruleId)!,
      level: finding.level,
      message: { text: finding.message },
      locations: [sarifLocation(finding.location)],
      partialFingerprints: { [FINGERPRINT_KEY]: prints[index]! },
    };
    if (finding.related.length > 0) result.relatedLocations = finding.related.map(relatedLocation);
    const properties = resultProperties(finding);
    if (properties) result.properties = properties;
    return result;
  });
  const log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: toolVersion,
            informationUri: TOOL_INFORMATION_URI,
            rules: reportRules.map(sarifRule),
          },
        },
        originalUriBaseIds: { [SRCROOT]: srcRoot(root) },
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
