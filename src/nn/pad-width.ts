/**
 * Matmul output widths: the engine's fast (SIMD-tiled) matmul needs the output's last axis to be a
 * multiple of 4. `[6400,500]·[500,50]` takes 232 ms but `·[500,52]` 15 ms (engine notes). Layers
 * therefore pad weight matrices with zero columns to a multiple of 4 and slice the result; zero
 * columns stay zero and the slice is exact, so this is invisible to callers.
 */
import { np, type Array } from "../engine/jax.js";

/** The smallest multiple of 4 that is ≥ n. */
export function roundUp4(n: number): number {
  return Math.ceil(n / 4) * 4;
}

/**
 * W [.., k, n] → [.., k, roundUp4(n)] with zero columns appended (materialised: a tiny copy, so the
 * matmul reads a contiguous operand). Returns W itself when n is already a multiple of 4.
 * Consumes `w`.
 */
export function padColumns(w: Array, to = roundUp4(w.shape[w.ndim - 1])): Array {
  const n = w.shape[w.ndim - 1];
  if (to === n) return w;
  const zeros = np.zeros([...w.shape.slice(0, -1), to - n], { dtype: w.dtype });
  return np.concatenate([w, zeros], w.ndim - 1);
}

/**
 * x·W for x [B, k], W [k, n], computed with W padded to a multiple-of-4 width and the padding
 * sliced off: result [B, n]. Consumes `x` and `w`.
 */
export function matmulPadded(x: Array, w: Array): Array {
  const n = w.shape[w.ndim - 1];
  const y = np.matmul(x, padColumns(w));
  return y.shape[y.ndim - 1] === n ? y : y.slice(...y.shape.slice(0, -1).map((): [] => []), [0, n]);
}
