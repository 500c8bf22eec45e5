/**
 * Resizing digit images (the paper resizes 40×40 → 28×28 for its MNIST-shaped CNN), as a
 * separable linear map: out = W · img · Wᵀ with a (to × from) weight matrix W per method.
 *
 *  - "bilinear" (default; what the paper's code gets from cv2.resize's INTER_LINEAR): destination
 *    pixel i samples the source at s = (i + ½)·from/to − ½ (pixel centres aligned, s clamped to
 *    [0, from − 1]) with weights 1 − f, f on pixels ⌊s⌋, ⌊s⌋ + 1, f = s − ⌊s⌋;
 *  - "area" (cv2's INTER_AREA when shrinking): destination pixel i is the mean of the source over
 *    [i·from/to, (i + 1)·from/to), partial pixels weighted by their overlap — keeps every thin
 *    stroke's ink.
 *
 * Trajectories are NOT resized: they stay in pixels of the original frame (`frameSize`), in which
 * the Table-2 error is measured. To draw them over a resized image use `frameToImage`.
 */
import { ConfigError } from "../../errors.js";
import type { DigitSet } from "./digit-set.js";

export const RESIZE_METHODS = ["bilinear", "area"] as const;
export type ResizeMethod = (typeof RESIZE_METHODS)[number];

/** The (to × from) row-major weight matrix of a 1-D resize. */
export function resizeWeights(from: number, to: number, method: ResizeMethod): Float64Array {
  const w = new Float64Array(to * from);
  const ratio = from / to;
  for (let i = 0; i < to; i++) {
    if (method === "bilinear") {
      const s = Math.min(from - 1, Math.max(0, (i + 0.5) * ratio - 0.5));
      const k = Math.min(from - 2, Math.floor(s));
      const f = from === 1 ? 0 : s - k;
      w[i * from + Math.max(0, k)] += 1 - f;
      if (from > 1) w[i * from + k + 1] += f;
    } else {
      const a = i * ratio;
      const b = (i + 1) * ratio;
      for (let k = Math.floor(a); k < Math.min(from, Math.ceil(b)); k++) {
        w[i * from + k] = (Math.min(b, k + 1) - Math.max(a, k)) / ratio;
      }
    }
  }
  return w;
}

/** Resize `count` row-major from×from images to to×to: out = W · img · Wᵀ. */
export function resizeImages(images: Float32Array, count: number, from: number, to: number, method: ResizeMethod): Float32Array {
  const w = resizeWeights(from, to, method);
  const out = new Float32Array(count * to * to);
  const rows = new Float64Array(to * from); // W · img: to × from
  for (let n = 0; n < count; n++) {
    const img = images.subarray(n * from * from, (n + 1) * from * from);
    rows.fill(0);
    for (let i = 0; i < to; i++) {
      for (let k = 0; k < from; k++) {
        const wik = w[i * from + k];
        if (wik === 0) continue;
        for (let c = 0; c < from; c++) rows[i * from + c] += wik * img[k * from + c];
      }
    }
    for (let i = 0; i < to; i++) {
      for (let j = 0; j < to; j++) {
        let s = 0;
        for (let c = 0; c < from; c++) s += rows[i * from + c] * w[j * from + c];
        out[n * to * to + i * to + j] = s;
      }
    }
  }
  return out;
}

/** The set with images resized to `size`; trajectories (and frameSize) unchanged. */
export function resizeDigitSet(set: DigitSet, size: number, method: ResizeMethod = "bilinear"): DigitSet {
  if (!Number.isInteger(size) || size < 1) throw new ConfigError(`image size must be a positive integer, got ${size}`);
  if (size === set.imageSize) return set;
  return { ...set, imageSize: size, images: resizeImages(set.images, set.count, set.imageSize, size, method) };
}

/** A trajectory coordinate in frame pixels → the same point in pixels of an image of side `imageSize`. */
export function frameToImage(v: number, frameSize: number, imageSize: number): number {
  return ((v + 0.5) * imageSize) / frameSize - 0.5;
}
