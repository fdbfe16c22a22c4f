/**
 * Nested stacks: where the child template of an AWS::CloudFormation::Stack or
 * AWS::Serverless::Application is, and whether archlint may read it (a local file inside the
 * scan root) or not (a URL, a serverless application from the repository, a computed value).
 */
import fs from "node:fs";
import path from "node:path";
import type { ResourceDecl } from "./template.js";
import { fieldOf, type Span, scalarString } from "./tree.js";

export type NestedLocation =
  | { kind: "local"; path: string; span: Span }
  /** `url` when the location is a written URL; else a repository application or a computed value. */
  | { kind: "remote"; property: string; url?: string; span: Span };

/** Nested stack types → the property that locates the child template. */
const LOCATION_PROPERTY: Readonly<Record<string, string>> = {
  "AWS::CloudFormation::Stack": "TemplateURL",
  "AWS::Serverless::Application": "Location",
};

export function isNestedStack(type: string): boolean {
  return Object.hasOwn(LOCATION_PROPERTY, type);
}

/** Where the child template is; undefined when the resource is no nested stack or names no template. */
export function nestedLocationOf(decl: ResourceDecl): NestedLocation | undefined {
  const property = LOCATION_PROPERTY[decl.type];
  if (property === undefined) return undefined;
  const node = fieldOf(fieldOf(decl.node, "Properties"), property);
  const written = scalarString(node);
  if (node && written !== undefined && isLocalPath(written)) return { kind: "local", path: written, span: node };
  const asset = cdkAssetOf(decl);
  if (asset) return asset;
  if (!node) return undefined;
  return written === undefined
    ? { kind: "remote", property, span: node }
    : { kind: "remote", property, url: written, span: node };
}

/**
 * CDK synthesizes a nested stack's TemplateURL as an S3 URL of an asset and records the asset's
 * file, next to the parent template in cdk.out, in the resource's metadata.
 */
function cdkAssetOf(decl: ResourceDecl): NestedLocation | undefined {
  const metadata = fieldOf(decl.node, "Metadata");
  const asset = fieldOf(metadata, "aws:asset:path");
  const file = scalarString(asset);
  if (!asset || file === undefined || scalarString(fieldOf(metadata, "aws:asset:property")) !== "TemplateURL") {
    return undefined;
  }
  return { kind: "local", path: file, span: asset };
}

/** A path, not a URL: no scheme (`https:`, `s3:`); a Windows drive letter is a path. */
function isLocalPath(text: string): boolean {
  const colon = text.indexOf(":");
  if (colon < 2) return text.trim() !== "";
  const scheme = text.slice(0, colon);
  return !/^[A-Za-z][A-Za-z0-9+.-]*$/.test(scheme);
}

export type ResolvedPath = { kind: "inside"; file: string; absolute: string } | { kind: "escape"; absolute: string };

/**
 * The child template's path relative to the root, resolved from the parent template's folder.
 * It must lie inside the root or inside one of the other directories the user named.
 */
export function resolveNested(
  root: string,
  parentFile: string,
  written: string,
  scanRoots: readonly string[] = [],
): ResolvedPath {
  const absoluteRoot = path.resolve(root);
  const absolute = path.resolve(absoluteRoot, path.dirname(parentFile), written);
  const inside = [absoluteRoot, ...scanRoots.map((scanRoot) => path.resolve(absoluteRoot, scanRoot))].some(
    (allowed) => !escapes(path.relative(allowed, absolute)) && !escapesThroughLink(allowed, absolute),
  );
  if (!inside) return { kind: "escape", absolute };
  return { kind: "inside", file: path.relative(absoluteRoot, absolute).split(path.sep).join("/"), absolute };
}

function escapes(relative: string): boolean {
  return relative === "" || relative === ".." || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
}

/** A symbolic link inside the root may point outside it. */
function escapesThroughLink(root: string, absolute: string): boolean {
  try {
    return escapes(path.relative(fs.realpathSync(root), fs.realpathSync(absolute)));
  } catch {
    // A missing file is reported when it is read.
    return false;
  }
}
