/** A small, fast directory walker: sync reads, pruned early, no glob library. */
import { type Dirent, readdirSync, statSync } from "node:fs";
import path from "node:path";

/** Never scanned unless the configuration names them (cli.md). */
export const IGNORED_DIRECTORIES = ["node_modules", ".git", ".terraform", "cdk.out"] as const;

export interface WalkOptions {
  /** Directory names to skip (the walk's own root is never skipped). */
  ignoredNames: ReadonlySet<string>;
  /** Absolute path → true when it must not be read (the `exclude` globs). */
  isExcluded(absolutePath: string): boolean;
}

function entries(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    // An unreadable directory is simply not searched: discovery never fails on one.
    return [];
  }
}

/**
 * Every file under `root` (absolute paths, sorted per directory). Symbolic links to files are
 * followed; links to directories are not, so that a link cycle cannot loop.
 */
export function walkFiles(root: string, options: WalkOptions): string[] {
  const files: string[] = [];
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    const subdirs: string[] = [];
    for (const entry of entries(dir)) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!options.ignoredNames.has(entry.name) && !options.isExcluded(full)) subdirs.push(full);
      } else if (entry.isFile() || (entry.isSymbolicLink() && isFile(full))) {
        if (!options.isExcluded(full)) files.push(full);
      }
    }
    // Reverse so that the stack pops subdirectories in name order.
    pending.push(...subdirs.sort().reverse());
  }
  return files;
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
