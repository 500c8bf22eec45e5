import { describe, expect, it } from "vitest";
import { WARP_LIMITS, applySmoothWarp, sampleSmoothWarp } from "../../../src/data/digits/smooth-warp.js";
import { Rng } from "../../../src/math/rng.js";

describe("smooth warp", () => {
  it("moves each axis by at most twice the amplitude, and the same point always the same way", () => {
    const rng = new Rng(2);
    for (let i = 0; i < 200; i++) {
      const w = sampleSmoothWarp(rng);
      const src = [1, 2, 7.5, 9, 1, 2];
      const dst = new Float64Array(6);
      applySmoothWarp(w, src, dst, 3);
      for (let j = 0; j < 6; j++) expect(Math.abs(dst[j] - src[j])).toBeLessThanOrEqual(2 * WARP_LIMITS.amplitude);
      expect([dst[4], dst[5]]).toEqual([dst[0], dst[1]]);
    }
  });

  it("is smooth: nearby points move almost alike (|Δ displacement| ≤ Σ a·|k|·|Δp| per axis)", () => {
    // Worst case per axis: 2 waves · A · 2π / λmin < 0.5 — strokes bend, never wrinkle.
    const worst = (2 * WARP_LIMITS.amplitude * 2 * Math.PI) / WARP_LIMITS.minWavelength;
    expect(worst).toBeLessThan(0.5);
    const rng = new Rng(3);
    for (let i = 0; i < 100; i++) {
      const w = sampleSmoothWarp(rng);
      const dst = new Float64Array(4);
      applySmoothWarp(w, [4, 4, 4.1, 4], dst, 2);
      expect(Math.abs(dst[2] - 4.1 - (dst[0] - 4))).toBeLessThanOrEqual(worst * 0.1 + 1e-12);
      expect(Math.abs(dst[3] - dst[1])).toBeLessThanOrEqual(worst * 0.1 + 1e-12);
    }
  });
});
