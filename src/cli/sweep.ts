/**
 * `ndp sweep --spec FILE|paper:NAME [--out DIR] [--parallel P] [--threads T] [--quick] [--json]`:
 * every run of a sweep spec (experiments/spec.ts) in parallel child processes, skipping finished
 * runs and resuming interrupted ones, then figures, `table.md` and `report.md` in DIR (default
 * runs/sweep-<name>[-quick], so re-running the same command continues the same sweep).
 * Progress on stderr; `--json` prints { spec, out, quick, runs, finished, skipped, failed,
 * figures: [paths], table: [rows], report, seconds }. Failed runs do not stop the sweep (they are
 * counted and listed in the report; the exit code stays 0); Ctrl-C stops the children, whose
 * checkpoints the next run of the command resumes.
 */
import { availableParallelism } from "node:os";
import type { Command } from "commander";
import { NdpError } from "../errors.js";
import { LocalRunner } from "../experiments/local-runner.js";
import { loadSweepSpec } from "../experiments/spec.js";
import { planSweep, type SweepPlan } from "../experiments/sweep-plan.js";
import { runSweep, RUNS_DIR, type SweepOutcome } from "../experiments/sweep.js";
import { formatCount, formatNumber, writeSweepReport, type SweepReport } from "../experiments/sweep-report.js";
import { join } from "node:path";
import { checkOutputDir } from "../io/path-check.js";
import { intOption } from "./options.js";
import { printJson, say } from "./output.js";

export interface SweepCliOptions {
  out?: string;
  parallel?: number;
  threads?: number;
  quick: boolean;
  json: boolean;
}

/** Add the options every sweep-running command shares. */
export function addSweepOptions(cmd: Command): Command {
  return cmd
    .option("--out <dir>", "the sweep's directory (default runs/sweep-<name>[-quick]; re-running continues it)")
    .option("--parallel <p>", `runs at once (default: the number of cores, ${availableParallelism()})`, intOption(1, 256))
    .option("--threads <t>", "env worker threads per run (default ⌊cores / parallel⌋, at least 1)", intOption(1, 64))
    .option("--quick", "the spec's quick scale (tiny budgets, one seed)", false)
    .option("--json", "print one JSON object on stdout", false);
}

const log = (text: string) => process.stderr.write(text + "\n");

/** Run `plan` with progress on stderr; Ctrl-C / SIGTERM stop the children (checkpoints stay). */
export async function executeSweep(plan: SweepPlan, opts: SweepCliOptions): Promise<SweepOutcome> {
  const out = opts.out ?? `runs/sweep-${plan.spec.name}${plan.quick ? "-quick" : ""}`;
  checkOutputDir(out, "sweep directory", "pass a writable directory with --out"); // before any run starts
  const runner = new LocalRunner({ root: join(out, RUNS_DIR), parallel: opts.parallel, threads: opts.threads, onStart: (run, { resumed }) => log(`  ${resumed ? "resume" : "start "} ${run.label} (${RUNS_DIR}/${run.id})`) });
  log(`sweep ${plan.spec.name}${plan.quick ? " (quick)" : ""}: ${plan.runs.length} runs of ${plan.points.length} points × ${plan.seeds.length} seed${plan.seeds.length === 1 ? "" : "s"}, ${runner.parallel} at a time × ${runner.threads} thread${runner.threads === 1 ? "" : "s"} → ${out}`);
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping the runs; their checkpoints stay — run the same command again to continue`);
    void runner.close();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  try {
    const outcome = await runSweep(plan, {
      out,
      runner,
      onEvent: ({ run, result, done, total }) => {
        const last = result.metrics !== undefined ? plan.kind.summarise(result.metrics).curve.at(-1) : undefined;
        const score = last ? `, ${plan.kind.measures.score} ${formatNumber(last[1])} at ${formatCount(last[0])}` : "";
        const what = result.status === "failed" ? `FAILED: ${result.error}` : result.metrics === undefined ? `skipped: ${result.error}` : `${result.status === "skipped" ? "finished earlier" : `finished in ${result.seconds.toFixed(0)} s`}${score}`;
        log(`[${done}/${total}] ${run.label}: ${what}`);
      },
    });
    if (stopping) {
      await writeSweepReport(outcome);
      const n = outcome.counts.failed;
      throw new NdpError("interrupted", `sweep ${plan.spec.name} stopped by a signal with ${n} run${n === 1 ? "" : "s"} unfinished; run the same command again to continue`);
    }
    return outcome;
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
}

/** The `--json` object of a sweep command. */
export function sweepJson(o: SweepOutcome, r: SweepReport): Record<string, unknown> {
  return { spec: o.plan.spec.name, source: o.plan.spec.source, out: o.out, quick: o.plan.quick, runs: o.plan.runs.length, ...o.counts, figures: r.figures, table: r.table, report: r.report, seconds: o.seconds };
}

export function printSweepSummary(o: SweepOutcome, r: SweepReport): void {
  say(`sweep ${o.plan.spec.name}: ${o.plan.runs.length} runs — ${o.counts.finished} finished now, ${o.counts.skipped} skipped, ${o.counts.failed} failed, ${o.seconds.toFixed(0)} s`);
  say(`report: ${r.report}`);
  say(`table: ${r.tableFile}`);
}

export function registerSweep(program: Command): void {
  const cmd = program
    .command("sweep")
    .description("run a sweep spec (base config × grid × seeds) in parallel processes, resumably, and report mean ± std over seeds")
    .requiredOption("--spec <file>", "a JSON or YAML sweep spec, or paper:fig5 / paper:fig6 / paper:fig7");
  addSweepOptions(cmd).action(async (opts: SweepCliOptions & { spec: string }) => {
    const plan = planSweep(loadSweepSpec(opts.spec), { quick: opts.quick });
    const outcome = await executeSweep(plan, opts);
    const report = await writeSweepReport(outcome);
    if (opts.json) return printJson(sweepJson(outcome, report));
    printSweepSummary(outcome, report);
  });
}
