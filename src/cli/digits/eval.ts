/**
 * `ndp digits eval --checkpoint DIR [--data FILE] [--json]`: recompute a trained run's Table 2
 * metrics (train and test MSE, jerk) from its checkpoint, on the data it was trained on or on FILE.
 */
import type { Command } from "commander";
import { initEngine } from "../../engine/jax.js";
import { checkInputFile } from "../../io/path-check.js";
import { loadDigitsForRun, loadDigitsRun, toMetrics } from "../../il/digits-run.js";
import { evaluateDigits } from "../../il/evaluate-digits.js";
import { disposeTree } from "../../nn/params.js";
import { printJson, say } from "../output.js";

export function registerDigitsEval(digits: Command): void {
  digits
    .command("eval")
    .description("recompute the Table 2 metrics of a trained run from its checkpoint")
    .requiredOption("--checkpoint <dir>", "run directory written by `ndp digits train`")
    .option("--data <file>", "evaluate on this MAT file instead of the run's own data")
    .option("--json", "print one JSON object on stdout", false)
    .action(async (opts: { checkpoint: string; data?: string; json: boolean }) => {
      if (opts.data !== undefined) checkInputFile(opts.data, "data file", "check the path, or omit --data to use the run's own data");
      await initEngine({ threads: "auto" });
      const run = loadDigitsRun(opts.checkpoint);
      try {
        const data = loadDigitsForRun({ ...run.config, data: opts.data ?? run.config.data }, () => `the run was trained on the first ${run.config.count}, so evaluate it on a file with at least ${run.config.count} samples`);
        const train = evaluateDigits(run.model, run.params, data.train);
        const test = evaluateDigits(run.model, run.params, data.test);
        const metrics = toMetrics(run.model.kind, train, test, { epochs: run.epochs, seconds: 0, pretrained: run.config.backbone !== undefined });
        const { seconds: _s, ...rest } = metrics;
        if (opts.json) return printJson(rest);
        say(`${metrics.model} (${run.epochs} epochs): train MSE ${metrics.train_mse.toFixed(3)} px², test MSE ${metrics.test_mse.toFixed(3)} px², test jerk ${metrics.test_jerk.toExponential(2)}`);
      } finally {
        disposeTree(run.params);
        run.model.dispose();
      }
    });
}
