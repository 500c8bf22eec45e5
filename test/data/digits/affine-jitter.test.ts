import { describe, expect, it } from "vitest";
import { JITTER_LIMITS, applyAffine, sampleAffineJitter } from "../../../src/data/digits/affine-jitter.js";
import { Rng } from "../../../src/math/rng.js";

describe("sampleAffineJitter", () => {
  it("stays within and spans the ranges: rotation ±8°, scale ±10 %, shear ±0.1, shift ±3 px", () => {
    const rng = new Rng(1);
    const u = 2.4;
    const seen = { theta: 0, scale: 0, shear: 0, shift: 0 };
    for (let i = 0; i < 3000; i++) {
      const m = sampleAffineJitter(rng, [5, 5], u, 40);
      // M = R(θ) · [[k, h k], [0, k]]: column 1 = k (cos θ, sin θ), column 1 · column 2 = k² h.
      const k = Math.hypot(m.a, m.c);
      const theta = (Math.atan2(m.c, m.a) * 180) / Math.PI;
      const h = (m.a * m.b + m.c * m.d) / (k * k);
      expect(m.a * m.d - m.b * m.c).toBeCloseTo(k * k, 9); // det = k²: no reflection
      const [x, y] = [m.a * 5 + m.b * 5 + m.tx - 19.5, m.c * 5 + m.d * 5 + m.ty - 19.5]; // centre → centre + shift
      seen.theta = Math.max(seen.theta, Math.abs(theta));
      seen.scale = Math.max(seen.scale, Math.abs(k / u - 1));
      seen.shear = Math.max(seen.shear, Math.abs(h));
      seen.shift = Math.max(seen.shift, Math.abs(x), Math.abs(y));
    }
    expect(seen.theta).toBeLessThanOrEqual(JITTER_LIMITS.rotationDeg);
    expect(seen.theta).toBeGreaterThan(0.98 * JITTER_LIMITS.rotationDeg);
    expect(seen.scale).toBeLessThanOrEqual(JITTER_LIMITS.scale + 1e-12);
    expect(seen.scale).toBeGreaterThan(0.98 * JITTER_LIMITS.scale);
    expect(seen.shear).toBeLessThanOrEqual(JITTER_LIMITS.shear + 1e-12);
    expect(seen.shear).toBeGreaterThan(0.98 * JITTER_LIMITS.shear);
    expect(seen.shift).toBeLessThanOrEqual(JITTER_LIMITS.shiftPx + 1e-9);
    expect(seen.shift).toBeGreaterThan(0.98 * JITTER_LIMITS.shiftPx);
  });

  it("applies the map in place to (x, y) pairs", () => {
    const m = { a: 2, b: 1, c: 0, d: 3, tx: 1, ty: -1 };
    const pts = [1, 1, 0, 2];
    applyAffine(m, pts, pts, 2);
    expect(pts).toEqual([4, 2, 3, 5]);
  });
});
