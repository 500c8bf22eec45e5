/**
 * `ndp digits table2 [--epochs E] [--pretrained pretrain|none|FILE] [--out DIR] [--json]`: train
 * NDP, CNN and CNN-DMP with the same backbone, data and budget (and again from a pretrained
 * backbone) and write paper Table 2 with our numbers beside the paper's, plus Fig. 4.
 * Re-running with the same --out resumes unfinished runs.
 */
import type { Command } from "commander";
import { initEngine } from "../../engine/jax.js";
import { checkInputFile } from "../../io/path-check.js";
import { runTable2, TABLE2_DEFAULTS } from "../../il/table2.js";
import { printJson, say } from "../output.js";
import { intOption } from "../options.js";
import { addTrainingOptions, runConfig, trainingProgress, type DigitsTrainCliOptions } from "./train.js";

export function registerDigitsTable2(digits: Command): void {
  const cmd = digits
    .command("table2")
    .description("train all three models (from scratch and pretrained) and write paper Table 2 and Fig. 4")
    .option("--pretrained <how>", '"pretrain" (pretrain on MNIST first), "none", or a backbone.ckpt file', TABLE2_DEFAULTS.pretrained)
    .option("--pretrain-epochs <n>", "epochs of MNIST pretraining", intOption(1, 1000), TABLE2_DEFAULTS.pretrainEpochs)
    .option("--out <dir>", "run directory", TABLE2_DEFAULTS.out);
  addTrainingOptions(cmd).action(async (opts: DigitsTrainCliOptions & { pretrained: string; pretrainEpochs: number; out: string }) => {
    const base = runConfig(opts, "ndp");
    const pretrained = opts.pretrained === "pretrain" || opts.pretrained === "none" ? opts.pretrained : { backbone: opts.pretrained };
    if (typeof pretrained === "object") checkInputFile(pretrained.backbone, "backbone file", "pass --pretrained pretrain, none, or the backbone.ckpt of `ndp digits pretrain`");
    await initEngine({ threads: "auto" });
    const result = await runTable2({
      base,
      pretrained,
      pretrainEpochs: opts.pretrainEpochs,
      out: opts.out,
      hooks: (label) => trainingProgress(`table2 ${label}`, opts.epochs),
      log: (line) => process.stderr.write(line + "\n"),
    });
    if (opts.json) return printJson({ report: result.report, runs: result.runs, pretrain_test_accuracy: result.pretrainTestAccuracy });
    for (const r of result.runs) say(`${r.label}${r.pretrained ? " (pretrained)" : ""}: train ${r.train_mse.toFixed(3)} px², test ${r.test_mse.toFixed(3)} px²`);
    say(`report: ${result.report}`);
  });
}
