// Aggregation over seeds against hand-computed numbers.
import { describe, expect, it } from "vitest";
import { aggregatePoint, curveArea, firstReach, interpolate, meanCurve, meanStd } from "../../src/experiments/aggregate.js";

describe("meanStd", () => {
  it("is the mean and the sample (n − 1) standard deviation", () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, Σ(x − 5)² = 32, sample std √(32/7)
    const m = meanStd([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(m.mean).toBe(5);
    expect(m.std).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(m.n).toBe(8);
    expect(meanStd([0.3])).toEqual({ mean: 0.3, std: 0, n: 1 });
    expect(meanStd([0, 1]).std).toBeCloseTo(Math.SQRT1_2, 12);
  });
});

describe("interpolate", () => {
  const c: [number, number][] = [[10, 0], [20, 1], [40, 0.5]];
  it("is linear between points and undefined outside them", () => {
    expect(interpolate(c, 10)).toBe(0);
    expect(interpolate(c, 15)).toBe(0.5);
    expect(interpolate(c, 30)).toBe(0.75);
    expect(interpolate(c, 40)).toBe(0.5);
    expect(interpolate(c, 5)).toBeUndefined();
    expect(interpolate(c, 41)).toBeUndefined();
    expect(interpolate([[7, 0.2]], 7)).toBe(0.2);
  });
});

describe("meanCurve", () => {
  it("averages seeds on the union of their x values inside the range all cover", () => {
    // seed A evaluated at 0, 10, 20; seed B at 5, 15, 25 → common range [5, 20], grid 5, 10, 15, 20
    const a: [number, number][] = [[0, 0], [10, 1], [20, 1]];
    const b: [number, number][] = [[5, 0], [15, 0], [25, 1]];
    const m = meanCurve([a, b]);
    expect(m.x).toEqual([5, 10, 15, 20]);
    // A at 5, 10, 15, 20 = 0.5, 1, 1, 1; B = 0, 0, 0, 0.5
    expect(m.mean).toEqual([0.25, 0.5, 0.5, 0.75]);
    expect(m.std[0]).toBeCloseTo(Math.sqrt(((0.5 - 0.25) ** 2 + (0 - 0.25) ** 2) / 1), 12);
    expect(m.n).toBe(2);
  });

  it("is the curve itself for one seed, and empty for none", () => {
    expect(meanCurve([[[1, 0.1], [2, 0.2]]])).toEqual({ x: [1, 2], mean: [0.1, 0.2], std: [0, 0], n: 1 });
    expect(meanCurve([]).x).toEqual([]);
  });
});

describe("curveArea and firstReach", () => {
  it("give the trapezoidal mean and the first crossing", () => {
    // 0 → 1 over [0, 10], then flat 1 to 20: area 5 + 10 = 15 over width 20
    expect(curveArea([0, 10, 20], [0, 1, 1])).toBe(0.75);
    expect(curveArea([5], [0.4])).toBe(0.4);
    expect(firstReach([0, 10, 20], [0, 1, 1], 0.25)).toBe(2.5);
    expect(firstReach([0, 10, 20], [0.5, 1, 1], 0.25)).toBe(0);
    expect(firstReach([0, 10], [0, 0.2], 0.5)).toBeUndefined();
  });
});

describe("aggregatePoint", () => {
  it("combines final numbers, curves and the score at fractions of the budget", () => {
    const runs = [
      { budget: 100, curve: [[25, 0], [50, 0.4], [75, 0.6], [100, 0.8]] as [number, number][], final: { success_rate: 0.8, return: 10 } },
      { budget: 100, curve: [[25, 0.2], [50, 0.2], [75, 0.4], [100, 0.6]] as [number, number][], final: { success_rate: 0.6, return: 14 } },
    ];
    const a = aggregatePoint(runs, [0.1, 0.25, 0.6, 1]);
    expect(a.n).toBe(2);
    expect(a.budget).toBe(100);
    expect(a.final.success_rate.mean).toBeCloseTo(0.7, 12);
    expect(a.final.return).toEqual({ mean: 12, std: Math.sqrt(8), n: 2 });
    expect(a.curve.x).toEqual([25, 50, 75, 100]);
    expect(a.at[0]).toEqual({ fraction: 0.1, x: 10, score: undefined }); // before the first evaluation
    expect(a.at[1].score!.mean).toBeCloseTo(0.1, 12);
    // at 60: seed 1 = 0.4 + 0.2·(10/25) = 0.48, seed 2 = 0.2 + 0.2·(10/25) = 0.28 → mean 0.38, std √0.02
    expect(a.at[2].score!.mean).toBeCloseTo(0.38, 12);
    expect(a.at[2].score!.std).toBeCloseTo(Math.sqrt(0.02), 12);
    expect(a.at[3].score!.mean).toBeCloseTo(0.7, 12);
  });
});
