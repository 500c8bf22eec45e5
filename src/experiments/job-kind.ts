/**
 * A job kind: what a sweep needs to know about one kind of run (`kind: rl` in a spec) — how to
 * resolve and validate its config, how `ndp` runs it into a run directory, which files there mean
 * "finished" and "resumable", and how to read its final metrics as a learning curve and final
 * numbers. Adding a kind (say "il" for Table 1) is one object implementing this interface,
 * registered in experiments/job-kinds.ts.
 */
import type { Entries } from "./entries.js";

/** A run's final metrics as the aggregation sees them. */
export interface RunSummary {
  /** The run's budget in curve x units (env steps for rl). */
  budget: number;
  /** The learning curve: [x, score], x increasing (rl: [env steps, deterministic success rate]). */
  curve: [number, number][];
  /** Final numbers by name (rl: success_rate, return, env_steps, seconds). */
  final: Record<string, number>;
}

export interface JobKind {
  readonly name: string;
  /** What the curves measure: axis titles, the score's range, and the final numbers tabulated beside the score ([key of RunSummary.final, heading]). */
  readonly measures: { x: string; score: string; scoreDomain?: [number, number]; finals: readonly (readonly [string, string])[] };
  /** Config entries that do not change the numbers: left out of the run id and set by the runner. */
  readonly identityFree: readonly string[];
  /** File in the run directory holding the final metrics once the run finished. */
  readonly metricsFile: string;
  /** File in the run directory whose presence means the run can be resumed. */
  readonly checkpointFile: string;
  /** Files a fresh start deletes first (appended logs left by a process that died before its first checkpoint). */
  readonly staleFiles: readonly string[];
  /** The full, validated config of one run from its merged entries and seed (a ConfigError prefixed with `source`). */
  resolve(entries: Entries, seed: number, source: string): Record<string, unknown>;
  /** `config` with the number of threads the runner gives one run. */
  withThreads(config: Record<string, unknown>, threads: number): Record<string, unknown>;
  /** The `ndp` arguments that run the config in `configFile` into `runDir` (continuing its checkpoint when `resume`). */
  command(configFile: string, runDir: string, resume: boolean): string[];
  /** The kind's final metrics (its `--json` object) as a summary; an NdpError when they are not. */
  summarise(metrics: unknown): RunSummary;
  /** The settings of a config worth printing beside its numbers (rl: budget, k, reward delay). */
  settings(config: Record<string, unknown>): string;
}
