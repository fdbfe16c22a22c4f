/**
 * Terraform (HCL2 and .tf.json) → declared resources.
 * STUB: owned by the Terraform work (issue 3); the signature is the contract.
 */
import type { IacParseResult } from "../../model/iac.js";

export interface TerraformOptions {
  /** Absolute path of the scan root; nothing outside it is ever read. */
  root: string;
  /** Root module directories, relative to root (every *.tf / *.tf.json in each is one module). */
  modules: string[];
  /** Input variable values, as -var would give them (config `variables`). */
  variables?: Record<string, unknown>;
  /** Extra tfvars files relative to root (config `tfvars`), as -var-file would give them. */
  tfvars?: string[];
}

export async function parseTerraform(_options: TerraformOptions): Promise<IacParseResult> {
  throw new Error("not implemented");
}
