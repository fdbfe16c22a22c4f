/**
 * CloudFormation (YAML and JSON, SAM, CDK-synthesized) → declared resources.
 * STUB: owned by the CloudFormation work (issue 3); the signature is the contract.
 */
import type { IacParseResult } from "../../model/iac.js";

export interface CloudFormationInput {
  /** Path relative to the scan root. */
  file: string;
  text: string;
}

export interface CloudFormationOptions {
  /** Absolute path of the scan root; nested stack templates outside it are refused. */
  root: string;
}

/** Is this text a CloudFormation template (top-level AWSTemplateFormatVersion or Resources of AWS:: types)? */
export function looksLikeCloudFormation(_text: string): boolean {
  throw new Error("not implemented");
}

export function parseCloudFormation(_inputs: CloudFormationInput[], _options: CloudFormationOptions): IacParseResult {
  throw new Error("not implemented");
}
