/**
 * Evaluate a digit model on a whole split: the Table 2 metric (mean over samples of the mean
 * squared pixel error), its spread over samples and per digit class, and the mean squared jerk of
 * the predictions beside that of the demonstrations (paper Fig. 4's smoothness claim).
 */
import type { DigitSet } from "../data/digits/digit-set.js";
import type { DigitModel, DigitParams } from "../models/digits/digit-model.js";
import { evaluationBatches } from "../nn/minibatches.js";
import { mean, perSampleJerk, perSampleMse, std } from "./metrics.js";

export interface DigitEvaluation {
  /** Table 2: mean over samples of the per-sample MSE (px²). */
  mse: number;
  /** Standard deviation of the per-sample MSE over samples. */
  mseStd: number;
  /** Mean (± std over classes) of the per-class mean MSE — the paper's "mean loss across 10 digit classes". */
  classMse?: { mean: number; std: number; perClass: number[] };
  /** Mean squared jerk of the predictions and of the demonstrations (px² per step⁶). */
  jerk: number;
  demoJerk: number;
  count: number;
}

/** Predictions [n][P][2] for every sample of `set` (in order). Does not consume `params`. */
export function predictAll(model: DigitModel, params: DigitParams, set: DigitSet, batchSize = 100): Float32Array {
  const per = set.points * 2;
  const out = new Float32Array(set.count * per);
  const all = Int32Array.from({ length: set.count }, (_, i) => i);
  let at = 0;
  for (const { indices, valid } of evaluationBatches(all, batchSize)) {
    const pred = model.predict(params, set, indices);
    out.set(pred.subarray(0, valid * per), at);
    at += valid * per;
  }
  return out;
}

export function evaluateDigits(model: DigitModel, params: DigitParams, set: DigitSet, options: { batchSize?: number; predictions?: Float32Array } = {}): DigitEvaluation & { predictions: Float32Array } {
  const predictions = options.predictions ?? predictAll(model, params, set, options.batchSize);
  const errs = perSampleMse(predictions, set.trajectories, set.points, 2);
  let classMse: DigitEvaluation["classMse"];
  if (set.labels) {
    const sums = new Float64Array(10);
    const counts = new Float64Array(10);
    set.labels.forEach((c, i) => {
      sums[c] += errs[i];
      counts[c] += 1;
    });
    const perClass = Array.from(sums, (s, c) => (counts[c] ? s / counts[c] : Number.NaN)).filter((v) => !Number.isNaN(v));
    classMse = { mean: mean(perClass), std: std(perClass), perClass };
  }
  return {
    mse: mean(errs),
    mseStd: std(errs),
    classMse,
    jerk: mean(perSampleJerk(predictions, set.points, 2)),
    demoJerk: mean(perSampleJerk(set.trajectories, set.points, 2)),
    count: set.count,
    predictions,
  };
}
