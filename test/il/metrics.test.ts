import { describe, expect, it } from "vitest";
import { meanSquaredJerk, perSampleMse, trajectoryMse, perSampleJerk, std } from "../../src/il/metrics.js";
import { ShapeError } from "../../src/errors.js";

describe("imitation metrics", () => {
  it("Table 2 MSE: mean over samples of the mean over time steps and x/y (hand-computed)", () => {
    // two samples, 2 points, 2 dims
    const target = [0, 0, 1, 1, /* s2 */ 5, 5, 5, 5];
    const pred = [1, 0, 1, 3, /* s2 */ 5, 5, 5, 8];
    // s1: (1 + 0 + 0 + 4) / 4 = 1.25; s2: (0 + 0 + 0 + 9) / 4 = 2.25
    expect(Array.from(perSampleMse(pred, target, 2, 2))).toEqual([1.25, 2.25]);
    expect(trajectoryMse(pred, target, 2, 2)).toBe(1.75);
    expect(std([1.25, 2.25])).toBe(0.5);
  });

  it("jerk is zero for quadratic motion and 36 per step for y = t³ (third difference 6)", () => {
    const quad = Array.from({ length: 10 }, (_, t) => 3 * t * t - 2 * t + 1);
    expect(meanSquaredJerk(quad, 10, 1)).toBe(0);
    const cubic = Array.from({ length: 10 }, (_, t) => t ** 3);
    expect(Array.from(perSampleJerk(cubic, 10, 1))).toEqual([36]);
    // two dims: the x column cubic, the y column constant → mean over dims = 18
    const xy = Array.from({ length: 10 }, (_, t) => [t ** 3, 7]).flat();
    expect(meanSquaredJerk(xy, 10, 2)).toBe(18);
  });

  it("rejects mismatched sizes", () => {
    expect(() => trajectoryMse([1, 2, 3], [1, 2, 3, 4], 2, 2)).toThrow(ShapeError);
    expect(() => meanSquaredJerk([1, 2, 3], 3, 1)).toThrow(/at least 4 points/);
  });
});
