// Adam against hand-computed updates, weight decay in both forms, clipping, and jit vs eager.
import { beforeAll, describe, expect, it } from "vitest";
import { initEngine, jit, np, type Array } from "../../src/engine/jax.js";
import { adamScalars, adamUpdate, initAdam, type AdamConfig } from "../../src/nn/adam.js";
import { clipByGlobalNorm } from "../../src/nn/clip-grad-norm.js";
import { ConfigError } from "../../src/errors.js";
import { f32, host } from "./reference-ops.js";

beforeAll(async () => {
  await initEngine();
});

/** Run Adam on p with the given gradient sequence (eager, numbers as scalars). */
function runAdam(p0: number[], grads: number[][], lr: number, config: AdamConfig = {}): { p: Float64Array; norms: number[] } {
  let params = { p: f32(p0, [p0.length]) };
  let state = initAdam(params);
  const norms: number[] = [];
  grads.forEach((g, t) => {
    const out = adamUpdate(params, { p: f32(g, [g.length]) }, state, adamScalars(lr, t + 1, config), config);
    params = out.params;
    state = out.state;
    norms.push(out.gradNorm.item());
  });
  const p = host(params.p);
  params.p.dispose();
  state.m.p.dispose();
  state.v.p.dispose();
  return { p, norms };
}

describe("Adam", () => {
  it("matches the update worked out by hand for two steps", () => {
    // step 1: m = 0.1 g, v = 0.001 g², m̂ = g, v̂ = g² → p −= lr · g / (|g| + ε) = lr · sign(g)
    const one = runAdam([1, -2], [[0.5, 0.1]], 0.1);
    expect(one.p[0]).toBeCloseTo(0.9, 6);
    expect(one.p[1]).toBeCloseTo(-2.1, 6);
    // step 2 with g = [−0.5, 0.3]:
    //   m = [0.9·0.05 − 0.05, 0.9·0.01 + 0.03] = [−0.005, 0.039],  m̂ = m / 0.19
    //   v = [0.999·2.5e-4 + 2.5e-4, 0.999·1e-5 + 9e-5] = [4.9975e-4, 9.999e-5],  v̂ = v / 0.001999
    //   p −= 0.1 · m̂ / (√v̂ + 1e-8)
    const two = runAdam([1, -2], [[0.5, 0.1], [-0.5, 0.3]], 0.1);
    const step = (m: number, v: number) => (0.1 * (m / 0.19)) / (Math.sqrt(v / 0.001999) + 1e-8);
    expect(two.p[0]).toBeCloseTo(0.9 - step(-0.005, 4.9975e-4), 6);
    expect(two.p[1]).toBeCloseTo(-2.1 - step(0.039, 9.999e-5), 6);
  });

  it("L2 weight decay adds λp to the gradient; decoupled decay shrinks p by lr·λ", () => {
    // L2: g' = 0.5 + 0.1·1 = 0.6 → first step is still lr·sign(g') = 0.1
    expect(runAdam([1], [[0.5]], 0.1, { weightDecay: 0.1 }).p[0]).toBeCloseTo(0.9, 6);
    // with g = 0 and L2 decay the step is lr·sign(λp) = 0.1
    expect(runAdam([1], [[0]], 0.1, { weightDecay: 0.1 }).p[0]).toBeCloseTo(0.9, 6);
    // decoupled: p·(1 − lr·λ) − lr·sign(g) = 0.99 − 0.1
    expect(runAdam([1], [[0.5]], 0.1, { weightDecay: 0.1, decoupledWeightDecay: true }).p[0]).toBeCloseTo(0.89, 6);
  });

  it("clips by the global norm before the update and reports the norm", () => {
    const [g, norm] = clipByGlobalNorm({ a: f32([3], [1]), b: f32([4], [1]) }, 1);
    expect(norm.item()).toBeCloseTo(5, 5);
    expect(host(g.a)[0]).toBeCloseTo(0.6, 5);
    expect(host(g.b)[0]).toBeCloseTo(0.8, 5);
    g.a.dispose();
    g.b.dispose();
    // below the threshold nothing changes
    const [g2, n2] = clipByGlobalNorm({ a: f32([0.3], [1]) }, 1);
    expect(host(g2.a)[0]).toBeCloseTo(0.3, 6);
    expect(n2.item()).toBeCloseTo(0.3, 6);
    g2.a.dispose();
    expect(runAdam([0], [[3]], 0.1, { maxGradNorm: 0.5 }).norms[0]).toBeCloseTo(3, 5);
  });

  it("gives the same numbers inside jit with traced scalars as eagerly", () => {
    const step = jit((p: Array, g: Array, m: Array, v: Array, lr: Array, bc1: Array, bc2: Array) => {
      const out = adamUpdate({ p }, { p: g }, { m: { p: m }, v: { p: v } }, { lr, bc1, bc2 });
      out.gradNorm.dispose();
      return [out.params.p, out.state.m.p, out.state.v.p];
    });
    let p = f32([1, -2], [2]);
    let m = np.zeros([2]);
    let v = np.zeros([2]);
    for (const [t, g] of [[0.5, 0.1], [-0.5, 0.3]].entries()) {
      const s = adamScalars(0.1, t + 1);
      [p, m, v] = step(p, f32(g, [2]), m, v, s.lr, s.bc1, s.bc2) as unknown as Array[];
    }
    const eager = runAdam([1, -2], [[0.5, 0.1], [-0.5, 0.3]], 0.1).p;
    const got = host(p);
    expect(got[0]).toBeCloseTo(eager[0], 6);
    expect(got[1]).toBeCloseTo(eager[1], 6);
    [p, m, v].forEach((a) => a.dispose());
    step.dispose();
  });

  it("rejects bad hyper-parameters with a ConfigError", () => {
    expect(() => adamScalars(1e-3, 0)).toThrow(ConfigError);
    expect(() => adamScalars(-1, 1)).toThrow(ConfigError);
    expect(() => adamScalars(1e-3, 1, { beta1: 1 })).toThrow(ConfigError);
    expect(() => adamScalars(1e-3, 1, { eps: 0 })).toThrow(ConfigError);
  });
});
