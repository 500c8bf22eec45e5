import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluatePolicy } from "../../../src/envs/evaluate.js";
import type { MujocoEnv } from "../../../src/envs/mujoco-env.js";
import { makeMujocoEnv } from "../../../src/envs/registry.js";

/** The bin point of jaco-throw.xml: bin at (1.5, 0), point 0.031 towards the back wall, 0.042 up. */
const BIN_POINT = [1.531, 0, 0.042];

describe("throw", () => {
  let env: MujocoEnv;
  beforeAll(async () => {
    env = await makeMujocoEnv("throw", { config: { shaping: 0 } }); // the original reward; the shaping is tested below
  });
  afterAll(() => env.close());

  /** Put the cube at (x, y, z), unrotated and at rest, and evaluate the task's rule on that state. */
  function placeCube(x: number, y: number, z = 0.04) {
    env.task.sim.setFreeJoint("cube_joint", [x, y, z]);
    env.task.sim.forward();
    return env.task.evaluate();
  }

  it("resets like the original: 41-D obs, closed fingers, cube near (0.6, 0.1), goal vector to the bin point", () => {
    const { obs, info } = env.reset({ seed: 3 });
    expect(obs.length).toBe(41);
    expect(env.observationSpec.labels.slice(38)).toEqual(["goal_dx", "goal_dy", "goal_dz"]);
    expect(Array.from(obs.subarray(0, 6)).map((v) => +v.toFixed(4))).toEqual([-0.0786, -0.1, 0.6732, 1.5, -2.8393, 0]);
    for (let f = 6; f < 9; f++) expect(obs[f]).toBeCloseTo(0.698, 6); // target 0.9, stopped at the joint limit
    expect(Math.abs(obs[9] - 0.6)).toBeLessThanOrEqual(0.02);
    expect(Math.abs(obs[10] - 0.1)).toBeLessThanOrEqual(0.02);
    expect(obs[11]).toBe(0.04);
    expect([obs[16], obs[17], obs[33], obs[34]]).toEqual([0, 0, 0, 0]);
    for (let k = 0; k < 3; k++) expect(obs[38 + k]).toBeCloseTo(BIN_POINT[k] - obs[9 + k], 9);
    expect(info.success).toBe(false);
    expect(env.horizon).toBe(50);
    expect(env.dt).toBeCloseTo(0.05, 12);
  });

  it("keeps the goal vector constant during the episode and randomises only within ±0.02", async () => {
    const first = env.reset({ seed: 4 }).obs;
    const later = env.step(new Float64Array(9).fill(1)).obs;
    expect(Array.from(later.subarray(38))).toEqual(Array.from(first.subarray(38)));
    const fixed = await makeMujocoEnv("throw", { config: { randomize: false } });
    try {
      const o = fixed.reset({ seed: 9 }).obs;
      expect([o[9], o[10]]).toEqual([0.6, 0.1]);
    } finally {
      fixed.close();
    }
  });

  it("success rule: cube in the bin → success and the full reward; outside the 0.19 m radius → not", () => {
    const { obs } = env.reset({ seed: 0 });
    const d0 = Math.hypot(obs[38], obs[39], obs[40]);
    // At the start: reward = 40 (1 − d_xy / d0) with d_xy the XY part of the same distance.
    const atStart = placeCube(obs[9], obs[10]);
    expect(atStart.success).toBe(false);
    expect(atStart.reward).toBeCloseTo(40 * (1 - Math.hypot(obs[38], obs[39]) / d0), 9);
    // Resting inside the bin, anywhere on its floor.
    for (const [dx, dy] of [[0, 0], [-0.08, 0.08], [0.08, -0.08]]) {
      const r = placeCube(1.5 + dx, dy, 0.046);
      expect(r.success).toBe(true);
      expect(r.reward).toBe(40);
    }
    // 0.185 from the bin point: past the 0.18 full-reward radius but inside the 0.19 success radius.
    const edge = placeCube(BIN_POINT[0] - 0.185, 0);
    expect(edge.success).toBe(true);
    expect(edge.reward).toBeCloseTo(40 * (1 - 0.185 / d0), 9);
    expect(placeCube(BIN_POINT[0] - 0.2, 0).success).toBe(false);
    expect(placeCube(1.0, 0.0).success).toBe(false);
  });

  it("a cube dropped into the bin stays in (the walls hold it) and the step reports success", () => {
    env.reset({ seed: 0 });
    env.task.sim.setFreeJoint("cube_joint", [1.55, 0.02, 0.2]);
    let r = env.step(new Float64Array(9));
    for (let t = 0; t < 10; t++) r = env.step(new Float64Array(9));
    expect(r.info.success).toBe(true);
    expect(r.obs[11]).toBeLessThan(0.06);
  });

  it("truncates with a reason on injected instability, never returns NaN, and resets cleanly", () => {
    const start = env.reset({ seed: 2 }).obs;
    const ok = env.step(new Float64Array(9));
    env.task.sim.qvel[3] = Number.NaN;
    const bad = env.step(new Float64Array(9));
    expect(bad.truncated).toBe(true);
    expect(bad.info.reason).toMatch(/unstable/);
    expect(bad.reward).toBe(0);
    expect(Array.from(bad.obs).every(Number.isFinite)).toBe(true);
    expect(bad.obs).toEqual(ok.obs);
    expect(env.reset({ seed: 2 }).obs).toEqual(start);
    expect(env.step(new Float64Array(9)).obs).toEqual(ok.obs);
  });

  it("the scripted expert lands the cube in the bin; random actions do not", async () => {
    const expert = await evaluatePolicy({ task: "throw", policy: "expert", episodes: 4, seed: 11 });
    expect(expert.success_rate).toBe(1);
    const random = await evaluatePolicy({ task: "throw", policy: "random", episodes: 4, seed: 11 });
    expect(random.success_rate).toBe(0);
  });

  it("adds the grasp shaping by default: 5 · [(1 − tanh(5 ‖fingers − cube‖)) + clip((z − 0.04) / 0.1, 0, 1)]", async () => {
    const shaped = await makeMujocoEnv("throw");
    try {
      for (const z of [0.04, 0.09, 0.3]) {
        const { obs } = shaped.reset({ seed: 3 });
        shaped.task.sim.setFreeJoint("cube_joint", [0.7, 0.05, z]);
        shaped.task.sim.forward();
        const withShaping = shaped.task.evaluate().reward;
        env.reset({ seed: 3 });
        env.task.sim.setFreeJoint("cube_joint", [0.7, 0.05, z]);
        env.task.sim.forward();
        const original = env.task.evaluate().reward;
        const gap = Math.hypot(obs[35] - 0.7, obs[36] - 0.05, obs[37] - z);
        const expected = 5 * (1 - Math.tanh(5 * gap) + Math.min(1, Math.max(0, (z - 0.04) / 0.1)));
        expect(withShaping - original).toBeCloseTo(expected, 6);
      }
    } finally {
      shaped.close();
    }
  });
});
