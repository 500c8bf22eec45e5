/** Loss functions (scalar means over the batch). */
import { np, lax, type Array } from "../engine/jax.js";
import { ShapeError } from "../errors.js";

/**
 * Stable log-sum-exp over the last axis: lse(z) = m + log Σ_c exp(z_c − m), m = max_c z_c
 * (m is held constant for the gradient; the result is exact either way). z [B, C] → [B].
 * Consumes `z`.
 */
export function logSumExp(z: Array): Array {
  const m = lax.stopGradient(np.max(z.ref, -1, { keepdims: true }));
  const s = np.log(np.sum(np.exp(z.sub(m.ref)), -1));
  return s.add(m.reshape([-1]));
}

/**
 * Softmax cross-entropy with one-hot targets, mean over the batch:
 *   L = (1/B) Σ_b [ lse(z_b) − Σ_c y_bc z_bc ]
 * logits z [B, C], oneHot y [B, C] (rows sum to 1) → scalar. Consumes both.
 */
export function softmaxCrossEntropy(logits: Array, oneHot: Array): Array {
  if (logits.ndim !== 2 || oneHot.ndim !== 2 || logits.shape[0] !== oneHot.shape[0] || logits.shape[1] !== oneHot.shape[1]) {
    throw new ShapeError(`softmaxCrossEntropy: logits [${logits.shape}] and one-hot targets [${oneHot.shape}] must both be [B, C]`);
  }
  const picked = np.sum(logits.ref.mul(oneHot), -1);
  return np.mean(logSumExp(logits).sub(picked));
}

/** Mean squared error over all elements: L = mean((p − t)²). Same shapes; consumes both. */
export function meanSquaredError(prediction: Array, target: Array): Array {
  return np.mean(np.square(prediction.sub(target)));
}

/** One-hot rows on the host: labels (integers in 0..C−1) → Float32Array [n, C]. */
export function oneHot(labels: ArrayLike<number>, classes: number): Float32Array {
  const out = new Float32Array(labels.length * classes);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i];
    if (!(Number.isInteger(c) && c >= 0 && c < classes)) throw new ShapeError(`label ${c} at ${i} is not an integer in 0..${classes - 1}`);
    out[i * classes + c] = 1;
  }
  return out;
}
