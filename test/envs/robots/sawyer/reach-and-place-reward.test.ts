// The Sawyer object tasks' reward: 10 on success, else wReach · reach + wPlace · place (long tail).
import { describe, expect, it } from "vitest";
import { reachAndPlaceReward } from "../../../../src/envs/robots/sawyer/reach-and-place-reward.js";

const radii = { successRadius: 0.05, reachRadius: 0.02 };

describe("reachAndPlaceReward", () => {
  it("is 10 with success once the object is within the success radius (the radius included)", () => {
    for (const placeDistance of [0, 0.03, 0.05]) {
      expect(reachAndPlaceReward({ reachDistance: 1, reachMargin: 0.3, placeDistance, placeMargin: 0.2 }, radii, [2, 6])).toEqual({ reward: 10, success: true });
    }
  });

  it("matches hand-computed values before success", () => {
    // TCP at the object (reach = 1); d − r = 0.1 = half the place margin: place = 1 / (1 + 9/4) = 4/13.
    const a = reachAndPlaceReward({ reachDistance: 0.01, reachMargin: 0.3, placeDistance: 0.15, placeMargin: 0.2 }, radii, [2, 6]);
    expect(a.success).toBe(false);
    expect(a.reward).toBeCloseTo(2 + (6 * 4) / 13, 12);
    // Both terms one margin out: 0.1 each; faucet-open weights (4, 6): 0.4 + 0.6 = 1.
    const b = reachAndPlaceReward({ reachDistance: 0.32, reachMargin: 0.3, placeDistance: 0.25, placeMargin: 0.2 }, radii, [4, 6]);
    expect(b.reward).toBeCloseTo(1, 12);
    // A zero place margin (object already at its start distance): place = 0, reach = 1 / (1 + 9 · 4) = 1/37.
    const c = reachAndPlaceReward({ reachDistance: 0.62, reachMargin: 0.3, placeDistance: 0.2, placeMargin: 0 }, radii, [2, 6]);
    expect(c.reward).toBeCloseTo(2 / 37, 12);
  });

  it("stays below the success reward and grows as the object nears the goal", () => {
    const at = (placeDistance: number) => reachAndPlaceReward({ reachDistance: 0.01, reachMargin: 0.3, placeDistance, placeMargin: 0.3 }, radii, [2, 6]).reward;
    const rewards = [0.4, 0.3, 0.2, 0.1, 0.051].map(at);
    for (let i = 1; i < rewards.length; i++) expect(rewards[i]).toBeGreaterThan(rewards[i - 1]);
    expect(Math.max(...rewards)).toBeLessThanOrEqual(8);
  });
});
