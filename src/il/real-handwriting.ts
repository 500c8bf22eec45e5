/**
 * NDP on real handwriting (qualitative): real MNIST digits from the `mnist` package have no
 * ground-truth trajectories, and the digit models take the start point y0 from the demonstration.
 * So the start is estimated from the image: a ridge regression from the trained model's backbone
 * features (200-d) to y0, fitted in closed form on the training split — it leaves the trained model
 * untouched. The figure shows held-out synthetic digits (with their demonstrations) next to real
 * MNIST digits written by the same model.
 */
import { jit, toFloat64, type Array } from "../engine/jax.js";
import { selectDigits, type DigitSet } from "../data/digits/digit-set.js";
import { backbone, type BackboneParams } from "../models/backbone.js";
import { imagesInput } from "../models/digits/digit-inputs.js";
import type { DigitModel, DigitParams } from "../models/digits/digit-model.js";
import { loadMnist } from "../models/pretrain/mnist.js";
import { pretrainSplit, PRETRAIN_DEFAULTS } from "../models/pretrain/pretrain-backbone.js";
import { evaluationBatches } from "../nn/minibatches.js";
import { refTree } from "../nn/params.js";
import { traceGridSvg, type TracePanel } from "../report/digit-traces.js";
import { predictAll } from "./evaluate-digits.js";

const FEATURES = 200;

/** Backbone features [n][200] of every image of `set`. Does not consume `params`. */
function features(params: BackboneParams, set: DigitSet): Float64Array {
  const f = jit((p: BackboneParams, x: Array) => backbone(p, x));
  const out = new Float64Array(set.count * FEATURES);
  const all = Int32Array.from({ length: set.count }, (_, i) => i);
  let at = 0;
  for (const { indices, valid } of evaluationBatches(all, 100)) {
    const y = f(refTree(params), imagesInput(set, indices));
    out.set(toFloat64(y).subarray(0, valid * FEATURES), at);
    y.dispose();
    at += valid * FEATURES;
  }
  f.dispose();
  return out;
}

/** y0 ≈ [f, 1]·B, B [201][2] by ridge regression (normal equations, Gauss–Jordan). */
function fitStart(feat: Float64Array, set: DigitSet, ridge = 1e-3): Float64Array {
  const q = FEATURES + 1;
  const A = new Float64Array(q * q);
  const rhs = new Float64Array(q * 2);
  const row = new Float64Array(q);
  const per = set.points * 2;
  for (let s = 0; s < set.count; s++) {
    row.set(feat.subarray(s * FEATURES, (s + 1) * FEATURES));
    row[FEATURES] = 1;
    for (let a = 0; a < q; a++) {
      for (let b = 0; b < q; b++) A[a * q + b] += row[a] * row[b];
      rhs[2 * a] += row[a] * set.trajectories[s * per];
      rhs[2 * a + 1] += row[a] * set.trajectories[s * per + 1];
    }
  }
  for (let a = 0; a < FEATURES; a++) A[a * q + a] += ridge * set.count;
  // Gauss–Jordan with partial pivoting on [A | rhs]
  for (let c = 0; c < q; c++) {
    let p = c;
    for (let r = c + 1; r < q; r++) if (Math.abs(A[r * q + c]) > Math.abs(A[p * q + c])) p = r;
    for (let k = 0; k < q; k++) [A[c * q + k], A[p * q + k]] = [A[p * q + k], A[c * q + k]];
    for (let k = 0; k < 2; k++) [rhs[2 * c + k], rhs[2 * p + k]] = [rhs[2 * p + k], rhs[2 * c + k]];
    const piv = A[c * q + c] || 1e-12;
    for (let r = 0; r < q; r++) {
      if (r === c) continue;
      const m = A[r * q + c] / piv;
      if (m === 0) continue;
      for (let k = c; k < q; k++) A[r * q + k] -= m * A[c * q + k];
      rhs[2 * r] -= m * rhs[2 * c];
      rhs[2 * r + 1] -= m * rhs[2 * c + 1];
    }
  }
  for (let c = 0; c < q; c++) {
    rhs[2 * c] /= A[c * q + c] || 1e-12;
    rhs[2 * c + 1] /= A[c * q + c] || 1e-12;
  }
  return rhs;
}

/** A DigitSet of real MNIST digits whose "trajectories" carry only the estimated start y0. */
function realDigits(count: number, train: DigitSet, params: DigitParams, coef: Float64Array): DigitSet {
  const mnist = loadMnist();
  const { test } = pretrainSplit(mnist, PRETRAIN_DEFAULTS);
  const picks = test.subarray(0, count);
  const px = 28 * 28;
  const images = new Float32Array(count * px);
  picks.forEach((i, k) => images.set(mnist.images.subarray(i * px, (i + 1) * px), k * px));
  const set: DigitSet = { count, imageSize: 28, frameSize: train.frameSize, points: train.points, images, trajectories: new Float32Array(count * train.points * 2) };
  const feat = features(params.backbone, set);
  for (let s = 0; s < count; s++) {
    for (let d = 0; d < 2; d++) {
      let v = coef[2 * FEATURES + d];
      for (let k = 0; k < FEATURES; k++) v += feat[s * FEATURES + k] * coef[2 * k + d];
      set.trajectories[s * train.points * 2 + d] = v;
    }
  }
  return set;
}

/** The figure: `count` held-out synthetic digits and `count` real MNIST digits written by the model. */
export function realHandwritingSvg(model: DigitModel, params: DigitParams, train: DigitSet, test: DigitSet, count = 16): string {
  const coef = fitStart(features(params.backbone, train), train);
  const real = realDigits(count, train, params, coef);
  const synthetic = selectDigits(test, Int32Array.from({ length: Math.min(count, test.count) }, (_, i) => i));
  const predSynthetic = predictAll(model, params, synthetic);
  const predReal = predictAll(model, params, real);
  const per = train.points * 2;
  const px = 28 * 28;
  const panels: TracePanel[] = [];
  for (let s = 0; s < synthetic.count; s++) {
    panels.push({ image: synthetic.images.subarray(s * px, (s + 1) * px), imageSize: 28, demo: synthetic.trajectories.subarray(s * per, (s + 1) * per), predictions: [{ name: "NDP", color: "#d62728", trajectory: predSynthetic.subarray(s * per, (s + 1) * per) }], label: "synthetic" });
  }
  for (let s = 0; s < real.count; s++) {
    panels.push({ image: real.images.subarray(s * px, (s + 1) * px), imageSize: 28, predictions: [{ name: "NDP", color: "#d62728", trajectory: predReal.subarray(s * per, (s + 1) * per) }], label: "real MNIST" });
  }
  return traceGridSvg(panels, { frameSize: train.frameSize, pixelOrigin: "center", columns: 8, panelSize: 96, title: "NDP writing held-out synthetic digits (top) and real MNIST digits (bottom; start point estimated from the image)" });
}
