/**
 * Minibatch index plans on the host. Training uses full batches only (every batch has the same
 * shape, so the jit'd step compiles once); evaluation pads the last batch by repeating its first
 * index and reports how many entries are real.
 */
import { ConfigError } from "../errors.js";
import { shuffled, type Rng } from "../math/rng.js";

export { shuffled };

function checkBatchSize(batchSize: number): void {
  if (!(Number.isInteger(batchSize) && batchSize >= 1)) throw new ConfigError(`batch size must be an integer ≥ 1, got ${batchSize}`);
}

/**
 * One epoch of training batches: `indices` in the order of a shuffle by `rng`, cut into
 * ⌊n / batchSize⌋ full batches (the remainder, fewer than batchSize samples, is left out of this
 * epoch; a fresh shuffle next epoch includes them).
 */
export function trainingBatches(indices: ArrayLike<number>, batchSize: number, rng: Rng): Int32Array[] {
  checkBatchSize(batchSize);
  const order = shuffled(indices.length, rng);
  const batches: Int32Array[] = [];
  for (let s = 0; s + batchSize <= order.length; s += batchSize) {
    const b = new Int32Array(batchSize);
    for (let i = 0; i < batchSize; i++) b[i] = indices[order[s + i]];
    batches.push(b);
  }
  return batches;
}

/** All of `indices` in order, in batches of exactly `batchSize` (the last one padded); `valid` = real entries. */
export function evaluationBatches(indices: ArrayLike<number>, batchSize: number): { indices: Int32Array; valid: number }[] {
  checkBatchSize(batchSize);
  const out: { indices: Int32Array; valid: number }[] = [];
  for (let s = 0; s < indices.length; s += batchSize) {
    const valid = Math.min(batchSize, indices.length - s);
    const b = new Int32Array(batchSize);
    for (let i = 0; i < batchSize; i++) b[i] = indices[s + (i < valid ? i : 0)];
    out.push({ indices: b, valid });
  }
  return out;
}
