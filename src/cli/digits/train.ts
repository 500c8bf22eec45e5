/**
 * `ndp digits train --model ndp|cnn|cnn-dmp [--data FILE] [--epochs E] [--seed S] [--out DIR]
 * [--backbone FILE] [--resume] [--json]`: train one digit-writing model (paper §5.1) and report the
 * Table 2 metric. Progress (epoch, loss, ETA) on stderr; an atomic checkpoint every epoch.
 * `--json` prints { model, train_mse, test_mse, test_jerk, demo_jerk, epochs, seconds, ... }.
 */
import type { Command } from "commander";
import { initEngine } from "../../engine/jax.js";
import { ConfigError } from "../../errors.js";
import { defaultRunName } from "../../io/run-dir.js";
import { DIGITS_RUN_DEFAULTS, runDigitsTraining, type DigitsRunConfig } from "../../il/digits-run.js";
import type { EpochRecord } from "../../il/train-digits.js";
import { SIZE_BUDGET } from "../../io/size-budget.js";
import { DIGIT_MODEL_KINDS, type DigitModelKind } from "../../models/digits/digit-model.js";
import { NDP_DIGIT_DEFAULTS, NDP_FORCINGS, type NdpForcing } from "../../models/digits/ndp-digit.js";
import { choiceOption, floatOption, intOption } from "../options.js";
import { printJson, progressBar, say } from "../output.js";

export interface DigitsTrainCliOptions {
  model: DigitModelKind;
  data?: string;
  dataSeed: number;
  count: number;
  trainCount: number;
  epochs: number;
  seed: number;
  batchSize: number;
  lr: number;
  backbone?: string;
  ndpForcing?: NdpForcing;
  out?: string;
  resume: boolean;
  json: boolean;
}

/** The data/training options shared by `train`, `table2`, with their defaults from DIGITS_RUN_DEFAULTS. */
export function addTrainingOptions(cmd: Command): Command {
  const d = DIGITS_RUN_DEFAULTS;
  return cmd
    .option("--data <file>", "MAT file in the s-MNIST layout (default: the built-in generated data)")
    .option("--data-seed <s>", "seed of the built-in data and of the train/test split", intOption(0), d.dataSeed)
    .option("--count <n>", `use the first n samples (at most ${SIZE_BUDGET.digitSamples})`, intOption(2, SIZE_BUDGET.digitSamples), d.count)
    .option("--train-count <n>", "of which this many train (the rest test)", intOption(1, SIZE_BUDGET.digitSamples - 1), d.trainCount)
    .option("--epochs <n>", "training epochs (paper: 71)", intOption(0, 100_000), d.epochs)
    .option("--seed <s>", "seed of the initialisation and the minibatch shuffles", intOption(0), d.seed)
    .option("--batch-size <n>", `minibatch size (at most ${SIZE_BUDGET.digitBatch})`, intOption(1, SIZE_BUDGET.digitBatch), d.batchSize)
    .option("--lr <x>", "Adam learning rate", floatOption(1e-9, 10), d.learningRate)
    .option("--backbone <file>", "start from a pretrained backbone (backbone.ckpt of `ndp digits pretrain`)")
    .option("--json", "print one JSON object on stdout", false);
}

export function runConfig(o: Omit<DigitsTrainCliOptions, "out" | "resume" | "json">, model: DigitModelKind): DigitsRunConfig {
  if (o.trainCount >= o.count) throw new ConfigError(`--train-count (${o.trainCount}) must be smaller than --count (${o.count})`);
  return {
    model,
    data: o.data,
    dataSeed: o.dataSeed,
    count: o.count,
    trainCount: o.trainCount,
    epochs: o.epochs,
    seed: o.seed,
    batchSize: o.batchSize,
    learningRate: o.lr,
    backbone: o.backbone,
    modelOptions: model === "ndp" ? { forcing: o.ndpForcing ?? NDP_DIGIT_DEFAULTS.forcing } : {},
  };
}

/** Progress hooks that drive one bar per run on stderr. */
export function trainingProgress(label: string, epochs: number, quiet = false) {
  let bar: ReturnType<typeof progressBar> | undefined;
  let done = 0;
  let total = 0;
  return {
    onData: (d: { source: string; train: number; test: number }) => {
      if (!quiet) process.stderr.write(`${label}: data ${d.source}, ${d.train} train / ${d.test} test samples\n`);
    },
    onStep: (p: { epoch: number; step: number; steps: number; loss: number }) => {
      if (!bar) {
        total = Math.max(1, (epochs - p.epoch) * p.steps);
        bar = progressBar(label, total, ["epoch", "loss"]);
      }
      done += 1;
      bar.update(done, { epoch: `${p.epoch + 1}/${epochs}`, loss: p.loss.toFixed(3) });
    },
    onEpoch: (r: EpochRecord) => {
      if (bar) bar.update(done, { epoch: `${r.iteration}/${epochs}`, loss: `test ${r.testMse.toFixed(3)}` });
    },
    stop: () => bar?.stop(),
  };
}

export function registerDigitsTrain(digits: Command): void {
  const cmd = digits
    .command("train")
    .description("train NDP, CNN or CNN-DMP on digit writing and report the Table 2 metric")
    .requiredOption("--model <kind>", `one of ${DIGIT_MODEL_KINDS.join(", ")}`, choiceOption(DIGIT_MODEL_KINDS))
    .option("--ndp-forcing <form>", 'NDP forcing term: "paper" f = (g − y0) φ·w, "scaled" f = φ·u, or "orthogonal" (u in a whitened basis)', choiceOption(NDP_FORCINGS), NDP_DIGIT_DEFAULTS.forcing)
    .option("--out <dir>", "run directory (default runs/digits-<model>-<time>)")
    .option("--resume", "continue the run in --out from its last checkpoint", false);
  addTrainingOptions(cmd).action(async (opts: DigitsTrainCliOptions) => {
    if (opts.resume && !opts.out) throw new ConfigError("--resume needs --out DIR (the run directory to continue)");
    const config = runConfig(opts, opts.model);
    await initEngine({ threads: "auto" });
    const progress = trainingProgress(`digits ${opts.model}`, opts.epochs);
    const { metrics, dir } = await runDigitsTraining(config, opts.out ?? `runs/${defaultRunName(`digits-${opts.model}`)}`, { resume: opts.resume, ...progress });
    progress.stop();
    if (opts.json) return printJson(metrics);
    say(`${opts.model}: train MSE ${metrics.train_mse.toFixed(3)} px², test MSE ${metrics.test_mse.toFixed(3)} px², test jerk ${metrics.test_jerk.toExponential(2)} (demos ${metrics.demo_jerk.toExponential(2)})`);
    say(`report: ${dir.file("report.md")}`);
  });
}
