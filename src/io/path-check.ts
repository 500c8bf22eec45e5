/**
 * The one place that decides whether a path can be read or written, checked before any work.
 *
 * Reading (`checkInputFile`, `checkInputDir`): the path must exist and be of the right kind;
 * nothing is ever created — a typo stays a typo. Writing (`checkOutputFile`, `checkOutputDir`):
 * no file where a directory belongs (ENOTDIR), no directory where a file belongs (EISDIR),
 * optionally no existing file (EEXIST), and the nearest existing directory must accept a new
 * entry (probed by creating and removing one, so it is true even for root, read-only mounts and
 * /proc). `makeDirs` creates missing directories with one mkdir per missing component (Node's
 * recursive mkdir retries forever under /proc). Every failure is one line naming the path, the
 * problem and `fix`: InputFileError for inputs, OutputFileError for outputs.
 */
import { mkdirSync, mkdtempSync, rmdirSync, statSync, type Stats } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { InputFileError, OutputFileError } from "../errors.js";

/** A file to read: it exists and is not a directory. */
export function checkInputFile(path: string, what: string, fix: string): void {
  const st = stat(path);
  if (st === undefined) throw new InputFileError(`${what} ${path} does not exist; ${fix}`);
  if (st.isDirectory()) throw new InputFileError(`${what} ${path} is a directory, not a file; ${fix}`);
}

/** A directory to read (e.g. a run directory): it exists and is a directory. */
export function checkInputDir(path: string, what: string, fix: string): void {
  const st = stat(path);
  if (st === undefined) throw new InputFileError(`${what} ${path} does not exist; ${fix}`);
  if (!st.isDirectory()) throw new InputFileError(`${what} ${path} is a file, not a directory; ${fix}`);
}

/** A file about to be written: not a directory, not existing unless `overwrite`, in a writable directory. */
export function checkOutputFile(path: string, what: string, fix: string, o: { overwrite?: boolean } = {}): void {
  const st = stat(path);
  if (st?.isDirectory()) throw new OutputFileError(`${what} ${path} is a directory (EISDIR); ${fix}`);
  if (st !== undefined && o.overwrite === false) throw new OutputFileError(`${what} ${path} already exists (EEXIST); ${fix}`);
  checkWritableParent(resolve(path, ".."), path, what, fix);
}

/** A directory about to be written into (created if missing): no file in the way, writable. */
export function checkOutputDir(path: string, what: string, fix: string): void {
  const st = stat(path);
  if (st !== undefined && !st.isDirectory()) throw new OutputFileError(`${what} ${path} is an existing file, not a directory (ENOTDIR); ${fix}`);
  checkWritableParent(resolve(path), path, what, fix);
}

/** Create `path` and its missing parents (one mkdir per missing component; bounded). */
export function makeDirs(path: string, what = "directory", fix = "choose a writable location"): void {
  const missing: string[] = [];
  let dir = resolve(path);
  for (;;) {
    const st = stat(dir);
    if (st !== undefined) {
      if (!st.isDirectory()) throw new OutputFileError(`${what} ${path} cannot be created: ${dir} is a file, not a directory (ENOTDIR); ${fix}`);
      break;
    }
    missing.push(dir);
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EEXIST" && stat(d)?.isDirectory()) continue;
      throw new OutputFileError(`${what} ${path} cannot be created: mkdir ${d} failed (${describeWriteError(code, e)}); ${fix}`);
    }
  }
}

/** The errno text used in write errors: "EACCES, permission denied". */
export function describeWriteError(code: string | undefined, e: unknown): string {
  const why: Record<string, string> = {
    EACCES: "permission denied",
    EPERM: "operation not permitted",
    EROFS: "read-only file system",
    ENOENT: "the file system does not allow it",
    ENOSPC: "no space left on the device",
    EDQUOT: "disk quota exceeded",
    ENOTDIR: "a parent is not a directory",
    EISDIR: "it is a directory",
    ENAMETOOLONG: "the name is too long",
  };
  return code === undefined ? (e as Error).message : why[code] ? `${code}, ${why[code]}` : code;
}

/** `start` or its nearest existing ancestor must be a directory that accepts a new entry. */
function checkWritableParent(start: string, path: string, what: string, fix: string): void {
  let dir = start;
  for (;;) {
    const st = stat(dir);
    if (st !== undefined) {
      if (!st.isDirectory()) throw new OutputFileError(`${what} ${path} cannot be created: ${dir} is a file, not a directory (ENOTDIR); ${fix}`);
      break;
    }
    const up = dirname(dir);
    if (up === dir) return;
    dir = up;
  }
  let probe: string;
  try {
    probe = mkdtempSync(join(dir, ".ndp-write-check-"));
  } catch (e) {
    throw new OutputFileError(`${what} ${path} cannot be written: nothing can be created in ${dir} (${describeWriteError((e as NodeJS.ErrnoException).code, e)}); ${fix}`);
  }
  rmdirSync(probe);
}

function stat(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    if (code === "ENOTDIR") return undefined; // a parent is a file: reported by the walk up
    throw new InputFileError(`${path} cannot be examined (${code ?? (e as Error).message}); check the path`);
  }
}
