/**
 * Dense (fully connected) layer: y = x W + b, with x [B, in], W [in, out], b [out] → y [B, out].
 * (W is stored input-major, i.e. PyTorch's `weight` transposed.)
 */
import { np, type Array } from "../engine/jax.js";
import { ConfigError, ShapeError } from "../errors.js";
import { splitKey, uniformFanIn, orthogonal, type Key } from "./init.js";
import { matmulPadded } from "./pad-width.js";


export interface DenseParams {
  /** W, [in, out]. */
  w: Array;
  /** b, [out]. */
  b: Array;
}

export interface DenseInit {
  /**
   * Weight initialiser: "pytorch" (default) = U(±1/√in); "orthogonal" = a (semi-)orthogonal
   * matrix times `gain` (RL heads use gain √2 for hidden layers, 0.01 for the policy output, 1 for
   * the value output).
   */
  weight?: "pytorch" | "orthogonal";
  /** Gain of the orthogonal initialiser (default 1). */
  gain?: number;
  /** Bias: "pytorch" (default) = U(±1/√in), or a constant, e.g. 0. */
  bias?: "pytorch" | number;
}

/** Seeded parameters of a dense layer `in → out`. Consumes `key`. */
export function initDense(key: Key, inputs: number, outputs: number, init: DenseInit = {}): DenseParams {
  if (!(Number.isInteger(inputs) && inputs > 0 && Number.isInteger(outputs) && outputs > 0)) {
    throw new ConfigError(`dense layer sizes must be positive integers, got ${inputs} → ${outputs}`);
  }
  const [kw, kb] = splitKey(key, 2);
  const w = init.weight === "orthogonal" ? orthogonal(kw, [inputs, outputs], init.gain ?? 1) : uniformFanIn(kw, [inputs, outputs], inputs);
  const bias = init.bias ?? "pytorch";
  let b: Array;
  if (bias === "pytorch") b = uniformFanIn(kb, [outputs], inputs);
  else {
    kb.dispose();
    b = np.full([outputs], bias);
  }
  return { w, b };
}

/**
 * y = x W + b. x [B, in] → [B, out]. The product runs with W padded to a multiple-of-4 width
 * (see `pad-width.ts`). Consumes `p` and `x`.
 */
export function dense(p: DenseParams, x: Array): Array {
  if (x.shape[x.ndim - 1] !== p.w.shape[0]) {
    throw new ShapeError(`dense: input width ${x.shape[x.ndim - 1]} does not match the weight's ${p.w.shape[0]} rows`);
  }
  return matmulPadded(x, p.w).add(p.b);
}
