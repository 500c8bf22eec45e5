/**
 * NDP on real handwriting (qualitative): real MNIST digits from the `mnist` package have no
 * ground-truth trajectories, and the digit models take the start point y0 from the demonstration.
 * So the start is estimated from the image: a ridge regression from the trained model's backbone
 * features (200-d) to y0, fitted in closed form on the training split — it leaves the trained model
 * untouched. Real digits are rescaled to the synthetic digits' mean ink height first (MNIST digits
 * fill a 20-pixel box). The figure shows held-out synthetic digits (with their demonstrations) next
 * to real MNIST digits written by the same model.
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
import { cholesky, choleskySolve } from "../math/cholesky.js";

const FEATURES = 200;

/** Backbone features [n][200] of every image of `set`, by the compiled backbone `f`. Does not consume `params`. */
function features(f: (p: BackboneParams, x: Array) => Array, params: BackboneParams, set: DigitSet): Float64Array {
  const out = new Float64Array(set.count * FEATURES);
  const all = Int32Array.from({ length: set.count }, (_, i) => i);
  let at = 0;
  for (const { indices, valid } of evaluationBatches(all, 100)) {
    const y = f(refTree(params), imagesInput(set, indices));
    out.set(toFloat64(y).subarray(0, valid * FEATURES), at);
    y.dispose();
    at += valid * FEATURES;
  }
  return out;
}

/** y0 ≈ [f, 1]·B, B [201][2] by ridge regression (normal equations, Cholesky). */
function fitStart(feat: Float64Array, set: DigitSet, ridge = 1e-3): Float64Array {
  const q = FEATURES + 1;
  const A = new Float64Array(q * q);
  const rhs = [new Float64Array(q), new Float64Array(q)];
  const row = new Float64Array(q);
  const per = set.points * 2;
  for (let s = 0; s < set.count; s++) {
    row.set(feat.subarray(s * FEATURES, (s + 1) * FEATURES));
    row[FEATURES] = 1;
    for (let a = 0; a < q; a++) {
      for (let b = 0; b <= a; b++) A[a * q + b] += row[a] * row[b];
      rhs[0][a] += row[a] * set.trajectories[s * per];
      rhs[1][a] += row[a] * set.trajectories[s * per + 1];
    }
  }
  for (let a = 0; a < FEATURES; a++) A[a * q + a] += ridge * set.count;
  const L = cholesky(A, q);
  const [bx, by] = rhs.map((r) => choleskySolve(L, r, q));
  const coef = new Float64Array(q * 2);
  for (let a = 0; a < q; a++) {
    coef[2 * a] = bx[a];
    coef[2 * a + 1] = by[a];
  }
  return coef;
}

/** Ink bounding box (value > 0.3) of a 28×28 image: [top, bottom, left, right] rows/columns. */
function inkBox(img: ArrayLike<number>): [number, number, number, number] {
  let top = 28;
  let bottom = -1;
  let left = 28;
  let right = -1;
  for (let r = 0; r < 28; r++) {
    for (let c = 0; c < 28; c++) {
      if (img[r * 28 + c] > 0.3) {
        top = Math.min(top, r);
        bottom = Math.max(bottom, r);
        left = Math.min(left, c);
        right = Math.max(right, c);
      }
    }
  }
  return bottom < 0 ? [0, 27, 0, 27] : [top, bottom, left, right];
}

/**
 * Bring a real MNIST digit to the scale of the synthetic ones: MNIST digits fill a 20-pixel box,
 * ours are smaller, so the image is resampled (bilinear) about its ink box centre by
 * `targetHeight / ink height`, the centre moved to the image centre.
 */
function rescaleDigit(img: ArrayLike<number>, targetHeight: number): Float32Array {
  const [top, bottom, left, right] = inkBox(img);
  const s = targetHeight / Math.max(1, bottom - top + 1);
  const cy = (top + bottom) / 2;
  const cx = (left + right) / 2;
  const out = new Float32Array(28 * 28);
  const at = (r: number, c: number) => (r < 0 || c < 0 || r > 27 || c > 27 ? 0 : img[r * 28 + c]);
  for (let r = 0; r < 28; r++) {
    for (let c = 0; c < 28; c++) {
      const y = cy + (r - 13.5) / s;
      const x = cx + (c - 13.5) / s;
      const y0 = Math.floor(y);
      const x0 = Math.floor(x);
      const fy = y - y0;
      const fx = x - x0;
      out[r * 28 + c] = (1 - fy) * ((1 - fx) * at(y0, x0) + fx * at(y0, x0 + 1)) + fy * ((1 - fx) * at(y0 + 1, x0) + fx * at(y0 + 1, x0 + 1));
    }
  }
  return out;
}

/** A DigitSet of real MNIST digits whose "trajectories" carry only the estimated start y0. */
function realDigits(count: number, train: DigitSet, featuresOf: (set: DigitSet) => Float64Array, coef: Float64Array): DigitSet {
  const mnist = loadMnist();
  const { test } = pretrainSplit(mnist, PRETRAIN_DEFAULTS);
  const picks = test.subarray(0, count);
  const px = 28 * 28;
  let height = 0;
  for (let s = 0; s < train.count; s++) {
    const [top, bottom] = inkBox(train.images.subarray(s * px, (s + 1) * px));
    height += (bottom - top + 1) / train.count;
  }
  const images = new Float32Array(count * px);
  picks.forEach((i, k) => images.set(rescaleDigit(mnist.images.subarray(i * px, (i + 1) * px), height), k * px));
  const set: DigitSet = { count, imageSize: 28, frameSize: train.frameSize, points: train.points, images, trajectories: new Float32Array(count * train.points * 2) };
  const feat = featuresOf(set);
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
  const f = jit((p: BackboneParams, x: Array) => backbone(p, x));
  let real: DigitSet;
  try {
    const featuresOf = (set: DigitSet) => features(f, params.backbone, set);
    real = realDigits(count, train, featuresOf, fitStart(featuresOf(train), train));
  } finally {
    f.dispose();
  }
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
