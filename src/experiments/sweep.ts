/**
 * Running a sweep: its plan (sweep-plan.ts) submitted run by run to a job runner (job.ts; the local
 * one by default), then every grid point's results aggregated over seeds (aggregate.ts).
 *
 * Directory `<out>/`: `sweep.json` (the spec, the points and every resolved run with its id,
 * directory and — once done — status), `runs/<id>/` (one per run, see local-runner.ts); the
 * report (sweep-report.ts) adds `figures/`, `table.md` and `report.md`.
 */
import { join, resolve } from "node:path";
import { writeJsonAtomic } from "../io/atomic.js";
import { aggregatePoint, type PointAggregate } from "./aggregate.js";
import type { JobRunner, RunResult, RunSpec } from "./job.js";
import type { RunSummary } from "./job-kind.js";
import { LocalRunner } from "./local-runner.js";
import type { GridPoint, SweepPlan } from "./sweep-plan.js";

/** Where the runs of a sweep directory live. */
export const RUNS_DIR = "runs";

export type SweepEvent = { type: "result"; run: RunSpec; result: RunResult; done: number; total: number };

export interface SweepOptions {
  /** The sweep's directory. */
  out: string;
  /** A runner to use instead of the local one (for the local one: `parallel`, `threads`). */
  runner?: JobRunner;
  parallel?: number;
  threads?: number;
  onStart?(run: RunSpec, info: { resumed: boolean }): void;
  onEvent?(event: SweepEvent): void;
}

export interface SweepOutcome {
  plan: SweepPlan;
  /** Absolute path of the sweep's directory. */
  out: string;
  results: Map<string, RunResult>;
  /** By point label; points without any result are absent. */
  aggregates: Map<string, PointAggregate>;
  counts: { finished: number; skipped: number; failed: number };
  seconds: number;
}

function writeSweepJson(plan: SweepPlan, out: string, results?: Map<string, RunResult>): void {
  const s = plan.spec;
  writeJsonAtomic(join(out, "sweep.json"), {
    name: s.name,
    source: s.source,
    kind: s.kind,
    description: s.description,
    quick: plan.quick,
    seeds: plan.seeds,
    points: plan.points,
    runs: plan.runs.map((r) => ({ id: r.id, label: r.label, seed: r.seed, dir: `${RUNS_DIR}/${r.id}`, status: results?.get(r.id)?.status ?? "pending", error: results?.get(r.id)?.error, config: r.config })),
  });
}

/** The summaries of a point's runs that have metrics. */
export function pointSummaries(plan: SweepPlan, point: GridPoint, results: Map<string, RunResult>): RunSummary[] {
  return point.runIds.flatMap((id) => {
    const m = results.get(id)?.metrics;
    return m === undefined ? [] : [plan.kind.summarise(m)];
  });
}

/** Run every run of `plan` (skipping finished ones) and aggregate the results. */
export async function runSweep(plan: SweepPlan, options: SweepOptions): Promise<SweepOutcome> {
  const t0 = performance.now();
  const out = resolve(options.out);
  writeSweepJson(plan, out);
  const runner = options.runner ?? new LocalRunner({ root: join(out, RUNS_DIR), parallel: options.parallel, threads: options.threads, onStart: options.onStart });
  const results = new Map<string, RunResult>();
  try {
    await Promise.all(
      plan.runs.map(async (run) => {
        const result = await runner.submit(run);
        results.set(run.id, result);
        options.onEvent?.({ type: "result", run, result, done: results.size, total: plan.runs.length });
      }),
    );
  } finally {
    await runner.close();
  }
  writeSweepJson(plan, out, results);
  const aggregates = new Map<string, PointAggregate>();
  for (const point of plan.points) {
    const summaries = pointSummaries(plan, point, results);
    if (summaries.length) aggregates.set(point.label, aggregatePoint(summaries));
  }
  const count = (status: RunResult["status"]) => [...results.values()].filter((r) => r.status === status).length;
  return { plan, out, results, aggregates, counts: { finished: count("finished"), skipped: count("skipped"), failed: count("failed") }, seconds: (performance.now() - t0) / 1000 };
}
