/**
 * The plain Gaussian actor of PPO (k = 1) and PPO-multi (paper §4: k raw actions predicted at once
 * from one observation): an MLP s → μ ∈ R^{k·A}, reshaped to [k, A]. CleanRL's initialisation
 * (orthogonal, gain √2 hidden, 0.01 on the output, zero biases), log σ = 0 at the start.
 */
import { np, type Array } from "../../engine/jax.js";
import { ConfigError } from "../../errors.js";
import { splitKey, type Key } from "../../nn/init.js";
import { initMlp, mlp, type MlpParams } from "../../nn/mlp.js";
import type { Activation } from "../../nn/activations.js";
import type { ActorCritic, ActorCriticParams } from "./actor-critic.js";
import { criticValues, initCritic } from "./critic.js";

export interface MlpActorCriticOptions {
  obsSize: number;
  actionSize: number;
  robotSize: number;
  /** Actions per decision (1 = PPO). */
  k: number;
  /** Hidden widths of actor and critic (each its own network). */
  hidden: readonly number[];
  activation: Activation;
}

export function mlpActorCritic(o: MlpActorCriticOptions): ActorCritic<MlpParams> {
  if (!(Number.isInteger(o.k) && o.k >= 1)) throw new ConfigError(`k (actions per decision) must be an integer ≥ 1, got ${o.k}`);
  return {
    spec: { kind: "mlp", ...o },
    k: o.k,
    obsSize: o.obsSize,
    actionSize: o.actionSize,
    robotSize: o.robotSize,
    init(key: Key): ActorCriticParams<MlpParams> {
      const [ka, kc] = splitKey(key, 2);
      const actor = initMlp(ka, [o.obsSize, ...o.hidden, o.k * o.actionSize], {
        hidden: { weight: "orthogonal", gain: Math.SQRT2, bias: 0 },
        output: { weight: "orthogonal", gain: 0.01, bias: 0 },
      });
      return { actor, critic: initCritic(kc, o.obsSize, o.hidden, o.k), logStd: np.zeros([o.actionSize]) };
    },
    actorMeans(actor, obs, y0, dy0) {
      y0.dispose();
      dy0.dispose();
      const b = obs.shape[0];
      return mlp(actor, obs, o.activation).reshape([b, o.k, o.actionSize]);
    },
    criticValues: (critic, obs): Array => criticValues(critic, obs, o.activation),
    dispose() {},
  };
}
