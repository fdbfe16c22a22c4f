/**
 * A module directory's configuration: its files parsed once (native or JSON syntax) and its
 * declarations indexed by kind. Parse diagnostics are reported once per file, however many
 * times the module is instantiated.
 */
import path from "node:path";
import type { Diagnostic } from "../../model/graph.js";
import { type Attribute, attributeNamed, type Block, type ConfigFile, type Expr } from "./ast.js";
import type { RootFiles } from "./files.js";
import { readJsonConfig } from "./json-syntax.js";
import { readNativeText } from "./native.js";

export interface VariableDecl {
  name: string;
  block: Block;
  default?: Expr;
  type?: Expr;
  /** `sensitive = true`: its value is a secret. */
  sensitive: boolean;
}

export interface ResourceDecl {
  mode: "managed" | "data";
  type: string;
  name: string;
  block: Block;
  file: string;
}

export interface ModuleCallDecl {
  name: string;
  block: Block;
  file: string;
}

export interface ProviderDecl {
  /** `aws` or `aws.west` (name and alias), as resources select it. */
  key: string;
  block: Block;
}

export interface ModuleConfig {
  /** Absolute directory. */
  dir: string;
  files: ConfigFile[];
  variables: Map<string, VariableDecl>;
  locals: Map<string, Attribute>;
  outputs: Map<string, { block: Block; value?: Expr }>;
  resources: ResourceDecl[];
  calls: ModuleCallDecl[];
  providers: ProviderDecl[];
}

/** Terraform's override files merge into other files' blocks; archlint reads the base files only. */
function isConfigFileName(name: string): boolean {
  if (!name.endsWith(".tf") && !name.endsWith(".tf.json")) return false;
  const base = name.replace(/\.tf(\.json)?$/, "");
  return base !== "override" && !base.endsWith("_override");
}

export class ConfigLoader {
  readonly diagnostics: Diagnostic[] = [];
  /** Relative paths of every file read. */
  readonly filesRead = new Set<string>();
  private readonly modules = new Map<string, ModuleConfig>();

  constructor(readonly files: RootFiles) {}

  /** The configuration of a directory inside the root (cached); undefined when it has no .tf file. */
  load(directory: string): ModuleConfig | undefined {
    const cached = this.modules.get(directory);
    if (cached) return cached;
    const listing = this.files.list(directory);
    if (listing.unreadable !== undefined) this.reportUnreadable(directory, "directory", listing.unreadable);
    const names = listing.names.filter(isConfigFileName);
    if (names.length === 0) return undefined;
    const parsed: ConfigFile[] = [];
    for (const name of names) {
      const file = this.readConfigFile(path.join(directory, name));
      if (file) parsed.push(file);
    }
    const config = indexConfig(directory, parsed);
    this.modules.set(directory, config);
    return config;
  }

  /** Forgets a directory's configuration (a root module once read), so its syntax can be freed. */
  release(directory: string): void {
    this.modules.delete(directory);
  }

  private readConfigFile(absolutePath: string): ConfigFile | undefined {
    const read = this.files.read(absolutePath);
    if (read.kind === "unreadable") this.reportUnreadable(absolutePath, "file", read.reason);
    if (read.kind !== "text") return undefined;
    const text = read.text;
    const file = this.files.relative(absolutePath);
    this.filesRead.add(file);
    const { config, diagnostics } = absolutePath.endsWith(".json")
      ? readJsonConfig(file, text)
      : readNativeText(file, text);
    this.diagnostics.push(...diagnostics);
    return config;
  }

  /** A file or directory that exists and cannot be read: its resources would vanish without a word. */
  private reportUnreadable(absolutePath: string, what: "file" | "directory", reason: string): void {
    this.diagnostics.push(unreadableDiagnostic(this.files.relative(absolutePath), what, reason));
  }
}

/** `iac-parse-error` at the start of a file (or directory) that could not be read. */
export function unreadableDiagnostic(file: string, what: "file" | "directory", reason: string): Diagnostic {
  return {
    code: "iac-parse-error",
    message: `could not read the ${what}: ${reason}`,
    source: { file, line: 1, column: 1 },
  };
}

function stringLiteral(expr: Expr | undefined): string | undefined {
  return expr?.type === "literal" && typeof expr.value === "string" ? expr.value : undefined;
}

/** Declarations of a module's files, in file order. */
function indexConfig(dir: string, files: ConfigFile[]): ModuleConfig {
  const config: ModuleConfig = {
    dir,
    files,
    variables: new Map(),
    locals: new Map(),
    outputs: new Map(),
    resources: [],
    calls: [],
    providers: [],
  };
  for (const file of files) {
    for (const block of file.body.blocks) {
      const [first, second] = block.labels;
      switch (block.type) {
        case "resource":
        case "data":
          if (first && second)
            config.resources.push({
              mode: block.type === "data" ? "data" : "managed",
              type: first,
              name: second,
              block,
              file: file.file,
            });
          break;
        case "module":
          if (first) config.calls.push({ name: first, block, file: file.file });
          break;
        case "variable":
          if (first) {
            config.variables.set(first, {
              name: first,
              block,
              default: attributeNamed(block.body, "default")?.expr,
              type: attributeNamed(block.body, "type")?.expr,
              sensitive: isTrueLiteral(attributeNamed(block.body, "sensitive")?.expr),
            });
          }
          break;
        case "locals":
          for (const attribute of block.body.attributes) config.locals.set(attribute.name, attribute);
          break;
        case "output":
          if (first) config.outputs.set(first, { block, value: attributeNamed(block.body, "value")?.expr });
          break;
        case "provider": {
          const alias = stringLiteral(attributeNamed(block.body, "alias")?.expr);
          if (first) config.providers.push({ key: alias ? `${first}.${alias}` : first, block });
          break;
        }
      }
    }
  }
  return config;
}

/** The literal `source` of a module call, when it is one. */
export function moduleSource(call: ModuleCallDecl): { value: string | undefined; expr: Expr | undefined } {
  const expr = attributeNamed(call.block.body, "source")?.expr;
  return { value: stringLiteral(expr), expr };
}

/** Local module sources start with ./ or ../ (Terraform's rule); everything else is fetched. */
export function isLocalSource(source: string): boolean {
  return source.startsWith("./") || source.startsWith("../") || source.startsWith(".\\") || source.startsWith("..\\");
}

/** `sensitive = true` (a literal; anything else is not a declaration Terraform accepts). */
function isTrueLiteral(expr: Expr | undefined): boolean {
  return expr?.type === "literal" && expr.value === true;
}
