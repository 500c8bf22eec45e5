import { describe, expect, it } from "vitest";
import { makeEnv } from "../../src/envs/registry.js";
import { deriveSeed, Rng } from "../../src/math/rng.js";
import { makeVectorEnv } from "../../src/envs/vector/make-vector-env.js";
import type { VectorEnv } from "../../src/envs/vector/vector-env.js";
import { defaultConfig as pointMassDefaults } from "../../src/envs/tasks/point-mass/config.js";
import { PointMassEnv } from "../../src/envs/tasks/point-mass/task.js";
import { ConfigError, NdpError } from "../../src/errors.js";

const TASK = "reach";
const N = 3;
const STEPS = 160; // past the 150-step (reach) and 50-step (point-mass) horizons: every env auto-resets
const SEED = 21;

function actionsAt(t: number, n: number, a: number): Float64Array {
  const rng = new Rng(1000 + t);
  return Float64Array.from({ length: n * a }, () => rng.uniform(-1.2, 1.2));
}

/** Everything a vector env returns over the run, flattened. */
function record(vec: VectorEnv): number[] {
  const o = vec.observationSpec.shape[0];
  const out: number[] = [...vec.reset(SEED).obs];
  for (let t = 0; t < STEPS; t++) {
    const r = vec.step(actionsAt(t, vec.numEnvs, vec.actionSpec.shape[0]));
    out.push(...r.obs, ...r.rewards, ...r.truncated, ...r.success, ...r.clipped, ...r.robotPosition, ...r.robotVelocity);
    r.truncated.forEach((d, i) => d && out.push(...r.finalObs.subarray(i * o, (i + 1) * o)));
  }
  return out;
}

/** The same run on N plain envs: env i seeded with deriveSeed(SEED, i), reset when truncated. */
async function sequential(task: string): Promise<number[]> {
  const envs = await Promise.all(Array.from({ length: N }, () => makeEnv(task)));
  const a = envs[0].actionSpec.shape[0];
  const expected: number[] = [];
  const first = envs.map((env, i) => env.reset({ seed: deriveSeed(SEED, i) }).obs);
  first.forEach((o) => expected.push(...o));
  for (let t = 0; t < STEPS; t++) {
    const acts = actionsAt(t, N, a);
    const rs = envs.map((env, i) => env.step(acts.subarray(a * i, a * i + a)));
    const obs = rs.map((r, i) => (r.truncated ? envs[i].reset().obs : r.obs));
    const robots = envs.map((env) => env.robotState());
    expected.push(...obs.flatMap((o) => [...o]), ...rs.map((r) => r.reward), ...rs.map((r) => (r.truncated ? 1 : 0)));
    expected.push(...rs.map((r) => (r.info.success ? 1 : 0)), ...rs.map((r) => r.info.clipped));
    expected.push(...robots.flatMap((s) => [...s.position]), ...robots.flatMap((s) => [...s.velocity]));
    rs.forEach((r) => r.truncated && expected.push(...r.obs));
  }
  envs.forEach((env) => env.close());
  return expected;
}

describe("vector envs", () => {
  it.each([TASK, "point-mass"])("%s: equal sequential envs (same seeds, same-step auto-reset) in-process, with 1–3 workers and from a factory", async (task) => {
    const expected = await sequential(task);
    for (const workers of [0, 1, 2, 3]) {
      const vec = await makeVectorEnv({ task, numEnvs: N, workers });
      try {
        expect(record(vec), `workers=${workers}`).toEqual(expected);
      } finally {
        await vec.close();
      }
    }
    const vec = await makeVectorEnv({ factory: () => makeEnv(task), numEnvs: N });
    try {
      expect(vec.task).toBe(task);
      expect(record(vec), "factory").toEqual(expected);
    } finally {
      await vec.close();
    }
  });

  it("builds envs from a factory (sync or async) in this thread only, all of one kind", async () => {
    const sync = await makeVectorEnv({ factory: () => new PointMassEnv({ ...pointMassDefaults(), dims: 3 }), numEnvs: 2, workers: 1 });
    try {
      expect(sync.observationSpec.shape).toEqual([6]);
      expect(sync.reset(0).obs).toHaveLength(12);
    } finally {
      await sync.close();
    }
    await expect(makeVectorEnv({ factory: () => makeEnv("point-mass"), numEnvs: 2, workers: 2 })).rejects.toThrow(/factory are stepped in this thread only.*workers 0 or 1/);
    let k = 0;
    const mixed = () => new PointMassEnv({ ...pointMassDefaults(), dims: 1 + k++ });
    await expect(makeVectorEnv({ factory: mixed, numEnvs: 2 })).rejects.toThrow(ConfigError);
    await expect(makeVectorEnv({ factory: () => Promise.reject(new ConfigError("no env")), numEnvs: 2 })).rejects.toThrow(/no env/);
  });

  it("checks the action array and reports options errors", async () => {
    const vec = await makeVectorEnv({ task: TASK, numEnvs: 2, workers: 2 });
    try {
      vec.reset(0);
      expect(() => vec.step(new Float64Array(5))).toThrow(/expects 2 × 3 = 6 action values/);
      expect(() => vec.step([0, 0, 0, 0, Number.NaN, 0])).toThrow(NdpError);
      const r = vec.step([2, 0, 0, 0, 0, 0]);
      expect(Array.from(r.clipped)).toEqual([1, 0]);
    } finally {
      await vec.close();
    }
    await expect(makeVectorEnv({ task: "nope", numEnvs: 2, workers: 2 })).rejects.toThrow(/unknown task/);
    // An error while a worker builds its envs reaches the caller with its message.
    await expect(makeVectorEnv({ task: TASK, numEnvs: 3, workers: 3, config: { nope: 1 } })).rejects.toThrow(/has no config entry "nope"/);
    await expect(makeVectorEnv({ task: TASK, numEnvs: 0 })).rejects.toThrow(/numEnvs/);
  });
});
