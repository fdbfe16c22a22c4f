/**
 * Every file access of the Terraform reader goes through here: nothing outside the scan roots
 * is read, symbolic links included. The first root is DIR (paths are reported relative to it);
 * the others are directories the user named explicitly (`archlint check docs/arch.txt ../infra`).
 */
import fs from "node:fs";
import path from "node:path";

export class RootFiles {
  readonly realRoot: string;
  private readonly realRoots: string[];

  constructor(
    readonly root: string,
    extraRoots: readonly string[] = [],
  ) {
    this.realRoot = realpathOrSelf(path.resolve(root));
    this.realRoots = [this.realRoot, ...extraRoots.map((extra) => realpathOrSelf(path.resolve(root, extra)))];
  }

  /** The real path of a file or directory when it exists inside the root; undefined otherwise. */
  inside(absolutePath: string): string | undefined {
    const real = realpathOrUndefined(absolutePath);
    if (real === undefined) return undefined;
    return this.contains(real) ? real : undefined;
  }

  /** Is the path, once its links are resolved, inside the root (true for paths that do not exist)? */
  escapes(absolutePath: string): boolean {
    const real = realpathOrUndefined(absolutePath) ?? path.resolve(absolutePath);
    return !this.contains(real);
  }

  private contains(real: string): boolean {
    return this.realRoots.some((root) => {
      const relative = path.relative(root, real);
      return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
    });
  }

  /** The path (a real path, or one under the root as given) relative to the root, with `/` separators. */
  relative(absolutePath: string): string {
    const resolved = path.resolve(absolutePath);
    const base = this.contains(resolved) ? this.realRoot : path.resolve(this.root);
    const relative = path.relative(base, resolved);
    return relative.split(path.sep).join("/") || ".";
  }

  isDirectory(absolutePath: string): boolean {
    const real = this.inside(absolutePath);
    return real !== undefined && fs.statSync(real).isDirectory();
  }

  /** Names of the entries of a directory inside the root, sorted; empty when unreadable. */
  list(directory: string): string[] {
    const real = this.inside(directory);
    if (real === undefined) return [];
    try {
      return fs.readdirSync(real).sort();
    } catch {
      return [];
    }
  }

  /** The text of a file inside the root; undefined when it is outside, missing or not a file. */
  read(absolutePath: string): string | undefined {
    const real = this.inside(absolutePath);
    if (real === undefined) return undefined;
    try {
      return fs.statSync(real).isFile() ? fs.readFileSync(real, "utf8") : undefined;
    } catch {
      return undefined;
    }
  }
}

function realpathOrUndefined(target: string): string | undefined {
  try {
    return fs.realpathSync.native(target);
  } catch {
    return undefined;
  }
}

function realpathOrSelf(target: string): string {
  return realpathOrUndefined(target) ?? target;
}
