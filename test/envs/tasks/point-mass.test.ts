import { describe, expect, it } from "vitest";
import { checkEnv } from "../../../src/envs/check-env.js";
import { evaluatePolicy } from "../../../src/envs/evaluate.js";
import { makeEnv } from "../../../src/envs/registry.js";
import { pointMassObs } from "../../../src/envs/tasks/point-mass/config.js";
import { pointMassExpert } from "../../../src/envs/tasks/point-mass/expert.js";
import { PointMassEnv } from "../../../src/envs/tasks/point-mass/task.js";
import { defaultConfig } from "../../../src/envs/tasks/point-mass/config.js";
import { ConfigError, NdpError } from "../../../src/errors.js";

const env = (overrides: object = {}) => new PointMassEnv({ ...defaultConfig(), ...overrides });
const dist = (obs: Float64Array, d: number) => Math.hypot(...Array.from({ length: d }, (_, k) => obs[k] - obs[d + k]));

describe("point-mass", () => {
  it("has a 2D observation (position, goal) and a D-D action for any D", () => {
    for (const dims of [1, 2, 3, 5]) {
      const e = env({ dims });
      expect(e.observationSpec.shape).toEqual([2 * dims]);
      expect(e.actionSpec.shape).toEqual([dims]);
      expect(e.robotStateSize).toBe(dims);
      expect(checkEnv(e, { episodes: 3, seed: 1 })).toEqual([]);
    }
    expect(env().observationSpec.labels).toEqual(["pos_x", "pos_y", "goal_x", "goal_y"]);
    expect(env().actionSpec.labels).toEqual(["dx", "dy"]);
    expect(pointMassObs(3)).toEqual({ position: 0, goal: 3 });
  });

  it("moves by actionScale × the clipped action, inside the box, and reports the robot state", () => {
    const e = env({ randomize: false });
    const { obs } = e.reset();
    expect(Array.from(obs)).toEqual([0, 0, 0.5, 0.5]);
    const r = e.step([0.5, -3]);
    expect(r.info.clipped).toBe(1);
    expect(r.obs[0]).toBeCloseTo(0.05, 15);
    expect(r.obs[1]).toBeCloseTo(-0.1, 15);
    const s = e.robotState();
    expect(s.kind).toBe("end-effector");
    expect(Array.from(s.position)).toEqual([r.obs[0], r.obs[1]]);
    expect(s.velocity[0]).toBeCloseTo(0.05 / 0.05, 12);
    for (let t = 0; t < 20; t++) e.step([0, -1]);
    expect(e.robotState().position[1]).toBe(-1); // clipped to the box
    expect(e.robotState().velocity[1]).toBe(0);
  });

  it("rewards 10 · long_tail(distance) in [0, 10], success within the radius, truncated at the horizon", () => {
    const e = env();
    const { obs, info } = e.reset({ seed: 3 });
    expect(info.success).toBe(false);
    expect(dist(obs, 2)).toBeGreaterThanOrEqual(0.5);
    const expert = pointMassExpert(defaultConfig());
    let o = obs;
    const rewards: number[] = [];
    let last;
    for (let t = 1; t <= e.horizon; t++) {
      last = e.step(expert.act(o));
      o = last.obs;
      rewards.push(last.reward);
      expect(last.truncated).toBe(t === e.horizon);
      expect(last.terminated).toBe(false);
    }
    expect(rewards.every((r) => r >= 0 && r <= 10)).toBe(true);
    expect(last!.info.success).toBe(true);
    expect(rewards.at(-1)).toBe(10);
    expect(dist(o, 2)).toBe(0); // the expert lands exactly on the goal
    expect(() => e.step([0, 0])).toThrow(/episode ended/);
  });

  it("the expert moves along the straight line to the goal", () => {
    const e = env({ dims: 3 });
    const expert = pointMassExpert({ ...defaultConfig(), dims: 3 });
    const start = e.reset({ seed: 8 }).obs;
    const dir = [0, 1, 2].map((k) => start[3 + k] - start[k]);
    let o = start;
    for (let t = 0; t < 5; t++) {
      o = e.step(expert.act(o)).obs;
      const moved = [0, 1, 2].map((k) => o[k] - start[k]);
      const cross = [moved[1] * dir[2] - moved[2] * dir[1], moved[2] * dir[0] - moved[0] * dir[2], moved[0] * dir[1] - moved[1] * dir[0]];
      expect(Math.hypot(...cross)).toBeLessThan(1e-12);
    }
  });

  it("is seeded like every env: the same seed gives the same episode, reset() continues the stream", () => {
    const a = env();
    const b = env();
    const first = a.reset({ seed: 5 }).obs;
    expect(b.reset({ seed: 5 }).obs).toEqual(first);
    expect(a.reset().obs).not.toEqual(first);
    expect(env().reset().obs).toEqual(env().reset({ seed: 0 }).obs); // never seeded = seed 0
  });

  it("checks actions and its config", () => {
    const e = env();
    expect(() => e.step([0, 0])).toThrow(/before reset/);
    e.reset();
    expect(() => e.step([0])).toThrow(NdpError);
    expect(() => e.step([0, Number.NaN])).toThrow(/finite/);
    expect(() => env({ dims: 0 })).toThrow(ConfigError);
    expect(() => env({ actionScale: -1 })).toThrow(/actionScale must be > 0/);
    expect(() => env({ minGap: 10 }).reset()).toThrow(/lower minGap/);
  });

  it("is registered: makeEnv with config overrides, and the expert through a vector env", async () => {
    const e = await makeEnv("point-mass", { config: { dims: 4 } });
    expect(e.observationSpec.shape).toEqual([8]);
    const r = await evaluatePolicy({ task: "point-mass", policy: "expert", episodes: 10, seed: 2 });
    expect(r.success_rate).toBe(1);
    const random = await evaluatePolicy({ task: "point-mass", policy: "random", episodes: 10, seed: 2 });
    expect(random.success_rate).toBeLessThan(0.5);
  });
});
