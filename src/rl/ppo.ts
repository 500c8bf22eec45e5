/**
 * Proximal policy optimisation (Schulman et al. 2017) for continuous control, CleanRL-style and
 * readable top to bottom — and, with one change, the NDP-PPO of the paper (Algorithm 1) and its
 * PPO-multi baseline: every decision yields the next k actions (k = 1 for PPO), executed one per
 * env step, with a k-head critic (see models/rl/actor-critic.ts).
 *
 * Choices (and why):
 * - Exploration lives on the executed actions, as in the paper (§3.4: "treat a independently when
 *   computing the policy gradient for each step of the NDP rollout"): sub-step j of a chunk planned
 *   at s executes a_j ~ N(μ_j(s), σ²), σ state-independent; its ratio π(a_j|s)/π_old(a_j|s) is
 *   recomputed from the chunk's own inputs (s, y0, ẏ0) for exactly the action that was executed,
 *   for every sub-step — not, as the original release did, for the first offset only.
 * - Multi-action critic: V_j(s) for each sub-step; GAE runs over the env's time series with
 *   v_t = V_j(s) of the chunk that step t belongs to, so every head gets its own advantage and
 *   return target (rl/gae.ts).
 * - Roll-outs are whole episodes: every update resets all envs with seed deriveSeed(seed, update)
 *   and runs `episodesPerRollout` × horizon steps. Episodes never straddle updates, so a
 *   checkpoint between updates resumes bit-identically, and the time-limit truncation at the
 *   horizon bootstraps from V_0(final observation). Physics instability ends an episode early (the
 *   env reports a reason): it is counted and bootstrapped like a truncation, and never trained on.
 * - Minibatches are shuffled chunks (all k sub-steps of a decision together), with advantages
 *   normalised per minibatch over the executed sub-steps.
 * - The learner is one compiled step per minibatch (loss → gradients → global-norm clip → Adam),
 *   synchronised every call (engine notes: unsynchronised calls pile up and slow down).
 *
 * Loop per update: anneal the learning rate → collect a roll-out → GAE → `epochs` passes of
 * shuffled minibatches → diagnostics (losses, entropy, approx-KL, clip fraction, explained
 * variance) → periodic deterministic evaluation → checkpoint.
 */
import { np, type Array } from "../engine/jax.js";
import { ConfigError, InputFileError, assertInt, formatValue } from "../errors.js";
import { dmpConfig } from "../dmp/config.js";
import { checkBudget, SIZE_BUDGET } from "../io/size-budget.js";
import { deriveSeed, Rng, shuffled } from "../math/rng.js";
import type { VectorEnv } from "../envs/vector/vector-env.js";
import { ACTIVATIONS, type Activation } from "../nn/activations.js";
import { keyFromSeed } from "../nn/init.js";
import { disposeTrainState, type TrainState } from "../nn/train-step.js";
import { trainStateCodec, type StateCodec } from "../nn/checkpoint.js";
import { runTrainLoop, type IterationRecord, type TrainLoopFiles } from "../nn/train-loop.js";
import type { ActorCriticParams } from "../models/rl/actor-critic.js";
import type { NdpDmpOptions } from "../models/rl/ndp-actor.js";
import { Agent, hostLogStd, sampleAction } from "./agent.js";
import { buildActorCritic, type RlAlgo } from "./algorithms.js";
import { ChunkController } from "./chunk-controller.js";
import { evaluateAgent, type AgentEvaluation } from "./evaluate-agent.js";
import { gae } from "./gae.js";
import { ObservationNormaliser, RewardScaler } from "./normalise.js";
import { createPpoTrainer, type PpoBatch } from "./ppo-loss.js";
import { RewardDelay } from "./reward-delay.js";
import { RolloutBuffer, type ChunkBatch } from "./rollout-buffer.js";
import { openTaskEnv } from "./task-env.js";
import { getTask } from "../envs/registry.js";
import type { RunningStatsState } from "./running-stats.js";

// ---------------------------------------------------------------------------------------------
// 1. Configuration
// ---------------------------------------------------------------------------------------------

export interface PpoConfig {
  /** Registered task name. */
  task: string;
  algo: RlAlgo;
  seed: number;
  /** Environment steps (samples) to train for; rounded up to whole updates. */
  totalSteps: number;
  /** Envs stepped together. */
  numEnvs: number;
  /** Episodes per env in each roll-out: a roll-out is horizon × this many steps. */
  episodesPerRollout: number;
  /** Threads stepping envs (0/1 = this thread only). */
  workers: number;
  /** Adam learning rate (annealed linearly to 0 over the updates when `annealLr`). */
  learningRate: number;
  annealLr: boolean;
  adamEps: number;
  /** Discount γ and GAE λ. */
  gamma: number;
  gaeLambda: number;
  /** Passes over each roll-out, and minibatches per pass. */
  epochs: number;
  minibatches: number;
  /** Surrogate clip ε. */
  clip: number;
  /** Value clip ε_V (null: unclipped value loss). */
  valueClip: number | null;
  entropyCoef: number;
  valueCoef: number;
  /** Global gradient-norm clip. */
  maxGradNorm: number;
  normaliseObs: boolean;
  normaliseReward: boolean;
  obsClip: number;
  rewardClip: number;
  /** Hidden widths of the actor and of the critic (separate networks). */
  hidden: number[];
  activation: Activation;
  /** Actions per decision (1 for ppo). */
  k: number;
  /**
   * What head j of the k-head critic sees for sub-step j: "plan" = the observation at the decision
   * (the paper's multi-action critic), "step" = the observation at sub-step j itself (see the file
   * header). The same for k = 1.
   */
  critic: CriticInput;
  /** DMP settings (ndp-ppo only). */
  dmp: NdpDmpOptions;
  /** Reward refreshed every this many steps (1 = off; the paper's fairness setting: k). */
  rewardDelay: number;
  /** Deterministic evaluations over the run (evenly spaced in updates; the last after the final update). */
  evaluations: number;
  /** Episodes per evaluation. */
  evalEpisodes: number;
  /** Overrides of the task's default config. */
  taskConfig: Record<string, unknown>;
}

export const CRITIC_INPUTS = ["plan", "step"] as const;
export type CriticInput = (typeof CRITIC_INPUTS)[number];

/** Derived sizes of a run. */
export interface PpoSizes {
  horizon: number;
  /** Steps per env per roll-out. */
  rolloutSteps: number;
  /** Samples per update (rolloutSteps × numEnvs). */
  batchSteps: number;
  updates: number;
  /** Chunks per minibatch (fixed, so the compiled step never retraces). */
  minibatchChunks: number;
  /** Updates between deterministic evaluations. */
  evalEvery: number;
}

/** Throw a ConfigError naming the first invalid entry of `c`. */
export function checkPpoConfig(c: PpoConfig): void {
  getTask(c.task); // unknown names: a ConfigError listing the tasks
  const ints: [keyof PpoConfig, number, number][] = [
    ["seed", 0, Number.MAX_SAFE_INTEGER], ["totalSteps", 1, 1e12], ["numEnvs", 1, SIZE_BUDGET.rlEnvs], ["episodesPerRollout", 1, 1e6], ["workers", 0, 64],
    ["epochs", 1, 1e6], ["minibatches", 1, 1e6], ["k", 1, 1e6], ["rewardDelay", 1, 1e6], ["evaluations", 1, 1e6], ["evalEpisodes", 1, 1e7],
  ];
  for (const [key, min, max] of ints) assertInt(c[key], key, min, max);
  const ranges: [keyof PpoConfig, number, number][] = [
    ["learningRate", 1e-12, 10], ["adamEps", 1e-20, 1], ["gamma", 0, 1], ["gaeLambda", 0, 1], ["clip", 1e-9, 100], ["entropyCoef", 0, 1e6],
    ["valueCoef", 0, 1e6], ["maxGradNorm", 1e-12, 1e12], ["obsClip", 1e-9, 1e12], ["rewardClip", 1e-9, 1e12],
  ];
  for (const [key, min, max] of ranges) {
    const v = c[key] as number;
    if (!(typeof v === "number" && v >= min && v <= max)) throw new ConfigError(`${key} must be a number in [${min}, ${max}], got ${formatValue(v)}`);
  }
  if (c.valueClip !== null && !(c.valueClip > 0)) throw new ConfigError(`valueClip must be > 0 or null (unclipped), got ${formatValue(c.valueClip)}`);
  if (!Array.isArray(c.hidden) || c.hidden.length === 0 || c.hidden.some((w) => !Number.isInteger(w) || w < 1 || w > 4096)) throw new ConfigError(`hidden must be a non-empty list of layer widths in 1..4096, got ${formatValue(c.hidden)}`);
  if (!(CRITIC_INPUTS as readonly string[]).includes(c.critic)) throw new ConfigError(`critic must be one of ${CRITIC_INPUTS.join(", ")}, got ${formatValue(c.critic)}`);
  if (!(ACTIVATIONS as readonly string[]).includes(c.activation)) throw new ConfigError(`activation must be one of ${ACTIVATIONS.join(", ")}, got ${formatValue(c.activation)}`);
  // The DMP of NDP-PPO is validated (and its plan checked against the size budget) up front.
  if (c.algo === "ndp-ppo") dmpConfig({ nBasis: c.dmp.nBasis, steps: c.dmp.steps, alphaZ: c.dmp.alphaZ, basis: c.dmp.basis, centers: c.dmp.centers });
}

export function ppoSizes(c: PpoConfig, horizon: number): PpoSizes {
  const rolloutSteps = horizon * c.episodesPerRollout;
  const batchSteps = rolloutSteps * c.numEnvs;
  const nominalChunks = c.numEnvs * Math.ceil(rolloutSteps / c.k);
  const minibatchChunks = Math.floor(nominalChunks / c.minibatches);
  if (minibatchChunks < 1) throw new ConfigError(`${c.minibatches} minibatches of a roll-out with ${nominalChunks} decisions leave none per minibatch; use fewer minibatches or more envs`);
  checkBudget("rlRolloutSteps", batchSteps, "one roll-out (envs × episodes per roll-out × horizon steps)", "use fewer --envs or --episodes-per-rollout");
  const updates = Math.max(1, Math.ceil(c.totalSteps / batchSteps));
  return { horizon, rolloutSteps, batchSteps, updates, minibatchChunks, evalEvery: Math.max(1, Math.floor(updates / Math.max(1, c.evaluations))) };
}

/** What one update reports; the loop stamps it with `iteration` (= updates done) and `seconds` (a line of metrics.jsonl). */
export interface UpdateMetrics {
  envSteps: number;
  /** Env steps per wall-clock second in this update (learning included). */
  stepsPerSecond: number;
  learningRate: number;
  /** Training episodes that ended in this roll-out, their success rate (final step) and mean return. */
  episodes: number;
  successRate: number;
  meanReturn: number;
  unstableEpisodes: number;
  /** Fraction of executed action entries the env clipped. */
  clippedFraction: number;
  policyLoss: number;
  valueLoss: number;
  entropy: number;
  approxKl: number;
  clipFraction: number;
  /** Approx-KL of the first minibatch, before any update: 0 when learning recomputes exactly the policy that acted. */
  initialApproxKl: number;
  explainedVariance: number;
  /** Wall-clock seconds of this update's roll-out (env steps + acting), learning, and evaluation. */
  timing: { rollout: number; learn: number; eval: number };
  /** Deterministic evaluation, when one ran after this update. */
  eval?: { successRate: number; meanReturn: number; episodes: number; actionJerk: number };
}

export type UpdateRecord = IterationRecord<UpdateMetrics>;

export interface PpoHooks {
  /** After every update (after any evaluation and checkpoint). */
  onUpdate?(record: UpdateRecord, sizes: PpoSizes): void;
  /** After every env step of a roll-out (for progress bars). */
  onStep?(envSteps: number): void;
  /** Checkpoint, resume and metrics.jsonl files (see nn/train-loop.ts); checkpoints every `checkpointEvery` updates (default 5) and at the end. */
  files?: TrainLoopFiles;
  checkpointEvery?: number;
}

export interface PpoResult {
  history: UpdateRecord[];
  final: AgentEvaluation;
  sizes: PpoSizes;
  seconds: number;
}

/** Streams of the run's seeded generators (env resets use deriveSeed(seed, update)). */
const NOISE_STREAM = 2 ** 40;
const SHUFFLE_STREAM = 2 ** 41;
const EVAL_STREAM = 2 ** 42;

type Params = ActorCriticParams<any>;

/** The seed of evaluation round r of a run seeded `seed` (disjoint from the training resets). */
export function evaluationSeed(seed: number): number {
  return deriveSeed(seed, EVAL_STREAM);
}

// ---------------------------------------------------------------------------------------------
// 2. Training
// ---------------------------------------------------------------------------------------------

export async function trainPpo(config: PpoConfig, hooks: PpoHooks = {}): Promise<PpoResult> {
  const c = config;
  checkPpoConfig(c);
  const t0 = performance.now();

  // -- the envs ---------------------------------------------------------------------------------
  const { vec, shape } = await openTaskEnv(c);
  const E = c.numEnvs;
  const { obsSize: O, actionSize: A, robotSize: R } = shape;
  const sizes = ppoSizes(c, vec.horizon);
  const T = sizes.rolloutSteps;

  // -- the agent --------------------------------------------------------------------------------
  const model = buildActorCritic(c, shape);
  const agent = new Agent(model);
  const k = model.k;
  const trainer = createPpoTrainer(model, c);
  const obsNorm = c.normaliseObs ? new ObservationNormaliser(O, c.obsClip) : undefined;
  const rewardScaler = c.normaliseReward ? new RewardScaler(E, c.gamma, c.rewardClip) : undefined;
  const rewardDelay = new RewardDelay(E, c.rewardDelay);

  // the normalisers' statistics travel in the checkpoint beside the parameters and Adam's moments
  // (a resumed checkpoint's parameters must have this model's shapes)
  const trainCodec = trainStateCodec<Params>(() => model.init(keyFromSeed(0)));
  const codec: StateCodec<TrainState<Params>> = {
    encode(state) {
      const stored = trainCodec.encode(state);
      return { trees: stored.trees, meta: { ...stored.meta, obsStats: obsNorm?.state(), rewardStats: rewardScaler?.state() } };
    },
    decode(stored, source) {
      const state = trainCodec.decode(stored, source);
      try {
        if (obsNorm) obsNorm.load(stored.meta.obsStats as RunningStatsState);
        if (rewardScaler) rewardScaler.load(stored.meta.rewardStats as RunningStatsState);
      } catch {
        trainCodec.dispose(state);
        throw new InputFileError(`${source} lacks the normalisation statistics of this config; resume with the config it was written with`);
      }
      return state;
    },
    dispose: trainCodec.dispose,
  };

  const buffer = new RolloutBuffer(T, E, k, O, R, A);
  const chunks = new ChunkController(E, k, A);
  const normalise = (obs: Float64Array, rows = E) => (obsNorm ? obsNorm.normalise(obs, rows) : Float32Array.from(obs));

  // -- collecting a roll-out ------------------------------------------------------------------
  const collect = (state: TrainState<Params>, update: number) => {
    const rng = new Rng(c.seed, NOISE_STREAM + update);
    let { obs, robotPosition, robotVelocity } = vec.reset(deriveSeed(c.seed, update));
    buffer.clear();
    chunks.restart();
    rewardScaler?.restart();
    rewardDelay.restart();
    const logStd = hostLogStd(state.params);
    const actions = new Float64Array(E * A);
    const delayed = new Float64Array(E);
    const scaled = new Float64Array(E);
    const ends = new Uint8Array(E);
    const running = new Float64Array(E);
    const episodes = { count: 0, successes: 0, returnSum: 0, unstable: 0, clipped: 0 };
    for (let t = 0; t < T; t++) {
      obsNorm?.update(obs, E);
      const obsN = normalise(obs);
      if (chunks.needsPlan()) {
        const d = agent.decide(state.params, obsN, robotPosition, robotVelocity, E);
        for (const e of chunks.plan(d.means, d.values)) buffer.startChunk(e, obsN, robotPosition, robotVelocity);
      }
      for (let e = 0; e < E; e++) {
        const a = actions.subarray(e * A, (e + 1) * A);
        const logProb = sampleAction(chunks.meanAction(e), logStd, rng, a);
        buffer.record(t, e, chunks.position[e], obsN, a, logProb, chunks.value(e));
      }
      const r = vec.step(actions);
      for (let e = 0; e < E; e++) ends[e] = r.terminated[e] | r.truncated[e];
      rewardDelay.apply(r.rewards, ends, delayed);
      if (rewardScaler) rewardScaler.scale(delayed, ends, scaled);
      else scaled.set(delayed);
      buffer.rewards.set(scaled, t * E);
      buffer.ends.set(ends, t * E);
      if (ends.some((x) => x === 1)) {
        // V_0 of each final observation: the episode was cut by the time limit (or the physics), not terminated
        const finals = agent.decide(state.params, normalise(r.finalObs), r.robotPosition, r.robotVelocity, E);
        for (let e = 0; e < E; e++) {
          episodes.clipped += r.clipped[e];
          running[e] += r.rewards[e];
          if (!ends[e]) continue;
          buffer.endValues[t * E + e] = r.terminated[e] ? 0 : finals.values[e * k];
          episodes.count++;
          episodes.successes += r.success[e];
          episodes.returnSum += running[e];
          if (r.reasons[e] !== undefined) episodes.unstable++;
          running[e] = 0;
        }
      } else {
        for (let e = 0; e < E; e++) {
          episodes.clipped += r.clipped[e];
          running[e] += r.rewards[e];
        }
      }
      chunks.advance(ends);
      ({ obs, robotPosition, robotVelocity } = r);
      hooks.onStep?.((update * T + t + 1) * E);
    }
    // per-step critic: V_j of every step's own observation (one pass over the roll-out)
    if (c.critic === "step" && k > 1) {
      const all = agent.values(state.params, buffer.stepObs, T * E);
      const j = buffer.subSteps();
      for (let i = 0; i < T * E; i++) buffer.values[i] = all[i * k + j[i]];
    }
    // the value after the last step: the plan continues at sub-step j (V_j) or a new one starts (V_0(s))
    const bootstrap = new Float64Array(E);
    const perStep = c.critic === "step" && k > 1;
    const fresh = perStep || chunks.needsPlan() ? agent.decide(state.params, normalise(obs), robotPosition, robotVelocity, E) : undefined;
    for (let e = 0; e < E; e++) {
      const j = chunks.position[e];
      bootstrap[e] = j !== 0 && !perStep ? chunks.value(e) : fresh!.values[e * k + j];
    }
    return { bootstrap, episodes };
  };

  // -- optimising on it -----------------------------------------------------------------------
  const optimise = (state: TrainState<Params>, update: number, batch: ChunkBatch, lr: number) => {
    const rng = new Rng(c.seed, SHUFFLE_STREAM + update);
    const mb = sizes.minibatchChunks;
    const sums = new Float64Array(5);
    let steps = 0;
    let initialApproxKl = 0;
    for (let epoch = 0; epoch < c.epochs; epoch++) {
      const order = shuffled(batch.count, rng);
      for (let s = 0; s + mb <= batch.count; s += mb) {
        const idx = order.subarray(s, s + mb);
        const inputs: PpoBatch = [
          gatherRows(batch.obs, O, idx, [mb, O]),
          gatherRows(batch.y0, R, idx, [mb, R]),
          gatherRows(batch.dy0, R, idx, [mb, R]),
          gatherRows(batch.actions, k * A, idx, [mb, k, A]),
          gatherRows(batch.logProbs, k, idx, [mb, k]),
          gatherRows(batch.values, k, idx, [mb, k]),
          gatherRows(batch.advantages, k, idx, [mb, k]),
          gatherRows(batch.returns, k, idx, [mb, k]),
          gatherRows(batch.mask, k, idx, [mb, k]),
          c.critic === "step" && k > 1 ? gatherRows(batch.stepObs, k * O, idx, [mb, k, O]) : gatherRows(batch.obs, O, idx, [mb, O]),
        ];
        const { aux } = trainer.step(state, lr, ...inputs);
        const d = (aux as Array).dataSync();
        if (steps === 0) initialApproxKl = d[3];
        for (let i = 0; i < 5; i++) sums[i] += d[i];
        steps++;
      }
    }
    return { policyLoss: sums[0] / steps, valueLoss: sums[1] / steps, entropy: sums[2] / steps, approxKl: sums[3] / steps, clipFraction: sums[4] / steps, initialApproxKl };
  };

  // -- the loop over updates ------------------------------------------------------------------
  let lastEval: AgentEvaluation | undefined;
  const evaluate = (state: TrainState<Params>) => evaluateAgent(vec, agent, state.params, obsNorm, { episodes: c.evalEpisodes, seed: evaluationSeed(c.seed) });
  try {
    const result = runTrainLoop<TrainState<Params>, UpdateMetrics>({
      iterations: sizes.updates,
      checkpointEvery: hooks.checkpointEvery ?? 5,
      ...hooks.files,
      codec,
      meta: { model: model.spec },
      init: () => trainer.init(model.init(keyFromSeed(c.seed))),
      iterate(state, update) {
        const u0 = performance.now();
        const lr = c.annealLr ? c.learningRate * (1 - update / sizes.updates) : c.learningRate;
        const { bootstrap, episodes } = collect(state, update);
        const u1 = performance.now();
        const { advantages, returns } = gae({ rewards: buffer.rewards, values: buffer.values, nextValues: buffer.nextValues(bootstrap), ends: buffer.ends, numEnvs: E, gamma: c.gamma, lambda: c.gaeLambda });
        const batch = buffer.pack(advantages, returns);
        const losses = optimise(state, update, batch, lr);
        const u2 = performance.now();
        const evalNow = update === sizes.updates - 1 || (update + 1) % sizes.evalEvery === 0;
        if (evalNow) lastEval = evaluate(state);
        const u3 = performance.now();
        return {
          envSteps: (update + 1) * sizes.batchSteps,
          stepsPerSecond: sizes.batchSteps / ((u3 - u0) / 1000),
          learningRate: lr,
          episodes: episodes.count,
          successRate: episodes.count ? episodes.successes / episodes.count : 0,
          meanReturn: episodes.count ? episodes.returnSum / episodes.count : 0,
          unstableEpisodes: episodes.unstable,
          clippedFraction: episodes.clipped / (sizes.batchSteps * A),
          ...losses,
          explainedVariance: explainedVariance(batch),
          timing: { rollout: (u1 - u0) / 1000, learn: (u2 - u1) / 1000, eval: (u3 - u2) / 1000 },
          eval: evalNow && lastEval ? { successRate: lastEval.successRate, meanReturn: lastEval.meanReturn, episodes: lastEval.episodes, actionJerk: lastEval.actionJerk } : undefined,
        };
      },
      onIteration: (record) => hooks.onUpdate?.(record, sizes),
    });
    try {
      lastEval ??= evaluate(result.state); // a resumed run that had already finished
    } finally {
      disposeTrainState(result.state);
    }
    return { history: result.history, final: lastEval, sizes, seconds: (performance.now() - t0) / 1000 };
  } finally {
    trainer.dispose();
    agent.dispose();
    await vec.close();
  }
}

/** Rows `idx` of a row-major matrix with rows of `width` values, uploaded with `shape`. */
function gatherRows(src: Float32Array, width: number, idx: Int32Array, shape: number[]): Array {
  const out = new Float32Array(idx.length * width);
  for (let i = 0; i < idx.length; i++) out.set(src.subarray(idx[i] * width, (idx[i] + 1) * width), i * width);
  return np.array(out, { shape });
}

/** 1 − Var(R − V) / Var(R) over the executed sub-steps (how much of the return the critic explains). */
export function explainedVariance(b: ChunkBatch): number {
  let n = 0, sy = 0, syy = 0, sd = 0, sdd = 0;
  for (let i = 0; i < b.mask.length; i++) {
    if (!b.mask[i]) continue;
    const y = b.returns[i];
    const d = y - b.values[i];
    n++;
    sy += y;
    syy += y * y;
    sd += d;
    sdd += d * d;
  }
  const vy = syy / n - (sy / n) ** 2;
  return vy > 0 ? 1 - (sdd / n - (sd / n) ** 2) / vy : Number.NaN;
}

/** The vector env type, re-exported for callers that evaluate a trained agent themselves. */
export type { VectorEnv };
