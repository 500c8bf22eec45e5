/**
 * Global gradient-norm clipping (PyTorch's `clip_grad_norm_`):
 *
 *   ‖g‖ = √(Σ_leaves Σ_i g_i²),   g ← g · min(1, maxNorm / (‖g‖ + 1e-6))
 *
 * Jit-friendly: no data-dependent branch (the `min` does the "only if larger" part).
 */
import { np, type Array } from "../engine/jax.js";
import { mapLeaves, treeLeaves, type ParamTree } from "./params.js";

/** ‖g‖ over all leaves, a scalar array. Does not consume `grads`. */
export function globalNorm(grads: ParamTree): Array {
  let total: Array | null = null;
  for (const { array } of treeLeaves(grads)) {
    const s = np.sum(np.square(array.ref));
    total = total === null ? s : total.add(s);
  }
  return np.sqrt(total ?? np.zeros([]));
}

/**
 * Clip `grads` to global norm ≤ maxNorm. Returns [clipped grads, the norm before clipping].
 * Consumes `grads`.
 */
export function clipByGlobalNorm<T extends ParamTree>(grads: T, maxNorm: number): [T, Array] {
  const norm = globalNorm(grads);
  const scale = np.minimum(np.divide(maxNorm, norm.ref.add(1e-6)), 1);
  const clipped = mapLeaves(grads, (g) => g.mul(scale.ref)) as T;
  scale.dispose();
  return [clipped, norm];
}
