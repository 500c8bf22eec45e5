/** Activation functions by name (for configurable networks). */
import { np, nn, type Array } from "../engine/jax.js";
import { ConfigError } from "../errors.js";

export const ACTIVATIONS = ["relu", "tanh", "identity"] as const;
export type Activation = (typeof ACTIVATIONS)[number];

/** relu(x) = max(x, 0); tanh(x); identity(x) = x. Elementwise, any shape. Consumes `x`. */
export function activate(name: Activation, x: Array): Array {
  switch (name) {
    case "relu":
      return nn.relu(x);
    case "tanh":
      return np.tanh(x);
    case "identity":
      return x;
    default:
      throw new ConfigError(`unknown activation ${JSON.stringify(name)}; use one of ${ACTIVATIONS.join(", ")}`);
  }
}
