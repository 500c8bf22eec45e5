/**
 * Least-squares DMP parameters for a demonstrated trajectory (the targets of the CNN-DMP baseline,
 * Pahič et al.). The roll-out is linear in g and in the scaled weights u = (g − y0) w:
 *   y_t = A_t y0 + B_t ẏ0 + C_t g + Σ_i K[t, i] u_i          (transfer.ts)
 * so per dimension we solve the ridge-regularised normal equations
 *   min_{g,u} Σ_t (y_t − ŷ_t)² + λ · Σ_i u_i²
 * for θ = (g, u) ∈ R^{N+1} by Cholesky. w = u / (g − y0) is returned too; it is ill-conditioned
 * when g ≈ y0 (closed shapes such as "0"), which is why `scaledWeights` is the better target.
 */
import { ShapeError, assertAllFinite } from "../errors.js";
import type { DmpConfig } from "./config.js";
import { transferPlan } from "./transfer.js";
import { cholesky, choleskySolve, solveLowerTranspose } from "../math/cholesky.js";

export interface DmpFit {
  /** g, length D. */
  readonly goal: Float64Array;
  /** u = (g − y0) w, row-major [D][N]. */
  readonly scaledWeights: Float64Array;
  /** w = u / (g − y0) with |g − y0| floored at 1e-6, row-major [D][N]. */
  readonly weights: Float64Array;
  /** Root-mean-square residual of the fit, per dimension. */
  readonly rmse: Float64Array;
}

/** A least-squares fitter for one configuration: the normal matrix is factorised once. */
export interface DmpFitter {
  /** Fit (g, w) to `trajectory`, row-major [m + 1][D]. y0 defaults to the first point, ẏ0 to 0. */
  fit(trajectory: ArrayLike<number>, dims: number, options?: { y0?: ArrayLike<number>; dy0?: ArrayLike<number> }): DmpFit;
}

/**
 * The design rows r_t = [C_t, K[t, :]] do not depend on the data, so M = Σ_t r_t r_tᵀ + λ·I_u
 * is factorised once (Cholesky) and every fit is two triangular solves. The ridge is relative:
 * λ = ridge · mean diagonal of the u-block of Σ_t r_t r_tᵀ (default 1e-10).
 */
export function createDmpFitter(cfg: DmpConfig, options: { ridge?: number } = {}): DmpFitter {
  const plan = transferPlan(cfg);
  const P = plan.points;
  const n = cfg.nBasis;
  const ridge = options.ridge ?? 1e-10;
  const { y0: A, dy0: B, goal: C, forcing: K } = plan.position;
  const q = n + 1;
  const rows = new Float64Array(P * q);
  for (let t = 0; t < P; t++) {
    rows[t * q] = C[t];
    for (let i = 0; i < n; i++) rows[t * q + i + 1] = K[t * n + i];
  }
  const M = new Float64Array(q * q);
  for (let t = 0; t < P; t++) {
    for (let a = 0; a < q; a++) for (let b = 0; b <= a; b++) M[a * q + b] += rows[t * q + a] * rows[t * q + b];
  }
  // ridge relative to the mean diagonal of the u-block, so it means the same for any scale of K
  let uTrace = 0;
  for (let a = 1; a < q; a++) uTrace += M[a * q + a];
  const lambda = (ridge * uTrace) / n;
  for (let a = 1; a < q; a++) M[a * q + a] += lambda;
  const L = cholesky(M, q);

  return {
    fit(trajectory, dims, o = {}) {
      if (trajectory.length !== P * dims) {
        throw new ShapeError(`trajectory has ${trajectory.length} values but ${P} points × ${dims} dimensions = ${P * dims} are needed (steps + 1 points)`);
      }
      assertAllFinite(trajectory, "trajectory");
      const goal = new Float64Array(dims);
      const scaled = new Float64Array(dims * n);
      const weights = new Float64Array(dims * n);
      const rmse = new Float64Array(dims);
      const rhs = new Float64Array(q);
      for (let d = 0; d < dims; d++) {
        const y0 = o.y0 ? o.y0[d] : trajectory[d];
        const dy0 = o.dy0 ? o.dy0[d] : 0;
        // target e_t = y_t − A_t y0 − B_t ẏ0; rhs = Σ_t r_t e_t
        rhs.fill(0);
        for (let t = 0; t < P; t++) {
          const e = trajectory[t * dims + d] - A[t] * y0 - B[t] * dy0;
          for (let a = 0; a < q; a++) rhs[a] += rows[t * q + a] * e;
        }
        const theta = choleskySolve(L, rhs, q);
        goal[d] = theta[0];
        const span = theta[0] - y0;
        const denom = Math.abs(span) < 1e-6 ? (span < 0 ? -1e-6 : 1e-6) : span;
        for (let i = 0; i < n; i++) {
          scaled[d * n + i] = theta[i + 1];
          weights[d * n + i] = theta[i + 1] / denom;
        }
        let ss = 0;
        for (let t = 0; t < P; t++) {
          let yhat = A[t] * y0 + B[t] * dy0;
          for (let a = 0; a < q; a++) yhat += rows[t * q + a] * theta[a];
          ss += (trajectory[t * dims + d] - yhat) ** 2;
        }
        rmse[d] = Math.sqrt(ss / P);
      }
      return { goal, scaledWeights: scaled, weights, rmse };
    },
  };
}

/**
 * A whitening of the forcing weights: with Kᵀ K + λ I = L Lᵀ (K the position forcing response,
 * P × N; λ relative as in `createDmpFitter`), the map z ↦ u = L⁻ᵀ z makes K u = (K L⁻ᵀ) z with
 * K L⁻ᵀ (nearly) orthonormal: each coordinate of z moves the trajectory by one unit of length in
 * its own direction. Returns L (lower) and L⁻ᵀ (upper), row-major N × N. The family of roll-outs is
 * unchanged — it is a reparametrisation that makes gradient descent through the DMP well
 * conditioned.
 */
export function forcingWhitener(cfg: DmpConfig, ridge = 1e-3): { lower: Float64Array; inverseTranspose: Float64Array } {
  const { forcing: K } = transferPlan(cfg).position;
  const n = cfg.nBasis;
  const P = K.length / n;
  const G = new Float64Array(n * n);
  for (let t = 0; t < P; t++) for (let a = 0; a < n; a++) for (let b = 0; b <= a; b++) G[a * n + b] += K[t * n + a] * K[t * n + b];
  let trace = 0;
  for (let a = 0; a < n; a++) trace += G[a * n + a];
  for (let a = 0; a < n; a++) G[a * n + a] += (ridge * trace) / n;
  const L = cholesky(G, n);
  // L⁻ᵀ: solve Lᵀ X = I column by column
  const inv = new Float64Array(n * n);
  const unit = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    unit.fill(0);
    unit[c] = 1;
    solveLowerTranspose(L, unit, n).forEach((v, i) => (inv[i * n + c] = v));
  }
  return { lower: L, inverseTranspose: inv };
}

/** Fit (g, w) to one trajectory (see `createDmpFitter`, which amortises the factorisation). */
export function fitDmp(
  cfg: DmpConfig,
  trajectory: ArrayLike<number>,
  dims: number,
  options: { y0?: ArrayLike<number>; dy0?: ArrayLike<number>; ridge?: number } = {},
): DmpFit {
  return createDmpFitter(cfg, { ridge: options.ridge }).fit(trajectory, dims, options);
}
