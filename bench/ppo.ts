/**
 * `ndp bench ppo`: the speed of the RL pieces, measured in one run.
 *  - update: one CleanRL-sized PPO update with our learner — 2 048 samples, 10 epochs × 32
 *    minibatches of 64, 64-64 tanh actor and critic, obs 9, act 3 (the same shapes as the PyTorch
 *    anchor `shared/anchors/torch_ppo_anchor.py`, which is run separately on the same machine; its
 *    time is not a constant here) → `update_ms`, `update_cpu_ms`, `minibatch_ms`; interleaved with
 *    the same update on jax-js's own dispatch path (replay off, engine/replay.ts) →
 *    `update_ms_without_replay`, `replay_speedup`; and the same samples in our default 4
 *    minibatches of 512 → `update_ms_default_minibatches`. One engine thread (the RL setting).
 *  - roll-out: 2 048 env steps (16 push envs × 128 steps) with policy inference every step, on
 *    the envs alone with random actions as the reference measured alongside →
 *    `rollout_steps_per_s`, `env_only_steps_per_s`, `rollout_vs_env_only`.
 *  - training: a short real PPO run on push with the default settings (2 threads stepping envs)
 *    → `train_env_steps_per_s` (env steps per wall second, learning included).
 * The machine's 1-minute load average is reported beside the numbers: other processes slow
 * everything down, so compare ratios from one run, not numbers across machines. CPU time (the
 * process's) is less sensitive to load than wall time.
 */
import { np, type Array } from "../src/engine/jax.js";
import { setReplay } from "../src/engine/replay.js";
import { Rng } from "../src/math/rng.js";
import { makeVectorEnv } from "../src/envs/vector/make-vector-env.js";
import { keyFromSeed } from "../src/nn/init.js";
import { disposeTrainState } from "../src/nn/train-step.js";
import { mlpActorCritic } from "../src/models/rl/mlp-actor.js";
import { Agent, hostLogStd, sampleAction } from "../src/rl/agent.js";
import { ppoDefaults } from "../src/rl/defaults.js";
import { createPpoTrainer, type PpoBatch } from "../src/rl/ppo-loss.js";
import { trainPpo } from "../src/rl/ppo.js";
import { machine, timeRoundRobin } from "./timing.js";

/**
 * Wall and CPU milliseconds of one update of `samples` in minibatches of `minibatch`, 10 epochs
 * (median of `reps`); with `withoutReplay`, the same update on jax-js's own dispatch path,
 * interleaved round by round.
 */
function timeUpdate(samples: number, minibatch: number, reps: number, withoutReplay: boolean): Record<string, { median: number; cpu: number }> {
  const O = 9, A = 3;
  const model = mlpActorCritic({ obsSize: O, actionSize: A, robotSize: 3, k: 1, hidden: [64, 64], activation: "tanh" });
  const trainer = createPpoTrainer(model, { clip: 0.2, valueClip: 0.2, valueCoef: 0.5, entropyCoef: 0, adamEps: 1e-5, maxGradNorm: 0.5 });
  const state = trainer.init(model.init(keyFromSeed(0)));
  const rng = new Rng(0);
  const rand = (n: number) => Float32Array.from({ length: n }, () => rng.normal());
  const data = { obs: rand(samples * O), act: rand(samples * A), lp: rand(samples), v: rand(samples), adv: rand(samples), ret: rand(samples) };
  const ones = new Float32Array(minibatch).fill(1);
  const zeros = new Float32Array(minibatch * 3);
  const update = () => {
    for (let epoch = 0; epoch < 10; epoch++) {
      for (let s = 0; s + minibatch <= samples; s += minibatch) {
        const rows = (x: Float32Array, w: number, shape: number[]): Array => np.array(x.slice(s * w, (s + minibatch) * w), { shape });
        const batch: PpoBatch = [
          rows(data.obs, O, [minibatch, O]),
          np.array(zeros, { shape: [minibatch, 3] }),
          np.array(zeros, { shape: [minibatch, 3] }),
          rows(data.act, A, [minibatch, 1, A]),
          rows(data.lp, 1, [minibatch, 1]),
          rows(data.v, 1, [minibatch, 1]),
          rows(data.adv, 1, [minibatch, 1]),
          rows(data.ret, 1, [minibatch, 1]),
          np.array(ones, { shape: [minibatch, 1] }),
          rows(data.obs, O, [minibatch, O]),
        ];
        const { aux } = trainer.step(state, 3e-4, ...batch);
        (aux as Array).dispose();
      }
    }
  };
  try {
    const fns: Record<string, () => void> = withoutReplay ? { replay: update, plain: update } : { replay: update };
    return timeRoundRobin(fns, 1, reps, (name) => setReplay(name === "replay"));
  } finally {
    setReplay(true);
    trainer.dispose();
    disposeTrainState(state);
  }
}

/** Env steps per second over 16 push envs × `steps`, with (agent) or without (random actions) policy inference. */
async function timeRollout(steps: number, withPolicy: boolean): Promise<number> {
  const E = 16;
  const vec = await makeVectorEnv({ task: "push", numEnvs: E, workers: 2 });
  const model = mlpActorCritic({ obsSize: 9, actionSize: 3, robotSize: 3, k: 1, hidden: [64, 64], activation: "tanh" });
  const agent = new Agent(model);
  const params = model.init(keyFromSeed(0));
  const logStd = hostLogStd(params);
  const rng = new Rng(1);
  const actions = new Float64Array(E * 3);
  try {
    let { obs, robotPosition, robotVelocity } = vec.reset(0);
    const t0 = performance.now();
    for (let t = 0; t < steps; t++) {
      if (withPolicy) {
        const d = agent.decide(params, Float32Array.from(obs), robotPosition, robotVelocity, E);
        for (let e = 0; e < E; e++) sampleAction(d.means.subarray(e * 3, e * 3 + 3), logStd, rng, actions.subarray(e * 3, e * 3 + 3));
      } else {
        for (let i = 0; i < actions.length; i++) actions[i] = rng.uniform(-1, 1);
      }
      ({ obs, robotPosition, robotVelocity } = vec.step(actions));
    }
    return (steps * E) / ((performance.now() - t0) / 1000);
  } finally {
    agent.dispose();
    await vec.close();
  }
}

export async function run(options: { quick: boolean; log: (line: string) => void }): Promise<Record<string, unknown>> {
  const reps = options.quick ? 1 : 5;
  const host = machine();
  options.log("bench ppo: CleanRL-sized update (2048 samples, 10 × 32 minibatches of 64), with and without replay ...");
  const update = timeUpdate(2048, 64, reps, true);
  const updateMs = update.replay.median;
  options.log(`  ${updateMs.toFixed(0)} ms (${update.plain.median.toFixed(0)} ms without replay); same samples in 4 minibatches of 512 ...`);
  const updateDefault = timeUpdate(2048, 512, reps, false).replay.median;
  const rolloutSteps = options.quick ? 16 : 128;
  options.log("bench ppo: roll-out with policy inference vs envs alone (16 push envs, 2 threads) ...");
  const envOnly = await timeRollout(rolloutSteps, false);
  const rollout = await timeRollout(rolloutSteps, true);
  options.log("bench ppo: a short PPO run on push (default settings) ...");
  const trainSteps = options.quick ? 2400 : 24_000;
  const result = await trainPpo({ ...ppoDefaults("push", "ppo"), totalSteps: trainSteps, evaluations: 1, evalEpisodes: 1 });
  const trainSeconds = result.history.reduce((s, r) => s + r.seconds - r.timing.eval, 0);
  const trained = result.history.at(-1)!.envSteps;
  return {
    ...host,
    threads_stepping_envs: 2,
    engine_threads: 1,
    update_ms: Number(updateMs.toFixed(1)),
    update_cpu_ms: Number(update.replay.cpu.toFixed(1)),
    minibatch_ms: Number((updateMs / 320).toFixed(3)),
    update_ms_without_replay: Number(update.plain.median.toFixed(1)),
    update_cpu_ms_without_replay: Number(update.plain.cpu.toFixed(1)),
    replay_speedup: Number((update.plain.median / updateMs).toFixed(2)),
    update_ms_default_minibatches: Number(updateDefault.toFixed(1)),
    rollout_steps_per_s: Math.round(rollout),
    env_only_steps_per_s: Math.round(envOnly),
    rollout_vs_env_only: Number((rollout / envOnly).toFixed(3)),
    train_env_steps_per_s: Math.round(trained / trainSeconds),
    train_env_steps: trained,
  };
}
