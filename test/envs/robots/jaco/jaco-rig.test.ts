import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JACO_DOF, type JacoRig } from "../../../../src/envs/robots/jaco/jaco-rig.js";
import type { MujocoEnv } from "../../../../src/envs/mujoco-env.js";
import { makeMujocoEnv } from "../../../../src/envs/registry.js";
import { ConfigError } from "../../../../src/errors.js";

/** The rig inside a Jaco task env. */
const rigOf = (env: MujocoEnv) => (env.task as unknown as { rig: JacoRig }).rig;

/** An action with `value` at the given entries, 0 elsewhere. */
function action(entries: Record<number, number>): Float64Array {
  const a = new Float64Array(JACO_DOF);
  for (const [i, v] of Object.entries(entries)) a[Number(i)] = v;
  return a;
}

describe("Jaco rig (pick env: hand up, nothing in the way)", () => {
  let env: MujocoEnv;
  beforeAll(async () => {
    env = await makeMujocoEnv("pick");
  });
  afterAll(() => env.close());

  it("drives all three fingers from the 2nd finger's entry and ignores entries 6 and 8", () => {
    env.reset({ seed: 0 });
    let r = env.step(action({ 7: 2 }));
    for (let t = 0; t < 4; t++) r = env.step(action({ 7: 2 }));
    const [f1, f2, f3] = [r.obs[6], r.obs[7], r.obs[8]];
    expect(f2).toBeGreaterThan(0.6); // 0.2 + 5 × 0.1, closing
    expect(Math.abs(f1 - f2)).toBeLessThan(0.01);
    expect(Math.abs(f3 - f2)).toBeLessThan(0.01);
    env.reset({ seed: 0 });
    const a = env.step(action({ 6: -2, 7: 1, 8: 2 })).obs;
    env.reset({ seed: 0 });
    const b = env.step(action({ 7: 1 })).obs;
    expect(a).toEqual(b);
  });

  it("follows the commanded joint trajectory: 0.05 rad per unit action per step, about one substep behind", () => {
    const start = env.reset({ seed: 0 }).obs[0];
    let r = env.step(action({ 0: 1 }));
    for (let t = 1; t < 10; t++) r = env.step(action({ 0: 1 }));
    expect(r.obs[0] - start).toBeCloseTo(0.5, 1);
    expect(Math.abs(r.obs[0] - start - 0.5)).toBeLessThan(0.02);
    expect(r.obs[16]).toBeCloseTo(1, 1); // j1 velocity ≈ 0.05 rad / 0.05 s
    for (let t = 0; t < 5; t++) r = env.step(action({}));
    expect(Math.abs(r.obs[0] - start - 0.5)).toBeLessThan(0.005); // settles on the target
  });

  it("holds the clip limits after big actions: targets exactly at the limit, joints within 0.02", () => {
    const { jointLow, jointHigh } = rigOf(env).config;
    for (const [sign, limit] of [[1, jointHigh], [-1, jointLow]] as const) {
      env.reset({ seed: 0 });
      let r = env.step(action({ 0: 2 * sign }));
      for (let t = 0; t < 40; t++) r = env.step(action({ 0: 2 * sign, 5: 2 * sign, 7: 2 * sign }));
      const targets = rigOf(env).targets();
      expect(targets[0]).toBe(limit[0]);
      expect(targets[5]).toBe(limit[5]);
      for (let f = 6; f < 9; f++) expect(targets[f]).toBe(Math.min(jointHigh[f], Math.max(jointLow[f], limit[7])));
      expect(Math.abs(r.obs[0] - limit[0])).toBeLessThan(0.02);
      expect(Math.abs(r.obs[5] - limit[5])).toBeLessThan(0.02);
    }
  });

  it("clips out-of-bound action entries into ±actionBound and counts them", () => {
    env.reset({ seed: 0 });
    const r = env.step(action({ 0: 7, 1: -3, 2: 1.5 }));
    expect(r.info.clipped).toBe(2);
    expect(env.actionSpec.high[0]).toBe(2);
  });

  it("exposes the joint state as the DMP start state (9 angles and velocities, as observed)", () => {
    env.reset({ seed: 1 });
    const r = env.step(action({ 1: 1, 2: -1 }));
    const s = env.robotState();
    expect(s.kind).toBe("joints");
    expect(Array.from(s.position)).toEqual(Array.from(r.obs.subarray(0, 9)));
    expect(Array.from(s.velocity)).toEqual(Array.from(r.obs.subarray(16, 25)));
  });

  it("rejects a config with the wrong number of joint limits", async () => {
    await expect(makeMujocoEnv("pick", { config: { jointLow: [0, 0, 0] } })).rejects.toThrow(ConfigError);
  });
});
