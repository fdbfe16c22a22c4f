/** Telling a CloudFormation template from any other YAML or JSON file, cheaply. */
import { readTemplate, rememberRead } from "./read.js";
import { type CfnNode, fieldOf, Locator, scalarString } from "./tree.js";

/** Resource type prefixes of CloudFormation itself, SAM (AWS::Serverless::) and custom resources. */
const TYPE_PREFIXES = ["AWS::", "Custom::"];

/**
 * Is this text a CloudFormation template: a top-level `AWSTemplateFormatVersion`, or a top-level
 * `Resources` map with an entry whose `Type` is `AWS::…` / `AWS::Serverless::…` / `Custom::…`?
 * A substring test first, so that most non-template files (workflows, manifests, lock files) are
 * never parsed. Never throws.
 */
export function looksLikeCloudFormation(text: string): boolean {
  try {
    if (!text.includes("AWSTemplateFormatVersion") && !TYPE_PREFIXES.some((prefix) => text.includes(prefix))) {
      return false;
    }
    const loc = new Locator("", withoutBom(text));
    const read = readTemplate(loc);
    const template = isTemplateRoot(read.root);
    // The parser reads a template next: it takes this read instead of parsing the text again.
    if (template) rememberRead(loc.text, read);
    return template;
  } catch {
    return false;
  }
}

function isTemplateRoot(root: CfnNode | undefined): boolean {
  if (root?.kind !== "map") return false;
  if (fieldOf(root, "AWSTemplateFormatVersion") !== undefined) return true;
  const resources = fieldOf(root, "Resources");
  if (resources?.kind !== "map") return false;
  return resources.pairs.some(({ value }) => {
    const type = scalarString(fieldOf(value, "Type"));
    return type !== undefined && TYPE_PREFIXES.some((prefix) => type.startsWith(prefix));
  });
}

/** Editors count columns after a byte-order mark, so positions are taken on the text without it. */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
