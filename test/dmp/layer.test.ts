import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { initEngine, np, grad, toFloat64, fromFloat64, type Array, type DType } from "../../src/engine/jax.js";
import { DmpLayer, OUTPUT_KINDS, dmpConfig, referenceRollout, sampleIndices, type OutputKind, type DmpConfig, type DmpLayerOptions } from "../../src/dmp/index.js";
import { ShapeError, ConfigError } from "../../src/errors.js";
import { dmpCase, maxAbsDiff, type DmpCase } from "../helpers/dmp-cases.js";

beforeAll(async () => {
  await initEngine();
});

const arr = (values: number[] | number[][], shape: number[], dtype: DType) => fromFloat64(Float64Array.from(values.flat()), shape, dtype);

/** Roll out one case (B = 1) through the engine layer; returns [P][D] row-major like the reference. */
function layerRollout(c: DmpCase, kind: OutputKind, dtype: DType, options: DmpLayerOptions = {}): Float64Array {
  const layer = new DmpLayer(c.cfg, { dtype, output: kind, ...options });
  try {
    const D = c.dims;
    const out = layer.rollout({
      weights: options.onlyGoal ? undefined : arr(c.weights, [1, D, c.cfg.nBasis], dtype),
      goal: arr(c.goal, [1, D], dtype),
      y0: arr(c.y0, [1, D], dtype),
      dy0: arr(c.dy0, [1, D], dtype),
      alphaZ: options.learnAlpha ? np.array(c.cfg.alphaZ, { dtype }) : undefined,
    });
    expect(out.shape).toEqual([layer.points, 1, D]); // time-major [P, B, D]
    const values = toFloat64(out);
    out.dispose();
    return values;
  } finally {
    layer.dispose();
  }
}

describe("DmpLayer (engine closed form)", () => {
  it("equals the reference loop to 1e-9 relative in float64 (N 1..50, m 2..500, D 1..7, all bases)", () => {
    fc.assert(
      fc.property(dmpCase(), fc.constantFrom(...OUTPUT_KINDS), (c, kind) => {
        const { err, scale } = maxAbsDiff(layerRollout(c, kind, np.float64), referenceRollout(c.cfg, c)[kind]);
        expect(err).toBeLessThanOrEqual(1e-9 * scale + 1e-12);
      }),
      { numRuns: 40 },
    );
  });

  it("equals the reference loop to 1e-4 relative in float32", () => {
    fc.assert(
      fc.property(dmpCase(), fc.constantFrom(...OUTPUT_KINDS), (c, kind) => {
        const { err, scale } = maxAbsDiff(layerRollout(c, kind, np.float32), referenceRollout(c.cfg, c)[kind]);
        expect(err).toBeLessThanOrEqual(1e-4 * scale);
      }),
      { numRuns: 40 },
    );
  });

  it("learnable-αz path equals the reference at the same αz (closed form, 1e-5 relative)", () => {
    fc.assert(
      fc.property(dmpCase({ mMax: 200 }), fc.constantFrom(...OUTPUT_KINDS), (c, kind) => {
        const { err, scale } = maxAbsDiff(layerRollout(c, kind, np.float64, { learnAlpha: true }), referenceRollout(c.cfg, c)[kind]);
        expect(err).toBeLessThanOrEqual(1e-5 * scale + 1e-9);
      }),
      { numRuns: 25 },
    );
  });

  it("only-g equals the reference with w = 0", () => {
    fc.assert(
      fc.property(dmpCase({ nMax: 10, mMax: 100 }), (c) => {
        const ref = referenceRollout(c.cfg, { ...c, weights: undefined }).position;
        const { err, scale } = maxAbsDiff(layerRollout(c, "position", np.float64, { onlyGoal: true }), ref);
        expect(err).toBeLessThanOrEqual(1e-9 * scale + 1e-12);
      }),
      { numRuns: 15 },
    );
  });

  it("batch-major layout is the transpose of time-major for a batch", () => {
    const cfg = dmpConfig({ nBasis: 5, steps: 40 });
    const make = (layout: "time-major" | "batch-major") => {
      const layer = new DmpLayer(cfg, { dtype: np.float64, layout });
      const k = Float64Array.from({ length: 3 * 2 * 5 }, (_, i) => Math.sin(i));
      const out = layer.rollout({
        weights: fromFloat64(k, [3, 2, 5], np.float64),
        goal: fromFloat64(Float64Array.of(1, 2, 3, 4, 5, 6), [3, 2], np.float64),
        y0: fromFloat64(Float64Array.of(0, 1, 0, 1, 0, 1), [3, 2], np.float64),
      });
      layer.dispose();
      return { shape: out.shape, values: toFloat64(out) };
    };
    const tm = make("time-major");
    const bm = make("batch-major");
    expect(tm.shape).toEqual([41, 3, 2]);
    expect(bm.shape).toEqual([3, 41, 2]);
    for (let b = 0; b < 3; b++) for (let p = 0; p < 41; p++) for (let d = 0; d < 2; d++) expect(bm.values[(b * 41 + p) * 2 + d]).toBe(tm.values[(p * 3 + b) * 2 + d]);
    // each batch row is the reference roll-out of its own parameters
    const ref = referenceRollout(cfg, { y0: [0, 1], goal: [3, 4], weights: [[10, 11, 12, 13, 14].map(Math.sin), [15, 16, 17, 18, 19].map(Math.sin)] }).position;
    for (let p = 0; p < 41; p++) for (let d = 0; d < 2; d++) expect(bm.values[(41 + p) * 2 + d]).toBeCloseTo(ref[p * 2 + d], 10);
  });

  it("weightsScaled takes u = (g − y0) w and gives the same roll-out", () => {
    const c = fc.sample(dmpCase({ nMax: 10, mMax: 60 }), { numRuns: 1, seed: 3 })[0];
    const scaled = { ...c, weights: c.weights.map((row, d) => row.map((w) => w * (c.goal[d] - c.y0[d]))) };
    const { err, scale } = maxAbsDiff(layerRollout(scaled, "position", np.float64, { weightsScaled: true }), referenceRollout(c.cfg, c).position);
    expect(err).toBeLessThanOrEqual(1e-9 * scale + 1e-12);
  });

  it("sub-sampling returns the reference at the sampled steps", () => {
    const c = fc.sample(dmpCase({ mMax: 80 }), { numRuns: 1, seed: 7 })[0];
    const idx = sampleIndices(c.cfg.steps, 5, { includeStart: true });
    const sub = layerRollout(c, "position", np.float64, { indices: idx });
    const ref = referenceRollout(c.cfg, c).position;
    idx.forEach((t, j) => {
      for (let d = 0; d < c.dims; d++) expect(sub[j * c.dims + d]).toBeCloseTo(ref[t * c.dims + d], 9);
    });
  });

  it("rejects bad shapes and options with clear errors", () => {
    const cfg = dmpConfig({ nBasis: 4, steps: 20 });
    const layer = new DmpLayer(cfg);
    const z = (shape: number[]) => np.zeros(shape);
    expect(() => layer.rollout({ weights: z([2, 3, 5]), goal: z([2, 3]), y0: z([2, 3]) })).toThrow(/weights must be \[2, 3, 4\], got \[2, 3, 5\]/);
    expect(() => layer.rollout({ weights: z([2, 3, 4]), goal: z([2, 3]), y0: z([2, 2]) })).toThrow(ShapeError);
    expect(() => layer.rollout({ goal: z([2, 3]), y0: z([2, 3]) })).toThrow(/weights \[2, 3, 4\] are required/);
    expect(() => layer.rollout({ weights: z([2, 3, 4]), goal: z([2, 3]), y0: z([2, 3]), alphaZ: np.array(3) })).toThrow(/not created with learnAlpha/);
    expect(() => new DmpLayer(dmpConfig({ nBasis: 4, steps: 20, betaZ: 3 }), { learnAlpha: true })).toThrow(ConfigError);
    expect(() => new DmpLayer(cfg, { indices: [0, 21] })).toThrow(/point index 21 is outside the roll-out \(0\.\.20\)/);
    layer.dispose();
    expect(() => layer.rollout({ weights: z([1, 1, 4]), goal: z([1, 1]), y0: z([1, 1]) })).toThrow(/disposed/);
  });
});

describe("DmpLayer gradients vs central finite differences of the reference", () => {
  // L = Σ_{p,d} c[p,d] · out[p,d] for a fixed random c; ∂L/∂θ from autodiff of the engine layer
  // against (L(θ + ε) − L(θ − ε)) / 2ε of the reference loop.
  const kinds: OutputKind[] = ["position", "velocity", "acceleration"];
  it.each(kinds)("%s: w, g, y0, ẏ0 and αz", (kind) => {
    const cases = fc.sample(dmpCase({ nMax: 8, mMax: 60, dMax: 3 }), { numRuns: 4, seed: 42 });
    for (const c of cases) {
      const cfg = c.cfg;
      const D = c.dims;
      const n = cfg.nBasis;
      const P = cfg.steps + 1;
      const coef = Array.from({ length: P * D }, (_, i) => Math.sin(1.3 * i + 0.2));
      const lossRef = (cc: DmpConfig, p: DmpCase) => referenceRollout(cc, p)[kind].reduce((s, v, i) => s + v * coef[i], 0);
      const layer = new DmpLayer(cfg, { dtype: np.float64, output: kind, learnAlpha: true });
      const lossEngine = (w: Array, g: Array, y0: Array, dy0: Array, alpha: Array) =>
        np.sum(layer.rollout({ weights: w, goal: g, y0, dy0, alphaZ: alpha }).mul(np.array(Float64Array.from(coef), { shape: [P, 1, D], dtype: np.float64 })));
      const grads = grad(lossEngine, { argnums: [0, 1, 2, 3, 4] })(
        arr(c.weights, [1, D, n], np.float64),
        arr(c.goal, [1, D], np.float64),
        arr(c.y0, [1, D], np.float64),
        arr(c.dy0, [1, D], np.float64),
        np.array(cfg.alphaZ, { dtype: np.float64 }),
      ) as unknown as Array[];
      const [gw, gg, gy0, gdy0, galpha] = grads.map((a) => toFloat64(a));
      grads.forEach((a) => a.dispose());
      layer.dispose();

      const fd = (perturb: (p: DmpCase, e: number) => [DmpConfig, DmpCase], scale: number) => {
        const e = 1e-5 * Math.max(1, scale);
        const [c1, p1] = perturb(c, e);
        const [c2, p2] = perturb(c, -e);
        return (lossRef(c1, p1) - lossRef(c2, p2)) / (2 * e);
      };
      const close = (analytic: number, numeric: number, what: string) => {
        const tol = 1e-5 * Math.max(1, Math.abs(numeric));
        expect(Math.abs(analytic - numeric), `${what}: ${analytic} vs FD ${numeric}`).toBeLessThanOrEqual(tol);
      };
      const withVec = (key: "goal" | "y0" | "dy0", d: number) => (p: DmpCase, e: number): [DmpConfig, DmpCase] => {
        const v = p[key].slice();
        v[d] += e;
        return [cfg, { ...p, [key]: v }];
      };
      for (let d = 0; d < D; d++) {
        close(gg[d], fd(withVec("goal", d), c.goal[d]), `∂L/∂g[${d}]`);
        close(gy0[d], fd(withVec("y0", d), c.y0[d]), `∂L/∂y0[${d}]`);
        close(gdy0[d], fd(withVec("dy0", d), c.dy0[d]), `∂L/∂dy0[${d}]`);
        for (let i = 0; i < n; i++) {
          const perturbW = (p: DmpCase, e: number): [DmpConfig, DmpCase] => {
            const w = p.weights.map((r) => r.slice());
            w[d][i] += e;
            return [cfg, { ...p, weights: w }];
          };
          close(gw[d * n + i], fd(perturbW, c.weights[d][i]), `∂L/∂w[${d}][${i}]`);
        }
      }
      const perturbAlpha = (p: DmpCase, e: number): [DmpConfig, DmpCase] => [dmpConfig({ ...cfg, alphaZ: cfg.alphaZ + e, betaZ: (cfg.alphaZ + e) / 4 }), p];
      close(galpha[0], fd(perturbAlpha, cfg.alphaZ), "∂L/∂αz");
    }
  });
});

describe("DmpLayer learnable αz with only-g", () => {
  it("equals the reference with w = 0", async () => {
    await initEngine();
    const c = fc.sample(dmpCase({ nMax: 8, mMax: 80, dMax: 3 }), { numRuns: 1, seed: 11 })[0];
    const ref = referenceRollout(c.cfg, { ...c, weights: undefined }).position;
    const { err, scale } = maxAbsDiff(layerRollout(c, "position", np.float64, { onlyGoal: true, learnAlpha: true }), ref);
    expect(err).toBeLessThanOrEqual(1e-5 * scale + 1e-9);
  });
});
