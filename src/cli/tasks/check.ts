/** `ndp tasks check` — long random-action stability check (the env checker over many steps). */
import type { Command } from "commander";
import { checkEnv } from "../../envs/check-env.js";
import { makeEnv, taskNames } from "../../envs/registry.js";
import { printJson, progressBar, say } from "../output.js";
import { intOption } from "../options.js";
import { taskOption } from "./options.js";

/** The defaults of `ndp tasks check`. */
export const TASKS_CHECK_DEFAULTS: { readonly steps: number; readonly seed: number } = { steps: 10_000, seed: 0 };

export function registerTasksCheck(tasks: Command): void {
  tasks
    .command("check")
    .description("run uniform random actions for many steps and report API violations (NaN, bounds, instability)")
    .option("--task <name>", "one task (default: all)", taskOption)
    .option("--steps <n>", "environment steps per task", intOption(1, 100_000_000), TASKS_CHECK_DEFAULTS.steps)
    .option("--seed <s>", "seed", intOption(0), TASKS_CHECK_DEFAULTS.seed)
    .option("--json", "print one JSON object on stdout", false)
    .action(async (opts: { task?: string; steps: number; seed: number; json: boolean }) => {
      const results = [];
      for (const name of opts.task ? [opts.task] : taskNames()) {
        const env = await makeEnv(name);
        try {
          const episodes = Math.ceil(opts.steps / env.horizon);
          const bar = progressBar(`check ${name}`, episodes);
          const problems: string[] = [];
          const start = performance.now();
          for (let e = 0; e < episodes && problems.length === 0; e++) {
            problems.push(...checkEnv(env, { episodes: 1, seed: opts.seed + e }));
            bar.update(e + 1);
          }
          bar.stop();
          results.push({ task: name, steps: episodes * env.horizon, ok: problems.length === 0, problems: problems.slice(0, 10), seconds: (performance.now() - start) / 1000 });
        } finally {
          env.close();
        }
      }
      if (opts.json) return printJson({ tasks: results, ok: results.every((r) => r.ok) });
      for (const r of results) say(`${r.task}: ${r.steps} steps, ${r.ok ? "ok" : `${r.problems.length} problems: ${r.problems.join("; ")}`}`);
    });
}
