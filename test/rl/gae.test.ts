// GAE against a hand-computed roll-out with a truncation and a termination in it.
import { describe, expect, it } from "vitest";
import { gae } from "../../src/rl/gae.js";

describe("gae", () => {
  it("matches a hand-computed example (one env, truncation at t = 1, γ = 0.5, λ = 0.5)", () => {
    // t: 0      1 (truncated, bootstrap V(final) = 4)   2       3 (last step, bootstrap 10)
    const rewards = [1, 2, 3, 4];
    const values = [10, 20, 30, 40];
    const nextValues = [20, 4, 40, 10];
    const ends = [0, 1, 0, 0];
    const { advantages, returns } = gae({ rewards, values, nextValues, ends, numEnvs: 1, gamma: 0.5, lambda: 0.5 });
    // δ = r + γ v' − v: δ0 = 1 + 10 − 10 = 1, δ1 = 2 + 2 − 20 = −16, δ2 = 3 + 20 − 30 = −7, δ3 = 4 + 5 − 40 = −31
    // A3 = −31; A2 = −7 + 0.25·(−31) = −14.75; A1 = −16 (the episode ended: no A2 term); A0 = 1 + 0.25·(−16) = −3
    expect(Array.from(advantages)).toEqual([-3, -16, -14.75, -31]);
    expect(Array.from(returns)).toEqual([7, 4, 15.25, 9]);
  });

  it("treats envs independently in the time-major layout", () => {
    const one = gae({ rewards: [1, 2, 3], values: [0.5, 0.1, 0.2], nextValues: [0.1, 0.2, 0.7], ends: [0, 0, 1], numEnvs: 1, gamma: 0.9, lambda: 0.8 });
    const other = gae({ rewards: [5, 0, 1], values: [1, 2, 3], nextValues: [2, 3, 0], ends: [0, 1, 0], numEnvs: 1, gamma: 0.9, lambda: 0.8 });
    const both = gae({ rewards: [1, 5, 2, 0, 3, 1], values: [0.5, 1, 0.1, 2, 0.2, 3], nextValues: [0.1, 2, 0.2, 3, 0.7, 0], ends: [0, 0, 0, 1, 1, 0], numEnvs: 2, gamma: 0.9, lambda: 0.8 });
    for (let t = 0; t < 3; t++) {
      expect(both.advantages[2 * t]).toBeCloseTo(one.advantages[t], 12);
      expect(both.advantages[2 * t + 1]).toBeCloseTo(other.advantages[t], 12);
    }
  });

  it("with λ = 1 and no ends gives discounted returns minus values", () => {
    const rewards = [1, 1, 1];
    const { returns } = gae({ rewards, values: [0, 0, 0], nextValues: [0, 0, 0], ends: [0, 0, 0], numEnvs: 1, gamma: 0.9, lambda: 1 });
    expect(Array.from(returns).map((x) => +x.toFixed(12))).toEqual([2.71, 1.9, 1]);
  });

  it("rejects mismatched lengths", () => {
    expect(() => gae({ rewards: [1, 2], values: [1], nextValues: [1, 2], ends: [0, 0], numEnvs: 1, gamma: 0.9, lambda: 0.9 })).toThrow(/values has 1 entries/);
  });
});
