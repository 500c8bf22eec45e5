/**
 * Host-side batch preparation shared by the digit models: the backbone's input, the start points
 * y0 and the demonstrated trajectories in the layouts the models need.
 */
import { np, toFloat64, type Array } from "../../engine/jax.js";
import type { DigitSet } from "../../data/digits/digit-set.js";
import { backboneInput, backbonePatches } from "../backbone.js";
import { ShapeError } from "../../errors.js";
import { refTree } from "../../nn/params.js";
import type { DigitParams } from "./digit-model.js";

/** Check that `set` has 28 × 28 images and two-dimensional trajectories of `points` points. */
export function checkDigitSet(set: DigitSet, points: number): void {
  if (set.imageSize !== 28) throw new ShapeError(`digit models take 28 × 28 images, got ${set.imageSize} × ${set.imageSize}; load the data with imageSize 28`);
  if (set.points !== points) throw new ShapeError(`the model was built for ${points}-point trajectories but the data has ${set.points}; use data with ${points}-point trajectories (the s-MNIST layout) or --model cnn`);
}

/**
 * Host patch buffers by batch size, reused across batches: 6 MB per batch of 100 that would
 * otherwise be allocated every step (the upload copies them into the engine).
 */
const patchScratch = new Map<number, Float32Array>();

/** The backbone input for the samples `indices` (see backbone.ts). */
export function imagesInput(set: DigitSet, indices: ArrayLike<number>): Array {
  let scratch = patchScratch.get(indices.length);
  if (!scratch) {
    scratch = backbonePatches(set.images, indices);
    patchScratch.set(indices.length, scratch);
  }
  return backboneInput(set.images, indices, scratch);
}

/** y0 = the first demonstrated point of each sample, [B, 2] on the host. */
export function startPoints(set: DigitSet, indices: ArrayLike<number>): Float32Array {
  const out = new Float32Array(indices.length * 2);
  const per = set.points * 2;
  for (let b = 0; b < indices.length; b++) {
    out[2 * b] = set.trajectories[indices[b] * per];
    out[2 * b + 1] = set.trajectories[indices[b] * per + 1];
  }
  return out;
}

/** The demonstrated trajectories of `indices`, time-major [P][B][2] (the DMP layer's layout). */
export function timeMajorTrajectories(set: DigitSet, indices: ArrayLike<number>): Float32Array {
  const B = indices.length;
  const P = set.points;
  const out = new Float32Array(P * B * 2);
  for (let b = 0; b < B; b++) {
    const base = indices[b] * P * 2;
    for (let t = 0; t < P; t++) {
      out[(t * B + b) * 2] = set.trajectories[base + 2 * t];
      out[(t * B + b) * 2 + 1] = set.trajectories[base + 2 * t + 1];
    }
  }
  return out;
}

/** [P][B][2] → [B][P][2] on the host. */
export function batchMajor(timeMajor: ArrayLike<number>, points: number, batch: number): Float32Array {
  const out = new Float32Array(points * batch * 2);
  for (let t = 0; t < points; t++) {
    for (let b = 0; b < batch; b++) {
      out[(b * points + t) * 2] = timeMajor[(t * batch + b) * 2];
      out[(b * points + t) * 2 + 1] = timeMajor[(t * batch + b) * 2 + 1];
    }
  }
  return out;
}

/** A host Float32Array as an engine float32 array of `shape`. */
export function upload(values: Float32Array, shape: number[]): Array {
  return np.array(values, { shape });
}

/**
 * Run a compiled DMP-model forward pass `(params, images, y0) → [P, B, 2]` on the samples
 * `indices` (y0 = their first points) and return the trajectories [B][P][2] on the host.
 * Does not consume `params`.
 */
export function predictFromStart(
  forward: (params: DigitParams, input: Array, y0: Array) => Array,
  params: DigitParams,
  set: DigitSet,
  indices: ArrayLike<number>,
  points: number,
): Float32Array {
  checkDigitSet(set, points);
  const B = indices.length;
  const y = forward(refTree(params), imagesInput(set, indices), upload(startPoints(set, indices), [B, 2]));
  const host = toFloat64(y);
  y.dispose();
  return batchMajor(host, points, B);
}
