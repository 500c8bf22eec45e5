/**
 * The vector field a DMP induces (paper Fig. 1): for fixed (w, g, y0) and phase x, the
 * acceleration at any state (y, ẏ),
 *   ÿ(y, ẏ; x) = (αz (βz (g − y) − τ ẏ) + f(x)) / τ²,   f(x) = (g − y0) φ(x)·w.
 * `phasePortrait` evaluates it for one dimension over a (y, ẏ) grid; `positionField` evaluates a
 * D = 2 DMP over a grid of positions (y₁, y₂) at a fixed velocity — the picture of Fig. 1.
 */
import { basisCenters, normalisedBasis } from "./basis.js";
import type { DmpConfig } from "./config.js";
import { checkParams } from "./params.js";
import { ConfigError, ShapeError } from "../errors.js";

export type Range = readonly [number, number];

export interface PhasePortrait {
  /** Grid positions y_i, length ny. */
  readonly y: Float64Array;
  /** Grid velocities ẏ_j, length nv. */
  readonly velocity: Float64Array;
  /** ÿ at (y_i, ẏ_j), row-major [nv][ny]. */
  readonly acceleration: Float64Array;
}

export interface PositionField {
  /** Grid coordinates of dimension 1 (length n1) and 2 (length n2). */
  readonly y1: Float64Array;
  readonly y2: Float64Array;
  /** (ÿ₁, ÿ₂) at (y1_i, y2_j), each row-major [n2][n1]. */
  readonly a1: Float64Array;
  readonly a2: Float64Array;
}

function grid([lo, hi]: Range, n: number, what: string): Float64Array {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(hi > lo)) throw new ConfigError(`${what} range must be finite with min < max, got [${lo}, ${hi}]`);
  if (!Number.isInteger(n) || n < 2) throw new ConfigError(`${what} resolution must be an integer >= 2, got ${n}`);
  return Float64Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
}

function checkPhase(x: number): void {
  if (!Number.isFinite(x) || x < 0 || x > 1) throw new ConfigError(`phase x must be in [0, 1], got ${x}`);
}

/** f(x) per dimension: (g − y0) φ(x)·w. */
function forcing(cfg: DmpConfig, p: ReturnType<typeof checkParams>, x: number): Float64Array {
  const n = cfg.nBasis;
  const phi = normalisedBasis(cfg.basis, basisCenters(cfg), x);
  return Float64Array.from({ length: p.dims }, (_, d) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += phi[i] * p.weights[d * n + i];
    return s * (p.goal[d] - p.y0[d]);
  });
}

/** ÿ = (αz (βz (g − y) − τ ẏ) + f) / τ² */
function acceleration(cfg: DmpConfig, g: number, y: number, v: number, f: number): number {
  return (cfg.alphaZ * (cfg.betaZ * (g - y) - cfg.tau * v) + f) / (cfg.tau * cfg.tau);
}

/** Phase portrait of a one-dimensional DMP (weights: N values) at phase x. */
export function phasePortrait(
  cfg: DmpConfig,
  params: { weights?: ArrayLike<number>; goal: number; y0: number },
  options: { phase: number; y: Range; velocity: Range; resolution?: number },
): PhasePortrait {
  checkPhase(options.phase);
  const p = checkParams(cfg, { y0: [params.y0], goal: [params.goal], weights: params.weights ? [params.weights] : undefined });
  const res = options.resolution ?? 21;
  const ys = grid(options.y, res, "y");
  const vs = grid(options.velocity, res, "velocity");
  const f = forcing(cfg, p, options.phase)[0];
  const acc = new Float64Array(res * res);
  for (let j = 0; j < res; j++) for (let i = 0; i < res; i++) acc[j * res + i] = acceleration(cfg, params.goal, ys[i], vs[j], f);
  return { y: ys, velocity: vs, acceleration: acc };
}

/** Acceleration field of a two-dimensional DMP over positions, at phase x and velocity ẏ. */
export function positionField(
  cfg: DmpConfig,
  params: { weights?: ArrayLike<ArrayLike<number>>; goal: ArrayLike<number>; y0: ArrayLike<number> },
  options: { phase: number; y1: Range; y2: Range; velocity?: readonly [number, number]; resolution?: number },
): PositionField {
  checkPhase(options.phase);
  const p = checkParams(cfg, params);
  if (p.dims !== 2) throw new ShapeError(`positionField needs a 2-dimensional DMP, got ${p.dims} dimensions`);
  const res = options.resolution ?? 21;
  const y1 = grid(options.y1, res, "y1");
  const y2 = grid(options.y2, res, "y2");
  const [v1, v2] = options.velocity ?? [0, 0];
  const f = forcing(cfg, p, options.phase);
  const a1 = new Float64Array(res * res);
  const a2 = new Float64Array(res * res);
  for (let j = 0; j < res; j++) {
    for (let i = 0; i < res; i++) {
      a1[j * res + i] = acceleration(cfg, p.goal[0], y1[i], v1, f[0]);
      a2[j * res + i] = acceleration(cfg, p.goal[1], y2[j], v2, f[1]);
    }
  }
  return { y1, y2, a1, a2 };
}
