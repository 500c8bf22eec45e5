/**
 * The on-disk state of one run directory, shared by every backend that executes sweep runs:
 *
 * - finished:  the kind's metrics file (metrics.json) parses and summarises → never run again;
 * - busy:      `run.lock` names a live process (the one computing the run) → leave it alone;
 * - resumable: a checkpoint exists → continue it (`--resume`);
 * - fresh:     none of these (a process that died before its first checkpoint leaves this).
 *
 * The lock is `run.lock`, created exclusively (O_EXCL) and holding { pid, host, since }: first the
 * pid of the process that takes it, then that of the child computing the run. A lock whose pid is
 * dead on this host is stale and taken over; a lock from another host is respected (its pid cannot
 * be checked from here). Takeovers are serialised by a second exclusive file, so two sweeps that
 * find the same stale lock do not both take it.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { writeJsonAtomic } from "../io/atomic.js";
import type { JobKind } from "./job-kind.js";

export type RunState = { state: "finished"; metrics: unknown } | { state: "busy"; pid: number; host: string } | { state: "resumable" } | { state: "fresh" };

export const LOCK_FILE = "run.lock";

interface LockInfo {
  pid: number;
  host: string;
  since: string;
}

/** The run's final metrics, or undefined when absent or not valid for the kind. */
export function finishedMetrics(dir: string, kind: JobKind): unknown {
  const path = join(dir, kind.metricsFile);
  if (!existsSync(path)) return undefined;
  try {
    const metrics = JSON.parse(readFileSync(path, "utf8"));
    kind.summarise(metrics);
    return metrics;
  } catch {
    return undefined;
  }
}

/** What the directory says about the run (see the file header). */
export function runState(dir: string, kind: JobKind): RunState {
  const metrics = finishedMetrics(dir, kind);
  if (metrics !== undefined) return { state: "finished", metrics };
  const lock = readLock(dir);
  if (lock && !isStale(lock)) return { state: "busy", pid: lock.pid, host: lock.host };
  return existsSync(join(dir, kind.checkpointFile)) ? { state: "resumable" } : { state: "fresh" };
}

function readLock(dir: string, file = LOCK_FILE): LockInfo | undefined {
  try {
    const l = JSON.parse(readFileSync(join(dir, file), "utf8")) as LockInfo;
    return typeof l.pid === "number" ? l : { pid: -1, host: hostname(), since: "" };
  } catch (e) {
    // missing → no lock; unreadable (torn by a crash between create and write) → stale
    return (e as NodeJS.ErrnoException).code === "ENOENT" ? undefined : { pid: -1, host: hostname(), since: "" };
  }
}

/** True when `pid` is a live process on this machine. */
export function processAlive(pid: number): boolean {
  if (!(Number.isInteger(pid) && pid > 0)) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function isStale(lock: LockInfo): boolean {
  return lock.host === hostname() && !processAlive(lock.pid);
}

function createExclusive(path: string, pid: number): boolean {
  try {
    writeFileSync(path, JSON.stringify({ pid, host: hostname(), since: new Date().toISOString() } satisfies LockInfo), { flag: "wx" });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  }
}

/** Take the run's lock for this process; false when another live process holds it. */
export function acquireRunLock(dir: string): boolean {
  const path = join(dir, LOCK_FILE);
  if (createExclusive(path, process.pid)) return true;
  const held = readLock(dir);
  if (held && !isStale(held)) return false;
  // stale: take it over, one taker at a time
  const takeover = `${path}.takeover`;
  if (!createExclusive(takeover, process.pid)) {
    const taker = readLock(dir, `${LOCK_FILE}.takeover`);
    if (taker && !isStale(taker)) return false;
    rmSync(takeover, { force: true });
    if (!createExclusive(takeover, process.pid)) return false;
  }
  try {
    const now = readLock(dir);
    if (now && !isStale(now)) return false;
    rmSync(path, { force: true });
    return createExclusive(path, process.pid);
  } finally {
    rmSync(takeover, { force: true });
  }
}

/** Record that process `pid` (the child computing the run) now holds the lock. */
export function handRunLock(dir: string, pid: number): void {
  writeJsonAtomic(join(dir, LOCK_FILE), { pid, host: hostname(), since: new Date().toISOString() } satisfies LockInfo);
}

/** Release the lock if it is held by this process or by `child`. */
export function releaseRunLock(dir: string, child?: number): void {
  const held = readLock(dir);
  if (held && held.host === hostname() && (held.pid === process.pid || held.pid === child)) rmSync(join(dir, LOCK_FILE), { force: true });
}
