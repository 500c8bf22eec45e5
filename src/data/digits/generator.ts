/**
 * The built-in digit-writing data generator (the default data: no download needed). Sample i:
 *
 *   1. digit d ~ U{0..9}, a style of d ~ uniform over its templates (`stroke-templates.ts`);
 *   2. the style's pen path timed over 3 s at `points` = 301 samples (`pen-path.ts`: per-piece
 *      minimum-jerk along arc length), in template units;
 *   3. a smooth random warp (`smooth-warp.ts`), then the random affine jitter to pixels
 *      (`affine-jitter.ts`: rotation ±8°, shift ±3 px, scale ±10 %, shear ±0.1) → the trajectory;
 *   4. the trajectory rendered into a 40×40 image (`render-strokes.ts`: pen width U[1, 1.5] px,
 *      Gaussian blur σ = 0.5 px) — the image is drawn FROM the jittered trajectory, so both carry
 *      exactly the same jitter.
 *
 * Every random draw of sample i comes from its own stream of the project's generator,
 * `new Rng(seed, i)` (src/math/rng.ts, xoshiro128**), so a data set of N samples is the first N
 * samples of any larger one with the same seed, byte for byte.
 *
 * Size: 1 template unit = 2.4 px, a digit ≈ 23 px high. Worst case of the jitter (bounding box
 * half-extents 3.3 × 4.85 units, warp ≤ 0.44 units, scale 1.1, shear 0.1, rotation 8°, shift 3 px)
 * keeps every trajectory point within [3, 36] × [1, 38] px, inside the 40×40 frame (measured
 * over 100 000 samples: [5.4, 32.8] × [2.7, 36.3], and no ink on the border pixels).
 */
import { ConfigError, assertInt } from "../../errors.js";
import { Rng } from "../../math/rng.js";
import { applyAffine, sampleAffineJitter } from "./affine-jitter.js";
import type { DigitSet } from "./digit-set.js";
import { templateSplines, timePenPath } from "./pen-path.js";
import { createRenderScratch, renderPenTrajectory } from "./render-strokes.js";
import { applySmoothWarp, sampleSmoothWarp } from "./smooth-warp.js";
import { TEMPLATES, type StrokeTemplate } from "./stroke-templates.js";

/** Image side of the s-MNIST frame, pixels. */
export const DIGIT_IMAGE_SIZE = 40;
/** Trajectory length: 300 steps of 10 ms. */
export const DIGIT_POINTS = 301;
/** Template units → pixels. */
export const UNIT_PX = 2.4;
/** Pen width range (pixels) and blur of the renderer. */
export const PEN = { minWidth: 1.0, maxWidth: 1.5, blurSigma: 0.5, gain: 1.3 } as const;

export interface GenerateDigitsOptions {
  /** Number of samples (≥ 1). */
  readonly count: number;
  /** Seed: same seed and count → identical data. */
  readonly seed: number;
  /** Restrict to these digit classes (default 0–9). */
  readonly digits?: readonly number[];
  /** Called every few hundred samples and at the end with (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** A template with its timed pen path (template units) and the centre of that path's bounding box. */
interface PreparedStyle {
  readonly template: StrokeTemplate;
  readonly path: Float64Array;
  readonly centre: readonly [number, number];
}

const prepared = new Map<number, PreparedStyle[][]>();

/** Styles per digit with their timed paths, computed once per trajectory length. */
function preparedStyles(points: number): PreparedStyle[][] {
  let byDigit = prepared.get(points);
  if (byDigit === undefined) {
    byDigit = Array.from({ length: 10 }, () => [] as PreparedStyle[]);
    for (const template of TEMPLATES) {
      const path = timePenPath(templateSplines(template), points);
      let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
      for (let j = 0; j < points; j++) {
        x0 = Math.min(x0, path[2 * j]);
        x1 = Math.max(x1, path[2 * j]);
        y0 = Math.min(y0, path[2 * j + 1]);
        y1 = Math.max(y1, path[2 * j + 1]);
      }
      byDigit[template.digit].push({ template, path, centre: [(x0 + x1) / 2, (y0 + y1) / 2] });
    }
    prepared.set(points, byDigit);
  }
  return byDigit;
}

/** Generate `count` digit-writing samples (40×40 images, 301-point trajectories, labels). */
export function generateDigits(options: GenerateDigitsOptions): DigitSet {
  const { count, seed } = options;
  assertInt(count, "count", 1, 10_000_000);
  assertInt(seed, "seed", 0);
  const digits = options.digits ?? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  if (digits.length === 0 || digits.some((d) => !Number.isInteger(d) || d < 0 || d > 9)) {
    throw new ConfigError(`digits must be a non-empty list of classes 0..9, got ${JSON.stringify(digits)}`);
  }
  const size = DIGIT_IMAGE_SIZE;
  const points = DIGIT_POINTS;
  const styles = preparedStyles(points);
  const images = new Float32Array(count * size * size);
  const trajectories = new Float32Array(count * points * 2);
  const labels = new Int32Array(count);
  const scratch = createRenderScratch(size);
  const traj = new Float64Array(points * 2);
  for (let i = 0; i < count; i++) {
    const rng = new Rng(seed, i);
    const digit = digits[Math.floor(rng.next() * digits.length)];
    const choices = styles[digit];
    const style = choices[Math.floor(rng.next() * choices.length)];
    const warp = sampleSmoothWarp(rng);
    const affine = sampleAffineJitter(rng, style.centre, UNIT_PX, size);
    const width = rng.uniform(PEN.minWidth, PEN.maxWidth);
    applySmoothWarp(warp, style.path, traj, points);
    applyAffine(affine, traj, traj, points);
    trajectories.set(traj, i * points * 2);
    renderPenTrajectory(traj, points, { width, blurSigma: PEN.blurSigma, gain: PEN.gain }, scratch, images, i * size * size);
    labels[i] = digit;
    if (options.onProgress && ((i + 1) % 500 === 0 || i + 1 === count)) options.onProgress(i + 1, count);
  }
  return { count, imageSize: size, frameSize: size, points, images, trajectories, labels };
}
