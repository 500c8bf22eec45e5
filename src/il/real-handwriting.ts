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
function realDigits(count: number, train: DigitSet, params: DigitParams, coef: Float64Array): DigitSet {
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
