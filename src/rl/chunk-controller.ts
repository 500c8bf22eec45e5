/**
 * Bookkeeping for chunked control on a vector env (paper Algorithm 1): every env executes the k
 * actions of its current plan one per step and asks for a new plan when the chunk is used up or
 * its episode ended (an episode never continues a plan made in the previous one). In the usual
 * case — k divides the horizon and no episode is cut short — all envs replan together every k
 * steps; otherwise they drift apart and a planning step replans only the envs that need it.
 */
export class ChunkController {
  /** Sub-step of each env inside its current chunk (0 = needs a new plan). */
  readonly position: Int32Array;
  /** Plan means, E × k × A (rows of envs that replanned are overwritten by `plan`). */
  readonly means: Float32Array;
  /** Plan values, E × k. */
  readonly values: Float32Array;

  constructor(
    readonly numEnvs: number,
    readonly k: number,
    readonly actionSize: number,
  ) {
    this.position = new Int32Array(numEnvs);
    this.means = new Float32Array(numEnvs * k * actionSize);
    this.values = new Float32Array(numEnvs * k);
  }

  /** True when at least one env needs a new plan at this step. */
  needsPlan(): boolean {
    return this.position.some((p) => p === 0);
  }

  /**
   * Take the new plans of the envs at sub-step 0 from a forward pass over all envs (means
   * E × k × A, values E × k); returns the indices of those envs.
   */
  plan(means: ArrayLike<number>, values: ArrayLike<number>): number[] {
    const { k, actionSize: a } = this;
    const replanned: number[] = [];
    for (let e = 0; e < this.numEnvs; e++) {
      if (this.position[e] !== 0) continue;
      replanned.push(e);
      for (let i = e * k * a; i < (e + 1) * k * a; i++) this.means[i] = means[i];
      for (let i = e * k; i < (e + 1) * k; i++) this.values[i] = values[i];
    }
    return replanned;
  }

  /** The mean action of env e at its current sub-step (a view of length A). */
  meanAction(e: number): Float32Array {
    const a = this.actionSize;
    const start = (e * this.k + this.position[e]) * a;
    return this.means.subarray(start, start + a);
  }

  /** The critic's value V_j(s) of env e at its current sub-step j. */
  value(e: number): number {
    return this.values[e * this.k + this.position[e]];
  }

  /** After a step: advance every env's sub-step; envs whose episode ended (ends[e] = 1) replan next. */
  advance(ends: ArrayLike<number>): void {
    for (let e = 0; e < this.numEnvs; e++) this.position[e] = ends[e] ? 0 : (this.position[e] + 1) % this.k;
  }

  /** Every env replans at the next step (e.g. after a reset of all envs). */
  restart(): void {
    this.position.fill(0);
  }
}
