/**
 * The diagonal Gaussian policy distribution with a state-independent log standard deviation
 * (PPO's continuous-action policy), on the engine (for the loss) and on the host (for acting):
 *
 *   log N(a; μ, σ) = −½ Σ_d ((a_d − μ_d) / σ_d)² − Σ_d log σ_d − (D/2) log 2π
 *   H[N(μ, σ)]     = Σ_d (½ + ½ log 2π + log σ_d)
 *
 * with σ_d = exp(logStd_d); sums over the last axis (the D action entries).
 */
import { np, type Array } from "../engine/jax.js";

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * log N(a; μ, exp(logStd)) summed over the last axis. mean, action [..., D]; logStd [D] (broadcast).
 * Returns [...]. Consumes all three.
 */
export function gaussianLogProb(mean: Array, logStd: Array, action: Array): Array {
  const d = logStd.shape[0];
  const z = action.sub(mean).mul(np.exp(np.negative(logStd.ref)));
  return np.sum(np.square(z), -1).mul(-0.5).sub(np.sum(logStd)).sub(d * HALF_LOG_2PI);
}

/** H = Σ_d (½ + ½ log 2π + logStd_d), a scalar. Consumes `logStd`. */
export function gaussianEntropy(logStd: Array): Array {
  const d = logStd.shape[0];
  return np.sum(logStd).add(d * (0.5 + HALF_LOG_2PI));
}

/** The same log-density on the host: a, μ, logStd of length D (from `offset` in a and μ). */
export function gaussianLogProbHost(mean: ArrayLike<number>, logStd: ArrayLike<number>, action: ArrayLike<number>, offset = 0): number {
  let s = 0;
  for (let d = 0; d < logStd.length; d++) {
    const z = (action[offset + d] - mean[offset + d]) / Math.exp(logStd[d]);
    s += -0.5 * z * z - logStd[d] - HALF_LOG_2PI;
  }
  return s;
}
