/**
 * Configuration (config.md): `loadConfig` reads and validates `.archlintrc.json`,
 * `checkRuleIds` checks rule ids against the catalogue. Errors are ConfigErrors (exit 2).
 */
export { ConfigError, type ConfigErrorDetails } from "./errors.js";
export { CONFIG_FILE_NAME, checkRuleIds, loadConfig, mappingKeySources, parseConfig } from "./load.js";
export type { Config, DiagramSelector, LiveConfig } from "./types.js";
export { DEFAULT_TAG_KEY } from "./types.js";
