import { describe, expect, it } from "vitest";
import { makeEnv } from "../../src/envs/registry.js";
import { deriveSeed, Rng } from "../../src/math/rng.js";
import { makeVectorEnv } from "../../src/envs/vector/make-vector-env.js";
import type { VectorEnv } from "../../src/envs/vector/vector-env.js";
import { NdpError } from "../../src/errors.js";

const TASK = "reach";
const N = 3;
const STEPS = 160; // past the 150-step horizon: every env auto-resets once
const SEED = 21;

function actionsAt(t: number, n: number, a: number): Float64Array {
  const rng = new Rng(1000 + t);
  return Float64Array.from({ length: n * a }, () => rng.uniform(-1.2, 1.2));
}

/** Everything a vector env returns over the run, flattened. */
function record(vec: VectorEnv): number[] {
  const out: number[] = [...vec.reset(SEED).obs];
  for (let t = 0; t < STEPS; t++) {
    const r = vec.step(actionsAt(t, vec.numEnvs, vec.actionSpec.shape[0]));
    out.push(...r.obs, ...r.rewards, ...r.truncated, ...r.success, ...r.clipped, ...r.robotPosition, ...r.robotVelocity);
    r.truncated.forEach((d, i) => d && out.push(...r.finalObs.subarray(i * 9, (i + 1) * 9)));
  }
  return out;
}

describe("vector envs", () => {
  it("equal sequential envs (same seeds, same-step auto-reset) in-process and with 1 and 2 workers", async () => {
    // The reference: N plain envs, env i seeded with deriveSeed(SEED, i), reset when truncated.
    const envs = await Promise.all(Array.from({ length: N }, () => makeEnv(TASK)));
    const expected: number[] = [];
    const first = envs.map((env, i) => env.reset({ seed: deriveSeed(SEED, i) }).obs);
    first.forEach((o) => expected.push(...o));
    for (let t = 0; t < STEPS; t++) {
      const acts = actionsAt(t, N, 3);
      const rs = envs.map((env, i) => env.step(acts.subarray(3 * i, 3 * i + 3)));
      const obs = rs.map((r, i) => (r.truncated ? envs[i].reset().obs : r.obs));
      const robots = envs.map((env) => env.robotState());
      expected.push(...obs.flatMap((o) => [...o]), ...rs.map((r) => r.reward), ...rs.map((r) => (r.truncated ? 1 : 0)));
      expected.push(...rs.map((r) => (r.info.success ? 1 : 0)), ...rs.map((r) => r.info.clipped));
      expected.push(...robots.flatMap((s) => [...s.position]), ...robots.flatMap((s) => [...s.velocity]));
      rs.forEach((r) => r.truncated && expected.push(...r.obs));
    }
    envs.forEach((env) => env.close());

    for (const workers of [0, 1, 2, 3]) {
      const vec = await makeVectorEnv({ task: TASK, numEnvs: N, workers });
      try {
        expect(record(vec), `workers=${workers}`).toEqual(expected);
      } finally {
        await vec.close();
      }
    }
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
