import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DIGIT_IMAGE_SIZE, DIGIT_POINTS, generateDigits } from "../../../src/data/digits/generator.js";
import { ConfigError } from "../../../src/errors.js";

const hash = (a: ArrayBufferView) => createHash("sha256").update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)).digest("hex");

/** Bilinear image intensity at (x = column, y = row), pixel centres at integers. */
function intensityAt(img: Float32Array, size: number, x: number, y: number): number {
  const c0 = Math.max(0, Math.min(size - 2, Math.floor(x)));
  const r0 = Math.max(0, Math.min(size - 2, Math.floor(y)));
  const fx = x - c0;
  const fy = y - r0;
  const v = (r: number, c: number) => img[r * size + c];
  return (1 - fy) * ((1 - fx) * v(r0, c0) + fx * v(r0, c0 + 1)) + fy * ((1 - fx) * v(r0 + 1, c0) + fx * v(r0 + 1, c0 + 1));
}

describe("generateDigits", () => {
  const set = generateDigits({ count: 400, seed: 11 });
  const S = DIGIT_IMAGE_SIZE;
  const T = DIGIT_POINTS;

  it("has the s-MNIST shapes: 40×40 images, 301×2 trajectories, labels 0–9 of every class", () => {
    expect(set).toMatchObject({ count: 400, imageSize: 40, frameSize: 40, points: 301 });
    expect(set.images.length).toBe(400 * S * S);
    expect(set.trajectories.length).toBe(400 * T * 2);
    expect(new Set(set.labels)).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
  });

  it("is deterministic: same seed → identical bytes; another seed → different data", () => {
    const again = generateDigits({ count: 400, seed: 11 });
    expect(hash(again.images)).toBe(hash(set.images));
    expect(hash(again.trajectories)).toBe(hash(set.trajectories));
    expect(hash(again.labels!)).toBe(hash(set.labels!));
    const other = generateDigits({ count: 400, seed: 12 });
    expect(hash(other.images)).not.toBe(hash(set.images));
    expect(hash(other.trajectories)).not.toBe(hash(set.trajectories));
  });

  it("makes a small set the prefix of a larger one with the same seed", () => {
    const small = generateDigits({ count: 25, seed: 11 });
    expect(hash(small.images)).toBe(hash(set.images.subarray(0, 25 * S * S)));
    expect(hash(small.trajectories)).toBe(hash(set.trajectories.subarray(0, 25 * T * 2)));
  });

  it("keeps every trajectory inside the image with a margin, images 8-bit in [0, 1] and inked", () => {
    const many = generateDigits({ count: 3000, seed: 5 });
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of many.trajectories) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    expect(lo).toBeGreaterThan(0.5);
    expect(hi).toBeLessThan(S - 1.5);
    for (let i = 0; i < 50; i++) {
      const img = many.images.subarray(i * S * S, (i + 1) * S * S);
      expect(img.every((v) => v >= 0 && v <= 1 && Math.abs(v * 255 - Math.round(v * 255)) < 1e-4)).toBe(true);
      expect(Math.max(...img)).toBeGreaterThan(0.95);
    }
  });

  it("jitters image and trajectory identically: ink lies under every trajectory point and nowhere far from it", () => {
    let total = 0;
    for (let i = 0; i < set.count; i++) {
      const img = set.images.subarray(i * S * S, (i + 1) * S * S);
      const traj = set.trajectories.subarray(i * T * 2, (i + 1) * T * 2);
      let least = Infinity;
      const meanInk = (dx: number, dy: number) => {
        let sum = 0;
        for (let t = 0; t < T; t++) {
          const v = intensityAt(img, S, traj[2 * t] + dx, traj[2 * t + 1] + dy);
          if (dx === 0 && dy === 0) least = Math.min(least, v);
          sum += v;
        }
        return sum / T;
      };
      const aligned = meanInk(0, 0);
      const shifted = (meanInk(1, 0) + meanInk(-1, 0) + meanInk(0, 1) + meanInk(0, -1)) / 4;
      // Measured (seed 11): per point ≥ 0.46, per sample ≥ 0.60 and ≥ 0.17 above the mean of the
      // four 1-px shifts, overall 0.83 — an image misplaced by a pixel fails all of these.
      expect(least).toBeGreaterThan(0.35);
      expect(aligned).toBeGreaterThan(0.55);
      expect(aligned - shifted).toBeGreaterThan(0.1);
      total += aligned;
      if (i >= 40) continue;
      // Pixels beyond the pen (≤ 0.75 + ½ px) plus the blur kernel (radius 2 px) carry no ink.
      let strayInk = 0;
      for (let r = 0; r < S; r++) {
        for (let c = 0; c < S; c++) {
          let d = Infinity;
          for (let t = 0; t < T; t++) d = Math.min(d, Math.hypot(traj[2 * t] - c, traj[2 * t + 1] - r));
          if (d > 3.3) strayInk += img[r * S + c];
        }
      }
      expect(strayInk).toBe(0);
    }
    expect(total / set.count).toBeGreaterThan(0.75);
  });

  it("varies the jitter between samples of the same digit", () => {
    const firstOf = (d: number) => [...set.labels!.keys()].filter((i) => set.labels![i] === d).slice(0, 2);
    const [a, b] = firstOf(0);
    const start = (i: number) => [set.trajectories[i * T * 2], set.trajectories[i * T * 2 + 1]];
    expect(start(a)).not.toEqual(start(b));
  });

  it("rejects bad options with a ConfigError", () => {
    expect(() => generateDigits({ count: 0, seed: 1 })).toThrow(ConfigError);
    expect(() => generateDigits({ count: 5, seed: 1.5 })).toThrow(ConfigError);
    expect(() => generateDigits({ count: 5, seed: 1, digits: [10] })).toThrow(ConfigError);
    expect(generateDigits({ count: 20, seed: 1, digits: [3] }).labels!.every((l) => l === 3)).toBe(true);
  });
});
