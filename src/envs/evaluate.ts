/**
 * Run a built-in policy (uniform random actions, or the task's scripted expert) for a number of
 * episodes on a vector env and report success rate, mean return and speed. An episode's success
 * is the task's success rule at its final step (as the NDP harness reads it).
 *
 * Determinism: `numEnvs = min(episodes, 8)` envs; env i is seeded with stream i of `seed` and has
 * its own policy instance (random: `new Rng(seed, 1000 + i)`); episodes are counted in order of
 * (finishing step, env index). So the numbers depend on (task, policy, episodes, seed) only — not
 * on the worker count.
 */
import { ConfigError } from "../errors.js";
import type { BoxSpec, Policy } from "./env.js";
import { getTask, resolveConfig } from "./registry.js";
import { Rng } from "../math/rng.js";
import { makeVectorEnv } from "./vector/make-vector-env.js";

export type BuiltinPolicy = "random" | "expert";

export interface EvaluateOptions {
  task: string;
  policy: BuiltinPolicy;
  episodes: number;
  seed: number;
  workers?: number;
  config?: Record<string, unknown>;
  /** Called after every finished episode with the count so far. */
  onEpisode?: (done: number) => void;
}

export interface EvaluateResult {
  task: string;
  policy: BuiltinPolicy;
  episodes: number;
  success_rate: number;
  mean_return: number;
  steps_per_second: number;
  /** Episodes cut short by physics instability. */
  unstable_episodes: number;
  returns: number[];
  successes: boolean[];
}

/** The most envs stepped together by {@link evaluatePolicy} (so at most this many threads help). */
export const MAX_ENVS = 8;

/** One policy instance per env for a built-in policy (random: uniform in the action box). */
export function builtinPolicies(task: string, policy: BuiltinPolicy, actionSpec: BoxSpec, count: number, seed: number, config: Record<string, unknown> = {}): Policy[] {
  const spec = getTask(task);
  const resolved = resolveConfig(spec, config);
  return Array.from({ length: count }, (_, i) => {
    if (policy === "expert") {
      if (spec.expert === undefined) throw new ConfigError(`task "${task}" has no scripted expert; use --policy random`);
      return spec.expert(resolved);
    }
    const rng = new Rng(seed, 1000 + i);
    const { low, high } = actionSpec;
    return { act: () => Float64Array.from(low, (lo, k) => rng.uniform(lo, high[k])) };
  });
}

export async function evaluatePolicy(options: EvaluateOptions): Promise<EvaluateResult> {
  const { task, policy, episodes, seed } = options;
  const numEnvs = Math.min(episodes, MAX_ENVS);
  const vec = await makeVectorEnv({ task, numEnvs, workers: options.workers ?? 0, config: options.config });
  try {
    const nAct = vec.actionSpec.shape[0];
    const nObs = vec.observationSpec.shape[0];
    const policies = builtinPolicies(task, policy, vec.actionSpec, numEnvs, seed, options.config);
    policies.forEach((p) => p.reset?.());
    const returns: number[] = [];
    const successes: boolean[] = [];
    const running = new Float64Array(numEnvs);
    let unstable = 0;
    let steps = 0;
    let obs = vec.reset(seed).obs;
    const actions = new Float64Array(numEnvs * nAct);
    const start = performance.now();
    while (returns.length < episodes) {
      for (let i = 0; i < numEnvs; i++) actions.set(policies[i].act(obs.subarray(i * nObs, (i + 1) * nObs)), i * nAct);
      const r = vec.step(actions);
      steps += numEnvs;
      for (let i = 0; i < numEnvs; i++) {
        running[i] += r.rewards[i];
        if (r.terminated[i] || r.truncated[i]) {
          if (returns.length < episodes) {
            returns.push(running[i]);
            successes.push(r.success[i] === 1);
            if (r.reasons[i] !== undefined) unstable++;
            options.onEpisode?.(returns.length);
          }
          running[i] = 0;
          policies[i].reset?.();
        }
      }
      obs = r.obs;
    }
    const seconds = (performance.now() - start) / 1000;
    return {
      task,
      policy,
      episodes,
      success_rate: successes.filter(Boolean).length / episodes,
      mean_return: returns.reduce((a, b) => a + b, 0) / episodes,
      steps_per_second: steps / seconds,
      unstable_episodes: unstable,
      returns,
      successes,
    };
  } finally {
    await vec.close();
  }
}
