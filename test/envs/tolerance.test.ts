// tolerance(x; [lo, hi], margin): 1 inside, 1 / (1 + 9 d²) outside with d = distance / margin.
import { describe, expect, it } from "vitest";
import { tolerance } from "../../src/envs/tolerance.js";

describe("tolerance (long-tail reward shaping)", () => {
  it("is 1 inside the bounds, the bounds included", () => {
    for (const x of [0.2, 0.3, 0.5]) expect(tolerance(x, 0.2, 0.5, 0.1)).toBe(1);
    expect(tolerance(0, 0, 0, 0)).toBe(1);
  });

  it("matches hand-computed values outside, on both sides", () => {
    // d = 1: 1 / (1 + 9) = 0.1
    expect(tolerance(0.6, 0.2, 0.5, 0.1)).toBeCloseTo(0.1, 12);
    expect(tolerance(0.1, 0.2, 0.5, 0.1)).toBeCloseTo(0.1, 12);
    // d = 0.5: 1 / (1 + 9/4) = 4/13
    expect(tolerance(0.55, 0.2, 0.5, 0.1)).toBeCloseTo(4 / 13, 12);
    expect(tolerance(0.15, 0.2, 0.5, 0.1)).toBeCloseTo(4 / 13, 12);
    // d = 2: 1 / 37; d = 1/3: 1 / 2 exactly
    expect(tolerance(0.9, 0.2, 0.5, 0.2)).toBeCloseTo(1 / 37, 12);
    expect(tolerance(-0.1, 0, 0, 0.3)).toBeCloseTo(0.5, 12);
  });

  it("is 0 outside when the margin is 0, and decreases with the distance", () => {
    expect(tolerance(0.51, 0.2, 0.5, 0)).toBe(0);
    expect(tolerance(0.19, 0.2, 0.5, 0)).toBe(0);
    const values = [0.5, 0.55, 0.6, 0.8, 1.5].map((x) => tolerance(x, 0.2, 0.5, 0.1));
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeLessThan(values[i - 1]);
    expect(values.every((v) => v > 0 && v <= 1)).toBe(true);
  });
});
