import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluatePolicy } from "../../../src/envs/evaluate.js";
import type { MujocoEnv } from "../../../src/envs/mujoco-env.js";
import { makeMujocoEnv } from "../../../src/envs/registry.js";

describe("pick", () => {
  let env: MujocoEnv;
  beforeAll(async () => {
    env = await makeMujocoEnv("pick", { config: { shaping: 0 } }); // the original reward (the shaping is tested with throw)
  });
  afterAll(() => env.close());

  /** Put the cube at p, at rest, and evaluate the success rule on that state. */
  function placeCube(p: readonly number[]) {
    env.task.sim.setFreeJoint("cube_joint", p);
    env.task.sim.forward();
    return env.task.evaluate().success;
  }

  it("resets like the original: 34-D obs, hand up at z ≈ 0.73, fingers 0.2, cube near (0.55, 0.15)", () => {
    const { obs, info } = env.reset({ seed: 5 });
    expect(obs.length).toBe(34);
    expect(obs[1]).toBe(-1);
    for (let f = 6; f < 9; f++) expect(obs[f]).toBe(0.2);
    expect(Math.abs(obs[9] - 0.55)).toBeLessThanOrEqual(0.02);
    expect(Math.abs(obs[10] - 0.15)).toBeLessThanOrEqual(0.02);
    expect(obs[33]).toBeGreaterThan(0.7); // finger centroid height
    expect(info.success).toBe(false);
  });

  it("success rule: lifted cube between the fingers → success; on the ground or away from the fingers → not", () => {
    const { obs } = env.reset({ seed: 0 });
    const centroid = [obs[31], obs[32], obs[33]];
    expect(placeCube(centroid)).toBe(true);
    expect(placeCube([centroid[0] + 0.1, centroid[1], centroid[2] + 0.1])).toBe(true); // 0.141 away
    expect(placeCube([centroid[0] + 0.11, centroid[1], centroid[2] + 0.11])).toBe(false); // 0.156 away
    expect(placeCube([obs[9], obs[10], 0.04])).toBe(false); // resting on the ground
    expect(placeCube([0.2, -0.4, 0.5])).toBe(false); // high but far from the hand
  });

  it("rewards the cube height, summed over the 5 substeps, only while it is lifted and near the fingers", () => {
    const { obs } = env.reset({ seed: 0 });
    env.task.sim.setFreeJoint("cube_joint", [obs[31], obs[32], obs[33]]);
    const r = env.step(new Float64Array(9)); // the cube moves ≤ 2 cm (falling, nudged by the fingers) in 0.05 s
    expect(Math.abs(r.reward - 5 * obs[33])).toBeLessThan(5 * 0.02);
    env.reset({ seed: 0 });
    expect(env.step(new Float64Array(9)).reward).toBe(0); // cube on the ground
  });

  it("the scripted expert picks the cube up; random actions do not", async () => {
    const expert = await evaluatePolicy({ task: "pick", policy: "expert", episodes: 4, seed: 11 });
    expect(expert.success_rate).toBe(1);
    expect(expert.mean_return).toBeGreaterThan(40);
    const random = await evaluatePolicy({ task: "pick", policy: "random", episodes: 4, seed: 11 });
    expect(random.success_rate).toBe(0);
  });
});
