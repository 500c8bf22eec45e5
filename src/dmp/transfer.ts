/**
 * The DMP is linear (design.md §2). For a fixed configuration the phase x_t and the normalised
 * basis φ(x_t) do not depend on the inputs, and the Euler update is a linear time-invariant
 * recursion in (y, z) driven by g and f_t = (g − y0) φ(x_t)·w. So every output is
 *
 *   out_t = A_t y0 + B_t ẏ0 + C_t g + (g − y0) Σ_i K[t, i] w_i
 *
 * for out ∈ {position, velocity, acceleration}. `transferPlan` computes the response vectors
 * A, B, C (length P = m + 1) and the matrix K (P × N) once per configuration by running the
 * reference recursion with unit inputs (so they agree with the loop to rounding), and caches them.
 */
import { basisCenters, normalisedBasis } from "./basis.js";
import { configKey, stepSize, type DmpConfig } from "./config.js";
import { assertFiniteRollout, checkParams, type DmpParams, type Rollout } from "./params.js";
import { ShapeError } from "../errors.js";

export const OUTPUT_KINDS = ["position", "velocity", "acceleration"] as const;
export type OutputKind = (typeof OUTPUT_KINDS)[number];

/** The response of one output kind at P points. */
export interface Response {
  /** A_t: response to y0, length P. */
  readonly y0: Float64Array;
  /** B_t: response to ẏ0, length P. */
  readonly dy0: Float64Array;
  /** C_t: response to g, length P. */
  readonly goal: Float64Array;
  /** K[t, i]: response to (g − y0) w_i, row-major P × N. */
  readonly forcing: Float64Array;
}

export interface TransferPlan {
  readonly cfg: DmpConfig;
  /** Number of points P. */
  readonly points: number;
  /** The roll-out step index of each point (0..m). */
  readonly indices: Int32Array;
  readonly position: Response;
  readonly velocity: Response;
  readonly acceleration: Response;
}

const cache = new Map<string, TransferPlan>();
const CACHE_LIMIT = 64;

/** The dense plan (all m + 1 points) of a configuration; cached. Cost O(N m) once. */
export function transferPlan(cfg: DmpConfig): TransferPlan {
  const key = configKey(cfg);
  const hit = cache.get(key);
  if (hit) return hit;
  const plan = computePlan(cfg);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, plan);
  return plan;
}

function computePlan(cfg: DmpConfig): TransferPlan {
  const n = cfg.nBasis;
  const m = cfg.steps;
  const P = m + 1;
  const dt = stepSize(cfg);
  const { alphaZ, betaZ, aX, tau } = cfg;
  const centers = basisCenters(cfg);
  const phi = new Float64Array(n);
  // Inputs j: 0 → y0, 1 → ẏ0, 2 → g, 3 + i → unit forcing through basis i.
  const J = 3 + n;
  const y = new Float64Array(J);
  const z = new Float64Array(J);
  y[0] = 1;
  z[1] = tau; // z0 = ẏ0 τ
  const pos = new Float64Array(P * J);
  const vel = new Float64Array(P * J);
  const acc = new Float64Array(P * J);
  for (let j = 0; j < J; j++) {
    pos[j] = y[j];
    vel[j] = z[j] / tau;
  }
  let x = 1;
  for (let t = 1; t <= m + 1; t++) {
    x = x + ((-aX * x) / tau) * dt;
    normalisedBasis(cfg.basis, centers, x, phi);
    for (let j = 0; j < J; j++) {
      const g = j === 2 ? 1 : 0;
      const f = j >= 3 ? phi[j - 3] : 0;
      const dz = (alphaZ * (betaZ * (g - y[j]) - z[j]) + f) / tau;
      acc[(t - 1) * J + j] = dz / tau;
      if (t > m) continue;
      y[j] = y[j] + (z[j] / tau) * dt;
      z[j] = z[j] + dz * dt;
      pos[t * J + j] = y[j];
      vel[t * J + j] = z[j] / tau;
    }
  }
  const indices = Int32Array.from({ length: P }, (_, t) => t);
  return { cfg, points: P, indices, position: split(pos, P, n), velocity: split(vel, P, n), acceleration: split(acc, P, n) };
}

function split(table: Float64Array, P: number, n: number): Response {
  const J = 3 + n;
  const r = { y0: new Float64Array(P), dy0: new Float64Array(P), goal: new Float64Array(P), forcing: new Float64Array(P * n) };
  for (let t = 0; t < P; t++) {
    r.y0[t] = table[t * J];
    r.dy0[t] = table[t * J + 1];
    r.goal[t] = table[t * J + 2];
    for (let i = 0; i < n; i++) r.forcing[t * n + i] = table[t * J + 3 + i];
  }
  return r;
}

/** Restrict a plan to a subset of its points (e.g. k sub-sampled actions). */
export function selectPoints(plan: TransferPlan, indices: ArrayLike<number>): TransferPlan {
  const n = plan.cfg.nBasis;
  const P = indices.length;
  const pick = (r: Response): Response => {
    const out = { y0: new Float64Array(P), dy0: new Float64Array(P), goal: new Float64Array(P), forcing: new Float64Array(P * n) };
    for (let k = 0; k < P; k++) {
      const t = indices[k];
      if (!Number.isInteger(t) || t < 0 || t >= plan.points) {
        throw new ShapeError(`point index ${t} is outside the roll-out (0..${plan.points - 1})`);
      }
      out.y0[k] = r.y0[t];
      out.dy0[k] = r.dy0[t];
      out.goal[k] = r.goal[t];
      out.forcing.set(r.forcing.subarray(t * n, (t + 1) * n), k * n);
    }
    return out;
  };
  const idx = Int32Array.from(indices, (t) => plan.indices[t]);
  return { cfg: plan.cfg, points: P, indices: idx, position: pick(plan.position), velocity: pick(plan.velocity), acceleration: pick(plan.acceleration) };
}

/**
 * Evaluate the closed form in plain float64 for D dimensions (a CPU fast path, e.g. one roll-out
 * per environment step in RL):  out_t = A_t y0 + B_t ẏ0 + C_t g + (g − y0) K[t]·w.
 */
export function planRollout(plan: TransferPlan, params: DmpParams): Rollout {
  const p = checkParams(plan.cfg, params);
  const { dims } = p;
  const n = plan.cfg.nBasis;
  const P = plan.points;
  const evalKind = (r: Response): Float64Array => {
    const out = new Float64Array(P * dims);
    for (let d = 0; d < dims; d++) {
      const y0 = p.y0[d];
      const dy0 = p.dy0[d];
      const g = p.goal[d];
      const w = p.weights.subarray(d * n, (d + 1) * n);
      const scale = g - y0;
      for (let t = 0; t < P; t++) {
        let kw = 0;
        const row = t * n;
        for (let i = 0; i < n; i++) kw += r.forcing[row + i] * w[i];
        out[t * dims + d] = r.y0[t] * y0 + r.dy0[t] * dy0 + r.goal[t] * g + scale * kw;
      }
    }
    return out;
  };
  return assertFiniteRollout({ points: P, dims, position: evalKind(plan.position), velocity: evalKind(plan.velocity), acceleration: evalKind(plan.acceleration) });
}
