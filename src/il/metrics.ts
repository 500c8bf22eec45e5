/**
 * Imitation metrics for trajectories laid out [n][P][D] (row-major), in dataset units (pixels for
 * digit writing).
 *
 * Table 2 metric (paper §5.1): the mean over samples of the mean over time steps and dimensions of
 * the squared error,
 *   MSE = (1/n) Σ_s (1/(P·D)) Σ_{t,d} (ŷ_{s,t,d} − y_{s,t,d})².
 * Smoothness (paper Fig. 4): mean squared jerk, the third difference per time step,
 *   J = (1/n) Σ_s (1/((P−3)·D)) Σ_{t,d} (y_{t+3} − 3 y_{t+2} + 3 y_{t+1} − y_t)²   [px² per step⁶].
 */
import { ShapeError } from "../errors.js";

function checkLayout(values: ArrayLike<number>, points: number, dims: number, what: string): number {
  const per = points * dims;
  if (per <= 0 || values.length % per !== 0) {
    throw new ShapeError(`${what} has ${values.length} values, not a whole number of ${points} × ${dims} trajectories`);
  }
  return values.length / per;
}

/** Per-sample mean squared error (length n). */
export function perSampleMse(pred: ArrayLike<number>, target: ArrayLike<number>, points: number, dims: number): Float64Array {
  const n = checkLayout(target, points, dims, "target");
  if (pred.length !== target.length) throw new ShapeError(`prediction has ${pred.length} values but the target has ${target.length}`);
  const per = points * dims;
  const out = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    let acc = 0;
    for (let k = s * per; k < (s + 1) * per; k++) acc += (pred[k] - target[k]) ** 2;
    out[s] = acc / per;
  }
  return out;
}

/** The Table 2 metric: mean over samples of the per-sample MSE. */
export function trajectoryMse(pred: ArrayLike<number>, target: ArrayLike<number>, points: number, dims: number): number {
  return mean(perSampleMse(pred, target, points, dims));
}

/** Per-sample mean squared jerk (third difference per time step), length n. */
export function perSampleJerk(traj: ArrayLike<number>, points: number, dims: number): Float64Array {
  const n = checkLayout(traj, points, dims, "trajectory");
  if (points < 4) throw new ShapeError(`jerk needs at least 4 points per trajectory, got ${points}`);
  const out = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    const base = s * points * dims;
    let acc = 0;
    for (let t = 0; t + 3 < points; t++) {
      for (let d = 0; d < dims; d++) {
        const y = (k: number) => traj[base + (t + k) * dims + d];
        acc += (y(3) - 3 * y(2) + 3 * y(1) - y(0)) ** 2;
      }
    }
    out[s] = acc / ((points - 3) * dims);
  }
  return out;
}

/** Mean squared jerk over samples. */
export function meanSquaredJerk(traj: ArrayLike<number>, points: number, dims: number): number {
  return mean(perSampleJerk(traj, points, dims));
}

export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return values.length ? s / values.length : Number.NaN;
}

/** Population standard deviation (the "±" of paper Table 2). */
export function std(values: ArrayLike<number>): number {
  const m = mean(values);
  let s = 0;
  for (let i = 0; i < values.length; i++) s += (values[i] - m) ** 2;
  return values.length ? Math.sqrt(s / values.length) : Number.NaN;
}
