import { describe, expect, it } from "vitest";
import {
  classifySecret,
  isPlaceholder,
  maskSecret,
  nameWords,
  secretNameSignal,
  secretValueSignals,
  shannonEntropy,
} from "../../src/iac/secrets.js";

describe("secret names", () => {
  it.each([
    ["DB_PASSWORD", 'name contains "password"'],
    ["dbPassword", 'name contains "password"'],
    ["MYSQL_ROOT_PASSWD", 'name contains "passwd"'],
    ["DB_PWD", 'name contains "pwd"'],
    ["CLIENT_SECRET", 'name contains "secret"'],
    ["JWT_SECRET_KEY", 'name contains "secret"'],
    ["GITHUB_TOKEN", 'name contains "token"'],
    ["accessToken", 'name contains "token"'],
    ["API_KEY", 'name contains "apikey"'],
    ["apiKey", 'name contains "apikey"'],
    ["x-api-key", 'name contains "apikey"'],
    ["PRIVATE_KEY", 'name contains "privatekey"'],
    ["S3_ACCESS_KEY", 'name contains "accesskey"'],
    ["SMTP_CREDENTIALS", 'name contains "credential"'],
    ["BASIC_AUTH", 'name contains "auth"'],
    ["SENTRY_DSN", 'name contains "dsn"'],
    ["DB_CONNECTION_STRING", 'name contains "connectionstring"'],
    ["AWS_ACCESS_KEY_ID", "name AWS_ACCESS_KEY_ID is a credential variable"],
    ["aws_secret_access_key", "name aws_secret_access_key is a credential variable"],
    ["ECS_ENGINE_AUTH_DATA", "name ECS_ENGINE_AUTH_DATA is a credential variable"],
  ])("%s is secret-like", (name, signal) => {
    expect(secretNameSignal(name)).toBe(signal);
  });

  it.each([
    "TOKEN_TYPE",
    "OAUTH_TOKEN_TYPE",
    "API_VERSION",
    "SECRET_VERSION",
    "DB_PASSWORD_SECRET_ARN",
    "SECRET_NAME",
    "AUTH_URL",
    "PASSWORD_MIN_LENGTH",
    "TOKEN_TTL",
    "AUTHOR",
    "TOKENIZER_MODEL",
    "LOG_LEVEL",
    "DATABASE_HOST",
    "KMS_KEY_ID",
  ])("%s is not secret-like", (name) => {
    expect(secretNameSignal(name)).toBeUndefined();
  });

  it("splits names into words across case and separators", () => {
    expect(nameWords("dbPassword")).toEqual(["db", "password"]);
    expect(nameWords("API-KEY_2")).toEqual(["api", "key", "2"]);
    expect(nameWords("HTTPServerToken")).toEqual(["http", "server", "token"]);
  });
});

describe("secret values", () => {
  it.each([
    ["AKIAIOSFODNN7EXAMPLE", "AWS access key id"],
    ["key=ASIAY34FZKBOKMUTVV7A;", "AWS access key id"],
    ["-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----", "private key"],
    ["-----BEGIN OPENSSH PRIVATE KEY-----", "private key"],
    ["postgres://app:s3cr3t@db.example.com:5432/app", "credentials in URL"],
    ["redis://default:Zx81kq@cache:6379", "credentials in URL"],
    [`sk_live_${"4eC39HqLyjWDarjtT1zdp7dc"}`, 'token prefix "sk_live_"'],
    [`ghp_${"wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO0pINUx"}`, 'token prefix "ghp_"'],
    [`xoxb-${"17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy"}`, 'token prefix "xoxb-"'],
    [`sk-proj-${"Ab3dEfGh1jKlMn0pQrStUvWxYz12"}`, 'token prefix "sk-"'],
    ["wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "high-entropy string (4.7 bits/char)"],
    ["kR8vN2qL5xW9zT3mP7sJ4hF6gD1cB0aY", "high-entropy string (5.0 bits/char)"],
    ["a1b2c3d4e5f60718293a4b5c6d7e8f9012345678ab", "high-entropy hex string (4.0 bits/char)"],
  ])("%s is a secret shape", (value, signal) => {
    expect(secretValueSignals(value)).toEqual([signal]);
  });

  it.each([
    ["MD5 digest", "d41d8cd98f00b204e9800998ecf8427e"],
    ["SHA-1 digest", "da39a3ee5e6b4b0d3255bfef95601890afd80709"],
    ["image digest", "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"],
    ["UUID", "550e8400-e29b-41d4-a716-446655440000"],
    ["path", "/usr/local/lib/node_modules/app/dist/index.js"],
    ["kebab name", "my-application-service-name-production"],
    ["URL without credentials", "https://api.example.com/v1/items?limit=20"],
    ["URL with a shell variable as password", "postgres://app:$DB_PASSWORD@db:5432/app"],
    ["URL with masked password", "postgres://app:****@db:5432/app"],
    ["account id", "123456789012"],
    ["digits", "12345678901234567890123"],
    ["sk- word", "sk-west-cluster-production"],
    ["short", "hunter2"],
  ])("%s is not a secret shape", (_, value) => {
    expect(secretValueSignals(value)).toEqual([]);
  });

  it("measures entropy in bits per character", () => {
    expect(shannonEntropy("")).toBe(0);
    expect(shannonEntropy("aaaa")).toBe(0);
    expect(shannonEntropy("abcd")).toBe(2);
  });
});

describe("classifySecret", () => {
  it("flags a secret-like name with a literal value, naming the signal", () => {
    expect(classifySecret("DB_PASSWORD", "hunter2")).toEqual({ secret: true, signals: ['name contains "password"'] });
  });

  it("flags a value of a known shape whatever its name", () => {
    expect(classifySecret("SETTINGS", "AKIAIOSFODNN7EXAMPLE")).toEqual({
      secret: true,
      signals: ["AWS access key id"],
    });
  });

  it("combines name and value signals", () => {
    expect(classifySecret("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE").signals).toEqual([
      "name AWS_ACCESS_KEY_ID is a credential variable",
      "AWS access key id",
    ]);
  });

  it.each([
    ["empty string", "DB_PASSWORD", ""],
    ["blank string", "DB_PASSWORD", "  "],
    ["boolean", "AUTH_TOKEN", "true"],
    ["boolean, capitalised", "USE_SECRET", "False"],
    ["dynamic reference", "DB_PASSWORD", "{{resolve:secretsmanager:prod/db:SecretString:password}}"],
    ["SSM secure reference", "API_KEY", "{{resolve:ssm-secure:/app/api-key:1}}"],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell-style reference value, as written
    ["interpolation", "DB_PASSWORD", "${DB_PASSWORD}"],
    ["shell command substitution", "DB_PASSWORD", "$(aws secretsmanager get-secret-value --secret-id db)"],
    ["secret ARN", "DB_PASSWORD", "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf"],
    ["SSM parameter ARN", "API_TOKEN", "arn:aws:ssm:us-east-1:123456789012:parameter/app/token"],
    ["placeholder under a plain name", "GREETING", "changeme"],
    ["plain configuration", "LOG_LEVEL", "debug"],
    ["plain URL", "DATABASE_HOST", "db.internal.example.com"],
  ])("never flags: %s", (_, name, value) => {
    expect(classifySecret(name, value)).toEqual({ secret: false, signals: [] });
  });

  it("flags a placeholder under a secret-like name (it is still a literal password)", () => {
    expect(classifySecret("DB_PASSWORD", "changeme").secret).toBe(true);
  });

  it("recognises placeholders", () => {
    expect(
      ["changeme", "CHANGE_ME", "<your-api-key>", "xxxx", "****", "your-token-here", "TODO"].every(isPlaceholder),
    ).toBe(true);
    expect(isPlaceholder("hunter2")).toBe(false);
  });
});

describe("maskSecret", () => {
  it("shows at most four characters and the length", () => {
    expect(maskSecret("AKIAIOSFODNN7EXAMPLE")).toBe('"AKIA…" (20 chars)');
    expect(maskSecret("hunter2")).toBe('"h…" (7 chars)');
    expect(maskSecret("abc")).toBe('"…" (3 chars)');
  });

  it("never contains the secret", () => {
    const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    expect(maskSecret(secret)).not.toContain(secret.slice(0, 5));
  });

  it("counts characters, not UTF-16 units", () => {
    expect(maskSecret("pässwörd€€")).toBe('"pä…" (10 chars)');
  });
});
