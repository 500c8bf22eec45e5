/**
 * `ndp rl eval --run DIR [--episodes E] [--seed S] [--workers W] [--json]`: the deterministic policy
 * (mean actions) of a trained run on seeded episodes. Default seed: the run's own evaluation seed
 * (the episodes its learning curve used); any other seed gives unseen episodes.
 * `--json` prints { task, algo, run, updates, episodes, seed, success_rate, mean_return, action_jerk, unstable_episodes }.
 */
import type { Command } from "commander";
import { initEngine } from "../../engine/jax.js";
import { deriveSeed } from "../../math/rng.js";
import { evaluateAgent } from "../../rl/evaluate-agent.js";
import { evaluationSeed } from "../../rl/ppo.js";
import { disposeRlRun, loadRlRun, readRunConfig } from "../../rl/rl-run.js";
import { openTaskEnv } from "../../rl/task-env.js";
import { intOption } from "../options.js";
import { printJson, say } from "../output.js";

export function registerRlEval(rl: Command): void {
  rl.command("eval")
    .description("evaluate a trained run's deterministic policy on seeded episodes")
    .requiredOption("--run <dir>", "the run directory of `ndp rl train`")
    .option("--episodes <n>", "episodes", intOption(1, 1_000_000), 100)
    .option("--seed <s>", "seed of the episodes (default: the run's evaluation seed)", intOption(0))
    .option("--workers <w>", "threads stepping envs", intOption(0, 64), 2)
    .option("--json", "print one JSON object on stdout", false)
    .action(async (opts: { run: string; episodes: number; seed?: number; workers: number; json: boolean }) => {
      const config = readRunConfig(opts.run);
      await initEngine();
      const { vec, shape } = await openTaskEnv({ ...config, numEnvs: Math.min(opts.episodes, config.numEnvs), workers: opts.workers });
      const run = loadRlRun(opts.run, shape);
      try {
        const seed = opts.seed === undefined ? evaluationSeed(config.seed) : deriveSeed(opts.seed, 0);
        const r = evaluateAgent(vec, run.agent, run.params, run.normaliser, { episodes: opts.episodes, seed });
        const out = { task: config.task, algo: config.algo, run: opts.run, updates: run.updates, episodes: r.episodes, seed: opts.seed ?? null, success_rate: r.successRate, mean_return: r.meanReturn, action_jerk: r.actionJerk, unstable_episodes: r.unstable };
        if (opts.json) return printJson(out);
        say(`${config.algo} on ${config.task}: success ${(100 * r.successRate).toFixed(1)}% of ${r.episodes} episodes, mean return ${r.meanReturn.toFixed(1)}, action jerk ${r.actionJerk.toExponential(2)}, ${r.unstable} unstable`);
      } finally {
        disposeRlRun(run);
        await vec.close();
      }
    });
}
