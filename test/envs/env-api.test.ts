import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkEnv } from "../../src/envs/check-env.js";
import type { Env } from "../../src/envs/env.js";
import type { MujocoEnv } from "../../src/envs/mujoco-env.js";
import { listTasks, makeEnv, makeMujocoEnv } from "../../src/envs/registry.js";
import { Rng } from "../../src/math/rng.js";
import { NdpError } from "../../src/errors.js";

/** Roll out `steps` seeded random actions; return every obs and reward. */
function rollout(env: Env, seed: number, steps: number): number[] {
  const out: number[] = [...env.reset({ seed }).obs];
  const rng = new Rng(seed, 99);
  for (let t = 0; t < steps; t++) {
    const r = env.step(Array.from({ length: env.actionSpec.shape[0] }, () => rng.uniform(-1, 1)));
    out.push(...r.obs, r.reward, r.info.success ? 1 : 0);
  }
  return out;
}

describe.each(listTasks().map((t) => t.name))("registered task %s", (name) => {
  let env: Env;
  let twin: Env;
  beforeAll(async () => {
    env = await makeEnv(name);
    twin = await makeEnv(name);
  });
  afterAll(() => {
    env.close();
    twin.close();
  });

  it("passes the env checker (shapes, bounds, no NaN, horizon) over a full random episode", () => {
    expect(checkEnv(env, { episodes: 1, seed: 3 })).toEqual([]);
  });

  it("is deterministic: the same seed gives identical observations and rewards", () => {
    const a = rollout(env, 11, 40);
    const b = rollout(twin, 11, 40);
    expect(b).toEqual(a);
    expect(rollout(env, 12, 0)).not.toEqual(a.slice(0, env.observationSpec.shape[0]));
  });

  it("reseeds only when a seed is given", () => {
    const first = env.reset({ seed: 5 }).obs;
    const next = env.reset().obs;
    expect(next).not.toEqual(first); // the stream continued: a new random start
    expect(env.reset({ seed: 5 }).obs).toEqual(first);
  });
});

describe("env API behaviour (reach)", () => {
  let env: MujocoEnv;
  beforeAll(async () => {
    env = await makeMujocoEnv("reach");
  });
  afterAll(() => env.close());

  it("refuses to step before reset and after the episode ended", async () => {
    const fresh = await makeEnv("reach");
    try {
      expect(() => fresh.step([0, 0, 0])).toThrow(/before reset/);
    } finally {
      fresh.close();
    }
    env.reset({ seed: 0 });
    let r;
    for (let t = 0; t < env.horizon; t++) r = env.step([0, 0, 0]);
    expect(r!.truncated).toBe(true);
    expect(r!.terminated).toBe(false);
    expect(() => env.step([0, 0, 0])).toThrow(/episode ended.*reset/);
  });

  it("rejects actions of the wrong length or with non-finite values", () => {
    env.reset({ seed: 0 });
    expect(() => env.step([0, 0])).toThrow(NdpError);
    expect(() => env.step([0, 0])).toThrow(/expects an action of 3 values/);
    expect(() => env.step([0, Number.NaN, 0])).toThrow(/action\[1\].*finite/);
    expect(() => env.step([0, 0, Infinity])).toThrow(NdpError);
  });

  it("clips out-of-range actions and counts them", () => {
    env.reset({ seed: 0 });
    const a = env.step([5, -0.5, -7]);
    expect(a.info.clipped).toBe(2);
    const b = env.step([0.1, 0.1, 0.1]);
    expect(b.info.clipped).toBe(0);
    expect(b.info.clippedTotal).toBe(2);
    // A clipped action acts like the bound: the same seed with [1, -0.5, -1] gives the same obs.
    const ref = env.reset({ seed: 0 }) && env.step([1, -0.5, -1]);
    expect(ref.obs).toEqual(a.obs);
  });

  it("truncates with a reason on physics instability, never returns NaN, and resets cleanly", () => {
    const start = env.reset({ seed: 4 }).obs;
    const ok = env.step([0.2, 0, 0]);
    env.task.sim.qvel[0] = Number.NaN; // inject an unstable state
    const bad = env.step([0.2, 0, 0]);
    expect(bad.truncated).toBe(true);
    expect(bad.info.reason).toMatch(/unstable.*BADQ/);
    expect(bad.reward).toBe(0);
    expect(Array.from(bad.obs).every(Number.isFinite)).toBe(true);
    expect(bad.obs).toEqual(ok.obs); // the last stable observation
    expect(() => env.step([0, 0, 0])).toThrow(/reset/);
    expect(env.reset({ seed: 4 }).obs).toEqual(start);
    const after = env.step([0.2, 0, 0]);
    expect(after.obs).toEqual(ok.obs);
    expect(after.info.reason).toBeUndefined();
  });

  it("exposes the DMP start state: hand position and its velocity over the last step", () => {
    const { obs } = env.reset({ seed: 2 });
    const s0 = env.robotState();
    expect(s0.kind).toBe("end-effector");
    expect(Array.from(s0.position)).toEqual(Array.from(obs.subarray(0, 3)));
    expect(Math.hypot(...s0.velocity)).toBeLessThan(0.05);
    for (let t = 0; t < 10; t++) env.step([1, 0, 0]);
    const s = env.robotState();
    expect(s.velocity[0]).toBeGreaterThan(0.5); // 0.01 m per 0.0125 s step = 0.8 m/s
    expect(s.velocity[0]).toBeLessThan(1.0);
    expect(env.dt).toBeCloseTo(0.0125, 12);
  });
});
