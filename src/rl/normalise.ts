/**
 * Observation and reward normalisation for PPO, as Gymnasium's NormalizeObservation /
 * NormalizeReward wrappers (and SB3's VecNormalize) do it, with statistics kept on the host and
 * saved in checkpoints:
 *
 *   observation:  ô = clip((o − μ_o) / √(σ²_o + ε), −c, c)          (μ_o, σ²_o over all observations seen)
 *   reward:       G_e ← γ G_e + r_e  (per env, G_e = 0 after an episode ends),
 *                 r̂ = clip(r / √(σ²_G + ε), −c, c)                  (σ²_G over all G seen; no centring)
 *
 * with ε = 1e-8. Scaling rewards by the spread of the discounted return keeps value targets near
 * unit size whatever the task's reward scale.
 */
import { RunningStats, type RunningStatsState } from "./running-stats.js";

const EPS = 1e-8;

export class ObservationNormaliser {
  readonly stats: RunningStats;

  constructor(
    readonly size: number,
    readonly clip = 10,
  ) {
    this.stats = new RunningStats(size);
  }

  /** Add `rows` observations (rows × size) to the statistics. */
  update(obs: ArrayLike<number>, rows?: number): void {
    this.stats.update(obs, rows);
  }

  /** ô for `rows` observations (rows × size) into a new Float32Array (the engine's dtype). */
  normalise(obs: ArrayLike<number>, rows = obs.length / this.size, out = new Float32Array(rows * this.size)): Float32Array {
    const { mean, variance } = this.stats;
    const d = this.size;
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < d; j++) {
        const v = (obs[r * d + j] - mean[j]) / Math.sqrt(variance[j] + EPS);
        out[r * d + j] = Math.max(-this.clip, Math.min(this.clip, v));
      }
    }
    return out;
  }

  state(): RunningStatsState {
    return this.stats.state();
  }

  load(s: RunningStatsState): void {
    this.stats.load(s);
  }
}

export class RewardScaler {
  readonly stats = new RunningStats(1);
  private readonly discounted: Float64Array;

  constructor(
    numEnvs: number,
    readonly gamma: number,
    readonly clip = 10,
  ) {
    this.discounted = new Float64Array(numEnvs);
  }

  /**
   * Scale one step's rewards of every env (in place into `out`); `ends[e]` = 1 where env e's
   * episode ended at this step (its discounted return restarts).
   */
  scale(rewards: ArrayLike<number>, ends: ArrayLike<number>, out: Float64Array): void {
    const n = this.discounted.length;
    for (let e = 0; e < n; e++) this.discounted[e] = this.gamma * this.discounted[e] + rewards[e];
    this.stats.update(this.discounted, n);
    const std = Math.sqrt(this.stats.variance[0] + EPS);
    for (let e = 0; e < n; e++) {
      out[e] = Math.max(-this.clip, Math.min(this.clip, rewards[e] / std));
      if (ends[e]) this.discounted[e] = 0;
    }
  }

  /** Forget the running returns (all episodes restart). */
  restart(): void {
    this.discounted.fill(0);
  }

  state(): RunningStatsState {
    return this.stats.state();
  }

  load(s: RunningStatsState): void {
    this.stats.load(s);
  }
}
