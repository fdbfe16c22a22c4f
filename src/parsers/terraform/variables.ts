/**
 * Input variables of a root module, with Terraform's precedence (later wins):
 * `terraform.tfvars`, `terraform.tfvars.json`, `*.auto.tfvars(.json)` in lexical order, then the
 * configured tfvars files (as -var-file), then the configured variables (as -var).
 */
import path from "node:path";
import type { IacValue } from "../../model/iac.js";
import { type Attribute, spanLocation } from "./ast.js";
import { unreadableDiagnostic } from "./config.js";
import type { Evaluator } from "./evaluate.js";
import type { InputSource, ReadSession } from "./instances.js";
import { readJsonTfvars } from "./json-syntax.js";
import { readNativeText } from "./native.js";
import { fromPlain } from "./values.js";

export interface RootInputOptions {
  root: string;
  variables?: Record<string, unknown>;
  tfvars?: string[];
}

/** The tfvars files Terraform reads by itself from a root module directory. */
function automaticTfvars(session: ReadSession, directory: string): string[] {
  const { names } = session.files.list(directory);
  const auto = names.filter((name) => name.endsWith(".auto.tfvars") || name.endsWith(".auto.tfvars.json"));
  return ["terraform.tfvars", "terraform.tfvars.json", ...auto]
    .filter((name) => names.includes(name))
    .map((name) => path.join(directory, name));
}

export function rootInputs(
  session: ReadSession,
  evaluator: Evaluator,
  directory: string,
  options: RootInputOptions,
): InputSource {
  const values = new Map<string, IacValue>();
  const configured = (options.tfvars ?? []).map((file) => path.resolve(options.root, file));
  for (const file of [...automaticTfvars(session, directory), ...configured]) {
    for (const attribute of readTfvars(session, file))
      values.set(attribute.name, evaluator.evaluate(attribute.expr, { symbols: new Map() }));
  }
  const given = options.variables ?? {};
  return (variable) => {
    if (Object.hasOwn(given, variable.name))
      return fromPlain(given[variable.name], spanLocation(variable.block.typeSpan));
    return values.get(variable.name);
  };
}

function readTfvars(session: ReadSession, absolutePath: string): Attribute[] {
  const file = session.files.relative(absolutePath);
  const at = { file, line: 1, column: 1 };
  if (session.files.escapes(absolutePath)) {
    session.report({
      code: "iac-path-escape",
      message: `tfvars file ${file} is outside the scanned directory; it is not read`,
      source: at,
    });
    return [];
  }
  const read = session.files.read(absolutePath);
  if (read.kind === "unreadable") {
    session.report(unreadableDiagnostic(file, "file", read.reason));
    return [];
  }
  if (read.kind === "missing") {
    session.report({ code: "iac-unresolved", message: `tfvars file ${file} was not found`, source: at });
    return [];
  }
  const text = read.text;
  session.loader.filesRead.add(file);
  if (absolutePath.endsWith(".json")) {
    const { attributes, diagnostics } = readJsonTfvars(file, text);
    for (const diagnostic of diagnostics) session.report(diagnostic);
    return attributes;
  }
  const { config, diagnostics } = readNativeText(file, text);
  for (const diagnostic of diagnostics) session.report(diagnostic);
  return config.body.attributes;
}
