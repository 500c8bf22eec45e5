/**
 * Atomic file writes: write to a temporary file in the same directory, fsync, then rename over the
 * target. A crash leaves either the old file or the new one, never a torn one. Missing parent
 * directories are created (path-check.ts `makeDirs`, bounded); any failure — a directory in the
 * way, no permission, a full disk — is one OutputFileError line naming the path, and the
 * temporary file is removed.
 */
import { closeSync, fsyncSync, openSync, renameSync, writeSync, rmSync } from "node:fs";
import { dirname, basename, join } from "node:path";
import { OutputFileError } from "../errors.js";
import { describeWriteError, makeDirs } from "./path-check.js";

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  makeDirs(dirname(path), "directory", `choose a writable location for ${path}`);
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, "w");
    const buf = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    if (code === undefined) throw e;
    throw new OutputFileError(`cannot write ${path} (${describeWriteError(code, e)}); choose a writable path`);
  }
}

/** Write `value` as pretty JSON atomically. */
export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, JSON.stringify(value, null, 2) + "\n");
}
