/**
 * The three learners of the paper's Fig. 5 that share one PPO loop (rl/ppo.ts), as actor-critics:
 *
 * | algo | actor | k | critic |
 * |---|---|---|---|
 * | `ppo` | MLP s → μ (one action per decision) | 1 | one value |
 * | `ppo-multi` | MLP s → k raw actions (paper §4) | k | k heads |
 * | `ndp-ppo` | MLP s → (w, g) → DMP from the robot state → k deltas (paper §3.4) | k | k heads |
 */
import { ConfigError } from "../errors.js";
import type { Activation } from "../nn/activations.js";
import type { ActorCritic } from "../models/rl/actor-critic.js";
import { mlpActorCritic } from "../models/rl/mlp-actor.js";
import { ndpActorCritic, type NdpDmpOptions } from "../models/rl/ndp-actor.js";

export const RL_ALGOS = ["ppo", "ndp-ppo", "ppo-multi"] as const;
export type RlAlgo = (typeof RL_ALGOS)[number];

/** What the model needs to know about the task. */
export interface TaskShape {
  obsSize: number;
  actionSize: number;
  /** Robot-state (DMP) dimensions. */
  robotSize: number;
  /** Robot-state units per action unit (the task config's actionScale). */
  actionScale: number;
  /** Seconds per env step. */
  stepSeconds: number;
}

export interface ModelSettings {
  algo: RlAlgo;
  k: number;
  hidden: readonly number[];
  activation: Activation;
  dmp: NdpDmpOptions;
}

export function buildActorCritic(s: ModelSettings, task: TaskShape): ActorCritic<any> {
  const common = { obsSize: task.obsSize, actionSize: task.actionSize, robotSize: task.robotSize, hidden: s.hidden, activation: s.activation };
  switch (s.algo) {
    case "ppo":
      if (s.k !== 1) throw new ConfigError(`ppo acts once per step (k = 1), got k = ${s.k}; use ppo-multi or ndp-ppo for k > 1`);
      return mlpActorCritic({ ...common, k: 1 });
    case "ppo-multi":
      return mlpActorCritic({ ...common, k: s.k });
    case "ndp-ppo":
      return ndpActorCritic({ ...common, k: s.k, dmp: s.dmp, actionScale: task.actionScale, stepSeconds: task.stepSeconds });
    default:
      throw new ConfigError(`unknown algorithm ${JSON.stringify(s.algo)}; use one of ${RL_ALGOS.join(", ")}`);
  }
}
