/**
 * `ndp digits pretrain [--epochs E] [--seed S] [--out DIR] [--resume] [--json]`: pretrain the digit
 * backbone as a 10-way classifier on the real MNIST digits of the `mnist` package (seeded
 * train/test split), as the original NDP code did before imitation learning.
 *
 * Writes into DIR (default runs/pretrain-<time>): config.json, checkpoint.ckpt (train state, every
 * epoch, atomic), backbone.ckpt (the backbone weights, for `--backbone FILE` of the training
 * commands), metrics.jsonl (one line per epoch), metrics.json and report.md.
 * `--json` prints { "train_accuracy", "test_accuracy", "epochs", "seconds", "backbone" }.
 */
import { existsSync } from "node:fs";
import type { Command } from "commander";
import { initEngine } from "../../engine/jax.js";
import { ConfigError } from "../../errors.js";
import { writeFileAtomic } from "../../io/atomic.js";
import { defaultRunName } from "../../io/run-dir.js";
import { SIZE_BUDGET } from "../../io/size-budget.js";
import { saveBackbone } from "../../models/backbone.js";
import { loadMnist } from "../../models/pretrain/mnist.js";
import { checkPretrainConfig, pretrainBackbone, PRETRAIN_DEFAULTS, type PretrainConfig, type PretrainResult } from "../../models/pretrain/pretrain-backbone.js";
import { startTrainingRun } from "../../nn/train-loop.js";
import { disposeTrainState } from "../../nn/train-step.js";
import { floatOption, intOption } from "../options.js";
import { printJson, progressBar, say } from "../output.js";

interface PretrainCliOptions {
  epochs: number;
  seed: number;
  batchSize: number;
  lr: number;
  testCount: number;
  limit?: number;
  out?: string;
  resume: boolean;
  json: boolean;
}

export function registerDigitsPretrain(digits: Command): void {
  digits
    .command("pretrain")
    .description("pretrain the CNN backbone as an MNIST digit classifier (real digits from the mnist package)")
    .option("--epochs <n>", "training epochs", intOption(0, 10_000), PRETRAIN_DEFAULTS.epochs)
    .option("--seed <s>", "seed of the split, the init and the shuffles", intOption(0), PRETRAIN_DEFAULTS.seed)
    .option("--batch-size <n>", `minibatch size (at most ${SIZE_BUDGET.digitBatch})`, intOption(1, SIZE_BUDGET.digitBatch), PRETRAIN_DEFAULTS.batchSize)
    .option("--lr <x>", "Adam learning rate", floatOption(1e-9, 10), PRETRAIN_DEFAULTS.learningRate)
    .option("--test-count <n>", "digits held out for the test accuracy", intOption(1), PRETRAIN_DEFAULTS.testCount)
    .option("--limit <n>", "use only a seeded subset of this many digits (quick runs)", intOption(2))
    .option("--out <dir>", "run directory (default runs/pretrain-<time>)")
    .option("--resume", "continue from <out>/checkpoint.ckpt (needs --out)", false)
    .option("--json", "print one JSON object on stdout", false)
    .action(async (opts: PretrainCliOptions) => {
      await runPretrain(opts);
    });
}

/** The config entries a resumed run must share with the first (all but the epoch count). */
const FIXED_ON_RESUME = ["seed", "batchSize", "testCount", "limit", "learningRate"] as const;

async function runPretrain(opts: PretrainCliOptions): Promise<void> {
  const config: PretrainConfig = { epochs: opts.epochs, seed: opts.seed, batchSize: opts.batchSize, learningRate: opts.lr, testCount: opts.testCount, limit: opts.limit };
  if (opts.resume && !opts.out) throw new ConfigError("--resume needs --out DIR (the run directory to continue)");
  const data = loadMnist();
  checkPretrainConfig(config, data.count);
  // Everything about the run directory (a resume's config, its epochs done) is checked before the work.
  const run = startTrainingRun(opts.out ?? `runs/${defaultRunName("pretrain")}`, config, {
    resume: opts.resume,
    fixed: FIXED_ON_RESUME,
    iterations: { count: config.epochs, option: "--epochs", unit: "epochs" },
  });
  const backboneFile = run.dir.file("backbone.ckpt");
  await initEngine({ threads: "auto" });

  const start = performance.now();
  const batchesPerEpoch = Math.floor((Math.min(config.limit ?? data.count, data.count) - config.testCount) / config.batchSize);
  let bar: ReturnType<typeof progressBar> | undefined;
  let done = 0;
  let result;
  try {
    result = pretrainBackbone(
      data,
      config,
      {
        onBatch: ({ epoch, loss }) => {
          bar ??= progressBar("pretrain", Math.max(1, (config.epochs - epoch + 1) * batchesPerEpoch), ["epoch", "loss"]);
          bar.update(++done, { epoch: `${epoch}/${config.epochs}`, loss: loss.toFixed(4) });
        },
        onEpoch: (report, state) => saveBackbone(backboneFile, state.params.backbone, { epoch: report.iteration, testAccuracy: report.testAccuracy, seed: config.seed }),
      },
      run.files,
    );
  } finally {
    bar?.stop();
  }
  if (!existsSync(backboneFile)) saveBackbone(backboneFile, result.state.params.backbone, { epoch: result.history.length, seed: config.seed });
  const seconds = (performance.now() - start) / 1000;
  const metrics = { train_accuracy: result.trainAccuracy, test_accuracy: result.testAccuracy, epochs: result.epochs, seconds, backbone: backboneFile };
  run.dir.writeMetrics({ ...metrics, train_count: result.trainCount, test_count: result.testCount, history: result.history });
  writeFileAtomic(run.dir.file("report.md"), pretrainReport(config, metrics, result));
  disposeTrainState(result.state);
  if (opts.json) printJson(metrics);
  else say(`pretrained ${result.epochs} epochs in ${seconds.toFixed(1)} s: train accuracy ${(100 * result.trainAccuracy).toFixed(2)} %, test accuracy ${(100 * result.testAccuracy).toFixed(2)} %; backbone → ${backboneFile}`);
}

/** `report.md` of a pretraining run: the setting, the accuracies and one row per epoch. */
function pretrainReport(config: PretrainConfig, m: { train_accuracy: number; test_accuracy: number; epochs: number; seconds: number }, r: PretrainResult): string {
  const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
  return [
    "# Backbone pretraining on MNIST",
    "",
    `The digit backbone plus a 10-way linear head, softmax cross-entropy, Adam ${config.learningRate}, batch ${config.batchSize}, seed ${config.seed}; ${r.trainCount} train / ${r.testCount} test digits of the \`mnist\` package${config.limit !== undefined ? ` (a seeded subset of ${config.limit})` : ""}.`,
    "",
    "| epochs | train accuracy | test accuracy | seconds (this session) |",
    "|---|---|---|---|",
    `| ${m.epochs} | ${pct(m.train_accuracy)} | ${pct(m.test_accuracy)} | ${m.seconds.toFixed(1)} |`,
    "",
    r.history.length ? "| epoch | train loss | test accuracy |\n|---|---|---|\n" + r.history.map((h) => `| ${h.iteration} | ${h.trainLoss.toFixed(4)} | ${pct(h.testAccuracy)} |`).join("\n") : "No epochs were trained.",
    "",
    "The backbone weights are in `backbone.ckpt` (`ndp digits train --backbone FILE`).",
    "",
  ].join("\n");
}
