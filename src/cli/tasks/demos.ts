/** `ndp tasks demos` — record scripted-expert demonstrations (JSON lines; format in src/envs/demos.ts). */
import type { Command } from "commander";
import { recordDemos } from "../../envs/demos.js";
import { builtinPolicies } from "../../envs/evaluate.js";
import { getTask, makeEnv, resolveConfig } from "../../envs/registry.js";
import { writeDemos } from "../../envs/demos.js";
import { checkOutputFile } from "../../io/path-check.js";
import { SIZE_BUDGET } from "../../io/size-budget.js";
import { printJson, progressBar, say } from "../output.js";
import { intOption } from "../options.js";
import { taskOption } from "./options.js";

/** The defaults of `ndp tasks demos`. */
export const TASKS_DEMOS_DEFAULTS: { readonly episodes: number; readonly seed: number } = { episodes: 20, seed: 0 };

export function registerTasksDemos(tasks: Command): void {
  tasks
    .command("demos")
    .description("record expert demonstrations (observations, actions, rewards, robot states, success) as JSON lines")
    .requiredOption("--task <name>", "task name (see `ndp tasks list`)", taskOption)
    .requiredOption("--out <file>", "output file (JSON lines: a header, then one episode per line)")
    .option("--episodes <n>", `number of episodes (at most ${SIZE_BUDGET.demoEpisodes}: they are kept in memory until written)`, intOption(1, SIZE_BUDGET.demoEpisodes), TASKS_DEMOS_DEFAULTS.episodes)
    .option("--seed <s>", "seed; episode k starts from reset({ seed: deriveSeed(seed, k) })", intOption(0), TASKS_DEMOS_DEFAULTS.seed)
    .option("--json", "print one JSON object on stdout", false)
    .action(async (opts: { task: string; out: string; episodes: number; seed: number; json: boolean }) => {
      checkOutputFile(opts.out, "demonstrations file", "pass a writable file path for --out");
      const spec = getTask(opts.task);
      const env = await makeEnv(opts.task);
      const bar = progressBar(`demos ${opts.task}`, opts.episodes, ["success"]);
      let successes = 0;
      try {
        const policy = builtinPolicies(opts.task, "expert", env.actionSpec, 1, opts.seed)[0];
        const demos = recordDemos(env, policy, { task: spec.name, variant: spec.variant, policy: "expert", seed: opts.seed, config: resolveConfig(spec) }, opts.episodes, (ep) => {
          if (ep.success) successes++;
          bar.update(ep.episode + 1, { success: `${successes}/${ep.episode + 1}` });
        });
        bar.stop();
        writeDemos(opts.out, demos);
      } finally {
        bar.stop();
        env.close();
      }
      const summary = { task: opts.task, episodes: opts.episodes, successful: successes, success_rate: successes / opts.episodes, out: opts.out };
      if (opts.json) return printJson(summary);
      say(`wrote ${opts.episodes} ${opts.task} demonstrations (${successes} successful) to ${opts.out}`);
    });
}
