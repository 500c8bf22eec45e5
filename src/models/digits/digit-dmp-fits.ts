/**
 * Least-squares DMP fits of digit trajectories and their statistics: the targets of the CNN-DMP
 * baseline and the output normalisation of the NDP digit model (both in paper §5.1's setting).
 *
 * For each sample the fit is θ = (g − y0, u): the goal offset (2 numbers) and the scaled weights
 * u = (g − y0) w (2N numbers), from `createDmpFitter` with a relative ridge on u.
 */
import type { DigitSet } from "../../data/digits/digit-set.js";
import { dmpConfig, type BasisKind } from "../../dmp/config.js";
import { createDmpFitter } from "../../dmp/fit.js";
import { checkDigitSet } from "./digit-inputs.js";

/** The DMP a digit is fitted with, and the fit's relative ridge. */
export interface DigitFitOptions {
  nBasis: number;
  steps: number;
  alphaZ: number;
  basis: BasisKind;
  ridge: number;
}

/** Per-parameter mean and standard deviation (a zero std is stored as 1). */
export interface ParameterStats {
  mean: number[];
  std: number[];
}

/** Least-squares parameters θ = (g − y0, u) of every sample of `set`, row-major [n][2 + 2N]. */
export function fitDigitParameters(set: DigitSet, o: DigitFitOptions): Float64Array {
  checkDigitSet(set, o.steps + 1);
  const cfg = dmpConfig({ nBasis: o.nBasis, steps: o.steps, alphaZ: o.alphaZ, basis: o.basis });
  const fitter = createDmpFitter(cfg, { ridge: o.ridge });
  const q = 2 + 2 * o.nBasis;
  const per = set.points * 2;
  const out = new Float64Array(set.count * q);
  for (let s = 0; s < set.count; s++) {
    const traj = set.trajectories.subarray(s * per, (s + 1) * per);
    const f = fitter.fit(traj, 2);
    out[s * q] = f.goal[0] - traj[0];
    out[s * q + 1] = f.goal[1] - traj[1];
    out.set(f.scaledWeights, s * q + 2);
  }
  return out;
}

/** Per-parameter mean and standard deviation of rows θ [n][q] (two passes). */
export function parameterStats(theta: Float64Array, q: number): ParameterStats {
  const n = theta.length / q;
  const mean = new Array<number>(q).fill(0);
  const std = new Array<number>(q).fill(0);
  for (let s = 0; s < n; s++) for (let k = 0; k < q; k++) mean[k] += theta[s * q + k] / n;
  for (let s = 0; s < n; s++) for (let k = 0; k < q; k++) std[k] += (theta[s * q + k] - mean[k]) ** 2 / n;
  return { mean, std: std.map((v) => Math.sqrt(v) || 1) };
}
