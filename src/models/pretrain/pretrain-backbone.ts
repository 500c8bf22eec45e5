/**
 * Backbone pretraining on real MNIST digits: train the backbone plus a 10-way linear head with
 * Adam on softmax cross-entropy, then keep the backbone (the original NDP code started from an
 * MNIST-pretrained CNN whose weights are lost).
 *
 * Deterministic: the split, the init and every epoch's shuffle derive from `seed` (epoch e uses
 * Rng(seed, 100 + e)), so a run resumed from an epoch checkpoint matches an uninterrupted one
 * (checkpoints and resume: the generic loop, nn/train-loop.ts).
 */
import { jit, np, type Array } from "../../engine/jax.js";
import { ConfigError } from "../../errors.js";
import { Rng } from "../../math/rng.js";
import { keyFromSeed } from "../../nn/init.js";
import { oneHot } from "../../nn/losses.js";
import { evaluationBatches, shuffled, trainingBatches } from "../../nn/minibatches.js";
import { refTree } from "../../nn/params.js";
import { trainStateCodec } from "../../nn/checkpoint.js";
import { runTrainLoop, type IterationRecord, type TrainLoopFiles } from "../../nn/train-loop.js";
import { createTrainer, type TrainState } from "../../nn/train-step.js";
import { backboneInput, backbonePatches, BACKBONE_IMAGE_SIZE } from "../backbone.js";
import { classifierLogits, classifierLoss, initDigitClassifier, DIGIT_CLASSES, type DigitClassifierParams } from "./digit-classifier.js";
import { splitIndices, type LabelledDigits } from "./mnist.js";

export interface PretrainConfig {
  epochs: number;
  seed: number;
  batchSize: number;
  learningRate: number;
  /** Samples held out for testing (taken from a seeded shuffle). */
  testCount: number;
  /** Use only this many samples (a seeded subset) — for quick runs and tests. */
  limit?: number;
}

export const PRETRAIN_DEFAULTS: PretrainConfig = { epochs: 10, seed: 0, batchSize: 100, learningRate: 1e-3, testCount: 2000 };

/** What one epoch reports: the mean training loss over its batches and the test accuracy. */
export interface PretrainMetrics {
  trainLoss: number;
  testAccuracy: number;
}

/** One epoch of the history (`iteration` = epochs done). */
export type EpochReport = IterationRecord<PretrainMetrics>;

export interface PretrainHooks {
  /** After every update (`epoch` 1-based). */
  onBatch?(info: { epoch: number; batch: number; batches: number; loss: number }): void;
  /** After every epoch (and its checkpoint). */
  onEpoch?(report: EpochReport, state: TrainState<DigitClassifierParams>): void;
}

export interface PretrainResult {
  trainAccuracy: number;
  testAccuracy: number;
  epochs: number;
  history: EpochReport[];
  /** The final state; the caller owns it. */
  state: TrainState<DigitClassifierParams>;
  trainCount: number;
  testCount: number;
}

/** Check a config; throws ConfigError naming the bad field. */
export function checkPretrainConfig(c: PretrainConfig, available: number): void {
  const int = (v: number, name: string, min: number) => {
    if (!(Number.isInteger(v) && v >= min)) throw new ConfigError(`${name} must be an integer ≥ ${min}, got ${v}`);
  };
  int(c.epochs, "epochs", 0);
  int(c.seed, "seed", 0);
  int(c.batchSize, "batch size", 1);
  if (!(c.learningRate > 0 && Number.isFinite(c.learningRate))) throw new ConfigError(`learning rate must be > 0, got ${c.learningRate}`);
  if (c.limit !== undefined) {
    int(c.limit, "limit", 2);
    if (c.limit > available) throw new ConfigError(`limit ${c.limit} is more than the ${available} digits available; pass --limit ${available} or less, or omit it`);
  }
  const count = c.limit ?? available;
  if (!(Number.isInteger(c.testCount) && c.testCount >= 1 && c.testCount < count)) {
    throw new ConfigError(`test count must be an integer in 1..${count - 1} (samples used: ${count}), got ${c.testCount}`);
  }
  if (count - c.testCount < c.batchSize) throw new ConfigError(`the training split (${count - c.testCount} samples) is smaller than one batch (${c.batchSize}); lower --batch-size or --test-count`);
}

/** The train/test indices into `data` for a config (seeded; `limit` takes a seeded subset first). */
export function pretrainSplit(data: LabelledDigits, c: PretrainConfig): { train: Int32Array; test: Int32Array } {
  const pool = c.limit !== undefined && c.limit < data.count ? shuffled(data.count, new Rng(c.seed, 1)).slice(0, c.limit) : Int32Array.from({ length: data.count }, (_, i) => i);
  const split = splitIndices(pool.length, c.testCount, c.seed);
  return { train: split.train.map((i) => pool[i]), test: split.test.map((i) => pool[i]) };
}

/** Classification accuracy of `params` on `indices` (does not consume `params`). */
export function classifierAccuracy(params: DigitClassifierParams, data: LabelledDigits, indices: Int32Array, batchSize: number, logitsFn?: (p: DigitClassifierParams, x: Array) => Array): number {
  const f = logitsFn ?? jit(classifierLogits);
  let correct = 0;
  const scratch = backbonePatches(data.images, indices.subarray(0, Math.min(batchSize, indices.length)));
  for (const b of evaluationBatches(indices, batchSize)) {
    const logits = f(refTree(params), backboneInput(data.images, b.indices, scratch)).dataSync() as Float32Array;
    for (let i = 0; i < b.valid; i++) {
      let best = 0;
      for (let c = 1; c < DIGIT_CLASSES; c++) if (logits[i * DIGIT_CLASSES + c] > logits[i * DIGIT_CLASSES + best]) best = c;
      if (best === data.labels[b.indices[i]]) correct++;
    }
  }
  if (!logitsFn) (f as unknown as { dispose(): void }).dispose();
  return indices.length ? correct / indices.length : 0;
}

/**
 * Train (or continue training, with `files.resume`: a checkpoint written through `files.checkpoint`)
 * with the generic loop (nn/train-loop.ts, one iteration per epoch) and evaluate. Returns the
 * final state (owned by the caller) and the accuracies on the train and test splits.
 */
export function pretrainBackbone(data: LabelledDigits, config: PretrainConfig, hooks: PretrainHooks = {}, files: TrainLoopFiles = {}): PretrainResult {
  checkPretrainConfig(config, data.count);
  if (data.images.length !== data.count * BACKBONE_IMAGE_SIZE * BACKBONE_IMAGE_SIZE) throw new ConfigError("pretraining needs 28×28 images");
  const { train, test } = pretrainSplit(data, config);
  const trainer = createTrainer({ loss: classifierLoss });
  const logitsFn = jit(classifierLogits);
  const scratch = backbonePatches(data.images, train.subarray(0, config.batchSize));
  const labelBuf = new Int32Array(config.batchSize);
  try {
    const { state, history } = runTrainLoop({
      ...files,
      iterations: config.epochs,
      // A resumed checkpoint's parameters must have the classifier's shapes.
      codec: trainStateCodec<DigitClassifierParams>(() => initDigitClassifier(keyFromSeed(0))),
      meta: { config },
      init: () => trainer.init(initDigitClassifier(keyFromSeed(config.seed))),
      iterate(state, epoch): PretrainMetrics {
        const batches = trainingBatches(train, config.batchSize, new Rng(config.seed, 100 + epoch));
        let lossSum = 0;
        batches.forEach((idx, bi) => {
          for (let i = 0; i < idx.length; i++) labelBuf[i] = data.labels[idx[i]];
          const x = backboneInput(data.images, idx, scratch);
          const y = np.array(oneHot(labelBuf, DIGIT_CLASSES), { shape: [idx.length, DIGIT_CLASSES] });
          const { loss } = trainer.step(state, config.learningRate, x, y);
          lossSum += loss;
          hooks.onBatch?.({ epoch: epoch + 1, batch: bi + 1, batches: batches.length, loss });
        });
        return { trainLoss: lossSum / Math.max(1, batches.length), testAccuracy: classifierAccuracy(state.params, data, test, config.batchSize, logitsFn) };
      },
      onIteration: hooks.onEpoch,
    });
    return {
      trainAccuracy: classifierAccuracy(state.params, data, train, config.batchSize, logitsFn),
      testAccuracy: classifierAccuracy(state.params, data, test, config.batchSize, logitsFn),
      epochs: config.epochs,
      history,
      state,
      trainCount: train.length,
      testCount: test.length,
    };
  } finally {
    trainer.dispose();
    logitsFn.dispose();
  }
}
