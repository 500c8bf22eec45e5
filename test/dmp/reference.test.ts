import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { dmpConfig, referenceRollout } from "../../src/dmp/index.js";
import { ShapeError } from "../../src/errors.js";

describe("referenceRollout", () => {
  // Hand-worked: N = 1 ("release": c = 1, so φ(x) = x), αz = 4, βz = 1, m = 2, dt = 0.5,
  // y0 = 0, g = 1, w = 2 → f_t = 2 x_t. Phases 0.5, 0.25, (0.125).
  //   t=1: f=1,    dz = 4(1−0)−0+1 = 5,           y1 = 0,    z1 = 2.5
  //   t=2: f=0.5,  dz = 4(1·(1−0)−2.5)+0.5 = −5.5, y2 = 1.25, z2 = −0.25
  //   extra: f=0.25, dz = 4(1·(1−1.25)+0.25)+0.25 = 0.25
  it("matches a hand-worked two-step roll-out", () => {
    const cfg = dmpConfig({ nBasis: 1, steps: 2, alphaZ: 4, betaZ: 1 });
    const r = referenceRollout(cfg, { y0: [0], goal: [1], weights: [[2]] });
    expect(Array.from(r.position)).toEqual([0, 0, 1.25]);
    expect(Array.from(r.velocity)).toEqual([0, 2.5, -0.25]);
    expect(Array.from(r.acceleration)).toEqual([5, -5.5, 0.25]);
  });

  const cases = fc.record({
    n: fc.integer({ min: 1, max: 20 }),
    m: fc.integer({ min: 10, max: 300 }),
    alpha: fc.double({ min: 1, max: 40, noNaN: true }),
    y0: fc.double({ min: -5, max: 5, noNaN: true }),
    g: fc.double({ min: -5, max: 5, noNaN: true }),
  });

  it("with w = 0 and ẏ0 = 0 approaches g critically damped: same side, monotone, no overshoot", () => {
    fc.assert(
      fc.property(cases, ({ n, m, alpha, y0, g }) => {
        fc.pre(alpha / m < 2); // λ = 1 − αh/2 > 0
        const cfg = dmpConfig({ nBasis: n, steps: m, alphaZ: alpha });
        const y = referenceRollout(cfg, { y0: [y0], goal: [g] }).position;
        let prev = Math.abs(y0 - g);
        for (const v of y) {
          expect(Math.sign(v - g) * Math.sign(y0 - g)).toBeGreaterThanOrEqual(0);
          expect(Math.abs(v - g)).toBeLessThanOrEqual(prev + 1e-12);
          prev = Math.abs(v - g);
        }
      }),
    );
  });

  it("starts at y0 and is consistent with its own velocities and accelerations", () => {
    fc.assert(
      fc.property(cases, fc.array(fc.double({ min: -30, max: 30, noNaN: true }), { minLength: 20, maxLength: 20 }), ({ n, m, alpha, y0, g }, w) => {
        const cfg = dmpConfig({ nBasis: n, steps: m, alphaZ: alpha });
        const r = referenceRollout(cfg, { y0: [y0], dy0: [0.7], goal: [g], weights: [w.slice(0, n)] });
        expect(r.position[0]).toBe(y0);
        expect(r.velocity[0]).toBeCloseTo(0.7, 14);
        for (let t = 0; t < m; t++) {
          expect(r.position[t + 1]).toBeCloseTo(r.position[t] + r.velocity[t] * cfg.dt, 9);
          expect(r.velocity[t + 1]).toBeCloseTo(r.velocity[t] + r.acceleration[t] * cfg.dt, 9);
        }
      }),
    );
  });

  it("is linear in the weights", () => {
    fc.assert(
      fc.property(cases, fc.array(fc.double({ min: -30, max: 30, noNaN: true }), { minLength: 40, maxLength: 40 }), ({ n, m, alpha, y0, g }, w) => {
        const cfg = dmpConfig({ nBasis: n, steps: m, alphaZ: alpha });
        const w1 = w.slice(0, n);
        const w2 = w.slice(20, 20 + n);
        const roll = (ws: number[]) => referenceRollout(cfg, { y0: [y0], goal: [g], weights: [ws] }).position;
        const base = roll(new Array(n).fill(0));
        const a = roll(w1);
        const b = roll(w2);
        const ab = roll(w1.map((v, i) => 2 * v - 3 * w2[i]));
        const scale = Math.max(1, ...[base, a, b, ab].flatMap((r) => Array.from(r, Math.abs)));
        ab.forEach((v, t) => expect(Math.abs(v - base[t] - (2 * (a[t] - base[t]) - 3 * (b[t] - base[t])))).toBeLessThan(1e-10 * scale));
      }),
    );
  });

  it("converges to the goal when the roll-out is long (m·dt ≫ τ)", () => {
    for (const basis of ["gaussian", "linear", "multiquadric", "inverse-quadric", "inverse-multiquadric"] as const) {
      const cfg = dmpConfig({ nBasis: 10, steps: 4000, dt: 0.005, alphaZ: 25, basis, aX: 1 });
      const w = [[5, -3, 8, 1, -6, 2, 0, 4, -1, 3]];
      const r = referenceRollout(cfg, { y0: [0.2], dy0: [1], goal: [1.5], weights: w });
      expect(Math.abs(r.position[cfg.steps] - 1.5)).toBeLessThan(1e-3);
      expect(Math.abs(r.velocity[cfg.steps])).toBeLessThan(1e-2);
    }
  });

  it("rejects mismatched shapes and non-finite numbers with ShapeError", () => {
    const cfg = dmpConfig({ nBasis: 3, steps: 10 });
    expect(() => referenceRollout(cfg, { y0: [0, 1], goal: [1] })).toThrow(/goal has length 1 but y0 has 2 dimensions/);
    expect(() => referenceRollout(cfg, { y0: [0], goal: [1], weights: [[1, 2]] })).toThrow(/weights\[0\] must have n_basis = 3 entries, got 2/);
    expect(() => referenceRollout(cfg, { y0: [0], goal: [1], weights: [[1, 2, 3], [1, 2, 3]] })).toThrow(ShapeError);
    expect(() => referenceRollout(cfg, { y0: [Number.NaN], goal: [1] })).toThrow(/y0 contains a non-finite value/);
    expect(() => referenceRollout(cfg, { y0: [], goal: [] })).toThrow(/y0 is empty/);
  });
});

describe("dense high-rate roll-outs (refineConfig)", () => {
  it("keep the time span and converge at first order as dt shrinks", async () => {
    const { refineConfig } = await import("../../src/dmp/index.js");
    const base = dmpConfig({ nBasis: 10, steps: 40, alphaZ: 15 });
    const params = { y0: [0.2], goal: [1], weights: [[30, -20, 50, 0, 10, -40, 25, 5, -5, 15]] };
    // "truth": a very fine integration; error of each refinement at the 41 shared times
    const fine = referenceRollout(refineConfig(base, 256), params).position;
    const errors = [1, 2, 4, 8].map((factor) => {
      const cfg = refineConfig(base, factor);
      expect(cfg.steps * cfg.dt).toBeCloseTo(base.steps * base.dt, 12);
      const r = referenceRollout(cfg, params).position;
      let err = 0;
      for (let k = 0; k <= base.steps; k++) err = Math.max(err, Math.abs(r[k * factor] - fine[k * 256]));
      return err;
    });
    for (let i = 1; i < errors.length; i++) expect(errors[i] / errors[i - 1]).toBeGreaterThan(0.35);
    for (let i = 1; i < errors.length; i++) expect(errors[i] / errors[i - 1]).toBeLessThan(0.65); // ≈ 1/2 per halving
  });
});
