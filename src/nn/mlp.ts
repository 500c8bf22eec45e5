/**
 * Multi-layer perceptron: a stack of dense layers with an activation between them,
 *
 *   h₀ = x,  h_{l+1} = act(h_l W_l + b_l)  (l < L−1),  y = h_{L−1} W_{L−1} + b_{L−1}
 *
 * sizes = [in, hidden..., out]; x [B, in] → y [B, out]. The output layer is linear unless
 * `activateOutput` is set.
 */
import type { Array } from "../engine/jax.js";
import { ConfigError } from "../errors.js";
import { activate, type Activation } from "./activations.js";
import { dense, initDense, type DenseInit, type DenseParams } from "./dense.js";
import { splitKey, type Key } from "./init.js";

export type MlpParams = DenseParams[];

export interface MlpInit {
  /** Initialiser of the hidden layers (default PyTorch: U(±1/√in) for W and b). */
  hidden?: DenseInit;
  /** Initialiser of the output layer (default PyTorch). */
  output?: DenseInit;
}

/** Seeded parameters for sizes = [in, hidden..., out] (at least two sizes). Consumes `key`. */
export function initMlp(key: Key, sizes: readonly number[], init: MlpInit = {}): MlpParams {
  if (sizes.length < 2) throw new ConfigError(`an MLP needs at least an input and an output size, got [${sizes}]`);
  const keys = splitKey(key, sizes.length - 1);
  return keys.map((k, l) => initDense(k, sizes[l], sizes[l + 1], l === sizes.length - 2 ? init.output : init.hidden));
}

/** y = MLP(x) (see the file header). x [B, in] → [B, out]. Consumes `params` and `x`. */
export function mlp(params: MlpParams, x: Array, activation: Activation = "relu", activateOutput = false): Array {
  let h = x;
  params.forEach((p, l) => {
    h = dense(p, h);
    if (l < params.length - 1 || activateOutput) h = activate(activation, h);
  });
  return h;
}
