import { describe, expect, it } from "vitest";
import { createRenderScratch, renderPenTrajectory } from "../../../src/data/digits/render-strokes.js";

describe("renderPenTrajectory", () => {
  const size = 20;
  const line = [4, 10, 15, 10]; // horizontal segment on row 10, columns 4..15

  it("draws an anti-aliased pen of the given width: full ink on the line, a ramp at its edge, nothing beyond", () => {
    const out = new Float32Array(size * size);
    renderPenTrajectory(line, 2, { width: 2, blurSigma: 0, gain: 1 }, createRenderScratch(size), out, 0);
    // cov = clamp(w/2 + 1/2 − d, 0, 1): d = 0 → 1; d = 1 (the pen's edge) → ½ = 128/255; d = 2 → 0.
    expect(out[10 * size + 8]).toBe(1);
    expect(out[9 * size + 8]).toBeCloseTo(128 / 255, 6);
    expect(out[11 * size + 8]).toBeCloseTo(128 / 255, 6);
    expect(out[8 * size + 8]).toBe(0);
    expect(out[10 * size + 2]).toBe(0); // 2 px left of the start
    const diag = new Float32Array(size * size);
    renderPenTrajectory([10, 10, 10, 10], 2, { width: 2, blurSigma: 0, gain: 1 }, createRenderScratch(size), diag, 0);
    // Pixel (11, 11) is √2 from the dot: 1.5 − 1.414 = 0.0858 → 22/255.
    expect(diag[11 * size + 11]).toBeCloseTo(22 / 255, 6);
  });

  it("blurs symmetrically, conserving ink away from the border", () => {
    const sharp = new Float32Array(size * size);
    const soft = new Float32Array(size * size);
    renderPenTrajectory(line, 2, { width: 1.5, blurSigma: 0, gain: 1 }, createRenderScratch(size), sharp, 0);
    renderPenTrajectory(line, 2, { width: 1.5, blurSigma: 0.7, gain: 1 }, createRenderScratch(size), soft, 0);
    const sum = (a: Float32Array) => a.reduce((s, v) => s + v, 0);
    expect(Math.abs(sum(soft) - sum(sharp))).toBeLessThan(0.02 * sum(sharp));
    expect(soft[8 * size + 9]).toBeCloseTo(soft[12 * size + 9], 6);
    expect(soft[8 * size + 9]).toBeGreaterThan(0);
    expect(soft[10 * size + 9]).toBeLessThan(1);
  });

  it("writes at the offset and leaves the rest of the output alone", () => {
    const out = new Float32Array(3 * size * size).fill(-1);
    renderPenTrajectory(line, 2, { width: 1.5, blurSigma: 0.5, gain: 1.3 }, createRenderScratch(size), out, size * size);
    expect(out[0]).toBe(-1);
    expect(out[2 * size * size]).toBe(-1);
    expect(out[size * size + 10 * size + 9]).toBe(1);
  });
});
