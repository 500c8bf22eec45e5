/**
 * Cholesky factorisation and triangular solves for small symmetric positive-definite systems
 * (row-major n × n, plain float64): least-squares normal equations and whitening.
 */

/**
 * Cholesky factor L (lower, row-major) of a symmetric positive-definite n × n matrix M (lower
 * triangle used): M = L Lᵀ, with a tiny diagonal jitter if a pivot is not positive.
 */
export function cholesky(M: Float64Array, n: number): Float64Array {
  const L = new Float64Array(n * n);
  let trace = 0;
  for (let i = 0; i < n; i++) trace += M[i * n + i];
  const jitter = 1e-14 * (trace / n || 1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = M[i * n + j];
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      if (i === j) L[i * n + i] = Math.sqrt(Math.max(s, jitter));
      else L[i * n + j] = s / L[j * n + j];
    }
  }
  return L;
}

/** Solve L z = r (forward substitution). */
export function solveLower(L: Float64Array, r: ArrayLike<number>, n: number): Float64Array {
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = r[i];
    for (let k = 0; k < i; k++) s -= L[i * n + k] * z[k];
    z[i] = s / L[i * n + i];
  }
  return z;
}

/** Solve Lᵀ x = z (back substitution). */
export function solveLowerTranspose(L: Float64Array, z: ArrayLike<number>, n: number): Float64Array {
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < n; k++) s -= L[k * n + i] * x[k];
    x[i] = s / L[i * n + i];
  }
  return x;
}

/** Solve L Lᵀ θ = r. */
export function choleskySolve(L: Float64Array, r: ArrayLike<number>, n: number): Float64Array {
  return solveLowerTranspose(L, solveLower(L, r, n), n);
}
