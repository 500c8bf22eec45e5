import { describe, expect, it } from "vitest";
import { dmpConfig, phasePortrait, phaseSequence, positionField, referenceRollout } from "../../src/dmp/index.js";
import { ConfigError, ShapeError } from "../../src/errors.js";

describe("DMP vector field", () => {
  const cfg = dmpConfig({ nBasis: 6, steps: 100, alphaZ: 20 });
  const w = [3, -4, 10, 2, -1, 5];

  it("agrees with the reference loop's acceleration along the roll-out", () => {
    const r = referenceRollout(cfg, { y0: [0.5], dy0: [0.3], goal: [2], weights: [w] });
    const xs = phaseSequence(cfg);
    for (const t of [0, 10, 57, 100]) {
      // a 2×2 grid whose first corner is the roll-out state (y_t, ẏ_t)
      const y = r.position[t];
      const v = r.velocity[t];
      const field = phasePortrait(cfg, { weights: w, goal: 2, y0: 0.5 }, { phase: xs[t + 1], y: [y, y + 1], velocity: [v, v + 1], resolution: 2 });
      expect(field.acceleration[0]).toBeCloseTo(r.acceleration[t], 9);
    }
  });

  it("is zero at the goal at rest when the forcing is off, and points towards the goal", () => {
    const f = phasePortrait(cfg, { goal: 1, y0: 0 }, { phase: 0.5, y: [0, 2], velocity: [0, 0.001], resolution: 3 });
    expect(f.acceleration[1]).toBeCloseTo(0, 12); // y = 1 = g, ẏ = 0
    expect(f.acceleration[0]).toBeGreaterThan(0); // below the goal → accelerate up
    expect(f.acceleration[2]).toBeLessThan(0);
  });

  it("evaluates a 2-D field over positions and validates its input", () => {
    const field = positionField(cfg, { weights: [w, w.map((v) => -v)], goal: [1, 2], y0: [0, 0] }, { phase: 0.3, y1: [-1, 1], y2: [-2, 2], resolution: 5 });
    expect(field.a1.length).toBe(25);
    expect(field.a1.every(Number.isFinite) && field.a2.every(Number.isFinite)).toBe(true);
    // ÿ₁ depends only on y₁: constant down each column
    expect(field.a1[0]).toBe(field.a1[5 * 4]);
    expect(() => positionField(cfg, { weights: [w], goal: [1], y0: [0] }, { phase: 0.3, y1: [0, 1], y2: [0, 1] })).toThrow(ShapeError);
    expect(() => phasePortrait(cfg, { goal: 1, y0: 0 }, { phase: 2, y: [0, 1], velocity: [0, 1] })).toThrow(ConfigError);
    expect(() => phasePortrait(cfg, { goal: 1, y0: 0 }, { phase: 0.5, y: [1, 0], velocity: [0, 1] })).toThrow(/min < max/);
  });
});
