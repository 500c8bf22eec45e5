/**
 * Plain-JS references for the layer tests (direct loops, float64) and small numeric helpers.
 * Independent of the engine: nothing here calls it except `f64`/`host` for conversion.
 */
import { np, toFloat64, type Array } from "../../src/engine/jax.js";
import { Rng } from "../../src/math/rng.js";

/** Deterministic N(0,1) samples. */
export function randn(n: number, seed: number): Float64Array {
  const rng = new Rng(seed, 7);
  return Float64Array.from({ length: n }, () => rng.normal());
}

/** A float64 engine array. */
export function f64(data: ArrayLike<number>, shape: number[]): Array {
  return np.array(Float64Array.from(data), { shape, dtype: np.float64 });
}

/** A float32 engine array. */
export function f32(data: ArrayLike<number>, shape: number[]): Array {
  return np.array(Float32Array.from(data), { shape });
}

/** Host copy (does not consume). */
export const host = (a: Array): Float64Array => toFloat64(a);

/** y = x W + b for x [B, I], W [I, O], b [O]. */
export function denseDirect(x: ArrayLike<number>, batch: number, w: ArrayLike<number>, inputs: number, outputs: number, b: ArrayLike<number>): Float64Array {
  const y = new Float64Array(batch * outputs);
  for (let n = 0; n < batch; n++) for (let o = 0; o < outputs; o++) {
    let s = b[o];
    for (let i = 0; i < inputs; i++) s += x[n * inputs + i] * w[i * outputs + o];
    y[n * outputs + o] = s;
  }
  return y;
}

/** VALID stride-1 NHWC cross-correlation: x [B,H,W,C], w [kh,kw,C,O], b [O] (or null). */
export function conv2dDirect(x: ArrayLike<number>, [B, H, W, C]: number[], w: ArrayLike<number>, [kh, kw, , O]: number[], b: ArrayLike<number> | null): Float64Array {
  const ho = H - kh + 1;
  const wo = W - kw + 1;
  const y = new Float64Array(B * ho * wo * O);
  for (let n = 0; n < B; n++) for (let i = 0; i < ho; i++) for (let j = 0; j < wo; j++) for (let o = 0; o < O; o++) {
    let s = b ? b[o] : 0;
    for (let di = 0; di < kh; di++) for (let dj = 0; dj < kw; dj++) for (let c = 0; c < C; c++) {
      s += x[((n * H + i + di) * W + j + dj) * C + c] * w[((di * kw + dj) * C + c) * O + o];
    }
    y[((n * ho + i) * wo + j) * O + o] = s;
  }
  return y;
}

/** 2×2 stride-2 max pool of x [B,H,W,C]. */
export function maxPoolDirect(x: ArrayLike<number>, [B, H, W, C]: number[]): Float64Array {
  const y = new Float64Array(B * (H / 2) * (W / 2) * C);
  for (let n = 0; n < B; n++) for (let i = 0; i < H / 2; i++) for (let j = 0; j < W / 2; j++) for (let c = 0; c < C; c++) {
    let m = -Infinity;
    for (let a = 0; a < 2; a++) for (let e = 0; e < 2; e++) m = Math.max(m, x[((n * H + 2 * i + a) * W + 2 * j + e) * C + c]);
    y[((n * (H / 2) + i) * (W / 2) + j) * C + c] = m;
  }
  return y;
}

/** Central differences of a scalar function at x: (f(x + h eᵢ) − f(x − h eᵢ)) / 2h. */
export function numericGrad(f: (x: Float64Array) => number, x: Float64Array, h = 1e-5): Float64Array {
  const g = new Float64Array(x.length);
  const xp = Float64Array.from(x);
  for (let i = 0; i < x.length; i++) {
    xp[i] = x[i] + h;
    const fp = f(xp);
    xp[i] = x[i] - h;
    const fm = f(xp);
    xp[i] = x[i];
    g[i] = (fp - fm) / (2 * h);
  }
  return g;
}

/** max |a − b| / (1 + max |b|): a scale-aware error. */
export function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let d = 0;
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    d = Math.max(d, Math.abs(a[i] - b[i]));
    s = Math.max(s, Math.abs(b[i]));
  }
  return d / (1 + s);
}
