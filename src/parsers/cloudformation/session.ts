/**
 * One scan's templates → IacParseResult: reads every template, decides which are root stacks
 * (a template that another one nests is read through its parent only), gives each resource its
 * address, evaluates, and follows local nested stacks.
 */
import fs from "node:fs";
import path from "node:path";
import type { Diagnostic } from "../../model/graph.js";
import type { IacParseResult, IacResource, IacValue } from "../../model/iac.js";
import type { SourceLocation } from "../../model/source.js";
import type { Suppression } from "../../model/suppression.js";
import { withoutBom } from "./detect.js";
import { Evaluator, type Scope } from "./evaluate.js";
import { isNestedStack, nestedLocationOf, resolveNested } from "./nested.js";
import { readTemplate, takeRememberedRead } from "./read.js";
import { resourceOf } from "./resource.js";
import { commentSuppressions, resourceSuppressions } from "./suppressions.js";
import { notATemplate, type ResourceDecl, type TemplateModel, templateModelOf } from "./template.js";
import { Locator } from "./tree.js";
import { literal } from "./values.js";

/** A parameter value given by the caller, as `--parameter-overrides` would give it. */
export type ParameterValue = string | number | boolean | string[];

interface Template {
  file: string;
  loc: Locator;
  model: TemplateModel | undefined;
}

/** One deployment of a template: a root stack, or a nested stack of a parent. */
interface Instance {
  addressOf(logicalId: string): string;
  bound: ReadonlyMap<string, IacValue>;
  moduleCall?: SourceLocation;
  /** The parent stack's condition when it is not surely true: its resources exist only if it does. */
  condition?: false | "unknown";
  /** Files of this stack and the stacks above it, to refuse a template that nests itself. */
  ancestry: string[];
}

export class Session {
  private readonly templates = new Map<string, Template>();
  private readonly resources: IacResource[] = [];
  private readonly diagnostics: Diagnostic[] = [];
  private readonly suppressions: Suppression[] = [];

  constructor(
    private readonly root: string,
    private readonly parameters: Readonly<Record<string, ParameterValue>>,
    private readonly scanRoots: readonly string[] = [],
  ) {}

  run(inputs: { file: string; text: string }[]): IacParseResult {
    const templates: Template[] = [];
    for (const input of inputs) {
      const file = normalizeFile(input.file);
      if (this.templates.has(file)) continue;
      const template = this.guarded(file, () => this.load(file, input.text));
      if (template) templates.push(template);
    }
    const roots = this.rootsOf(templates);
    const shared = sharedLogicalIds(roots);
    for (const template of roots) {
      const instance: Instance = {
        addressOf: (id) => (shared.has(id) ? `${template.file}#${id}` : id),
        bound: this.overridesFor(template),
        ancestry: [template.file],
      };
      this.guarded(template.file, () => this.instantiate(template, instance));
    }
    return {
      resources: this.resources,
      diagnostics: distinct(this.diagnostics),
      suppressions: this.suppressions,
      files: [...this.templates.keys()],
    };
  }

  /** A bug must not cost the other templates: it becomes a diagnostic on the template it happened in. */
  private guarded<T>(file: string, work: () => T): T | undefined {
    try {
      return work();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.diagnostics.push({
        code: "iac-parse-error",
        message: `archlint could not read this template: ${reason}`,
        source: { file, line: 1, column: 1 },
      });
      return undefined;
    }
  }

  private load(file: string, text: string): Template {
    const loc = new Locator(file, withoutBom(text));
    const read = takeRememberedRead(loc) ?? readTemplate(loc);
    const syntaxErrors = read.diagnostics
      .filter((diagnostic) => diagnostic.code === "iac-parse-error")
      .map(({ source }) => loc.lines.offset(source.line, source.column));
    const model = templateModelOf(read.root, loc, syntaxErrors);
    this.diagnostics.push(...read.diagnostics);
    if (model) this.diagnostics.push(...model.diagnostics);
    else if (!read.diagnostics.some((diagnostic) => diagnostic.code === "iac-parse-error")) {
      const start = read.root?.start ?? 0;
      this.diagnostics.push({
        code: "iac-parse-error",
        message: notATemplate(read.root),
        source: loc.at({ start, end: start }),
      });
    }
    this.suppressions.push(...commentSuppressions(read.comments, loc));
    const template = { file, loc, model };
    this.templates.set(file, template);
    return template;
  }

  /** Templates that no other input nests, plus any left unreached because templates nest each other in a cycle. */
  private rootsOf(templates: Template[]): Template[] {
    const byFile = new Map(templates.map((template) => [template.file, template]));
    const children = new Map<string, string[]>();
    for (const template of templates) {
      const files = (template.model?.resources ?? [])
        .map((decl) => this.localChildOf(template, decl))
        .filter((file) => file !== undefined && file !== template.file && byFile.has(file));
      children.set(template.file, files as string[]);
    }
    const nested = new Set([...children.values()].flat());
    const reached = new Set<string>();
    const visit = (file: string): void => {
      if (reached.has(file)) return;
      reached.add(file);
      for (const child of children.get(file) ?? []) visit(child);
    };
    for (const template of templates) if (!nested.has(template.file)) visit(template.file);
    return templates.filter((template) => !nested.has(template.file) || !reached.has(template.file));
  }

  private localChildOf(template: Template, decl: ResourceDecl): string | undefined {
    const location = nestedLocationOf(decl);
    if (location?.kind !== "local") return undefined;
    const resolved = resolveNested(this.root, template.file, location.path, this.scanRoots);
    return resolved.kind === "inside" ? resolved.file : undefined;
  }

  /** The caller's parameter values for the parameters this template declares. */
  private overridesFor(template: Template): Map<string, IacValue> {
    const bound = new Map<string, IacValue>();
    // Relocated to each Ref when read; this place only stands in until then.
    const source: SourceLocation = { file: template.file, line: 1, column: 1 };
    for (const [name, value] of Object.entries(this.parameters)) {
      if (!template.model?.parameters.has(name)) continue;
      bound.set(
        name,
        Array.isArray(value)
          ? { kind: "list", items: value.map((item) => literal(item, source)), source }
          : literal(value, source),
      );
    }
    return bound;
  }

  private instantiate(template: Template, instance: Instance): void {
    const { model } = template;
    if (!model) return;
    const scope: Scope = {
      loc: template.loc,
      model,
      addressOf: instance.addressOf,
      bound: instance.bound,
      diagnostics: this.diagnostics,
    };
    const evaluator = new Evaluator(scope);
    for (const decl of model.resources) {
      const resource = resourceOf(decl, evaluator, scope);
      if (instance.moduleCall) resource.moduleCall = instance.moduleCall;
      if (instance.condition !== undefined) resource.condition = both(instance.condition, resource.condition ?? true);
      this.resources.push(resource);
      if (resource.suppress) this.suppressions.push(...resourceSuppressions(resource.suppress, resource.address));
      if (isNestedStack(decl.type)) this.nest(template, decl, resource, instance);
    }
  }

  private nest(parent: Template, decl: ResourceDecl, stack: IacResource, instance: Instance): void {
    const location = nestedLocationOf(decl);
    if (!location) return;
    const source = parent.loc.at(location.span);
    const notRead = (code: Diagnostic["code"], why: string): void => {
      this.diagnostics.push({
        code,
        message: `nested stack ${stack.address}: ${why}`,
        source,
        resource: stack.address,
      });
    };
    if (location.kind === "remote") {
      const what = location.url ?? `its ${location.property} (not a local path)`;
      notRead("iac-module-not-read", `${what} is not a local template file; its resources are not read`);
      return;
    }
    const resolved = resolveNested(this.root, parent.file, location.path, this.scanRoots);
    if (resolved.kind === "escape") {
      notRead("iac-path-escape", `${location.path} is outside the scanned folder; it is not read`);
      return;
    }
    if (instance.ancestry.includes(resolved.file)) {
      notRead("iac-module-not-read", `${location.path} nests a stack that contains it; it is not read again`);
      return;
    }
    let child = this.templates.get(resolved.file);
    if (!child) {
      let text: string;
      try {
        text = fs.readFileSync(resolved.absolute, "utf8");
      } catch (error) {
        const reason = (error as NodeJS.ErrnoException).code ?? String(error);
        notRead("iac-module-not-read", `cannot read ${location.path} (${reason})`);
        return;
      }
      child = this.load(resolved.file, text);
    }
    const parameters = stack.body.entries.Parameters;
    const childInstance: Instance = {
      addressOf: (id) => `${stack.address}/${id}`,
      bound: new Map(parameters?.kind === "object" ? Object.entries(parameters.entries) : []),
      moduleCall: stack.source,
      ancestry: [...instance.ancestry, resolved.file],
    };
    if (stack.condition !== undefined && stack.condition !== true) childInstance.condition = stack.condition;
    this.instantiate(child, childInstance);
  }
}

/** A resource in a conditional stack exists when both conditions hold. */
function both(stack: false | "unknown", own: boolean | "unknown"): false | "unknown" {
  return stack === false || own === false ? false : "unknown";
}

/** Logical ids declared by two or more root templates: those get `<file>#<LogicalId>` addresses. */
function sharedLogicalIds(roots: Template[]): Set<string> {
  const filesById = new Map<string, Set<string>>();
  for (const template of roots) {
    for (const decl of template.model?.resources ?? []) {
      const files = filesById.get(decl.logicalId) ?? new Set<string>();
      files.add(template.file);
      filesById.set(decl.logicalId, files);
    }
  }
  return new Set([...filesById].filter(([, files]) => files.size > 1).map(([id]) => id));
}

function normalizeFile(file: string): string {
  return path.posix.normalize(file.split("\\").join("/")).replace(/^\.\//, "");
}

/** A template nested twice is evaluated twice; its diagnostics are reported once. */
function distinct(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((diagnostic) => {
    const { file, line, column } = diagnostic.source;
    const key = `${diagnostic.code}\u0000${file}\u0000${line}\u0000${column}\u0000${diagnostic.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
