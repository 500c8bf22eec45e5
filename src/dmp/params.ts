/**
 * Plain-number DMP parameters for D independent dimensions, and their validation.
 */
import { ShapeError, assertAllFinite } from "../errors.js";
import type { DmpConfig } from "./config.js";

export interface DmpParams {
  /** Start positions y0, length D. */
  readonly y0: ArrayLike<number>;
  /** Start velocities ẏ0, length D (default 0). */
  readonly dy0?: ArrayLike<number>;
  /** Goals g, length D. */
  readonly goal: ArrayLike<number>;
  /** Basis weights w, D rows of N (omit for the "only-g" setting, w = 0). */
  readonly weights?: ArrayLike<ArrayLike<number>>;
}

/** A roll-out of D dimensions over P points, each array row-major [P][D]. */
export interface Rollout {
  readonly points: number;
  readonly dims: number;
  readonly position: Float64Array;
  readonly velocity: Float64Array;
  readonly acceleration: Float64Array;
}

/** Normalised parameters: every field present as Float64Array (weights row-major [D][N]). */
export interface CheckedParams {
  readonly dims: number;
  readonly y0: Float64Array;
  readonly dy0: Float64Array;
  readonly goal: Float64Array;
  readonly weights: Float64Array;
}

/** Real arrays and typed arrays only: an object that merely has a `length` is not accepted. */
function isArrayLike(v: unknown): v is ArrayLike<unknown> {
  return Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
}

function vector(v: unknown, name: string, dims: number | undefined): Float64Array {
  if (!isArrayLike(v)) throw new ShapeError(`${name} must be an array of numbers`);
  if (dims !== undefined && v.length !== dims) {
    throw new ShapeError(`${name} has length ${v.length} but y0 has ${dims} dimensions; give one value per dimension`);
  }
  const out = Float64Array.from(v as ArrayLike<number>, Number);
  for (let i = 0; i < v.length; i++) {
    if (typeof v[i] !== "number") throw new ShapeError(`${name}[${i}] must be a number, got ${typeof v[i]}`);
  }
  assertAllFinite(out, name);
  return out;
}

/**
 * Throw a ShapeError if a roll-out left the finite numbers (huge y0, goal or weights overflow
 * float64): a trajectory of Infinity/NaN is an error, never an output.
 */
export function assertFiniteRollout(r: Rollout): Rollout {
  for (const [name, values] of [["position", r.position], ["velocity", r.velocity], ["acceleration", r.acceleration]] as const) {
    for (let k = 0; k < values.length; k++) {
      if (!Number.isFinite(values[k])) {
        throw new ShapeError(`the roll-out overflows: its ${name} is ${values[k]} at point ${Math.floor(k / r.dims)} of dimension ${k % r.dims}; use smaller y0, goal, dy0 and weights`);
      }
    }
  }
  return r;
}

/** Validate shapes and finiteness against `cfg`; throws ShapeError with a one-line message. */
export function checkParams(cfg: DmpConfig, p: DmpParams): CheckedParams {
  if (p == null || typeof p !== "object") throw new ShapeError("DMP parameters must be an object with y0, goal and weights");
  const y0 = vector(p.y0, "y0", undefined);
  const dims = y0.length;
  if (dims < 1) throw new ShapeError("y0 is empty; give at least one dimension");
  const goal = vector(p.goal, "goal", dims);
  const dy0 = p.dy0 === undefined ? new Float64Array(dims) : vector(p.dy0, "dy0", dims);
  const n = cfg.nBasis;
  const weights = new Float64Array(dims * n);
  if (p.weights !== undefined) {
    if (!isArrayLike(p.weights) || p.weights.length !== dims) {
      throw new ShapeError(`weights must have one row per dimension (${dims} rows of ${n}), got ${isArrayLike(p.weights) ? p.weights.length : typeof p.weights} rows`);
    }
    for (let d = 0; d < dims; d++) {
      const row = p.weights[d];
      if (!isArrayLike(row) || row.length !== n) {
        throw new ShapeError(`weights[${d}] must have n_basis = ${n} entries, got ${isArrayLike(row) ? row.length : typeof row}`);
      }
      weights.set(vector(row, `weights[${d}]`, undefined), d * n);
    }
  }
  return { dims, y0, dy0, goal, weights };
}
