/**
 * Closed-form DMP responses as differentiable functions of αz (the learnable-α ablation, §5.4).
 *
 * With βz = αz / 4 and h = dt / τ, the Euler transition of (y, z),
 *   A = [[1, h], [−αβh, 1 − αh]],
 * has the double eigenvalue λ = 1 − αh/2 and (A − λI)² = 0, so
 *   Aⁿ = λⁿ I + n λⁿ⁻¹ (A − λI).
 * Reading off the entries gives, for the point at step t (forcing f_s enters z at step s):
 *   position  y_t = [λᵗ + t λᵗ⁻¹ αh/2] y0 + [τ t λᵗ⁻¹ h] ẏ0 + [1 − (λᵗ + t λᵗ⁻¹ αh/2)] g
 *                   + Σ_{s<t} h² (t−s) λ^{t−s−1} f_s
 *   velocity  ẏ_t = [−t λᵗ⁻¹ αβh / τ] y0 + [λᵗ − t λᵗ⁻¹ αh/2] ẏ0 + [t λᵗ⁻¹ αβh / τ] g
 *                   + Σ_{s≤t} (h/τ) (λ^{t−s} − (t−s) λ^{t−s−1} αh/2) f_s
 *   acceleration ÿ_t = (αβ (g − y_t) − α τ ẏ_t + f_{t+1}) / τ²
 * with f_s = (g − y0) φ(x_s)·w, so K = G Φ for the Toeplitz kernels G above.
 * These are exactly the Euler recursion (not its continuous limit). λ must stay positive, so αz is
 * clipped to (0, 1.98 / h]; beyond 2/h the explicit Euler scheme oscillates.
 */
import { np, fromFloat64, type Array, type DType } from "../engine/jax.js";
import { basisCenters, normalisedBasis } from "./basis.js";
import { stepSize, type DmpConfig } from "./config.js";
import { phaseSequence } from "./phase.js";
import type { OutputKind } from "./transfer.js";

export interface AlphaResponseConstants {
  readonly output: OutputKind;
  readonly h: number;
  readonly tau: number;
  /** t_p for each point, [P, 1]. */
  readonly t: Array;
  /** max(t_p − s, 0) for s = 1..m, [P, m]. */
  readonly lag: Array;
  /** 1 where s ≤ t_p, [P, m]. */
  readonly causal: Array;
  /** φ_i(x_s), s = 1..m, zero-padded to N4 columns, [m, N4]. */
  readonly phi: Array;
  /** φ_i(x_{t_p + 1}), [P, N4] (used for the acceleration). */
  readonly phiNext: Array;
}

export function alphaResponseConstants(cfg: DmpConfig, indices: Int32Array, output: OutputKind, nPad: number, dtype: DType): AlphaResponseConstants {
  const m = cfg.steps;
  const n = cfg.nBasis;
  const P = indices.length;
  const xs = phaseSequence(cfg);
  const centers = basisCenters(cfg);
  const phiRow = new Float64Array(n);
  const phi = new Float64Array(m * nPad);
  for (let s = 1; s <= m; s++) {
    normalisedBasis(cfg.basis, centers, xs[s], phiRow);
    phi.set(phiRow, (s - 1) * nPad);
  }
  const phiNext = new Float64Array(P * nPad);
  const t = new Float64Array(P);
  const lag = new Float64Array(P * m);
  const causal = new Float64Array(P * m);
  indices.forEach((tp, p) => {
    t[p] = tp;
    normalisedBasis(cfg.basis, centers, xs[tp + 1], phiRow);
    phiNext.set(phiRow, p * nPad);
    for (let s = 1; s <= m; s++) {
      lag[p * m + s - 1] = Math.max(tp - s, 0);
      causal[p * m + s - 1] = s <= tp ? 1 : 0;
    }
  });
  const arr = (v: Float64Array, shape: number[]) => fromFloat64(v, shape, dtype);
  return {
    output,
    h: stepSize(cfg) / cfg.tau,
    tau: cfg.tau,
    t: arr(t, [P, 1]),
    lag: arr(lag, [P, m]),
    causal: arr(causal, [P, m]),
    phi: arr(phi, [m, nPad]),
    phiNext: arr(phiNext, [P, nPad]),
  };
}

/** Responses as columns: A, B, C are [P, 1] and K is [P, N4] (absent without the forcing term). */
export interface ResponseColumns {
  a: Array;
  b: Array;
  c: Array;
  k?: Array;
}

/**
 * The responses of `k.output` at αz = `alphaZ` (a scalar array, consumed). Differentiable.
 * With `withForcing` false (the only-g setting) the Toeplitz kernels and K are not computed.
 */
export function alphaResponse(k: AlphaResponseConstants, alphaZ: Array, withForcing = true): ResponseColumns {
  const { h, tau } = k;
  const alpha = np.clip(alphaZ.reshape([]), 1e-6, 1.98 / h);
  const lambda = alpha.ref.mul(-h / 2).add(1); // λ = 1 − αh/2
  const logLambda = np.log(lambda.ref);
  const ah2 = alpha.ref.mul(h / 2); // αh/2
  const abh = alpha.ref.mul(alpha.ref).mul(h / 4); // αβh with β = α/4
  // λᵗ and t λᵗ⁻¹ for every point
  const powT1 = np.exp(k.t.ref.sub(1).mul(logLambda.ref)); // λᵗ⁻¹
  const powT = powT1.ref.mul(lambda.ref); // λᵗ
  const tPowT1 = k.t.ref.mul(powT1); // t λᵗ⁻¹
  // Toeplitz kernels over (p, s): λⁿ⁻¹ and λⁿ with n = lag (only for the forcing term)
  let lagPow: Array | undefined;
  let nLagPow1: Array | undefined;
  if (withForcing) {
    const lagPow1 = np.exp(k.lag.ref.sub(1).mul(logLambda)); // λⁿ⁻¹
    lagPow = lagPow1.ref.mul(lambda); // λⁿ
    nLagPow1 = k.lag.ref.mul(lagPow1); // n λⁿ⁻¹
  } else {
    logLambda.dispose();
    lambda.dispose();
  }

  const posA = () => powT.ref.add(tPowT1.ref.mul(ah2.ref));
  const posB = () => tPowT1.ref.mul(tau * h);
  const posG = () => nLagPow1!.ref.mul(h * h); // h² n λⁿ⁻¹ (0 where n = 0)
  const velA = () => tPowT1.ref.mul(abh.ref).mul(-1 / tau);
  const velB = () => powT.ref.sub(tPowT1.ref.mul(ah2.ref));
  const velG = () => lagPow!.ref.sub(nLagPow1!.ref.mul(ah2.ref)).mul(k.causal.ref).mul(h / tau);
  const kernel = (g: () => Array) => (withForcing ? np.matmul(g(), k.phi.ref) : undefined); // K = G Φ, [P, N4]

  let out: ResponseColumns;
  if (k.output === "position") {
    const a = posA();
    out = { a: a.ref, b: posB(), c: np.negative(a).add(1), k: kernel(posG) };
  } else if (k.output === "velocity") {
    const a = velA();
    out = { a: a.ref, b: velB(), c: np.negative(a), k: kernel(velG) };
  } else {
    // ÿ = (αβ (g − y) − α τ ẏ + f_next) / τ²  applied to each response
    const ab = abh.ref.mul(1 / h); // αβ
    const at = alpha.ref.mul(tau); // ατ
    const s = 1 / (tau * tau);
    const pa = posA();
    const va = velA();
    const comb = (pos: Array, vel: Array) => np.negative(pos.mul(ab.ref)).sub(vel.mul(at.ref)).mul(s);
    out = {
      a: comb(pa.ref, va.ref),
      b: comb(posB(), velB()),
      // C: αβ (1 − C_pos) − ατ C_vel with C_pos = 1 − A_pos, C_vel = −A_vel
      c: pa.mul(ab.ref).add(va.mul(at.ref)).mul(s),
      k: withForcing ? comb(kernel(posG)!, kernel(velG)!).add(k.phiNext.ref.mul(s)) : undefined,
    };
    ab.dispose();
    at.dispose();
  }
  for (const x of [alpha, ah2, abh, powT, tPowT1, lagPow, nLagPow1]) x?.dispose();
  return out;
}
