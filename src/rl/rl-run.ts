/**
 * One reinforcement-learning run, end to end: config → `trainPpo` (progress, periodic
 * deterministic evaluation, atomic checkpoints, bit-identical resume) → run directory:
 * `config.json`, `metrics.jsonl` (one line per update), `checkpoint.ckpt`, `metrics.json` (the
 * `ndp rl train --json` object), `learning-curve.svg/.png` and `report.md`.
 */
import { join } from "node:path";
import { writeFileAtomic } from "../io/atomic.js";
import { readJsonFile } from "../io/json-input.js";
import { checkInputDir, checkInputFile } from "../io/path-check.js";
import type { RunDir } from "../io/run-dir.js";
import { lineChart } from "../report/chart.js";
import { writeFigure } from "../report/figure.js";
import { loadTrainState } from "../nn/checkpoint.js";
import { startTrainingRun } from "../nn/train-loop.js";
import { disposeTree } from "../nn/params.js";
import { keyFromSeed } from "../nn/init.js";
import { ppoConfigFromJson } from "./config-file.js";
import type { ActorCriticParams } from "../models/rl/actor-critic.js";
import { Agent } from "./agent.js";
import { buildActorCritic, type TaskShape } from "./algorithms.js";
import { ObservationNormaliser } from "./normalise.js";
import { checkPpoConfig, trainPpo, type PpoConfig, type PpoSizes, type UpdateRecord } from "./ppo.js";
import type { RunningStatsState } from "./running-stats.js";

/** The `--json` contract of `ndp rl train` (also metrics.json). */
export interface RlRunMetrics {
  task: string;
  algo: string;
  seed: number;
  env_steps: number;
  seconds: number;
  final_success_rate: number;
  final_return: number;
  /** [env steps, deterministic success rate, mean return] at every evaluation. */
  curve: [number, number, number][];
  final_action_jerk: number;
  eval_episodes: number;
  /** Env steps per wall-clock second over the run, learning and evaluation included. */
  train_steps_per_s: number;
  reward_delay: number;
}

export interface RlRunHooks {
  onUpdate?(record: UpdateRecord, sizes: PpoSizes): void;
  onStep?(envSteps: number): void;
  /** Updates between checkpoints (default 5; always after the last). */
  checkpointEvery?: number;
}

/** Config entries that may differ when resuming (they do not change the numbers). */
const RESUME_FREE: readonly string[] = ["workers"];

/** Train `config` into `dirPath` (fresh, or resumed from its checkpoint). */
export async function runRlTraining(config: PpoConfig, dirPath: string, options: { resume?: boolean } & RlRunHooks = {}): Promise<{ metrics: RlRunMetrics; dir: RunDir }> {
  checkPpoConfig(config); // before the run directory is made
  const fixed = (Object.keys(config) as (keyof PpoConfig)[]).filter((k) => !RESUME_FREE.includes(k));
  const { dir, files } = startTrainingRun(dirPath, config, { resume: options.resume ?? false, fixed });
  const result = await trainPpo(config, { files, onStep: options.onStep, onUpdate: options.onUpdate, checkpointEvery: options.checkpointEvery });
  const history = result.history;
  const metrics: RlRunMetrics = {
    task: config.task,
    algo: config.algo,
    seed: config.seed,
    env_steps: history.at(-1)?.envSteps ?? 0,
    seconds: history.reduce((s, r) => s + r.seconds, 0),
    final_success_rate: result.final.successRate,
    final_return: result.final.meanReturn,
    curve: evaluationCurve(history),
    final_action_jerk: result.final.actionJerk,
    eval_episodes: result.final.episodes,
    train_steps_per_s: (history.at(-1)?.envSteps ?? 0) / Math.max(1e-9, history.reduce((s, r) => s + r.seconds, 0)),
    reward_delay: config.rewardDelay,
  };
  dir.writeMetrics(metrics);
  await writeReport(dir, config, metrics, history);
  return { metrics, dir };
}

/** [env steps, success rate, return] of every update that ran an evaluation. */
export function evaluationCurve(history: UpdateRecord[]): [number, number, number][] {
  return history.filter((r) => r.eval).map((r) => [r.envSteps, r.eval!.successRate, r.eval!.meanReturn]);
}

async function writeReport(dir: RunDir, c: PpoConfig, m: RlRunMetrics, history: UpdateRecord[]): Promise<void> {
  const curve = m.curve;
  const svg = await lineChart(
    [
      { name: "evaluation (mean action)", x: curve.map((p) => p[0]), y: curve.map((p) => p[1]) },
      { name: "training episodes (with noise)", x: history.map((r) => r.envSteps), y: history.map((r) => r.successRate) },
    ],
    { title: `${c.algo} on ${c.task} (seed ${c.seed})`, xLabel: "environment steps", yLabel: "success rate", yDomain: [0, 1] },
  );
  writeFigure(dir.file("learning-curve"), svg);
  const dmp = c.algo === "ndp-ppo" ? `, DMP N = ${c.dmp.nBasis}, ${c.dmp.steps} integration steps, αz = ${c.dmp.alphaZ}${c.dmp.learnAlpha ? " (learnt)" : ""}, ${c.dmp.basis} basis${c.dmp.onlyGoal ? ", only-g" : ""}` : "";
  writeFileAtomic(
    dir.file("report.md"),
    [
      `# ${c.algo} on ${c.task}`,
      "",
      `Seed ${c.seed}, ${m.env_steps} environment steps in ${m.seconds.toFixed(0)} s (${m.train_steps_per_s.toFixed(0)} steps/s with learning), ${c.numEnvs} envs, k = ${c.k}${dmp}, reward delay ${c.rewardDelay}.`,
      "",
      `Final deterministic evaluation over ${m.eval_episodes} seeded episodes: success rate **${m.final_success_rate.toFixed(3)}**, mean return ${m.final_return.toFixed(1)}, mean squared action jerk ${m.final_action_jerk.toExponential(2)}.`,
      "",
      "![learning curve](learning-curve.png)",
      "",
    ].join("\n"),
  );
}

/** A trained agent restored from a run directory (for `ndp rl eval` and figures). */
export interface LoadedRlRun {
  config: PpoConfig;
  agent: Agent<any>;
  params: ActorCriticParams<any>;
  normaliser: ObservationNormaliser | undefined;
  /** Updates done. */
  updates: number;
}

/**
 * The validated `config.json` of the run directory `dirPath`, which must hold a checkpoint
 * (nothing is created; a missing directory, a file in its place or a bad config is one line).
 */
export function readRunConfig(dirPath: string): PpoConfig {
  const fix = "pass the --out directory of a `ndp rl train` run";
  checkInputDir(dirPath, "run directory", fix);
  checkInputFile(join(dirPath, "checkpoint.ckpt"), "checkpoint", fix);
  const file = join(dirPath, "config.json");
  return ppoConfigFromJson(readJsonFile(file, "run config"), file);
}

/** Restore the agent of `dirPath` (config.json + checkpoint.ckpt); dispose with `disposeRlRun`. */
export function loadRlRun(dirPath: string, task: TaskShape): LoadedRlRun {
  const config = readRunConfig(dirPath);
  const model = buildActorCritic(config, task);
  const { state, meta } = loadTrainState<ActorCriticParams<any>>(join(dirPath, "checkpoint.ckpt"), () => model.init(keyFromSeed(0)));
  disposeTree(state.opt.m);
  disposeTree(state.opt.v);
  const agent = new Agent(model);
  let normaliser: ObservationNormaliser | undefined;
  if (config.normaliseObs) {
    normaliser = new ObservationNormaliser(task.obsSize, config.obsClip);
    normaliser.load(meta.obsStats as RunningStatsState);
  }
  return { config, agent, params: state.params, normaliser, updates: Number(meta.iteration ?? 0) };
}

export function disposeRlRun(run: LoadedRlRun): void {
  disposeTree(run.params);
  run.agent.dispose();
}
