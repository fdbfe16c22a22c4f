/**
 * Terraform root modules: directories holding *.tf / *.tf.json, minus those another scanned
 * directory calls as a local module (cli.md). Calls are found by a light scan of `source`
 * attributes: a discovery hint only; the Terraform parser does the real reading.
 */
import path from "node:path";

/** `source = "./modules/db"` (HCL) — local paths only: they start with ./ or ../ */
const HCL_LOCAL_SOURCE = /\bsource\s*=\s*"(\.\.?\/[^"]*)"/g;
/** Whole-line comments: a commented-out module call is not a call. */
const HCL_LINE_COMMENT = /^\s*(#|\/\/).*$/gm;

/** Local module paths a .tf file calls, as written. */
export function localModuleSources(text: string): string[] {
  const uncommented = text.replace(HCL_LINE_COMMENT, "");
  return [...uncommented.matchAll(HCL_LOCAL_SOURCE)].map((match) => match[1]!);
}

/** Local module paths a .tf.json file calls: `{"module": {"db": {"source": "./db"}}}`. */
export function localModuleSourcesJson(text: string): string[] {
  try {
    const parsed = JSON.parse(text) as { module?: unknown };
    const blocks = Array.isArray(parsed.module) ? parsed.module : [parsed.module];
    const sources: string[] = [];
    for (const block of blocks) {
      if (typeof block !== "object" || block === null) continue;
      for (const call of Object.values(block as Record<string, unknown>)) {
        for (const item of Array.isArray(call) ? call : [call]) {
          const source = (item as { source?: unknown } | null)?.source;
          if (typeof source === "string" && /^\.\.?\//.test(source)) sources.push(source);
        }
      }
    }
    return sources;
  } catch {
    return [];
  }
}

/**
 * @param calls module directory (absolute) → the absolute directories it calls
 * @returns the directories that are root modules, sorted
 */
export function rootModules(moduleDirs: Iterable<string>, calls: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const dirs = [...new Set(moduleDirs)].sort();
  const scanned = new Set(dirs);
  const called = new Set<string>();
  for (const [caller, callees] of calls) {
    if (!scanned.has(caller)) continue;
    for (const callee of callees) if (callee !== caller && scanned.has(callee)) called.add(callee);
  }
  const roots = dirs.filter((dir) => !called.has(dir));
  // Modules that call each other in a cycle have no caller outside it: keep the first of them
  // as a root so that nothing scanned goes unread.
  const reached = new Set<string>();
  const visit = (dir: string): void => {
    if (reached.has(dir)) return;
    reached.add(dir);
    for (const callee of calls.get(dir) ?? []) if (scanned.has(callee)) visit(callee);
  };
  roots.forEach(visit);
  for (const dir of dirs) {
    if (reached.has(dir)) continue;
    roots.push(dir);
    visit(dir);
  }
  return roots.sort();
}

/** The directory a local `source` calls (`./modules/vpc//sub` reads modules/vpc/sub). */
export function resolveModuleSource(callerDir: string, source: string): string {
  return path.resolve(callerDir, source);
}
