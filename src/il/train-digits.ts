/**
 * Training loop for the digit models (paper §5.1 protocol): Adam, minibatches of 100 reshuffled
 * every epoch (seeded), the test-split metric logged after every epoch, an atomic checkpoint after
 * every epoch, and exact resumption from one.
 */
import { existsSync } from "node:fs";
import { ConfigError, InputFileError } from "../errors.js";
import { Rng } from "../math/rng.js";
import type { DigitData } from "../data/digits/load-digit-data.js";
import type { DigitModel, DigitParams } from "../models/digits/digit-model.js";
import { initBackbone, type BackboneParams } from "../models/backbone.js";
import { disposeTree } from "../nn/params.js";
import { initMlpHead } from "../models/mlp-head.js";
import { keyFromSeed, splitKey } from "../nn/init.js";
import { createTrainer, disposeTrainState, type TrainState } from "../nn/train-step.js";
import { loadTrainState, saveTrainState } from "../nn/checkpoint.js";
import { trainingBatches } from "../nn/minibatches.js";
import { evaluateDigits } from "./evaluate-digits.js";

export interface TrainDigitsSettings {
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
}

export interface EpochRecord {
  epoch: number;
  trainLoss: number;
  testMse: number;
  seconds: number;
}

export interface TrainDigitsHooks {
  /** Called after every update. */
  onStep?(p: { epoch: number; step: number; steps: number; loss: number }): void;
  /** Called after every epoch (after the checkpoint is written). */
  onEpoch?(record: EpochRecord): void;
  /** Write a checkpoint here after every epoch (atomic). */
  checkpoint?: string;
  /** Resume from this checkpoint (written by a run with the same model and settings). */
  resume?: string;
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

export async function trainDigits(model: DigitModel, data: DigitData, s: TrainDigitsSettings, hooks: TrainDigitsHooks = {}): Promise<TrainDigitsResult> {
  if (!(Number.isInteger(s.epochs) && s.epochs >= 0)) throw new ConfigError(`epochs must be an integer >= 0, got ${s.epochs}`);
  if (!(s.learningRate > 0 && Number.isFinite(s.learningRate))) throw new ConfigError(`learning rate must be > 0, got ${s.learningRate}`);
  if (data.train.count < s.batchSize) throw new ConfigError(`the training split has ${data.train.count} samples, fewer than one batch of ${s.batchSize}; lower --batch-size`);
  let state: TrainState<DigitParams> | undefined;
  let history: EpochRecord[] = [];
  let startEpoch = 0;
  if (hooks.resume) {
    if (!existsSync(hooks.resume)) throw new InputFileError(`checkpoint ${hooks.resume} does not exist; drop --resume to start fresh`);
    const loaded = loadTrainState<DigitParams>(hooks.resume);
    const meta = loaded.meta as { epoch?: number; model?: Record<string, unknown>; settings?: TrainDigitsSettings; history?: EpochRecord[] };
    if (JSON.stringify(meta.model) !== JSON.stringify(model.spec) || meta.settings?.seed !== s.seed || meta.settings?.batchSize !== s.batchSize) {
      disposeTrainState(loaded.state);
      throw new InputFileError(`checkpoint ${hooks.resume} was written for a different model or seed; resume with the same --model, --seed and --batch-size`);
    }
    state = loaded.state;
    startEpoch = meta.epoch ?? 0;
    history = meta.history ?? [];
    if (hooks.backbone) disposeTree(hooks.backbone);
  }
  const trainer = createTrainer<DigitParams, never[]>({ loss: model.loss as never });
  state ??= trainer.init(initDigitParams(model, s.seed, hooks.backbone));

  const t0 = performance.now();
  const allTrain = Int32Array.from({ length: data.train.count }, (_, i) => i);
  for (let epoch = startEpoch; epoch < s.epochs; epoch++) {
    const e0 = performance.now();
    const batches = trainingBatches(allTrain, s.batchSize, new Rng(s.seed, 1000 + epoch));
    let lossSum = 0;
    batches.forEach((indices, step) => {
      const { loss } = trainer.step(state, s.learningRate, ...(model.lossInputs(data.train, indices) as never[]));
      lossSum += loss;
      hooks.onStep?.({ epoch, step: step + 1, steps: batches.length, loss });
    });
    const test = evaluateDigits(model, state.params, data.test);
    const record: EpochRecord = { epoch: epoch + 1, trainLoss: lossSum / batches.length, testMse: test.mse, seconds: (performance.now() - e0) / 1000 };
    history.push(record);
    if (hooks.checkpoint) saveTrainState(hooks.checkpoint, state, { epoch: epoch + 1, model: model.spec, settings: s, history });
    hooks.onEpoch?.(record);
  }
  trainer.dispose();
  return { state, history, seconds: (performance.now() - t0) / 1000 };
}
