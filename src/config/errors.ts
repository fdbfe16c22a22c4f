/** Configuration errors: the CLI prints the message and exits 2 (cli.md). */

export interface ConfigErrorDetails {
  /** The configuration file, when there is one. */
  file?: string;
  /** JSON pointer of the key at fault (`/live/regions/0`), `/` for the whole file. */
  pointer?: string;
  line?: number;
  column?: number;
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
  readonly details: ConfigErrorDetails;

  constructor(message: string, details: ConfigErrorDetails = {}) {
    super(message);
    this.details = details;
  }
}

/** `file:line:column: ` (or `file: `, or nothing) before a message. */
export function locationPrefix(details: ConfigErrorDetails): string {
  if (details.file === undefined) return "";
  if (details.line === undefined) return `${details.file}: `;
  return `${details.file}:${details.line}:${details.column ?? 1}: `;
}

export function configError(message: string, details: ConfigErrorDetails): ConfigError {
  return new ConfigError(`${locationPrefix(details)}${message}`, details);
}
