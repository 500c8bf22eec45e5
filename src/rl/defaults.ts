/**
 * Default PPO / NDP-PPO / PPO-multi settings: one base (CleanRL's documented PPO details; 32
 * minibatches per pass as CleanRL — measured on reach, 4 larger minibatches learnt several times
 * slower per sample) and, in their own table, the per-task settings: the DMP's N and αz from the
 * original release (rl-notes.md: throw N 5 α 5, push N 6 α 10, soccer N 6 α 15, faucet N 6 α 5),
 * and the training budget (measured: PPO reaches 100 % on reach by 96 k steps, NDP-PPO 88 % on
 * push by 900 k; the other budgets are what Fig. 5's sweep can afford on 2 cores — see README).
 *
 * | setting | here | CleanRL | NDP release |
 * |---|---|---|---|
 * | envs × steps per update | 16 × one episode (2 400 Sawyer, 800 Jaco) | 1 × 2 048 | 10 × 50 |
 * | epochs × minibatches | 10 × 32 | 10 × 32 | 10 × 32 |
 * | lr, annealing, Adam ε | 3e-4 → 0, 1e-5 | same | same |
 * | γ, λ | 0.99, 0.95 | same | same |
 * | clip, value clip | 0.2, 0.2 | 0.2, 0.2 | 0.1, 0.1 |
 * | entropy, value coef, grad norm | 0, 0.5, 0.5 | same | 0.01, 0.5, 0.5 |
 * | networks | 64-64 tanh actor, 64-64 tanh critic | same | 100-100 actor, 300-300 critic |
 * | normalisation | obs (clip 10), reward by return std (clip 10) | same | same |
 * | k, integration steps | 5, 35 | – | 5, 40 |
 */
import type { PpoConfig } from "./ppo.js";
import type { RlAlgo } from "./algorithms.js";
import type { NdpDmpOptions } from "../models/rl/ndp-actor.js";

/** Everything but the task, algorithm, k and DMP (those come from the per-task table). */
export const PPO_BASE: Omit<PpoConfig, "task" | "algo" | "k" | "dmp" | "totalSteps"> = {
  seed: 0,
  numEnvs: 16,
  episodesPerRollout: 1,
  workers: 2,
  learningRate: 3e-4,
  annealLr: true,
  adamEps: 1e-5,
  gamma: 0.99,
  gaeLambda: 0.95,
  epochs: 10,
  minibatches: 32,
  clip: 0.2,
  valueClip: 0.2,
  entropyCoef: 0,
  valueCoef: 0.5,
  maxGradNorm: 0.5,
  normaliseObs: true,
  normaliseReward: true,
  obsClip: 10,
  rewardClip: 10,
  hidden: [64, 64],
  activation: "tanh",
  critic: "plan",
  rewardDelay: 1,
  evaluations: 20,
  evalEpisodes: 32,
  taskConfig: {},
};

/** Actions per decision of NDP-PPO and PPO-multi (paper §5.2: k = 5). */
export const DEFAULT_K = 5;

const DMP_BASE: NdpDmpOptions = { nBasis: 6, steps: 35, alphaZ: 10, learnAlpha: false, onlyGoal: false, basis: "gaussian", centers: "release" };

/** Per-task settings: the DMP (release values) and the default budget in env steps per algorithm. */
export const TASK_SETTINGS: Record<string, { dmp: Partial<NdpDmpOptions>; steps: Record<RlAlgo, number> }> = {
  "point-mass": { dmp: { nBasis: 4, alphaZ: 10 }, steps: { ppo: 100_000, "ndp-ppo": 100_000, "ppo-multi": 100_000 } },
  reach: { dmp: { nBasis: 6, alphaZ: 10 }, steps: { ppo: 300_000, "ndp-ppo": 300_000, "ppo-multi": 300_000 } },
  push: { dmp: { nBasis: 6, alphaZ: 10 }, steps: { ppo: 1_200_000, "ndp-ppo": 1_200_000, "ppo-multi": 1_200_000 } },
  soccer: { dmp: { nBasis: 6, alphaZ: 15 }, steps: { ppo: 1_200_000, "ndp-ppo": 1_200_000, "ppo-multi": 1_200_000 } },
  "faucet-open": { dmp: { nBasis: 6, alphaZ: 5 }, steps: { ppo: 1_200_000, "ndp-ppo": 1_200_000, "ppo-multi": 1_200_000 } },
  throw: { dmp: { nBasis: 5, alphaZ: 5 }, steps: { ppo: 600_000, "ndp-ppo": 600_000, "ppo-multi": 600_000 } },
  pick: { dmp: { nBasis: 5, alphaZ: 5 }, steps: { ppo: 600_000, "ndp-ppo": 600_000, "ppo-multi": 600_000 } },
};

/** The default config of `algo` on `task` (unknown tasks get the base DMP and 1 M steps). */
export function ppoDefaults(task: string, algo: RlAlgo): PpoConfig {
  const t = TASK_SETTINGS[task];
  return {
    task,
    algo,
    totalSteps: t?.steps[algo] ?? 1_000_000,
    ...PPO_BASE,
    hidden: [...PPO_BASE.hidden],
    taskConfig: {},
    k: algo === "ppo" ? 1 : DEFAULT_K,
    dmp: { ...DMP_BASE, ...t?.dmp },
  };
}
