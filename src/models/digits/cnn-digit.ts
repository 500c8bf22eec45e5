/**
 * The CNN baseline of paper Table 2: the head regresses the whole trajectory directly.
 * Targets are normalised (the baseline's strongest honest form): the offset from the known start,
 * centred per time step and coordinate and scaled by one global σ,
 *   z[t, d] = (y[t, d] − y0[d] − μ[t, d]) / σ,
 * so the loss mean (ẑ − z)² is the pixel MSE divided by σ² — the same objective as NDP's.
 */
import { jit, np, toFloat64, type Array } from "../../engine/jax.js";
import type { DigitSet } from "../../data/digits/digit-set.js";
import { backbone } from "../backbone.js";
import { mlpHead } from "../mlp-head.js";
import { refTree } from "../../nn/params.js";
import { ShapeError } from "../../errors.js";
import type { DigitModel, DigitParams } from "./digit-model.js";
import { checkDigitSet, imagesInput, startPoints, upload } from "./digit-inputs.js";

export interface CnnDigitStats {
  /** μ[t, d], length P·2. */
  mean: number[];
  /** σ, one scalar. */
  scale: number;
}

/** μ and σ of the start-relative trajectories of a training set. */
export function cnnTargetStats(train: DigitSet): CnnDigitStats {
  const P = train.points;
  const mean = new Float64Array(P * 2);
  for (let s = 0; s < train.count; s++) {
    const base = s * P * 2;
    for (let k = 0; k < P * 2; k++) mean[k] += train.trajectories[base + k] - train.trajectories[base + (k % 2)];
  }
  for (let k = 0; k < P * 2; k++) mean[k] /= train.count;
  let ss = 0;
  for (let s = 0; s < train.count; s++) {
    const base = s * P * 2;
    for (let k = 0; k < P * 2; k++) ss += (train.trajectories[base + k] - train.trajectories[base + (k % 2)] - mean[k]) ** 2;
  }
  return { mean: Array.from(mean), scale: Math.sqrt(ss / (train.count * P * 2)) || 1 };
}

export function cnnDigitModel(stats: CnnDigitStats, points = 301): DigitModel {
  const width = points * 2;
  if (stats.mean.length !== width) throw new ShapeError(`CNN target statistics have ${stats.mean.length} entries, expected ${width}`);
  const forward = (params: DigitParams, input: Array) => mlpHead(params.head, backbone(params.backbone, input));
  const predictJit = jit(forward);

  /** z targets [B, P·2] for `indices`. */
  const targets = (set: DigitSet, indices: ArrayLike<number>): Float32Array => {
    const out = new Float32Array(indices.length * width);
    for (let b = 0; b < indices.length; b++) {
      const base = indices[b] * width;
      for (let k = 0; k < width; k++) out[b * width + k] = (set.trajectories[base + k] - set.trajectories[base + (k % 2)] - stats.mean[k]) / stats.scale;
    }
    return out;
  };

  return {
    kind: "cnn",
    points,
    outputs: width,
    spec: { kind: "cnn", points, stats },
    lossInputs(set, indices) {
      checkDigitSet(set, points);
      return [imagesInput(set, indices), upload(targets(set, indices), [indices.length, width])];
    },
    loss(params: DigitParams, input: Array, z: Array) {
      return np.mean(np.square(forward(params, input).sub(z)));
    },
    predict(params, set, indices) {
      checkDigitSet(set, points);
      const B = indices.length;
      const z = predictJit(refTree(params), imagesInput(set, indices));
      const host = toFloat64(z);
      z.dispose();
      const y0 = startPoints(set, indices);
      const out = new Float32Array(B * width);
      for (let b = 0; b < B; b++) for (let k = 0; k < width; k++) out[b * width + k] = y0[2 * b + (k % 2)] + stats.mean[k] + stats.scale * host[b * width + k];
      return out;
    },
    dispose() {
      predictJit.dispose();
    },
  };
}
