/** `ndp tasks run` — run the random or expert policy on a task and report success rate and speed. */
import type { Command } from "commander";
import { evaluatePolicy, MAX_ENVS, type BuiltinPolicy, type EvaluateOptions } from "../../envs/evaluate.js";
import { ConfigError } from "../../errors.js";
import { printJson, progressBar, say } from "../output.js";
import { choiceOption, intOption } from "../options.js";
import { taskOption } from "./options.js";

/** The defaults of `ndp tasks run`. */
export const TASKS_RUN_DEFAULTS: Readonly<Pick<EvaluateOptions, "policy" | "episodes" | "seed"> & { workers: number }> = { policy: "expert", episodes: 20, seed: 0, workers: 0 };

export function registerTasksRun(tasks: Command): void {
  tasks
    .command("run")
    .description("run a built-in policy for some episodes; success = the success rule at the final step")
    .requiredOption("--task <name>", "task name (see `ndp tasks list`)", taskOption)
    .option("--policy <policy>", "random (uniform actions) or expert (the scripted controller)", choiceOption(["random", "expert"] as const), TASKS_RUN_DEFAULTS.policy)
    .option("--episodes <n>", "number of episodes", intOption(1, 1_000_000), TASKS_RUN_DEFAULTS.episodes)
    .option("--seed <s>", "seed (env i uses stream i of it)", intOption(0), TASKS_RUN_DEFAULTS.seed)
    .option("--workers <w>", `threads stepping envs (0 or 1 = this thread; W ≥ 2 adds W − 1 worker threads; at most one per env: ${MAX_ENVS}, and at most --episodes); results do not depend on it`, intOption(0, MAX_ENVS), TASKS_RUN_DEFAULTS.workers)
    .option("--json", "print one JSON object on stdout", false)
    .action(async (opts: { task: string; policy: BuiltinPolicy; episodes: number; seed: number; workers: number; json: boolean }) => {
      if (opts.workers > opts.episodes) throw new ConfigError(`--workers ${opts.workers} is more than the ${opts.episodes} environments that --episodes ${opts.episodes} steps; pass --workers ${opts.episodes} or fewer`);
      const bar = progressBar(`${opts.task} ${opts.policy}`, opts.episodes);
      let r;
      try {
        r = await evaluatePolicy({ ...opts, onEpisode: (n) => bar.update(n) });
      } finally {
        bar.stop();
      }
      const summary = {
        task: r.task,
        policy: r.policy,
        episodes: r.episodes,
        seed: opts.seed,
        workers: opts.workers,
        success_rate: r.success_rate,
        mean_return: r.mean_return,
        steps_per_second: r.steps_per_second,
        unstable_episodes: r.unstable_episodes,
      };
      if (opts.json) return printJson(summary);
      say(`${r.task} (${r.policy}): success ${(100 * r.success_rate).toFixed(1)}% of ${r.episodes} episodes, mean return ${r.mean_return.toFixed(1)}, ${r.steps_per_second.toFixed(0)} env steps/s, ${r.unstable_episodes} unstable`);
    });
}
