/**
 * CloudFormation (YAML and JSON, SAM, CDK-synthesized) → declared resources.
 *
 * Each resource's Properties are evaluated as CloudFormation would at deployment (parameters,
 * mappings, conditions, intrinsic functions); what only the deployment knows stays unknown
 * with its resource references. Every resource, key and value carries its file:line:column.
 * Never throws: unreadable input becomes a diagnostic at its place.
 */
import type { IacParseResult } from "../../model/iac.js";
import { type ParameterValue, Session } from "./session.js";

export { looksLikeCloudFormation } from "./detect.js";
export type { ParameterValue } from "./session.js";

export interface CloudFormationInput {
  /** Path relative to the scan root. */
  file: string;
  text: string;
}

export interface CloudFormationOptions {
  /** Absolute path of the scan root; nested stack templates outside it are refused. */
  root: string;
  /**
   * Values for root templates' parameters, as `--parameter-overrides` gives them (a list for
   * CommaDelimitedList / List<…>). A parameter not given here takes its Default, else is unknown.
   */
  parameters?: Record<string, ParameterValue>;
  /** Directories outside root that the user named: nested templates may be read there too. */
  scanRoots?: string[];
}

export function parseCloudFormation(inputs: CloudFormationInput[], options: CloudFormationOptions): IacParseResult {
  try {
    return new Session(options.root, options.parameters ?? {}, options.scanRoots ?? []).run(inputs);
  } catch (error) {
    // Last resort: Session already isolates each template's failures.
    const reason = error instanceof Error ? error.message : String(error);
    return {
      resources: [],
      diagnostics: inputs.map((input) => ({
        code: "iac-parse-error",
        message: `archlint could not read this template: ${reason}`,
        source: { file: input.file, line: 1, column: 1 },
      })),
      suppressions: [],
      files: inputs.map((input) => input.file),
    };
  }
}
