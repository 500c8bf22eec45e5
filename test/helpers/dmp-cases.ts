/** Random DMP configurations and parameters for property tests. */
import fc from "fast-check";
import { BASIS_KINDS, dmpConfig, type DmpConfig } from "../../src/dmp/index.js";

export interface DmpCase {
  cfg: DmpConfig;
  dims: number;
  y0: number[];
  dy0: number[];
  goal: number[];
  weights: number[][];
}

/** N ∈ 1..nMax, m ∈ 2..mMax, D ∈ 1..7, every basis and centre rule, a stable αz (λ > 0). */
export function dmpCase({ nMax = 50, mMax = 500, dMax = 7 } = {}): fc.Arbitrary<DmpCase> {
  return fc
    .record({
      n: fc.integer({ min: 1, max: nMax }),
      m: fc.integer({ min: 2, max: mMax }),
      dims: fc.integer({ min: 1, max: dMax }),
      alphaFrac: fc.double({ min: 0.02, max: 1, noNaN: true }),
      aX: fc.double({ min: 0.5, max: 2, noNaN: true }),
      basis: fc.constantFrom(...BASIS_KINDS),
      centers: fc.constantFrom("release" as const, "paper" as const),
      seed: fc.integer(),
    })
    .map(({ n, m, dims, alphaFrac, aX, basis, centers, seed }) => {
      const alphaZ = Math.min(60, 1.9 * m) * alphaFrac;
      const cfg = dmpConfig({ nBasis: n, steps: m, alphaZ, aX, basis, centers });
      let s = seed >>> 0 || 1;
      const rnd = (lo: number, hi: number) => {
        s ^= s << 13;
        s ^= s >>> 17;
        s ^= s << 5;
        return lo + ((s >>> 0) / 2 ** 32) * (hi - lo);
      };
      const vec = (lo: number, hi: number) => Array.from({ length: dims }, () => rnd(lo, hi));
      return {
        cfg,
        dims,
        y0: vec(-5, 5),
        dy0: vec(-2, 2),
        goal: vec(-5, 5),
        weights: Array.from({ length: dims }, () => Array.from({ length: n }, () => rnd(-50, 50))),
      };
    });
}

/** Largest |a − b| over two equally long arrays, and the largest |b| (the scale). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): { err: number; scale: number } {
  let err = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    err = Math.max(err, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return { err, scale };
}
