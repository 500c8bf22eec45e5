/**
 * Seeded parameter initialisers. Everything starts from an integer seed: `keyFromSeed(seed)` gives
 * an engine PRNG key, `splitKey` derives independent keys for the layers, so the same seed always
 * gives the same parameters.
 *
 * Keys are engine arrays and, like every array, are consumed by the function they are passed to.
 */
import { np, random, toFloat64, type Array } from "../engine/jax.js";
import { ConfigError } from "../errors.js";

/** An engine PRNG key (uint32[2]). */
export type Key = Array;

/** The PRNG key for an integer seed. */
export function keyFromSeed(seed: number): Key {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new ConfigError(`seed must be a non-negative integer, got ${seed}`);
  return random.key(seed);
}

/** `n` independent keys derived from `key` (consumes `key`). */
export function splitKey(key: Key, n: number): Key[] {
  const keys = random.split(key, n);
  const out: Key[] = [];
  for (let i = 0; i < n; i++) out.push(keys.ref.slice(i));
  keys.dispose();
  return out;
}

/**
 * PyTorch's default initialiser for Linear and Conv weights and biases:
 *   x ~ U(−1/√fanIn, 1/√fanIn)
 * (this is `kaiming_uniform_(a=√5)` for the weight: bound = √(6 / ((1 + a²) fanIn)) = 1/√fanIn).
 * Consumes `key`.
 */
export function uniformFanIn(key: Key, shape: number[], fanIn: number): Array {
  const bound = 1 / Math.sqrt(fanIn);
  return random.uniform(key, shape, { minval: -bound, maxval: bound });
}

/**
 * Kaiming (He) uniform: x ~ U(−b, b) with b = gain · √(3 / fanIn) and gain = √(2 / (1 + a²))
 * (a = 0 for ReLU gives b = √(6 / fanIn)). Consumes `key`.
 */
export function kaimingUniform(key: Key, shape: number[], fanIn: number, a = 0): Array {
  const bound = Math.sqrt(2 / (1 + a * a)) * Math.sqrt(3 / fanIn);
  return random.uniform(key, shape, { minval: -bound, maxval: bound });
}

/**
 * A (semi-)orthogonal matrix of shape [rows, cols] scaled by `gain`, as PyTorch's `orthogonal_`:
 * draw A ~ N(0, 1) of the taller orientation, A = Q R (QR decomposition), take Q with the signs
 * fixed so that diag(R) > 0 (uniform on the orthogonal group), transpose back if rows < cols.
 * Then Qᵀ Q = I (rows ≥ cols) or Q Qᵀ = I (rows < cols). The QR is done on the host in float64
 * (modified Gram–Schmidt, applied twice for stability). Consumes `key`.
 */
export function orthogonal(key: Key, shape: [number, number], gain = 1): Array {
  const [rows, cols] = shape;
  if (!(rows > 0 && cols > 0)) throw new ConfigError(`orthogonal init needs a non-empty 2-D shape, got [${shape}]`);
  const n = Math.max(rows, cols);
  const k = Math.min(rows, cols);
  const a = random.normal(key, [n, k]);
  const q = orthonormalColumns(toFloat64(a), n, k);
  a.dispose();
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      const v = gain * q[i * k + j];
      if (rows >= cols) out[i * cols + j] = v;
      else out[j * cols + i] = v;
    }
  }
  return np.array(out, { shape: [rows, cols] });
}

/**
 * Orthonormalise the k columns of the row-major n×k matrix `a` (n ≥ k) in place-free fashion:
 * Q = columns of the QR factor with positive diag(R). Modified Gram–Schmidt, two passes.
 */
export function orthonormalColumns(a: Float64Array, n: number, k: number): Float64Array {
  const q = Float64Array.from(a);
  for (let j = 0; j < k; j++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let p = 0; p < j; p++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += q[i * k + p] * q[i * k + j];
        for (let i = 0; i < n; i++) q[i * k + j] -= dot * q[i * k + p];
      }
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += q[i * k + j] * q[i * k + j];
    norm = Math.sqrt(norm);
    if (!(norm > 1e-12)) throw new ConfigError("orthogonal init drew a rank-deficient matrix; use another seed");
    for (let i = 0; i < n; i++) q[i * k + j] /= norm;
  }
  return q;
}
