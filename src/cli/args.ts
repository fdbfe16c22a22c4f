/**
 * Command-line parsing: a small, strict parser with did-you-mean hints. Usage errors are
 * `UsageError`s, which the CLI turns into exit code 2 with the message on stderr.
 */
import { closest } from "../util/did-you-mean.js";

export class UsageError extends Error {
  override readonly name = "UsageError";
}

export type OptionKind = "flag" | "value" | "repeatable";

export interface OptionSpec {
  name: string;
  kind: OptionKind;
  /** Placeholder shown in help: `FILE`, `R`. */
  arg?: string;
  description: string;
  /** Allowed values, checked at parse time. */
  choices?: readonly string[];
}

export interface CommandSpec {
  name: string;
  summary: string;
  usage: string;
  options: OptionSpec[];
  /** Positional arguments allowed: "paths" (any number), "dir" (at most one), "none". */
  positionals: "paths" | "dir" | "none";
}

export interface ParsedArgs {
  command: string;
  positionals: string[];
  flags: Set<string>;
  values: Map<string, string>;
  lists: Map<string, string[]>;
}

function findOption(spec: CommandSpec, name: string): OptionSpec | undefined {
  return spec.options.find((option) => option.name === name);
}

function unknownOption(spec: CommandSpec, name: string): UsageError {
  const hint = closest(
    name,
    spec.options.map((option) => option.name),
  );
  const suggestion = hint ? ` Did you mean --${hint}?` : "";
  return new UsageError(
    `unknown option --${name} for "archlint ${spec.name}".${suggestion} Run "archlint ${spec.name} --help" for the options.`,
  );
}

/** Parses the arguments that follow the command name. */
export function parseCommandArgs(spec: CommandSpec, argv: string[]): ParsedArgs {
  const parsed: ParsedArgs = {
    command: spec.name,
    positionals: [],
    flags: new Set(),
    values: new Map(),
    lists: new Map(),
  };
  let onlyPositionals = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (onlyPositionals || !arg.startsWith("-") || arg === "-") {
      parsed.positionals.push(arg);
      continue;
    }
    if (arg === "--") {
      onlyPositionals = true;
      continue;
    }
    if (arg === "-h") {
      parsed.flags.add("help");
      continue;
    }
    if (!arg.startsWith("--"))
      throw new UsageError(`unknown option ${arg}. Options are written --name; see "archlint ${spec.name} --help".`);
    const eq = arg.indexOf("=");
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    const option = findOption(spec, name);
    if (!option) throw unknownOption(spec, name);
    if (option.kind === "flag") {
      if (eq !== -1) throw new UsageError(`--${name} takes no value.`);
      parsed.flags.add(name);
      continue;
    }
    let value: string;
    if (eq !== -1) value = arg.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith("--") && next.length > 2)) {
        throw new UsageError(`--${name} needs a value: --${name} ${option.arg ?? "VALUE"}.`);
      }
      value = next;
      i++;
    }
    if (option.choices && !option.choices.includes(value)) {
      const hint = closest(value, [...option.choices]);
      throw new UsageError(
        `--${name} must be one of ${option.choices.join(", ")}; got "${value}".${hint ? ` Did you mean ${hint}?` : ""}`,
      );
    }
    if (option.kind === "repeatable") {
      const list = parsed.lists.get(name) ?? [];
      list.push(value);
      parsed.lists.set(name, list);
    } else {
      parsed.values.set(name, value);
    }
  }
  if (spec.positionals === "none" && parsed.positionals.length > 0) {
    throw new UsageError(`"archlint ${spec.name}" takes no arguments; got "${parsed.positionals[0]}".`);
  }
  if (spec.positionals === "dir" && parsed.positionals.length > 1) {
    throw new UsageError(
      `"archlint ${spec.name}" takes at most one directory; got ${parsed.positionals.length} arguments.`,
    );
  }
  return parsed;
}

/** Help text of one command. */
export function commandHelp(spec: CommandSpec): string {
  const lines = [`Usage: ${spec.usage}`, "", spec.summary, ""];
  if (spec.options.length > 0) {
    lines.push("Options:");
    const heads = spec.options.map((option) => `  --${option.name}${option.arg ? ` ${option.arg}` : ""}`);
    const width = Math.max(...heads.map((head) => head.length)) + 2;
    spec.options.forEach((option, index) => {
      lines.push(`${heads[index]!.padEnd(width)}${option.description}`);
    });
  }
  return `${lines.join("\n")}\n`;
}
