/**
 * `ndp digits pretrain [--epochs E] [--seed S] [--out DIR] [--resume] [--json]`: pretrain the digit
 * backbone as a 10-way classifier on the real MNIST digits of the `mnist` package (seeded
 * train/test split), as the original NDP code did before imitation learning.
 *
 * Writes into DIR (default runs/pretrain-<time>): config.json, checkpoint.ckpt (train state, every
 * epoch, atomic), backbone.ckpt (the backbone weights, for `--backbone FILE` of the training
 * commands), metrics.jsonl (one line per epoch) and metrics.json.
 * `--json` prints { "train_accuracy", "test_accuracy", "epochs", "seconds", "backbone" }.
 */
import { existsSync } from "node:fs";
import type { Command } from "commander";
import { initEngine } from "../../engine/jax.js";
import { ConfigError, InputFileError } from "../../errors.js";
import { defaultRunName, openRunDir, readJsonFile } from "../../io/run-dir.js";
import { saveBackbone } from "../../models/backbone.js";
import { loadMnist } from "../../models/pretrain/mnist.js";
import { checkPretrainConfig, pretrainBackbone, PRETRAIN_DEFAULTS, type PretrainConfig } from "../../models/pretrain/pretrain-backbone.js";
import type { DigitClassifierParams } from "../../models/pretrain/digit-classifier.js";
import { loadTrainState, saveTrainState } from "../../nn/checkpoint.js";
import { disposeTrainState, type TrainState } from "../../nn/train-step.js";
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
    .option("--batch-size <n>", "minibatch size", intOption(1, 10_000), PRETRAIN_DEFAULTS.batchSize)
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

async function runPretrain(opts: PretrainCliOptions): Promise<void> {
  const config: PretrainConfig = { epochs: opts.epochs, seed: opts.seed, batchSize: opts.batchSize, learningRate: opts.lr, testCount: opts.testCount, limit: opts.limit };
  if (opts.resume && !opts.out) throw new ConfigError("--resume needs --out DIR (the run directory to continue)");
  const data = loadMnist();
  checkPretrainConfig(config, data.count);
  const dir = openRunDir(opts.out ?? `runs/${defaultRunName("pretrain")}`);
  const checkpointFile = dir.file("checkpoint.ckpt");
  const backboneFile = dir.file("backbone.ckpt");
  await initEngine();

  let resume: { state: TrainState<DigitClassifierParams>; epoch: number } | undefined;
  if (opts.resume) {
    if (!existsSync(checkpointFile)) throw new InputFileError(`${checkpointFile} does not exist; run without --resume first, or pass the run directory with --out`);
    const saved = readJsonFile(dir.file("config.json"), "run config") as Partial<PretrainConfig>;
    for (const k of ["seed", "batchSize", "testCount", "limit", "learningRate"] as const) {
      if (saved[k] !== config[k]) throw new ConfigError(`--resume: ${k} was ${JSON.stringify(saved[k])} in ${dir.path} but is ${JSON.stringify(config[k])} now; pass the same options (only --epochs may change)`);
    }
    const { state, meta } = loadTrainState<DigitClassifierParams>(checkpointFile);
    resume = { state, epoch: Number(meta.epoch ?? 0) };
  }
  dir.writeConfig(config);

  const start = performance.now();
  const batchesPerEpoch = Math.floor((Math.min(config.limit ?? data.count, data.count) - config.testCount) / config.batchSize);
  const firstEpoch = resume?.epoch ?? 0;
  const total = Math.max(1, (config.epochs - firstEpoch) * batchesPerEpoch);
  const bar = progressBar("pretrain", total, ["epoch", "loss"]);
  let done = 0;
  let result;
  try {
    result = pretrainBackbone(data, config, {
      onBatch: ({ epoch, loss }) => bar.update(++done, { epoch: `${epoch}/${config.epochs}`, loss: loss.toFixed(4) }),
      onEpoch: (report, state) => {
        saveTrainState(checkpointFile, state, { epoch: report.epoch, config });
        saveBackbone(backboneFile, state.params.backbone, { epoch: report.epoch, testAccuracy: report.testAccuracy, seed: config.seed });
        dir.log({ ...report });
      },
    }, resume);
  } finally {
    bar.stop();
  }
  if (!existsSync(backboneFile)) saveBackbone(backboneFile, result.state.params.backbone, { epoch: firstEpoch, seed: config.seed });
  const seconds = (performance.now() - start) / 1000;
  const metrics = { train_accuracy: result.trainAccuracy, test_accuracy: result.testAccuracy, epochs: result.epochs, seconds, backbone: backboneFile };
  dir.writeMetrics({ ...metrics, train_count: result.trainCount, test_count: result.testCount, history: result.history });
  disposeTrainState(result.state);
  if (opts.json) printJson(metrics);
  else say(`pretrained ${result.epochs} epochs in ${seconds.toFixed(1)} s: train accuracy ${(100 * result.trainAccuracy).toFixed(2)} %, test accuracy ${(100 * result.testAccuracy).toFixed(2)} %; backbone → ${backboneFile}`);
}
