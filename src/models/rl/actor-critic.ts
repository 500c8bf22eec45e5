/**
 * Actor-critics for chunked control (paper §3.4): every decision maps an observation s (and the
 * robot state y0, ẏ0 it starts from) to the means of the next k actions, μ(s) ∈ R^{k×A}, and the
 * critic to k values V_0(s) … V_{k−1}(s), one per sub-step of the chunk (the paper's
 * multi-action critic; V_j(s) is the value of being at sub-step j of a chunk planned at s). Plain
 * PPO is the case k = 1. Exploration is a state-independent diagonal Gaussian around each
 * sub-step's mean (see nn/gaussian.ts and rl/ppo.ts).
 *
 * Parameters are one tree { actor, critic, logStd }. `actorMeans` and `criticValues` each consume
 * their own part, so a loss can use both (and logStd) exactly once.
 */
import type { Array } from "../../engine/jax.js";
import type { MlpParams } from "../../nn/mlp.js";
import type { ParamTree } from "../../nn/params.js";
import type { Key } from "../../nn/init.js";

export interface ActorCriticParams<A extends ParamTree = ParamTree> {
  actor: A;
  critic: MlpParams;
  /** log σ, [A]. */
  logStd: Array;
}

/** The JSON description a model is rebuilt from (saved with checkpoints). */
export interface ActorCriticSpec {
  kind: "mlp" | "ndp";
  [key: string]: unknown;
}

export interface ActorCritic<A extends ParamTree = ParamTree> {
  readonly spec: ActorCriticSpec;
  /** Sub-steps per decision. */
  readonly k: number;
  readonly obsSize: number;
  readonly actionSize: number;
  /** Length of y0 / ẏ0 (the robot state). */
  readonly robotSize: number;
  /** Seeded parameters (consumes `key`). */
  init(key: Key): ActorCriticParams<A>;
  /**
   * μ, [B, k, A]: the means of the next k actions. obs [B, O] (normalised), y0 and ẏ0 [B, R]
   * (the robot state in its own units: metres, radians, per second). Consumes all arguments.
   */
  actorMeans(actor: A, obs: Array, y0: Array, dy0: Array): Array;
  /** V, [B, k]. Consumes both arguments. */
  criticValues(critic: MlpParams, obs: Array): Array;
  /** Free engine constants (e.g. the DMP layer's). */
  dispose(): void;
}
