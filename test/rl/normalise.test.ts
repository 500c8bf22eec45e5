// Running statistics against a two-pass computation; the normalisers' formulas and state round trip.
import { describe, expect, it } from "vitest";
import { RunningStats } from "../../src/rl/running-stats.js";
import { ObservationNormaliser, RewardScaler } from "../../src/rl/normalise.js";
import { Rng } from "../../src/math/rng.js";

function twoPass(rows: number[][]): { mean: number[]; variance: number[] } {
  const n = rows.length;
  const d = rows[0].length;
  const mean = Array.from({ length: d }, (_, j) => rows.reduce((s, r) => s + r[j], 0) / n);
  const variance = Array.from({ length: d }, (_, j) => rows.reduce((s, r) => s + (r[j] - mean[j]) ** 2, 0) / n);
  return { mean, variance };
}

describe("RunningStats", () => {
  it("equals the two-pass mean and population variance, batch by batch", () => {
    const rng = new Rng(3);
    const rows = Array.from({ length: 257 }, () => [rng.normal() * 3 + 1, rng.uniform(-5, 20), 7]);
    const stats = new RunningStats(3, 0);
    for (let s = 0; s < rows.length; s += 40) {
      const batch = rows.slice(s, s + 40);
      stats.update(batch.flat(), batch.length);
    }
    const ref = twoPass(rows);
    for (let j = 0; j < 3; j++) {
      expect(stats.mean[j]).toBeCloseTo(ref.mean[j], 10);
      expect(stats.variance[j]).toBeCloseTo(ref.variance[j], 9);
    }
    expect(stats.count).toBe(257);
  });

  it("round-trips its state and refuses a state of another size", () => {
    const a = new RunningStats(2);
    a.update([1, 2, 3, 5]);
    const b = new RunningStats(2);
    b.load(a.state());
    expect(b.state()).toEqual(a.state());
    expect(() => new RunningStats(3).load(a.state())).toThrow(/size 2/);
  });
});

describe("ObservationNormaliser", () => {
  it("computes clip((o − μ) / √(σ² + 1e-8), ±c)", () => {
    const n = new ObservationNormaliser(2, 3);
    n.load({ mean: [1, -2], variance: [4, 0.25], count: 10 });
    const out = n.normalise([5, -2, 1, 100], 2);
    expect(out[0]).toBeCloseTo(4 / Math.sqrt(4 + 1e-8), 6);
    expect(out[1]).toBe(0);
    expect(out[2]).toBe(0);
    expect(out[3]).toBe(3); // clipped
  });
});

describe("RewardScaler", () => {
  it("divides by the std of the running discounted return and restarts it at episode ends", () => {
    const s = new RewardScaler(1, 0.5, 1000);
    const out = new Float64Array(1);
    const returns: number[] = [];
    let g = 0;
    const rewards = [1, 2, 3, 4];
    const ends = [0, 1, 0, 0];
    for (let t = 0; t < 4; t++) {
      g = 0.5 * g + rewards[t];
      returns.push(g);
      s.scale([rewards[t]], [ends[t]], out);
      if (ends[t]) g = 0;
      // the statistics include the 1e-4 pseudo-count at variance 1
      const all = [...returns];
      const n = all.length + 1e-4;
      const ref = twoPass(all.map((x) => [x]));
      const m = (ref.mean[0] * all.length) / n;
      const v = (1e-4 * 1 + ref.variance[0] * all.length + (ref.mean[0] ** 2 * all.length * 1e-4) / n) / n;
      expect(s.stats.mean[0]).toBeCloseTo(m, 9);
      expect(out[0]).toBeCloseTo(rewards[t] / Math.sqrt(v + 1e-8), 6);
    }
    expect(returns).toEqual([1, 2.5, 3, 5.5]);
  });
});

describe("RewardScaler clipping", () => {
  it("clips the scaled reward to ±c", () => {
    const s = new RewardScaler(2, 0.99, 5);
    s.load({ mean: [0], variance: [1e-6], count: 1e9 });
    const out = new Float64Array(2);
    s.scale([1, -1], [0, 0], out);
    expect(Array.from(out)).toEqual([5, -5]);
  });
});
