/**
 * The job interface between a sweep and whatever executes its runs: submit a run spec, get back a
 * result record. It is all a backend needs to know — the local runner (child processes on this
 * machine, experiments/local-runner.ts) implements it today; a queue-backed runner (BullMQ
 * workers sharing the sweep's directory) can replace it without the sweep changing.
 *
 * Contract of `submit`:
 * - a run whose directory already holds valid final metrics is not run again: `skipped`, with
 *   those metrics;
 * - a run with a checkpoint but no final metrics (interrupted, or its process died) is resumed;
 * - a run is never executed twice at the same time (also not by two sweeps sharing a directory):
 *   one held by another live process is `skipped` with `error` saying so and no metrics;
 * - a run that fails is `failed` with `error` = the last line its process wrote on stderr; the
 *   promise resolves (never rejects) so one bad run does not stop the others.
 */

export type RunStatus = "finished" | "failed" | "skipped";

/** One run of a sweep: a job kind, its full resolved config and seed, named by their hash. */
export interface RunSpec {
  /** runId(kind, config, seed): also the name of the run's directory. */
  id: string;
  /** A registered job kind ("rl"; see experiments/job-kinds.ts). */
  kind: string;
  /** The job's full config (plain JSON, every default filled in, seed included). */
  config: Record<string, unknown>;
  seed: number;
  /** Human-readable name, e.g. "push ndp-ppo dmp.nBasis=10 seed 1". */
  label: string;
}

export interface RunResult {
  id: string;
  status: RunStatus;
  /** The job's final metrics (its `--json` object; for rl the `ndp rl train --json` object). */
  metrics?: unknown;
  /** Why it failed or was skipped without metrics. */
  error?: string;
  /** Wall-clock seconds spent on it by this submit (0 when skipped). */
  seconds: number;
  /** True when it continued from a checkpoint. */
  resumed?: boolean;
}

export interface JobRunner {
  /** Execute (or skip, or resume) one run; resolves with its record, never rejects for a failed run. */
  submit(run: RunSpec): Promise<RunResult>;
  /** Stop everything still running (their checkpoints stay for the next sweep) and release resources. */
  close(): Promise<void>;
}
