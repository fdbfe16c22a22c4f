/**
 * Suppressions (rules.md): `# archlint-disable-next-line RULE_ID -- reason` comments in YAML,
 * and `Metadata: { archlint: { suppress: [ { rule, reason } ] } }` on a resource.
 */
import type { IacResource } from "../../model/iac.js";
import type { Suppression } from "../../model/suppression.js";
import type { CfnComment } from "./read-yaml.js";
import { type CfnNode, fieldOf, type Locator, scalarString } from "./tree.js";

const DIRECTIVE = "archlint-disable-next-line";

export interface Directive {
  rules: string[];
  reason?: string;
}

/** The rule ids and reason of a comment's text (after `#`), when it is a disable directive. */
export function parseDirective(body: string): Directive | undefined {
  const text = body.trim();
  if (!text.startsWith(DIRECTIVE)) return undefined;
  const rest = text.slice(DIRECTIVE.length);
  if (rest !== "" && rest[0] !== " " && rest[0] !== "\t") return undefined;
  const separator = rest.indexOf("--");
  const rules = (separator < 0 ? rest : rest.slice(0, separator)).split(/[\s,]+/).filter((rule) => rule !== "");
  if (rules.length === 0) return undefined;
  const reason = separator < 0 ? "" : rest.slice(separator + 2).trim();
  return reason === "" ? { rules } : { rules, reason };
}

/** A directive comment covers its own line and the next one. */
export function commentSuppressions(comments: CfnComment[], loc: Locator): Suppression[] {
  const suppressions: Suppression[] = [];
  for (const comment of comments) {
    const directive = parseDirective(comment.body);
    if (!directive) continue;
    const source = loc.at(comment);
    for (const rule of directive.rules) {
      const suppression: Suppression = {
        rule,
        source,
        scope: { kind: "lines", file: loc.file, fromLine: source.line, toLine: source.line + 1 },
      };
      if (directive.reason !== undefined) suppression.reason = directive.reason;
      suppressions.push(suppression);
    }
  }
  return suppressions;
}

export type ResourceSuppress = NonNullable<IacResource["suppress"]>;

/** The `Metadata.archlint.suppress` entries of a resource (one entry, or a list of them). */
export function metadataSuppress(metadata: CfnNode | undefined, loc: Locator): ResourceSuppress {
  const node = fieldOf(fieldOf(metadata, "archlint"), "suppress");
  const entries = node?.kind === "seq" ? node.items : node ? [node] : [];
  const suppress: ResourceSuppress = [];
  for (const entry of entries) {
    const rule = scalarString(fieldOf(entry, "rule"));
    if (rule === undefined) continue;
    const reason = scalarString(fieldOf(entry, "reason"));
    suppress.push(reason === undefined ? { rule, source: loc.at(entry) } : { rule, reason, source: loc.at(entry) });
  }
  return suppress;
}

export function resourceSuppressions(suppress: ResourceSuppress, address: string): Suppression[] {
  return suppress.map(({ rule, reason, source }) => {
    const suppression: Suppression = { rule, source, scope: { kind: "resource", resource: address } };
    if (reason !== undefined) suppression.reason = reason;
    return suppression;
  });
}
