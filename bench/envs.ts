/**
 * `ndp bench envs`: speed of the MuJoCo task envs, measured in one run per task (pure-TypeScript
 * tasks such as point-mass have no raw physics to compare with and are skipped, listed in
 * `skipped_tasks`):
 *  - raw:  `mj_step` on the task's own model, driven like the env drives it (the task writes the
 *          same actions into the controls), frameSkip substeps per "step" — the physics alone;
 *  - env:  `env.step` with the same actions (action checks, mocap control, substeps, instability
 *          check, observation, reward, and the reset after every episode) — overhead = env time /
 *          raw time − 1 (target ≤ 20 %);
 *  - vector: 8 envs in this thread (workers 0) and across 1 and 2 worker threads — speedup =
 *          2-worker rate / 1-worker rate (target ≥ 1.8 on an otherwise idle 2-core machine), and
 *          the same per CPU second (cpu_efficiency ≈ 1: the threading itself costs nothing).
 * Raw and env runs are interleaved and repeated; the median is reported. The machine's parallel
 * capacity right now is measured alongside: a pure-JS loop on 2 threads vs 1 (ideal 2.0). With
 * other processes running (see the 1-minute load average) it is below 2, and so is our speedup.
 */
import { loadavg } from "node:os";
import type { MujocoEnv } from "../src/envs/mujoco-env.js";
import { makeMujocoEnv, mujocoTaskNames, taskNames } from "../src/envs/registry.js";
import { Rng } from "../src/math/rng.js";
import { runSubsteps } from "../src/envs/substeps.js";
import { makeVectorEnv } from "../src/envs/vector/make-vector-env.js";
import { machine, median, parallelCapacity } from "./timing.js";

const VECTOR_ENVS = 16;

/** Seconds for `steps` env steps with actions from `actions`. */
function timeEnv(env: MujocoEnv, actions: Float64Array[], seed: number): number {
  env.reset({ seed });
  const start = performance.now();
  for (const a of actions) {
    const r = env.step(a);
    if (r.truncated) env.reset();
  }
  return (performance.now() - start) / 1000;
}

/**
 * Seconds for the same physics without the env: the task writes the (in-range) action into the
 * controls (for the Sawyer tasks: mocap += 0.01·a, a few arithmetic operations), then frameSkip
 * mj_steps. No checks, observation, reward or instability test.
 */
function timeRaw(env: MujocoEnv, actions: Float64Array[], seed: number): number {
  env.reset({ seed });
  const task = env.task;
  const start = performance.now();
  for (const a of actions) {
    task.applyAction(a);
    runSubsteps(task); // the Jaco servos' per-substep hook included, as in env.step
  }
  return (performance.now() - start) / 1000;
}

/**
 * Vector-env throughput: env steps per wall second, and per CPU second of this process (all
 * threads; the main thread sleeps in Atomics.wait while workers step). Steps per CPU second do not
 * depend on how busy the machine is: equal values for 1 and 2 workers mean the threading costs
 * nothing and 2 workers would give 2x on two free cores.
 */
async function vectorRate(task: string, workers: number, steps: number): Promise<{ wall: number; cpu: number; threadsBusy: number }> {
  const vec = await makeVectorEnv({ task, numEnvs: VECTOR_ENVS, workers });
  try {
    const rng = new Rng(7);
    const nAct = vec.actionSpec.shape[0];
    const actions = Array.from({ length: 16 }, () => Float64Array.from({ length: VECTOR_ENVS * nAct }, () => rng.uniform(-1, 1)));
    vec.reset(0);
    for (let t = 0; t < 20; t++) vec.step(actions[t % actions.length]); // warm-up
    const cpu0 = process.cpuUsage();
    const start = performance.now();
    for (let t = 0; t < steps; t++) vec.step(actions[t % actions.length]);
    const wall = (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpu0);
    const cpu = (used.user + used.system) / 1e6;
    return { wall: (VECTOR_ENVS * steps) / wall, cpu: (VECTOR_ENVS * steps) / cpu, threadsBusy: cpu / wall };
  } finally {
    await vec.close();
  }
}

export async function run({ quick, log }: { quick: boolean; log: (line: string) => void }): Promise<Record<string, unknown>> {
  const steps = quick ? 300 : 3000;
  const repeats = quick ? 1 : 5;
  const vecSteps = quick ? 50 : 600;
  const tasks: Record<string, unknown> = {};
  const load = [loadavg()[0]];
  const skipped = taskNames().filter((name) => !mujocoTaskNames().includes(name));
  for (const name of skipped) log(`envs bench: ${name} skipped (not a MuJoCo task: there is no raw mj_step to compare with)`);
  for (const name of mujocoTaskNames()) {
    log(`envs bench: ${name}`);
    const env = await makeMujocoEnv(name);
    try {
      const rng = new Rng(1);
      const nAct = env.actionSpec.shape[0];
      const actions = Array.from({ length: steps }, () => Float64Array.from({ length: nAct }, () => rng.uniform(-1, 1)));
      timeEnv(env, actions.slice(0, 200), 0); // warm-up (JIT)
      timeRaw(env, actions.slice(0, 200), 0);
      const raw: number[] = [];
      const stepped: number[] = [];
      for (let r = 0; r < repeats; r++) {
        raw.push(timeRaw(env, actions, r));
        stepped.push(timeEnv(env, actions, r));
      }
      const rawS = median(raw);
      const envS = median(stepped);
      // workers = threads stepping envs: 1 = this thread only, 2 = this thread + one worker thread
      const w1 = await vectorRate(name, 1, vecSteps);
      const w2 = await vectorRate(name, 2, vecSteps);
      load.push(loadavg()[0]);
      tasks[name] = {
        raw_mj_steps_per_second: Math.round((steps * env.frameSkip) / rawS),
        raw_env_equivalent_steps_per_second: Math.round(steps / rawS),
        env_steps_per_second: Math.round(steps / envS),
        env_overhead: Number((envS / rawS - 1).toFixed(3)),
        vector_envs: VECTOR_ENVS,
        vector_steps_per_second: { workers_1: Math.round(w1.wall), workers_2: Math.round(w2.wall) },
        vector_steps_per_cpu_second: { workers_1: Math.round(w1.cpu), workers_2: Math.round(w2.cpu) },
        busy_threads_2_workers: Number(w2.threadsBusy.toFixed(2)),
        speedup_2_vs_1_workers: Number((w2.wall / w1.wall).toFixed(2)),
        cpu_efficiency_2_vs_1_workers: Number((w2.cpu / w1.cpu).toFixed(2)),
      };
      log(`  ${JSON.stringify(tasks[name])}`);
    } finally {
      env.close();
    }
  }
  const capacity = await parallelCapacity(quick);
  log(`machine parallel capacity (2 threads / 1): ${capacity.toFixed(2)}`);
  return {
    bench: "envs",
    cpu: machine().cpu,
    machine_parallel_capacity_2_threads: Number(capacity.toFixed(2)),
    quick,
    steps_per_measurement: steps,
    repeats,
    frame_skip: 5,
    load_average_1min: load.map((x) => Number(x.toFixed(2))),
    targets: { env_overhead_max: 0.2, speedup_2_vs_1_workers_min: 1.8 },
    tasks,
    skipped_tasks: skipped,
  };
}
