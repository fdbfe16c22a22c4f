/**
 * Every file access of the Terraform reader goes through here: nothing outside the scan roots
 * is read, symbolic links included. The first root is DIR (paths are reported relative to it);
 * the others are directories the user named explicitly (`archlint check docs/arch.txt ../infra`).
 */
import fs from "node:fs";
import path from "node:path";

export class RootFiles {
  readonly realRoot: string;
  /** Each scan root as the user gave it and as its links resolve. */
  private readonly roots: { given: string; real: string }[];

  constructor(
    readonly root: string,
    extraRoots: readonly string[] = [],
  ) {
    this.realRoot = realpathOrSelf(path.resolve(root));
    this.roots = [path.resolve(root), ...extraRoots.map((extra) => path.resolve(root, extra))].map((given) => ({
      given,
      real: realpathOrSelf(given),
    }));
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
    return this.roots.some((root) => isWithin(root.real, real));
  }

  /** The path (a real path, or one under the root as given) relative to the root, with `/` separators. */
  relative(absolutePath: string): string {
    const resolved = path.resolve(absolutePath);
    // A real path inside a scan root is first put back under that root as the user named it,
    // so that reported paths do not depend on where symbolic links lead.
    const root = this.roots.find((candidate) => isWithin(candidate.real, resolved));
    const given = root ? path.join(root.given, path.relative(root.real, resolved)) : resolved;
    const relative = path.relative(path.resolve(this.root), given);
    return relative.split(path.sep).join("/") || ".";
  }

  isDirectory(absolutePath: string): boolean {
    const real = this.inside(absolutePath);
    return real !== undefined && fs.statSync(real).isDirectory();
  }

  /**
   * The entries of a directory inside the root, sorted: none when it does not exist or is
   * outside; with the reason when it exists and cannot be listed.
   */
  list(directory: string): DirectoryListing {
    const resolved = this.resolve(directory);
    if (resolved.kind !== "inside") return { names: [], ...unreadableReason(resolved) };
    try {
      return { names: fs.readdirSync(resolved.real).sort() };
    } catch (error) {
      return isAbsence(error) ? { names: [] } : { names: [], unreadable: reasonOf(error) };
    }
  }

  /**
   * The text of a file inside the root. Missing when nothing is there, when it is outside or a
   * directory (Terraform skips directories too); unreadable, with the reason, when it exists and
   * cannot be read: no permission, a link to nothing, a FIFO or a device.
   */
  read(absolutePath: string): FileRead {
    const resolved = this.resolve(absolutePath);
    if (resolved.kind !== "inside") return resolved;
    try {
      const stat = fs.statSync(resolved.real);
      if (stat.isDirectory()) return MISSING;
      // A FIFO or a device would block the read or never end: it is not configuration.
      if (!stat.isFile()) return { kind: "unreadable", reason: "not a regular file" };
      return { kind: "text", text: fs.readFileSync(resolved.real, "utf8") };
    } catch (error) {
      return isAbsence(error) ? MISSING : { kind: "unreadable", reason: reasonOf(error) };
    }
  }

  /** The real path when it is inside the root; missing or unreadable (with why) otherwise. */
  private resolve(absolutePath: string): { kind: "inside"; real: string } | Exclude<FileRead, { kind: "text" }> {
    let real: string;
    try {
      real = fs.realpathSync.native(absolutePath);
    } catch (error) {
      if (!isAbsence(error)) return { kind: "unreadable", reason: reasonOf(error) };
      return isSymbolicLink(absolutePath) ? { kind: "unreadable", reason: "a symbolic link to nothing" } : MISSING;
    }
    return this.contains(real) ? { kind: "inside", real } : MISSING;
  }
}

export type FileRead = { kind: "text"; text: string } | { kind: "missing" } | { kind: "unreadable"; reason: string };

export interface DirectoryListing {
  names: string[];
  /** Why an existing directory could not be listed. */
  unreadable?: string;
}

const MISSING: { kind: "missing" } = { kind: "missing" };

function unreadableReason(read: FileRead): { unreadable?: string } {
  return read.kind === "unreadable" ? { unreadable: read.reason } : {};
}

/** The error says that nothing is at the path (as opposed to something that cannot be read). */
function isAbsence(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === "ENOENT" || code === "ENOTDIR";
}

function isSymbolicLink(absolutePath: string): boolean {
  try {
    return fs.lstatSync(absolutePath).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Why a file system call failed, without the path: Node's `EACCES: permission denied, open
 * '/abs/path'` gives `permission denied`.
 */
function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return /^[A-Z0-9_]+: ([^,]+)/.exec(message)?.[1] ?? message;
}

function isWithin(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
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
