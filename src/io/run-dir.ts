/**
 * Run directories: every run writes into its own `runs/<name>/` — `config.json`, `metrics.json`,
 * `metrics.jsonl` (one line per iteration, written by the training loop: nn/train-loop.ts),
 * checkpoints, figures and `report.md`.
 * Commands check the directory with `checkOutputDir` (path-check.ts) before their work starts;
 * `openRunDir` then creates it. Reading a finished run never goes through here (nothing is created).
 */
import { appendFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { writeJsonAtomic } from "./atomic.js";
import { OutputFileError } from "../errors.js";
import { describeWriteError, makeDirs } from "./path-check.js";

export interface RunDir {
  /** Absolute path of the directory. */
  readonly path: string;
  /** Path of a file inside the run directory. */
  file(name: string): string;
  writeConfig(config: unknown): void;
  writeMetrics(metrics: unknown): void;
  /** Append one JSON line to `metrics.jsonl` (runs on the training loop let it write the file: its `metricsFile`). */
  log(record: Record<string, unknown>): void;
}

/** A timestamped default run name, e.g. `digits-ndp-20261125-153000`. */
export function defaultRunName(prefix: string, now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  return `${prefix}-${stamp}`;
}

/** Open (creating if needed) the run directory at `path`. */
export function openRunDir(path: string): RunDir {
  const abs = resolve(path);
  makeDirs(abs, "run directory", "pass a writable directory with --out");
  return {
    path: abs,
    file: (name) => join(abs, name),
    writeConfig: (config) => writeJsonAtomic(join(abs, "config.json"), config),
    writeMetrics: (metrics) => writeJsonAtomic(join(abs, "metrics.json"), metrics),
    log: (record) => {
      try {
        appendFileSync(join(abs, "metrics.jsonl"), JSON.stringify(record) + "\n");
      } catch (e) {
        throw new OutputFileError(`cannot append to ${join(abs, "metrics.jsonl")} (${describeWriteError((e as NodeJS.ErrnoException).code, e)}); free space or choose another --out`);
      }
    },
  };
}
