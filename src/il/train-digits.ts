/**
 * Training of the digit models (paper §5.1 protocol): Adam, minibatches of 100 reshuffled every
 * epoch (seeded), the test-split metric logged after every epoch, an atomic checkpoint after every
 * epoch, and exact resumption from one — one iteration of the generic loop per epoch.
 */
import { ConfigError, InputFileError } from "../errors.js";
import { Rng } from "../math/rng.js";
import type { DigitData } from "../data/digits/load-digit-data.js";
import type { DigitModel, DigitParams } from "../models/digits/digit-model.js";
import { initBackbone, type BackboneParams } from "../models/backbone.js";
import { disposeTree } from "../nn/params.js";
import { initMlpHead } from "../models/mlp-head.js";
import { keyFromSeed, splitKey } from "../nn/init.js";
import { createTrainer, type TrainState } from "../nn/train-step.js";
import { trainStateCodec } from "../nn/checkpoint.js";
import { trainingBatches } from "../nn/minibatches.js";
import { runTrainLoop, type IterationRecord, type TrainLoopFiles } from "../nn/train-loop.js";
import { evaluateDigits } from "./evaluate-digits.js";

export interface TrainDigitsSettings {
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
}

/** What one epoch reports: the mean training loss (the model's objective) and the test-split MSE (px²). */
export interface DigitEpochMetrics {
  trainLoss: number;
  testMse: number;
}

/** One epoch of the history (`iteration` = epochs done). */
export type EpochRecord = IterationRecord<DigitEpochMetrics>;

/** Progress callbacks and the loop's files (`checkpoint`, `resume`, `metricsFile`, see train-loop.ts). */
export interface TrainDigitsHooks extends TrainLoopFiles {
  /** Called after every update (`epoch` 0-based). */
  onStep?(p: { epoch: number; step: number; steps: number; loss: number }): void;
  /** Called after every epoch (after the checkpoint is written). */
  onEpoch?(record: EpochRecord): void;
  /** Pretrained backbone weights (taken over by the trainer). */
  backbone?: BackboneParams;
}

export interface TrainDigitsResult {
  state: TrainState<DigitParams>;
  history: EpochRecord[];
  seconds: number;
}

/** Fresh parameters: a seeded backbone (or the pretrained one) and a seeded head. */
export function initDigitParams(model: DigitModel, seed: number, backbone?: BackboneParams): DigitParams {
  const [kb, kh] = splitKey(keyFromSeed(seed), 2);
  const bb = backbone ?? initBackbone(kb);
  if (backbone) kb.dispose();
  return { backbone: bb, head: initMlpHead(kh, { outputs: model.outputs }) };
}

/**
 * Train `model` for `s.epochs` epochs (the generic loop, nn/train-loop.ts): epoch e shuffles the
 * training split with Rng(seed, 1000 + e) into minibatches, takes one Adam step per batch, then
 * measures the test MSE. A checkpoint carries the model's spec and the settings; resuming checks
 * them.
 */
export async function trainDigits(model: DigitModel, data: DigitData, s: TrainDigitsSettings, hooks: TrainDigitsHooks = {}): Promise<TrainDigitsResult> {
  if (!(Number.isInteger(s.epochs) && s.epochs >= 0)) throw new ConfigError(`epochs must be an integer >= 0, got ${s.epochs}`);
  if (!(s.learningRate > 0 && Number.isFinite(s.learningRate))) throw new ConfigError(`learning rate must be > 0, got ${s.learningRate}`);
  if (data.train.count < s.batchSize) throw new ConfigError(`the training split has ${data.train.count} samples, fewer than one batch of ${s.batchSize}; lower --batch-size`);
  if (hooks.resume !== undefined && hooks.backbone) disposeTree(hooks.backbone); // the checkpoint has the weights
  const trainer = createTrainer({ loss: model.loss });
  const allTrain = Int32Array.from({ length: data.train.count }, (_, i) => i);
  try {
    const result = runTrainLoop({
      iterations: s.epochs,
      // A resumed checkpoint's parameters must have the shapes of this model's.
      codec: trainStateCodec<DigitParams>(() => initDigitParams(model, 0)),
      checkpoint: hooks.checkpoint,
      resume: hooks.resume,
      metricsFile: hooks.metricsFile,
      meta: { model: model.spec, settings: s },
      checkResume(meta, source) {
        const saved = meta as { model?: Record<string, unknown>; settings?: Partial<TrainDigitsSettings> };
        if (JSON.stringify(saved.model) !== JSON.stringify(model.spec) || saved.settings?.seed !== s.seed || saved.settings?.batchSize !== s.batchSize) {
          throw new InputFileError(`checkpoint ${source} was written for a different model or seed; resume with the same --model, --seed and --batch-size`);
        }
      },
      init: () => trainer.init(initDigitParams(model, s.seed, hooks.backbone)),
      iterate(state, epoch): DigitEpochMetrics {
        const batches = trainingBatches(allTrain, s.batchSize, new Rng(s.seed, 1000 + epoch));
        let lossSum = 0;
        batches.forEach((indices, step) => {
          const { loss } = trainer.step(state, s.learningRate, ...model.lossInputs(data.train, indices));
          lossSum += loss;
          hooks.onStep?.({ epoch, step: step + 1, steps: batches.length, loss });
        });
        return { trainLoss: lossSum / batches.length, testMse: evaluateDigits(model, state.params, data.test).mse };
      },
      onIteration: (record) => hooks.onEpoch?.(record),
    });
    return { state: result.state, history: result.history, seconds: result.seconds };
  } finally {
    trainer.dispose();
  }
}
