/**
 * Run directories: every run writes into its own `runs/<name>/` — `config.json`, `metrics.json`,
 * `metrics.jsonl` (one line per iteration, written by the training loop: nn/train-loop.ts),
 * checkpoints, figures and `report.md`.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { writeJsonAtomic } from "./atomic.js";
import { InputFileError } from "../errors.js";

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
  mkdirSync(abs, { recursive: true });
  return {
    path: abs,
    file: (name) => join(abs, name),
    writeConfig: (config) => writeJsonAtomic(join(abs, "config.json"), config),
    writeMetrics: (metrics) => writeJsonAtomic(join(abs, "metrics.json"), metrics),
    log: (record) => appendFileSync(join(abs, "metrics.jsonl"), JSON.stringify(record) + "\n"),
  };
}

/** Read a JSON file, turning a missing file or bad JSON into a one-line InputFileError. */
export function readJsonFile(path: string, what = "file"): unknown {
  if (!existsSync(path)) throw new InputFileError(`${what} ${path} does not exist; check the path`);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new InputFileError(`cannot read ${what} ${path}: ${(e as Error).message}`);
  }
  return parseJson(text, `${what} ${path}`, "fix or regenerate it");
}

/** JSON.parse, turning a syntax error into "<source> is not valid JSON (...); <fix>". */
export function parseJson(text: string, source: string, fix: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputFileError(`${source} is not valid JSON (${(e as Error).message}); ${fix}`);
  }
}
