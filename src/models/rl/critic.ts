/**
 * The multi-action critic (paper §3.4): an MLP from the normalised observation to k values, one
 * head per sub-step of a chunk (k = 1: the ordinary PPO critic). CleanRL's initialisation:
 * orthogonal weights with gain √2 on the hidden layers, 1 on the value heads, zero biases.
 */
import type { Array } from "../../engine/jax.js";
import type { Key } from "../../nn/init.js";
import { initMlp, mlp, type MlpParams } from "../../nn/mlp.js";
import type { Activation } from "../../nn/activations.js";

/** Critic parameters for obs size O, hidden widths and k heads. Consumes `key`. */
export function initCritic(key: Key, obsSize: number, hidden: readonly number[], k: number): MlpParams {
  return initMlp(key, [obsSize, ...hidden, k], {
    hidden: { weight: "orthogonal", gain: Math.SQRT2, bias: 0 },
    output: { weight: "orthogonal", gain: 1, bias: 0 },
  });
}

/** V [B, k] for obs [B, O]. Consumes both. */
export function criticValues(params: MlpParams, obs: Array, activation: Activation): Array {
  return mlp(params, obs, activation);
}
