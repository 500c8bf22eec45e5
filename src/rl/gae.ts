/**
 * Generalised advantage estimation (Schulman et al. 2016), over a time-major roll-out of E envs:
 *
 *   δ_t = r_t + γ v'_t − v_t
 *   A_t = δ_t + γ λ (1 − end_t) A_{t+1}          (A_T = 0)
 *   R_t = A_t + v_t                              (the value target)
 *
 * where v_t is the critic's value of the state at step t and v'_t the value of its successor,
 * chosen by the caller: v_{t+1} inside an episode, V(final observation) when the episode was
 * truncated at step t (time limit or physics instability: the state still has a future, so we
 * bootstrap from it), 0 when it terminated, and the bootstrap value at the roll-out's last step.
 * end_t = 1 where an episode ended at step t (terminated or truncated) cuts the recursion, so no
 * advantage leaks across episodes. Arrays are [T × E], time-major (index t·E + e).
 */
import { ShapeError } from "../errors.js";

export interface GaeInputs {
  rewards: ArrayLike<number>;
  /** v_t. */
  values: ArrayLike<number>;
  /** v'_t, the successor's value (see the file header). */
  nextValues: ArrayLike<number>;
  /** 1 where an episode ended at step t. */
  ends: ArrayLike<number>;
  /** Number of envs E (the arrays hold T·E entries). */
  numEnvs: number;
  gamma: number;
  lambda: number;
}

/** Advantages A_t and value targets R_t = A_t + v_t, [T × E] each. */
export function gae(x: GaeInputs): { advantages: Float64Array; returns: Float64Array } {
  const n = x.rewards.length;
  const e = x.numEnvs;
  for (const [name, a] of [["values", x.values], ["nextValues", x.nextValues], ["ends", x.ends]] as const) {
    if (a.length !== n) throw new ShapeError(`gae: ${name} has ${a.length} entries, rewards ${n}`);
  }
  if (!(Number.isInteger(e) && e >= 1 && n % e === 0)) throw new ShapeError(`gae: ${n} entries are not T × ${e} envs`);
  const advantages = new Float64Array(n);
  const returns = new Float64Array(n);
  for (let env = 0; env < e; env++) {
    let next = 0;
    for (let i = n - e + env; i >= 0; i -= e) {
      const delta = x.rewards[i] + x.gamma * x.nextValues[i] - x.values[i];
      next = delta + (x.ends[i] ? 0 : x.gamma * x.lambda * next);
      advantages[i] = next;
      returns[i] = next + x.values[i];
    }
  }
  return { advantages, returns };
}
