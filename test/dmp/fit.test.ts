import { describe, expect, it } from "vitest";
import { dmpConfig, fitDmp, referenceRollout } from "../../src/dmp/index.js";
import { ShapeError } from "../../src/errors.js";

describe("fitDmp (least-squares DMP parameters of a demonstration)", () => {
  it("recovers the goal and weights that generated a trajectory", () => {
    const cfg = dmpConfig({ nBasis: 8, steps: 200, alphaZ: 25 });
    const truth = { y0: [1, -2], goal: [4, 3], weights: [[10, -20, 5, 0, 30, -5, 8, 2], [-3, 4, 15, -25, 6, 0, 1, -9]] };
    const traj = referenceRollout(cfg, truth).position;
    const fit = fitDmp(cfg, traj, 2, { ridge: 0 });
    expect(fit.goal[0]).toBeCloseTo(4, 6);
    expect(fit.goal[1]).toBeCloseTo(3, 6);
    truth.weights.flat().forEach((w, k) => expect(fit.weights[k]).toBeCloseTo(w, 3));
    expect(Math.max(...fit.rmse)).toBeLessThan(1e-8);
  });

  it("gives a close reconstruction of a curve that is not a DMP", () => {
    const cfg = dmpConfig({ nBasis: 30, steps: 300 });
    const traj = Float64Array.from({ length: 301 * 2 }, (_, k) => {
      const t = Math.floor(k / 2) / 300;
      return k % 2 === 0 ? 10 + 5 * Math.cos(2 * Math.PI * t) : 10 + 5 * Math.sin(2 * Math.PI * t);
    });
    const fit = fitDmp(cfg, traj, 2);
    expect(Math.max(...fit.rmse)).toBeLessThan(0.2); // pixels, on a circle of radius 5
  });

  it("rejects a trajectory of the wrong length", () => {
    const cfg = dmpConfig({ nBasis: 3, steps: 10 });
    expect(() => fitDmp(cfg, new Float64Array(20), 2)).toThrow(ShapeError);
  });
});

describe("forcingWhitener", () => {
  it("makes K L⁻ᵀ orthonormal up to the ridge, and L⁻ᵀ the inverse of Lᵀ", async () => {
    const { forcingWhitener, transferPlan } = await import("../../src/dmp/index.js");
    const cfg = dmpConfig({ nBasis: 10, steps: 120 });
    const { lower: L, inverseTranspose: M } = forcingWhitener(cfg, 1e-12);
    const n = 10;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0; // (Lᵀ M)[i][j]
        for (let k = 0; k < n; k++) s += L[k * n + i] * M[k * n + j];
        expect(s).toBeCloseTo(i === j ? 1 : 0, 8);
      }
    }
    const K = transferPlan(cfg).position.forcing;
    const P = K.length / n;
    // (K M)ᵀ (K M) ≈ I
    const KM = new Float64Array(P * n);
    for (let t = 0; t < P; t++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) KM[t * n + j] += K[t * n + k] * M[k * n + j];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let t = 0; t < P; t++) s += KM[t * n + i] * KM[t * n + j];
        expect(Math.abs(s - (i === j ? 1 : 0))).toBeLessThan(1e-3);
      }
    }
  });
});
