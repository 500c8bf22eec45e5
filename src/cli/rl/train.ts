/**
 * `ndp rl train --task T --algo ppo|ndp-ppo|ppo-multi [--steps S] [--seed K] [--workers W]
 * [--envs E] [--out DIR] [--resume] [--json] [PPO and DMP options]`: train one policy (paper §3.4,
 * §5.2) with progress on stderr (env steps, success rate, return, steps/s, ETA), periodic
 * deterministic evaluation, atomic checkpoints and bit-identical resume.
 * `--json` prints { task, algo, seed, env_steps, seconds, final_success_rate, final_return,
 * curve: [[env_steps, success_rate, return], ...], ... }.
 */
import type { Command } from "commander";
import { initEngine } from "../../engine/jax.js";
import { ConfigError } from "../../errors.js";
import { defaultRunName } from "../../io/run-dir.js";
import { runRlTraining } from "../../rl/rl-run.js";
import { printJson, progressBar, say, type Progress } from "../output.js";
import { addRlConfigOptions, configFromOptions, type RlConfigCliOptions } from "./config-options.js";

export function registerRlTrain(rl: Command): void {
  const cmd = rl
    .command("train")
    .description("train PPO, NDP-PPO or PPO-multi on a task; success = the task's rule at the final step")
    .option("--out <dir>", "run directory (default runs/rl-<task>-<algo>-<time>)")
    .option("--resume", "continue the run in --out from its last checkpoint", false)
    .option("--json", "print one JSON object on stdout", false);
  addRlConfigOptions(cmd).action(async (opts: RlConfigCliOptions & { out?: string; resume: boolean; json: boolean }) => {
    if (opts.resume && !opts.out) throw new ConfigError("--resume needs --out DIR (the run directory to continue)");
    const config = configFromOptions(opts);
    await initEngine();
    let bar: Progress | undefined;
    let last = { success: "-", ret: "-", sps: "-" };
    const { metrics, dir } = await (async () => {
      try {
        return await runRlTraining(config, opts.out ?? `runs/${defaultRunName(`rl-${config.task}-${config.algo}`)}`, {
          resume: opts.resume,
          onUpdate: (r, sizes) => {
            bar ??= progressBar(`${config.algo} ${config.task}`, sizes.updates * sizes.batchSteps, ["success", "return", "steps/s"]);
            const success = r.eval ? `${r.eval.successRate.toFixed(2)} (eval)` : r.successRate.toFixed(2);
            last = { success, ret: r.meanReturn.toFixed(1), sps: r.stepsPerSecond.toFixed(0) };
            bar.update(r.envSteps, { success: last.success, return: last.ret, "steps/s": last.sps });
          },
        });
      } finally {
        bar?.stop();
      }
    })();
    if (opts.json) return printJson(metrics);
    say(`${config.algo} on ${config.task}: success ${(100 * metrics.final_success_rate).toFixed(1)}% over ${metrics.eval_episodes} evaluation episodes, mean return ${metrics.final_return.toFixed(1)}, ${metrics.env_steps} env steps in ${metrics.seconds.toFixed(0)} s (${metrics.train_steps_per_s.toFixed(0)} steps/s)`);
    say(`report: ${dir.file("report.md")}`);
  });
}
