import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { basisActivation, basisCenters, normalisedBasis, BASIS_KINDS } from "../../src/dmp/index.js";

describe("basis centres and widths", () => {
  it("follow the release formula c_i = exp(−aX (i−1)/(N−1)), h_i = N^1.5 / c_i / aX", () => {
    const { c, h } = basisCenters({ nBasis: 3, aX: 1, centers: "release" });
    expect(Array.from(c)).toEqual([1, Math.exp(-0.5), Math.exp(-1)]);
    expect(h[0]).toBeCloseTo(3 ** 1.5, 12);
    expect(h[2]).toBeCloseTo(3 ** 1.5 * Math.E, 12);
  });

  it("follow the paper formula c_i = exp(−i aX / N), h_i = N / c_i", () => {
    const { c, h } = basisCenters({ nBasis: 4, aX: 2, centers: "paper" });
    expect(c[0]).toBeCloseTo(Math.exp(-0.5), 14);
    expect(c[3]).toBeCloseTo(Math.exp(-2), 14);
    expect(h[1]).toBeCloseTo(4 / Math.exp(-1), 12);
  });

  it("puts a single release centre at x = 1", () => {
    expect(Array.from(basisCenters({ nBasis: 1, aX: 1, centers: "release" }).c)).toEqual([1]);
  });
});

describe("basis activations", () => {
  it("match their formulas at q = 0 and q = 3", () => {
    expect(basisActivation("gaussian", 3)).toBeCloseTo(Math.exp(-3), 15);
    expect(basisActivation("linear", 3)).toBeCloseTo(Math.sqrt(3), 15);
    expect(basisActivation("multiquadric", 3)).toBe(2);
    expect(basisActivation("inverse-quadric", 3)).toBe(0.25);
    expect(basisActivation("inverse-multiquadric", 3)).toBe(0.5);
    expect(basisActivation("gaussian", 0)).toBe(1);
    expect(basisActivation("linear", 0)).toBe(0);
  });

  it("normalised basis sums to the phase x (Σ φ_i = x) for every family", () => {
    fc.assert(
      fc.property(fc.constantFrom(...BASIS_KINDS), fc.integer({ min: 2, max: 60 }), fc.double({ min: 0.001, max: 1, noNaN: true }), (kind, n, x) => {
        const phi = normalisedBasis(kind, basisCenters({ nBasis: n, aX: 1, centers: "release" }), x);
        const sum = phi.reduce((a, b) => a + b, 0);
        expect(sum).toBeCloseTo(x, 12);
      }),
    );
  });

  it("gaussian normalisation never gives 0/0 far from every centre", () => {
    const phi = normalisedBasis("gaussian", basisCenters({ nBasis: 50, aX: 1, centers: "release" }), 1e-6);
    expect(phi.every(Number.isFinite)).toBe(true);
    expect(phi.reduce((a, b) => a + b, 0)).toBeCloseTo(1e-6, 18);
  });
});
