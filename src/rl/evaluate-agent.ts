/**
 * Deterministic evaluation of a trained chunked policy: the mean action of every sub-step (no
 * exploration noise), the observation statistics frozen, on seeded episodes disjoint from the
 * training resets. Episodes run in rounds of one episode per env — round r resets the vector env
 * with deriveSeed(seed, r) — and the first `episodes` of them (in env order) are reported: the
 * success rule at the final step, the return, and the mean squared jerk of the executed actions
 * (third difference per step, the smoothness measure of the paper's Table 1).
 */
import { deriveSeed } from "../math/rng.js";
import type { VectorEnv } from "../envs/vector/vector-env.js";
import type { ActorCriticParams } from "../models/rl/actor-critic.js";
import type { ParamTree } from "../nn/params.js";
import type { Agent } from "./agent.js";
import { ChunkController } from "./chunk-controller.js";
import type { ObservationNormaliser } from "./normalise.js";

export interface AgentEvaluation {
  episodes: number;
  successRate: number;
  meanReturn: number;
  /** Mean over episodes of the mean squared third difference of the executed (clipped) actions. */
  actionJerk: number;
  /** Episodes cut short by physics instability. */
  unstable: number;
  successes: boolean[];
  returns: number[];
}

export function evaluateAgent<A extends ParamTree>(
  vec: VectorEnv,
  agent: Agent<A>,
  params: ActorCriticParams<A>,
  normaliser: ObservationNormaliser | undefined,
  options: { episodes: number; seed: number },
): AgentEvaluation {
  const E = vec.numEnvs;
  const A = vec.actionSpec.shape[0];
  const { low, high } = vec.actionSpec;
  const model = agent.model;
  const chunks = new ChunkController(E, model.k, A);
  const successes: boolean[] = [];
  const returns: number[] = [];
  let jerkSum = 0;
  let unstable = 0;
  const actions = new Float64Array(E * A);
  for (let round = 0; successes.length < options.episodes; round++) {
    let { obs, robotPosition, robotVelocity } = vec.reset(deriveSeed(options.seed, round));
    chunks.restart();
    const running = new Float64Array(E);
    const done = new Uint8Array(E);
    const history: Float64Array[] = Array.from({ length: E }, () => new Float64Array(vec.horizon * A));
    const length = new Int32Array(E);
    const roundResults: { success: boolean; ret: number; jerk: number; unstable: boolean }[] = new Array(E);
    while (done.some((d) => d === 0)) {
      if (chunks.needsPlan()) {
        const obsN = normaliser ? normaliser.normalise(obs, E) : Float32Array.from(obs);
        const d = agent.decide(params, obsN, robotPosition, robotVelocity, E);
        chunks.plan(d.means, d.values);
      }
      for (let e = 0; e < E; e++) {
        const mean = chunks.meanAction(e);
        for (let j = 0; j < A; j++) {
          const a = Math.min(high[j], Math.max(low[j], mean[j]));
          actions[e * A + j] = a;
          if (!done[e] && length[e] < vec.horizon) history[e][length[e] * A + j] = a;
        }
      }
      const r = vec.step(actions);
      const ends = new Uint8Array(E);
      for (let e = 0; e < E; e++) {
        ends[e] = r.terminated[e] | r.truncated[e];
        if (done[e]) continue;
        running[e] += r.rewards[e];
        length[e]++;
        if (ends[e]) {
          done[e] = 1;
          roundResults[e] = { success: r.success[e] === 1, ret: running[e], jerk: meanSquaredJerk(history[e], length[e], A), unstable: r.reasons[e] !== undefined };
        }
      }
      chunks.advance(ends);
      ({ obs, robotPosition, robotVelocity } = r);
    }
    for (const res of roundResults) {
      if (successes.length >= options.episodes) break;
      successes.push(res.success);
      returns.push(res.ret);
      jerkSum += res.jerk;
      if (res.unstable) unstable++;
    }
  }
  const n = successes.length;
  return {
    episodes: n,
    successRate: successes.filter(Boolean).length / n,
    meanReturn: returns.reduce((s, x) => s + x, 0) / n,
    actionJerk: jerkSum / n,
    unstable,
    successes,
    returns,
  };
}

/** Mean over t and entries of (a_{t+3} − 3a_{t+2} + 3a_{t+1} − a_t)² for T actions of size A (0 if T < 4). */
export function meanSquaredJerk(actions: ArrayLike<number>, steps: number, size: number): number {
  if (steps < 4) return 0;
  let s = 0;
  for (let t = 0; t + 3 < steps; t++) {
    for (let d = 0; d < size; d++) {
      const j = actions[(t + 3) * size + d] - 3 * actions[(t + 2) * size + d] + 3 * actions[(t + 1) * size + d] - actions[t * size + d];
      s += j * j;
    }
  }
  return s / ((steps - 3) * size);
}
