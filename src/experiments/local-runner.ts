/**
 * The local backend of the job interface (job.ts): every run is a child process
 * `node bin/ndp.js <kind's command> --json` in its own directory `<root>/<run id>/`, at most
 * `parallel` at a time. Per submitted run:
 *
 *   finished metrics on disk → skipped;  lock held by a live process → skipped (busy);
 *   otherwise take the lock → write job.json (the config, with the runner's threads per run) →
 *   launch (with --resume when a checkpoint exists; after deleting the kind's stale files when
 *   not) → stdout's JSON object is the metrics (finished) → release the lock.
 *
 * A non-zero exit, a signal or unreadable output is `failed`, with the last error line of the
 * child's stderr (all of it is appended to `stderr.log` in the run directory); the sweep goes on.
 * Threads per run default to max(1, ⌊cores / parallel⌋): 2 parallel runs on 2 cores get 1 each.
 */
import { spawn } from "node:child_process";
import { appendFileSync, existsSync, rmSync } from "node:fs";
import { makeDirs } from "../io/path-check.js";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { writeJsonAtomic } from "../io/atomic.js";
import type { JobRunner, RunResult, RunSpec } from "./job.js";
import type { JobKind } from "./job-kind.js";
import { getJobKind } from "./job-kinds.js";
import { acquireRunLock, finishedMetrics, handRunLock, releaseRunLock, runState } from "./run-state.js";

const BIN = fileURLToPath(new URL("../../bin/ndp.js", import.meta.url));

/** The file in a run directory holding the config handed to the job. */
export const JOB_CONFIG_FILE = "job.json";

export interface ProcessExit {
  /** Exit code, or null when ended by a signal. */
  code: number | null;
  signal: string | null;
  stdout: string;
  /** The last error line the process wrote on stderr (or its last line). */
  lastError: string;
}

export interface LaunchedProcess {
  pid: number;
  exit: Promise<ProcessExit>;
  kill(signal?: NodeJS.Signals): void;
}

/** Starts `ndp <args>` with its stderr appended to `logFile`. */
export type Launcher = (args: string[], options: { logFile: string }) => LaunchedProcess;

/** The last `ndp: error` / `ndp: internal error` line of `text`, else its last non-empty line. */
export function lastErrorLine(text: string): string {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return lines.findLast((l) => /^ndp: (internal )?error:/.test(l)) ?? lines.at(-1) ?? "";
}

/** The default launcher: this Node running bin/ndp.js. */
export const spawnNdp: Launcher = (args, { logFile }) => {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
  let stdout = "";
  let tail = "";
  child.stdout.setEncoding("utf8").on("data", (s: string) => (stdout += s));
  child.stderr.setEncoding("utf8").on("data", (s: string) => {
    appendFileSync(logFile, s);
    tail = (tail + s).slice(-4000);
  });
  const exit = new Promise<ProcessExit>((done) => {
    child.on("error", (e) => done({ code: -1, signal: null, stdout, lastError: `could not start ndp: ${e.message}` }));
    child.on("close", (code, signal) => done({ code, signal, stdout, lastError: lastErrorLine(tail) }));
  });
  return { pid: child.pid ?? -1, exit, kill: (signal = "SIGTERM") => child.kill(signal) };
};

export interface LocalRunnerOptions {
  /** Directory holding one directory per run. */
  root: string;
  /** Runs executing at once (default: the number of cores). */
  parallel?: number;
  /** Threads (rl: env workers) per run; default max(1, ⌊cores / parallel⌋). */
  threads?: number;
  /** How a run's process is started (tests stub it). */
  launch?: Launcher;
  /** Called when a run's process starts. */
  onStart?(run: RunSpec, info: { resumed: boolean }): void;
}

export class LocalRunner implements JobRunner {
  readonly root: string;
  readonly parallel: number;
  readonly threads: number;
  private readonly launch: Launcher;
  private readonly waiting: (() => void)[] = [];
  private running = 0;
  private readonly live = new Set<LaunchedProcess>();
  private closed = false;

  constructor(private readonly options: LocalRunnerOptions) {
    this.root = resolve(options.root);
    this.parallel = Math.max(1, options.parallel ?? availableParallelism());
    this.threads = Math.max(1, options.threads ?? Math.floor(availableParallelism() / this.parallel));
    this.launch = options.launch ?? spawnNdp;
  }

  /** The directory of run `id`. */
  runDir(id: string): string {
    return join(this.root, id);
  }

  async submit(run: RunSpec): Promise<RunResult> {
    const kind = getJobKind(run.kind);
    const dir = this.runDir(run.id);
    const before = runState(dir, kind);
    if (before.state === "finished") return { id: run.id, status: "skipped", metrics: before.metrics, seconds: 0 };
    await this.slot();
    try {
      if (this.closed) return { id: run.id, status: "failed", error: "the sweep was stopped before this run started", seconds: 0 };
      return await this.execute(run, kind, dir);
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  private slot(): Promise<void> {
    if (this.running < this.parallel) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((go) =>
      this.waiting.push(() => {
        this.running++;
        go();
      }),
    );
  }

  private async execute(run: RunSpec, kind: JobKind, dir: string): Promise<RunResult> {
    makeDirs(dir, "run directory", "pass a writable directory with --out");
    if (!acquireRunLock(dir)) {
      const s = runState(dir, kind);
      return s.state === "finished" ? { id: run.id, status: "skipped", metrics: s.metrics, seconds: 0 } : { id: run.id, status: "skipped", error: `running in another process${s.state === "busy" ? ` (pid ${s.pid} on ${s.host})` : ""}; re-run the sweep once it has finished`, seconds: 0 };
    }
    let child: LaunchedProcess | undefined;
    const t0 = performance.now();
    try {
      // we hold the lock now: finished (by a process that just ended) or resumable?
      const finished = finishedMetrics(dir, kind);
      if (finished !== undefined) return { id: run.id, status: "skipped", metrics: finished, seconds: 0 };
      const resumed = existsSync(join(dir, kind.checkpointFile));
      if (!resumed) for (const f of kind.staleFiles) rmSync(join(dir, f), { force: true });
      const configFile = join(dir, JOB_CONFIG_FILE);
      writeJsonAtomic(configFile, kind.withThreads(run.config, this.threads));
      appendFileSync(join(dir, "stderr.log"), `--- ${new Date().toISOString()} ${resumed ? "resumed" : "started"} by pid ${process.pid}\n`);
      child = this.launch(kind.command(configFile, dir, resumed), { logFile: join(dir, "stderr.log") });
      this.live.add(child);
      handRunLock(dir, child.pid);
      this.options.onStart?.(run, { resumed });
      const exit = await child.exit;
      const seconds = (performance.now() - t0) / 1000;
      const failed = (error: string): RunResult => ({ id: run.id, status: "failed", error, seconds, resumed });
      if (exit.signal !== null) return failed(`killed by ${exit.signal}${exit.lastError ? ` (last line: ${exit.lastError})` : ""}`);
      if (exit.code !== 0) return failed(exit.lastError || `exited with code ${exit.code}`);
      try {
        const metrics = JSON.parse(exit.stdout.trim());
        kind.summarise(metrics);
        return { id: run.id, status: "finished", metrics, seconds, resumed };
      } catch (e) {
        return failed(`its output is not the job's metrics: ${(e as Error).message.split("\n")[0]}`);
      }
    } finally {
      if (child) this.live.delete(child);
      releaseRunLock(dir, child?.pid);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const live = [...this.live];
    for (const p of live) p.kill("SIGTERM");
    await Promise.all(live.map((p) => p.exit));
  }
}
