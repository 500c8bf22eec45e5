/**
 * Sub-sampling a roll-out into k actions (paper §3.2: "equally sub-sample them into k actions").
 */
import { assertInt } from "../errors.js";

/**
 * The step indices of k equally spaced points of an m-step roll-out:
 *   t_j = round(j m / k),  j = 1..k           (k points after the start; position targets)
 *   t_j = round(j m / k),  j = 0..k           (with `includeStart`: k + 1 points, whose k
 *                                               consecutive differences are delta actions)
 * When k divides m the points are exactly every m/k steps.
 */
export function sampleIndices(steps: number, k: number, options: { includeStart?: boolean } = {}): Int32Array {
  assertInt(steps, "steps", 1);
  assertInt(k, "number of sampled points k", 1, steps);
  const first = options.includeStart ? 0 : 1;
  const out = new Int32Array(k - first + 1);
  for (let j = first; j <= k; j++) out[j - first] = Math.round((j * steps) / k);
  return out;
}

/** All m + 1 points (dense output, for high-rate inference). */
export function denseIndices(steps: number): Int32Array {
  return Int32Array.from({ length: steps + 1 }, (_, t) => t);
}
