/**
 * Acting with an actor-critic on the host side of a roll-out: one compiled forward pass per
 * decision over all envs, μ [E, k, A] and V [E, k] read back as Float32Arrays (one sync per call:
 * the engine is lazy, and unsynced calls pile up work). Also the per-sub-step Gaussian sample
 * a = μ + σ ε with ε from our seeded host generator, and its log-probability.
 */
import { jit, np, type Array } from "../engine/jax.js";
import { gaussianLogProbHost } from "../nn/gaussian.js";
import { refTree, type ParamTree } from "../nn/params.js";
import type { Rng } from "../math/rng.js";
import type { ActorCritic, ActorCriticParams } from "../models/rl/actor-critic.js";

export interface Decision {
  /** μ, E × k × A. */
  means: Float32Array;
  /** V, E × k. */
  values: Float32Array;
}

export class Agent<A extends ParamTree = ParamTree> {
  private readonly forward: (actor: A, critic: ParamTree, obs: Array, y0: Array, dy0: Array) => Array[];
  private readonly critic: (critic: ParamTree, obs: Array) => Array;

  constructor(readonly model: ActorCritic<A>) {
    this.forward = jit((actor: A, critic: ParamTree, obs: Array, y0: Array, dy0: Array) => {
      const values = model.criticValues(critic as never, obs.ref);
      return [model.actorMeans(actor, obs, y0, dy0), values];
    }) as never;
    this.critic = jit((critic: ParamTree, obs: Array) => model.criticValues(critic as never, obs)) as never;
  }

  /** All k values V_0..V_{k−1} of `rows` observations (rows × O, normalised) → rows × k. Does not consume `params`. */
  values(params: ActorCriticParams<A>, obs: Float32Array, rows: number): Float32Array {
    return this.critic(refTree(params.critic), np.array(obs.subarray(0, rows * this.model.obsSize), { shape: [rows, this.model.obsSize] })).dataSync() as Float32Array;
  }

  /**
   * One forward pass for `rows` envs: obs (rows × O, normalised), y0 and ẏ0 (rows × R). Does not
   * consume `params`.
   */
  decide(params: ActorCriticParams<A>, obs: Float32Array, y0: ArrayLike<number>, dy0: ArrayLike<number>, rows: number): Decision {
    const { obsSize: o, robotSize: r } = this.model;
    const upload = (x: ArrayLike<number>, w: number) => np.array(x instanceof Float32Array ? x : Float32Array.from(x), { shape: [rows, w] });
    const [means, values] = this.forward(refTree(params.actor), refTree(params.critic), upload(obs, o), upload(y0, r), upload(dy0, r));
    return { means: means.dataSync() as Float32Array, values: values.dataSync() as Float32Array };
  }

  dispose(): void {
    (this.forward as unknown as { dispose(): void }).dispose();
    (this.critic as unknown as { dispose(): void }).dispose();
    this.model.dispose();
  }
}

/** σ = exp(logStd) read to the host. */
export function hostLogStd(params: ActorCriticParams): Float64Array {
  return Float64Array.from(params.logStd.ref.dataSync() as Float32Array);
}

/**
 * a = μ + σ ε (ε ~ N(0, I) from `rng`) into `out`; returns log N(a; μ, σ). The raw sample is kept
 * for the log-probability; the env clips what it executes.
 */
export function sampleAction(mean: ArrayLike<number>, logStd: Float64Array, rng: Rng, out: Float64Array): number {
  for (let d = 0; d < logStd.length; d++) out[d] = mean[d] + Math.exp(logStd[d]) * rng.normal();
  return gaussianLogProbHost(mean, logStd, out);
}
