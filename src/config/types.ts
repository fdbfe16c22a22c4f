/** The configuration of ../shared/spec/config.md, after validation. */
import type { LevelSetting } from "../model/finding.js";

/** Which diagrams of a document describe the target architecture. */
export type DiagramSelector = "last" | "all" | string | number[];

export interface LiveConfig {
  regions?: string[];
  profile?: string;
  tags?: Record<string, string>;
  terraformState?: string[];
}

export interface Config {
  $schema?: string;
  docs?: string[];
  diagrams?: Record<string, DiagramSelector>;
  iac?: string[];
  exclude?: string[];
  variables?: Record<string, unknown>;
  tfvars?: string[];
  mapping?: Record<string, string[]>;
  tagKey?: string;
  rules?: Record<string, LevelSetting>;
  baseline?: string;
  live?: LiveConfig;
}

export const DEFAULT_TAG_KEY = "archlint:component";
