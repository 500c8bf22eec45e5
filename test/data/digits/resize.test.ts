import { describe, expect, it } from "vitest";
import { generateDigits } from "../../../src/data/digits/generator.js";
import { frameToImage, resizeDigitSet, resizeImages, resizeWeights } from "../../../src/data/digits/resize.js";

describe("resize", () => {
  it("has weight rows that sum to one", () => {
    for (const method of ["bilinear", "area"] as const) {
      const w = resizeWeights(40, 28, method);
      for (let i = 0; i < 28; i++) {
        let s = 0;
        for (let k = 0; k < 40; k++) s += w[i * 40 + k];
        expect(s).toBeCloseTo(1, 12);
      }
    }
  });

  it("matches hand-worked cases", () => {
    // 4 → 2 bilinear: s = (i + ½)·2 − ½ = 0.5, 2.5 → means of pixel pairs (cv2 INTER_LINEAR agrees).
    expect(Array.from(resizeWeights(4, 2, "bilinear"))).toEqual([0.5, 0.5, 0, 0, 0, 0, 0.5, 0.5]);
    // 3 → 2 area: [0, 1.5) and [1.5, 3): weights 2/3, 1/3 | 1/3, 2/3.
    const a = Array.from(resizeWeights(3, 2, "area"));
    [2 / 3, 1 / 3, 0, 0, 1 / 3, 2 / 3].forEach((v, i) => expect(a[i]).toBeCloseTo(v, 12));
    // 40 → 28 bilinear, first output pixel samples s = 0.5·40/28 − 0.5 = 3/14.
    const w = resizeWeights(40, 28, "bilinear");
    expect(w[0]).toBeCloseTo(11 / 14, 12);
    expect(w[1]).toBeCloseTo(3 / 14, 12);
    // A 2×2 checker resized 4 → 2 by area is a constant ½... of each block's mean.
    const img = Float32Array.from([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1]);
    expect(Array.from(resizeImages(img, 1, 4, 2, "area"))).toEqual([0.25, 0, 0, 1]);
  });

  it("keeps a constant image constant and the total ink of a digit under area resizing", () => {
    const ones = new Float32Array(2 * 40 * 40).fill(0.7);
    for (const v of resizeImages(ones, 2, 40, 28, "bilinear")) expect(v).toBeCloseTo(0.7, 6);
    const set = generateDigits({ count: 3, seed: 2 });
    const small = resizeDigitSet(set, 28, "area");
    const ink = (a: Float32Array) => a.reduce((s, v) => s + v, 0);
    expect(ink(small.images)).toBeCloseTo((ink(set.images) * 28 * 28) / (40 * 40), 2);
    expect(small.trajectories).toBe(set.trajectories);
    expect(small).toMatchObject({ imageSize: 28, frameSize: 40, points: 301 });
  });

  it("maps frame pixels to resized-image pixels through the pixel centres", () => {
    expect(frameToImage(19.5, 40, 28)).toBeCloseTo(13.5, 12); // centre → centre
    expect(frameToImage(-0.5, 40, 28)).toBeCloseTo(-0.5, 12); // left edge → left edge
    expect(frameToImage(7, 40, 40)).toBe(7);
  });
});
