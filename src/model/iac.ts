/**
 * The declared resources as the Terraform and CloudFormation parsers hand them over, before
 * they become architecture (src/iac turns them into Elements and Relations).
 *
 * Both formats produce the same shape: a resource with a type, an address and a body of
 * evaluated values, each value with the place it was written. Names of attributes stay as the
 * format writes them (`multi_az` in Terraform, `MultiAZ` in CloudFormation); the resource
 * table in src/iac knows both.
 */
import type { Diagnostic } from "./graph.js";
import type { SourceLocation } from "./source.js";
import type { Suppression } from "./suppression.js";

export type IacFormat = "terraform" | "cloudformation";

/**
 * A pointer to another declared resource (or one of its attributes).
 * Terraform: `aws_subnet.private[0].id` → { target: "aws_subnet.private[0]", attribute: "id" }.
 * CloudFormation: `!GetAtt Db.Endpoint.Address` → { target: "Db", attribute: "Endpoint.Address" }.
 * `target` is always a resource address as it appears in IacResource.address. A splat over a
 * counted resource whose instances are known (`aws_subnet.private[*].id`) is a list of one ref
 * per instance; only when the count is unknown is it one ref to the address without index with
 * `splat: true`.
 */
export interface ResourceRef {
  target: string;
  attribute?: string;
  splat?: boolean;
  /** The text of the reference as written. */
  text: string;
  source: SourceLocation;
}

interface ValueBase {
  /** Where the value is written. */
  source: SourceLocation;
}

export interface IacLiteral extends ValueBase {
  kind: "literal";
  value: string | number | boolean | null;
  /**
   * Set when the value comes from a Terraform variable declared `sensitive = true`: the
   * variable (`var.db_password`). Such a value is a secret: it is masked wherever it is shown.
   */
  sensitive?: string;
  /**
   * References that went into a value that still evaluated to a literal (rare; e.g. a
   * template whose interpolation resolved through a variable); kept for relations.
   */
  refs?: ResourceRef[];
}

export interface IacObject extends ValueBase {
  kind: "object";
  /** Set when the object was a JSON document in a string (jsonencode(...), a JSON heredoc or file). */
  encoding?: "json";
  entries: Record<string, IacValue>;
  /** Where each key is written (the attribute line: `multi_az = true` → position of `multi_az`). */
  keySources: Record<string, SourceLocation>;
}

export interface IacList extends ValueBase {
  kind: "list";
  encoding?: "json";
  items: IacValue[];
}

/** A value that is exactly a reference to a resource attribute (`aws_db_instance.main.address`, `!Ref Db`). */
export interface IacRef extends ValueBase {
  kind: "ref";
  ref: ResourceRef;
  /** True when the target is a secret store entry (a Secrets Manager secret or version, an SSM parameter). */
  secretReference?: boolean;
}

/**
 * A value that could not be evaluated: an unset variable, a data source, a runtime attribute
 * inside a template, a function archlint does not evaluate. `text` is the expression as
 * written; `refs` the resource references inside it (so `"postgres://${aws_db_instance.main.address}"`
 * still links to the database).
 */
export interface IacUnknown extends ValueBase {
  kind: "unknown";
  text: string;
  refs: ResourceRef[];
  /**
   * True when the value comes from a secret-store reference: a `{{resolve:secretsmanager:…}}`
   * dynamic reference, or a reference to a secret / SSM parameter resource.
   */
  secretReference?: boolean;
}

export type IacValue = IacLiteral | IacObject | IacList | IacRef | IacUnknown;

export interface IacResource {
  format: IacFormat;
  /** Terraform address (`module.db.aws_db_instance.this[0]`) or CloudFormation logical id. */
  address: string;
  /** `aws_db_instance`, `AWS::RDS::DBInstance`, `AWS::Serverless::Function`. */
  type: string;
  /** Terraform local name (`main`) or CloudFormation logical id. */
  name: string;
  /** Terraform `data` blocks: read, never reported as a resource. */
  mode: "managed" | "data";
  /**
   * Terraform: the resource's arguments and nested blocks (a nested block type that appears
   * once or more becomes a list of objects under its name; `dynamic "x"` blocks expand into
   * that list, or into one unknown item when their for_each is unknown).
   * CloudFormation: the `Properties` map.
   */
  body: IacObject;
  /** First line of the block: `resource "aws_db_instance" "main" {` or the logical id's key. */
  source: SourceLocation;
  /** Terraform module path: `module.db` (empty for the root module). */
  modulePath?: string;
  /** Where the module containing this resource is called (the `module "db" {` line). */
  moduleCall?: SourceLocation;
  /** count / for_each instance key, when the resource is one instance of several. */
  instanceKey?: string | number;
  /** Terraform provider alias or region; CloudFormation has none. */
  provider?: string;
  region?: string;
  /** CloudFormation: a human name (CDK `aws:cdk:path` metadata), DependsOn, Condition. */
  humanName?: string;
  dependsOn?: string[];
  /** CloudFormation `Condition`, evaluated: false means the resource is not created. */
  condition?: boolean | "unknown";
  /** CloudFormation `Metadata.archlint.suppress` entries. */
  suppress?: { rule: string; reason?: string; source: SourceLocation }[];
  /** The template / file the resource is declared in (relative path). */
  file: string;
}

/** What a format parser returns: resources plus diagnostics (parse errors, unresolved notes). */
export interface IacParseResult {
  resources: IacResource[];
  diagnostics: Diagnostic[];
  suppressions: Suppression[];
  /** Files read (relative paths), for reporting and suppressions. */
  files: string[];
}
