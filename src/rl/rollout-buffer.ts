/**
 * Storage for one PPO roll-out of T steps on E envs with chunked actions (k per decision).
 *
 * Per step (time-major, index t·E + e): the executed action (before the env clips it), its
 * log-probability, the critic's value V_j(s) of that sub-step, the (scaled) reward, whether the
 * episode ended there and the value of the successor state when it did (V_0 of the final
 * observation after a truncation, 0 after a termination), and which chunk and sub-step it belongs
 * to. Per chunk: the decision's inputs — normalised observation, y0, ẏ0 — so the update can
 * recompute the policy exactly as it acted. `pack` lays everything out per chunk (C × k, with a
 * mask for sub-steps a chunk never reached) for minibatches of chunks.
 */
import { ShapeError } from "../errors.js";

/** A roll-out laid out per chunk, ready to upload (float32 for the engine). */
export interface ChunkBatch {
  /** Number of chunks C. */
  count: number;
  obs: Float32Array; // C × O (at the decision)
  stepObs: Float32Array; // C × k × O (at each sub-step; zeros where masked)
  y0: Float32Array; // C × R
  dy0: Float32Array; // C × R
  actions: Float32Array; // C × k × A
  logProbs: Float32Array; // C × k
  values: Float32Array; // C × k
  advantages: Float32Array; // C × k
  returns: Float32Array; // C × k
  mask: Float32Array; // C × k
}

export class RolloutBuffer {
  readonly actions: Float64Array;
  readonly logProbs: Float64Array;
  readonly values: Float64Array;
  readonly rewards: Float64Array;
  readonly ends: Uint8Array;
  /** Successor value where an episode ended at the step (0 if terminated). */
  readonly endValues: Float64Array;
  /** The normalised observation at every step, [T × E] × O. */
  readonly stepObs: Float32Array;
  private readonly chunkOf: Int32Array;
  private readonly subStep: Int32Array;
  private readonly chunkObs: Float32Array;
  private readonly chunkY0: Float32Array;
  private readonly chunkDy0: Float32Array;
  private chunks = 0;
  /** The chunk each env is executing. */
  private readonly current: Int32Array;

  constructor(
    readonly steps: number,
    readonly numEnvs: number,
    readonly k: number,
    readonly obsSize: number,
    readonly robotSize: number,
    readonly actionSize: number,
  ) {
    const n = steps * numEnvs;
    this.actions = new Float64Array(n * actionSize);
    this.logProbs = new Float64Array(n);
    this.values = new Float64Array(n);
    this.rewards = new Float64Array(n);
    this.ends = new Uint8Array(n);
    this.endValues = new Float64Array(n);
    this.stepObs = new Float32Array(n * obsSize);
    this.chunkOf = new Int32Array(n);
    this.subStep = new Int32Array(n);
    // at most one new chunk per env and step
    this.chunkObs = new Float32Array(n * obsSize);
    this.chunkY0 = new Float32Array(n * robotSize);
    this.chunkDy0 = new Float32Array(n * robotSize);
    this.current = new Int32Array(numEnvs).fill(-1);
  }

  /** Forget everything (start of a roll-out). */
  clear(): void {
    this.chunks = 0;
    this.current.fill(-1);
    this.ends.fill(0);
    this.endValues.fill(0);
  }

  /** Env e starts a chunk planned from row e of obs (E × O, normalised) and the robot state (E × R). */
  startChunk(e: number, obs: ArrayLike<number>, y0: ArrayLike<number>, dy0: ArrayLike<number>): void {
    const c = this.chunks++;
    const { obsSize: o, robotSize: r } = this;
    for (let i = 0; i < o; i++) this.chunkObs[c * o + i] = obs[e * o + i];
    for (let i = 0; i < r; i++) {
      this.chunkY0[c * r + i] = y0[e * r + i];
      this.chunkDy0[c * r + i] = dy0[e * r + i];
    }
    this.current[e] = c;
  }

  /** Record env e's step t at sub-step j of its current chunk; `obs` is row e of the step's normalised observations (E × O). */
  record(t: number, e: number, j: number, obs: ArrayLike<number>, action: ArrayLike<number>, logProb: number, value: number): void {
    const i = t * this.numEnvs + e;
    const o = this.obsSize;
    for (let d = 0; d < o; d++) this.stepObs[i * o + d] = obs[e * o + d];
    if (this.current[e] < 0) throw new ShapeError(`env ${e} stepped at t = ${t} without a plan`);
    this.chunkOf[i] = this.current[e];
    this.subStep[i] = j;
    for (let a = 0; a < this.actionSize; a++) this.actions[i * this.actionSize + a] = action[a];
    this.logProbs[i] = logProb;
    this.values[i] = value;
  }

  /**
   * v'_t for GAE (see gae.ts): the successor's value — endValues where an episode ended, the next
   * step's value inside the roll-out, and `bootstrap[e]` after the last step.
   */
  nextValues(bootstrap: ArrayLike<number>): Float64Array {
    const E = this.numEnvs;
    const n = this.steps * E;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (this.ends[i]) out[i] = this.endValues[i];
      else out[i] = i + E < n ? this.values[i + E] : bootstrap[i % E];
    }
    return out;
  }

  /** Sub-step index j of every step, [T × E]. */
  subSteps(): Int32Array {
    return this.subStep;
  }

  /** The roll-out per chunk, with GAE's advantages and returns per step ([T × E]). */
  pack(advantages: ArrayLike<number>, returns: ArrayLike<number>): ChunkBatch {
    const { k, obsSize: o, robotSize: r, actionSize: a } = this;
    const C = this.chunks;
    const batch: ChunkBatch = {
      count: C,
      obs: this.chunkObs.slice(0, C * o),
      y0: this.chunkY0.slice(0, C * r),
      dy0: this.chunkDy0.slice(0, C * r),
      stepObs: new Float32Array(C * k * o),
      actions: new Float32Array(C * k * a),
      logProbs: new Float32Array(C * k),
      values: new Float32Array(C * k),
      advantages: new Float32Array(C * k),
      returns: new Float32Array(C * k),
      mask: new Float32Array(C * k),
    };
    const n = this.steps * this.numEnvs;
    for (let i = 0; i < n; i++) {
      const slot = this.chunkOf[i] * k + this.subStep[i];
      for (let d = 0; d < a; d++) batch.actions[slot * a + d] = this.actions[i * a + d];
      batch.stepObs.set(this.stepObs.subarray(i * o, (i + 1) * o), slot * o);
      batch.logProbs[slot] = this.logProbs[i];
      batch.values[slot] = this.values[i];
      batch.advantages[slot] = advantages[i];
      batch.returns[slot] = returns[i];
      batch.mask[slot] = 1;
    }
    return batch;
  }
}
