/**
 * Reading an input whole, within the size budget: a file path, or `-` for standard input.
 *
 * Contract: the result is every byte of the input, and never more than the budget `budget`
 * (size-budget.ts) — a regular file larger than that is refused from its size before anything is
 * read; a stream (stdin, a pipe, /dev/zero) is read in chunks and refused as soon as it passes the
 * limit. `sniff` sees the first bytes (up to 4 KiB, or all of a shorter input) before the rest is
 * read, so wrong content (/dev/urandom as a MAT-file) fails at once. A missing path, a directory
 * or an unreadable file is an InputFileError of one line: "<what> <path> does not exist; <fix>".
 * Nothing is ever created.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { InputFileError } from "../errors.js";
import { checkBudget, SIZE_BUDGET, type SizeBudgetName } from "./size-budget.js";

export interface BoundedRead {
  /** Which byte budget applies. */
  readonly budget: Extract<SizeBudgetName, `${string}Bytes`>;
  /** What the input is, for messages ("input file", "MAT-file", "checkpoint"). */
  readonly what: string;
  /** What the user should do about a missing or wrong input. */
  readonly fix: string;
  /** Inspect the first bytes; throw to reject the input before the rest is read. */
  readonly sniff?: (head: Uint8Array) => void;
}

const HEAD = 4096;
const CHUNK = 1 << 20;

/** The bytes of `path` (`-`: standard input), bounded by `o.budget`. */
export function readBounded(path: string, o: BoundedRead): Buffer {
  const stdin = path === "-";
  const name = stdin ? "standard input" : `${o.what} ${path}`;
  let fd: number;
  try {
    fd = stdin ? 0 : openSync(path, "r");
  } catch (e) {
    throw new InputFileError(`${name} ${describeOpenError(e)}; ${o.fix}`);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new InputFileError(`${name} is a directory, not a file; ${o.fix}`);
    if (st.isFile()) checkBudget(o.budget, st.size, name, `pass a smaller file (${o.fix})`);
    return readAll(fd, name, o, st.isFile() ? st.size : 0);
  } finally {
    if (!stdin) closeSync(fd);
  }
}

function readAll(fd: number, name: string, o: BoundedRead, sizeHint: number): Buffer {
  const limit = SIZE_BUDGET[o.budget];
  const chunks: Buffer[] = [];
  let total = 0;
  let sniffed = o.sniff === undefined;
  // A regular file is read into one buffer of its size (then checked for growth); streams in chunks.
  let buf = Buffer.allocUnsafe(Math.max(Math.min(sizeHint, limit) + 1, HEAD));
  let filled = 0;
  for (;;) {
    if (filled === buf.length) {
      chunks.push(buf);
      buf = Buffer.allocUnsafe(CHUNK);
      filled = 0;
    }
    const want = sniffed ? buf.length - filled : Math.min(buf.length - filled, HEAD - total);
    const n = readChunk(fd, buf, filled, Math.max(want, 1), name);
    if (n === 0) break;
    filled += n;
    total += n;
    checkBudget(o.budget, total, name, `pass a smaller input (${o.fix})`, true);
    if (!sniffed && total >= HEAD) {
      sniffed = true;
      o.sniff!(Buffer.concat([...chunks, buf.subarray(0, filled)]));
    }
  }
  const out = chunks.length === 0 ? buf.subarray(0, filled) : Buffer.concat([...chunks, buf.subarray(0, filled)]);
  if (!sniffed) o.sniff!(out);
  return out;
}

/** One read; a non-blocking stdin that has no data yet is waited for (5 ms sleeps), not spun on. */
function readChunk(fd: number, buf: Buffer, offset: number, length: number, name: string): number {
  for (;;) {
    try {
      return readSync(fd, buf, offset, length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EAGAIN") {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
        continue;
      }
      if (code === "EOF") return 0;
      throw new InputFileError(`${name} cannot be read (${code ?? (e as Error).message}); check the input`);
    }
  }
}

function describeOpenError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case "ENOENT":
    case "ENOTDIR":
      return "does not exist";
    case "EACCES":
    case "EPERM":
      return "cannot be read (permission denied)";
    case "EISDIR":
      return "is a directory, not a file";
    default:
      return `cannot be opened (${code ?? (e as Error).message})`;
  }
}
