/**
 * The paper's fairness setting for chunked policies (§4): "the reward computation at the
 * intermediate k steps only use[s] stale environment/world state from the first one of the k
 * steps". As a wrapper on the reward stream: within each window of `every` steps of an episode
 * (aligned to its start) every step receives the reward of the window's first step,
 *
 *   r'_t = r_{t0},   t0 = every · ⌊t_ep / every⌋   (t_ep = step index inside the episode).
 *
 * every = 1 is the identity (the default: the world state is fresh at every step).
 */
import { assertInt } from "../errors.js";

export class RewardDelay {
  private readonly held: Float64Array;
  private readonly step: Int32Array;

  constructor(
    numEnvs: number,
    readonly every: number,
  ) {
    assertInt(every, "reward delay", 1, 1_000_000);
    this.held = new Float64Array(numEnvs);
    this.step = new Int32Array(numEnvs);
  }

  /** r' for one step of every env into `out`; `ends[e]` = 1 where env e's episode ended at this step. */
  apply(rewards: ArrayLike<number>, ends: ArrayLike<number>, out: Float64Array): void {
    for (let e = 0; e < this.held.length; e++) {
      if (this.step[e] % this.every === 0) this.held[e] = rewards[e];
      out[e] = this.held[e];
      this.step[e] = ends[e] ? 0 : this.step[e] + 1;
    }
  }

  /** All episodes restart. */
  restart(): void {
    this.step.fill(0);
  }
}
