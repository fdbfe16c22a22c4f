/**
 * Is a literal environment value a secret kept in plain text? The signals of detection.md
 * ("Secrets kept in the environment"), each reported by name so that a message can say which
 * fired. Pure functions: no graph, no positions. The raw value never leaves this module except
 * through `maskSecret`.
 */

export interface SecretVerdict {
  /** The variable looks like a secret in plain text. */
  secret: boolean;
  /** Which signals fired (empty when none did). */
  signals: string[];
}

/** Names that are secrets whatever their shape. */
const EXACT_SECRET_NAMES = new Set(["aws_secret_access_key", "aws_access_key_id", "ecs_engine_auth_data"]);

/** Secret words found anywhere in the name once separators are removed (`apiKey`, `API_KEY`, `api-key`). */
const SQUASHED_SECRET_WORDS = [
  "password",
  "passwd",
  "secret",
  "credential",
  "apikey",
  "privatekey",
  "accesskey",
  "connectionstring",
];

/** Secret words that must be a word of their own (or end one: `dbpwd`, `authtoken`); `author` is not `auth`. */
const AUTH_WORDS = new Set(["auth", "authorization", "authkey", "authtoken", "authdata", "basicauth", "httpauth"]);

/**
 * A last word that says the variable describes a secret rather than holds it: `SECRET_ARN`,
 * `TOKEN_URL`, `PASSWORD_MIN_LENGTH`, `AUTH_ENABLED`. detection.md names token_type and version;
 * the others are the same case (a value of a known secret shape is still flagged by its value).
 */
const DESCRIPTIVE_LAST_WORDS = new Set([
  "arn",
  "name",
  "id",
  "ids",
  "url",
  "uri",
  "endpoint",
  "host",
  "hostname",
  "port",
  "type",
  "version",
  "path",
  "file",
  "dir",
  "ttl",
  "expiry",
  "expires",
  "expiration",
  "length",
  "min",
  "max",
  "timeout",
  "enabled",
  "enable",
  "disabled",
  "required",
  "mode",
  "provider",
  "header",
  "region",
  "policy",
  "rotation",
  "count",
  "seconds",
  "minutes",
  "hours",
  "days",
  "ms",
  "issuer",
  "audience",
  "algorithm",
  "method",
  "scope",
  "scopes",
  "location",
  "store",
  "source",
]);

/** The words of a variable name: `dbPassword` → db, password; `API-KEY_2` → api, key, 2. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

/** Why the name looks like a secret's (`name contains "password"`), or undefined. */
export function secretNameSignal(name: string): string | undefined {
  const words = nameWords(name);
  const snake = words.join("_");
  if (EXACT_SECRET_NAMES.has(snake)) return `name ${name} is a credential variable`;
  if (snake.endsWith("token_type") || DESCRIPTIVE_LAST_WORDS.has(words[words.length - 1] ?? "")) return undefined;
  const squashed = words.join("");
  const word = SQUASHED_SECRET_WORDS.find((candidate) => squashed.includes(candidate));
  if (word) return `name contains "${word}"`;
  for (const item of words) {
    if (item === "pwd" || item.endsWith("pwd")) return `name contains "pwd"`;
    if (item === "dsn" || item.endsWith("dsn")) return `name contains "dsn"`;
    if (item.endsWith("token") || item === "tokens") return `name contains "token"`;
    if (AUTH_WORDS.has(item)) return `name contains "auth"`;
  }
  return undefined;
}

const AWS_ACCESS_KEY_ID =
  /(?<![A-Z0-9])(?:A3T[A-Z0-9]|AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z0-9]{16}(?![A-Z0-9])/;
const PRIVATE_KEY_HEADER = /-----BEGIN[A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----/;
const URL_CREDENTIALS = /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/?#@]+:([^\s/?#@]+)@[^\s/?#@]+/i;

/** Well-known token shapes: the prefix a message names, and the whole token's pattern. */
const TOKEN_SHAPES: readonly [string, RegExp][] = [
  ["sk_live_", /\b[sr]k_live_[A-Za-z0-9]{10,}/],
  ["sk_test_", /\bsk_test_[A-Za-z0-9]{10,}/],
  ["ghp_", /\bgh[pousr]_[A-Za-z0-9]{30,}/],
  ["github_pat_", /\bgithub_pat_[A-Za-z0-9_]{20,}/],
  ["xoxb-", /\bxox[abposr]-[A-Za-z0-9-]{10,}/],
  ["xapp-", /\bxapp-[A-Za-z0-9-]{10,}/],
  ["glpat-", /\bglpat-[A-Za-z0-9_-]{20,}/],
  ["AIza", /\bAIza[0-9A-Za-z_-]{35}/],
  ["SG.", /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/],
  ["npm_", /\bnpm_[A-Za-z0-9]{36}/],
  ["sk-", /(?<![A-Za-z0-9_-])sk-(?:ant-|proj-)?(?=[A-Za-z_-]*\d)[A-Za-z0-9_-]{20,}/],
  ["hf_", /\bhf_[A-Za-z0-9]{30,}/],
  ["shpat_", /\bshp(?:at|ss|ca)_[a-fA-F0-9]{32}/],
  ["JWT eyJ", /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/],
];

const ENTROPY_MIN_LENGTH = 20;
const BASE64_ENTROPY = 4.5;
const HEX_ENTROPY = 3.0;

/** Shannon entropy in bits per character. */
export function shannonEntropy(text: string): number {
  if (text.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let entropy = 0;
  const length = [...text].length;
  for (const count of counts.values()) {
    const p = count / length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/** A long run of base64 / hex characters with high entropy, or undefined. */
function highEntropySignal(value: string): string | undefined {
  const pieces = value.split(/[^A-Za-z0-9+/=_-]+/);
  let offset = 0;
  for (const piece of pieces) {
    const start = value.indexOf(piece, offset);
    offset = start + piece.length;
    if (piece.length < ENTROPY_MIN_LENGTH) continue;
    const trimmed = piece.replace(/=+$/, "");
    if (/^[0-9a-fA-F]+$/.test(trimmed)) {
      // A plain MD5 / SHA-1 digest, a digest after `sha256:`, or digits alone are not secrets.
      if (trimmed.length === 32 || trimmed.length === 40) continue;
      if (/(?:sha\d*|md5):$/i.test(value.slice(0, start))) continue;
      if (!/[a-fA-F]/.test(trimmed) || !/[0-9]/.test(trimmed)) continue;
      const entropy = shannonEntropy(trimmed);
      if (entropy >= HEX_ENTROPY) return `high-entropy hex string (${entropy.toFixed(1)} bits/char)`;
      continue;
    }
    const entropy = shannonEntropy(trimmed);
    if (entropy >= BASE64_ENTROPY) return `high-entropy string (${entropy.toFixed(1)} bits/char)`;
  }
  return undefined;
}

/**
 * The signals of a known secret shape: an AWS access key id, a private key, credentials in a
 * URL, a well-known token prefix. They hold in any text, also in an expression as written that
 * mixes literal parts with references (`"postgres://admin:pw@${aws_db_instance.main.address}"`).
 */
export function secretShapeSignals(text: string): string[] {
  const signals: string[] = [];
  if (AWS_ACCESS_KEY_ID.test(text)) signals.push("AWS access key id");
  if (PRIVATE_KEY_HEADER.test(text)) signals.push("private key");
  const url = URL_CREDENTIALS.exec(text);
  if (url && !isReferenceLike(url[1]!) && !/^\*+$/.test(url[1]!)) signals.push("credentials in URL");
  const shape = TOKEN_SHAPES.find(([, pattern]) => pattern.test(text));
  if (shape) signals.push(`token prefix "${shape[0]}"`);
  return signals;
}

/** The value signals that fire on a literal value: a known secret shape, else high entropy. */
export function secretValueSignals(value: string): string[] {
  const signals = secretShapeSignals(value);
  if (signals.length === 0) {
    const entropy = highEntropySignal(value);
    if (entropy) signals.push(entropy);
  }
  return signals;
}

/** Values that point at a secret instead of holding it: dynamic references, interpolations, secret ARNs. */
export function isReferenceLike(value: string): boolean {
  const trimmed = value.trim();
  return (
    trimmed.startsWith("{{resolve:") ||
    trimmed.startsWith("$") ||
    trimmed.includes("${") ||
    /^arn:aws[a-z-]*:(secretsmanager|ssm|kms):/.test(trimmed)
  );
}

const PLACEHOLDERS = new Set([
  "changeme",
  "change_me",
  "change-me",
  "changeit",
  "replaceme",
  "replace_me",
  "replace-me",
  "placeholder",
  "todo",
  "tbd",
  "example",
  "dummy",
  "none",
  "null",
  "default",
  "secret",
  "password",
]);

/** A placeholder rather than a value: "changeme", "<your-key>", "xxxx", "****". */
export function isPlaceholder(value: string): boolean {
  const lower = value.trim().toLowerCase();
  return PLACEHOLDERS.has(lower) || /^<[^>]*>$/.test(lower) || /^(x+|\*+|\.+)$/.test(lower) || /^your[-_ ]/.test(lower);
}

/**
 * The verdict on one literal environment variable: a secret-like name with a literal value, or a
 * value of a known secret shape whatever its name. Never flags empty strings, booleans,
 * references, or placeholders under a name that is not secret-like.
 */
export function classifySecret(name: string, value: string): SecretVerdict {
  const trimmed = value.trim();
  if (trimmed === "" || /^(true|false)$/i.test(trimmed) || isReferenceLike(trimmed))
    return { secret: false, signals: [] };
  const nameSignal = secretNameSignal(name);
  if (!nameSignal && isPlaceholder(trimmed)) return { secret: false, signals: [] };
  const signals = [...(nameSignal ? [nameSignal] : []), ...secretValueSignals(value)];
  return { secret: signals.length > 0, signals };
}

/**
 * A secret as it may be shown: at most the first 4 characters (fewer for short values, so that
 * little of it shows), an ellipsis, and the length: `"AKIA…" (20 chars)`.
 */
export function maskSecret(value: string): string {
  const chars = [...value];
  const shown = Math.min(4, Math.floor(chars.length / 4));
  return `"${chars.slice(0, shown).join("")}…" (${chars.length} chars)`;
}
