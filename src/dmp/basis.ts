/**
 * Basis functions of the forcing term (paper Eq. 3 and §5.4).
 *
 * With centres c_i and widths h_i (see `basisCenters`) and the scaled squared distance
 *   q_i(x) = h_i (x − c_i)²,
 * the five activations ψ_i = ψ(q_i) are
 *   gaussian               ψ = exp(−q)                 (standard; paper Eq. 3)
 *   linear                 ψ = √q = √h_i |x − c_i|      (the linear radial map φ(r) = r)
 *   multiquadric           ψ = √(1 + q)
 *   inverse-quadric        ψ = 1 / (1 + q)
 *   inverse-multiquadric   ψ = 1 / √(1 + q)
 * The paper writes the last three as functions of (εr)²; with ε² = h_i that is exactly q.
 * Its "linear map ψ(x) = x" is read the same way, as the scaled distance r = √q. (The original
 * release computes q itself for "linear", which is a quadratic in x − c_i; we follow the paper.)
 *
 * The forcing term uses the normalised basis  φ_i(x) = ψ_i(x) x / Σ_j ψ_j(x).
 */
import type { BasisKind, DmpConfig } from "./config.js";

export interface BasisCenters {
  /** c_i, length N. */
  readonly c: Float64Array;
  /** h_i, length N. */
  readonly h: Float64Array;
}

/**
 * Centres and widths for i = 1..N:
 *   "release": c_i = exp(−aX (i−1)/(N−1)) (c_1 = 1 when N = 1), h_i = N^1.5 / c_i / aX
 *   "paper":   c_i = exp(−i aX / N),                             h_i = N / c_i
 */
export function basisCenters(cfg: Pick<DmpConfig, "nBasis" | "aX" | "centers">): BasisCenters {
  const n = cfg.nBasis;
  const c = new Float64Array(n);
  const h = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (cfg.centers === "paper") {
      c[i] = Math.exp((-(i + 1) * cfg.aX) / n);
      h[i] = n / c[i];
    } else {
      c[i] = n === 1 ? 1 : Math.exp((-cfg.aX * i) / (n - 1));
      h[i] = n ** 1.5 / c[i] / cfg.aX;
    }
  }
  return { c, h };
}

/** ψ(q) for one basis family (q = h (x − c)² ≥ 0). */
export function basisActivation(kind: BasisKind, q: number): number {
  switch (kind) {
    case "gaussian":
      return Math.exp(-q);
    case "linear":
      return Math.sqrt(q);
    case "multiquadric":
      return Math.sqrt(1 + q);
    case "inverse-quadric":
      return 1 / (1 + q);
    case "inverse-multiquadric":
      return 1 / Math.sqrt(1 + q);
  }
}

/**
 * The normalised basis at phase x:  φ_i(x) = ψ_i(x) x / Σ_j ψ_j(x), written into `out` (length N).
 * The gaussian is evaluated as exp(−q_i + q_min) / Σ exp(−q_j + q_min) — the same ratio, but it
 * cannot underflow to 0/0 far from every centre. If every ψ_j is 0 (only possible for "linear"
 * exactly at a single centre), φ = 0.
 */
export function normalisedBasis(kind: BasisKind, centers: BasisCenters, x: number, out = new Float64Array(centers.c.length)): Float64Array {
  const { c, h } = centers;
  const n = c.length;
  let shift = 0;
  if (kind === "gaussian") {
    shift = Infinity;
    for (let i = 0; i < n; i++) shift = Math.min(shift, h[i] * (x - c[i]) ** 2);
  }
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const q = h[i] * (x - c[i]) ** 2;
    const psi = kind === "gaussian" ? Math.exp(-(q - shift)) : basisActivation(kind, q);
    out[i] = psi;
    sum += psi;
  }
  const scale = sum > 0 ? x / sum : 0;
  for (let i = 0; i < n; i++) out[i] *= scale;
  return out;
}
