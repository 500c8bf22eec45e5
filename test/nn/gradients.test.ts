// Gradients from the engine's autodiff against central finite differences, in float64, on tiny
// shapes. Each case differentiates L(θ) = Σ r ⊙ layer(θ) for a fixed random r.
import { beforeAll, describe, expect, it } from "vitest";
import { grad, initEngine, np, type Array } from "../../src/engine/jax.js";
import { dense } from "../../src/nn/dense.js";
import { conv2d } from "../../src/nn/conv2d.js";
import { conv2dSeparable } from "../../src/nn/conv2d-separable.js";
import { maxPool2x2 } from "../../src/nn/max-pool.js";
import { pooledConv, pooledConvPatches } from "../../src/nn/pooled-conv.js";
import { logSumExp, softmaxCrossEntropy } from "../../src/nn/losses.js";
import { f64, host, numericGrad, randn, relErr } from "./reference-ops.js";

beforeAll(async () => {
  await initEngine();
});

/** Check ∂L/∂(each input) against finite differences; `layer` consumes its inputs. */
function checkGradients(layer: (...xs: Array[]) => Array, inputs: { data: Float64Array; shape: number[] }[], tol = 1e-6, h = 1e-5): void {
  const outShape = layer(...inputs.map((i) => f64(i.data, i.shape))).shape;
  const r = randn(outShape.reduce((a, b) => a * b, 1), 99);
  const loss = (...xs: Array[]) => np.sum(layer(...xs).mul(f64(r, outShape)));
  const argnums = inputs.map((_, i) => i);
  const grads = (grad as (f: unknown, o: unknown) => (...a: Array[]) => Array[])(loss, { argnums })(...inputs.map((i) => f64(i.data, i.shape)));
  inputs.forEach((inp, k) => {
    const numeric = numericGrad((x) => {
      const args = inputs.map((i, j) => f64(j === k ? x : i.data, i.shape));
      const v = loss(...args);
      return host(v)[0];
    }, inp.data, h);
    expect(relErr(host(grads[k]), numeric)).toBeLessThan(tol);
  });
}

describe("gradients vs central differences (float64)", () => {
  it("dense: ∂/∂x, ∂/∂W, ∂/∂b (padded width 3)", () => {
    checkGradients((x, w, b) => dense({ w, b }, x), [
      { data: randn(2 * 4, 1), shape: [2, 4] },
      { data: randn(4 * 3, 2), shape: [4, 3] },
      { data: randn(3, 3), shape: [3] },
    ]);
  });

  it("conv2d (general): ∂/∂x, ∂/∂w, ∂/∂b", () => {
    checkGradients((x, w, b) => conv2d({ w, b }, x), [
      { data: randn(1 * 5 * 4 * 2, 4), shape: [1, 5, 4, 2] },
      { data: randn(3 * 2 * 2 * 3, 5), shape: [3, 2, 2, 3] },
      { data: randn(3, 6), shape: [3] },
    ]);
  });

  it("conv2dSeparable (HNWC): ∂/∂w, ∂/∂x", () => {
    checkGradients((w, x) => conv2dSeparable(w, x), [
      { data: randn(2 * 3 * 2 * 3, 7), shape: [2, 3, 2, 3] },
      { data: randn(2 * 4 * 5 * 2, 8), shape: [2, 4, 5, 2] },
    ]);
  });

  it("pooledConv: ∂/∂w", () => {
    const g = { height: 6, width: 8, kernel: 3 };
    const p = pooledConvPatches(Float32Array.from(randn(2 * 6 * 8, 9)), g);
    const patches = Float64Array.from(p);
    checkGradients((w) => pooledConv(f64(patches, [p.length / 12, 12]), w, 2, 3), [{ data: randn(3 * 3 * 1 * 4, 10), shape: [3, 3, 1, 4] }]);
  });

  it("maxPool2x2: ∂/∂x routes the cotangent to the window maximum", () => {
    checkGradients((x) => maxPool2x2(x), [{ data: randn(1 * 4 * 4 * 2, 11), shape: [1, 4, 4, 2] }]);
  });

  it("softmax cross-entropy: ∂/∂z = (softmax(z) − y) / B", () => {
    const z = randn(3 * 5, 12);
    const y = new Float64Array(15);
    [1, 4, 0].forEach((c, i) => (y[i * 5 + c] = 1));
    // exp/log are only float32-accurate even in float64 (engine notes): a wider step, looser bound
    checkGradients((logits) => softmaxCrossEntropy(logits, f64(y, [3, 5])).reshape([1]), [{ data: z, shape: [3, 5] }], 2e-4, 1e-2);
    const g = host((grad as unknown as (f: unknown) => (a: Array) => Array)((l: Array) => softmaxCrossEntropy(l, f64(y, [3, 5])))(f64(z, [3, 5])));
    for (let i = 0; i < 3; i++) {
      const row = Array.from(z.subarray(i * 5, i * 5 + 5));
      const m = Math.max(...row);
      const e = row.map((v) => Math.exp(v - m));
      const s = e.reduce((a, b) => a + b, 0);
      for (let c = 0; c < 5; c++) expect(g[i * 5 + c]).toBeCloseTo((e[c] / s - y[i * 5 + c]) / 3, 6);
    }
  });

  it("log-sum-exp is stable for large logits", () => {
    const v = host(logSumExp(np.array(new Float32Array([1000, 1001, -1000, 0]), { shape: [2, 2] })));
    expect(v[0]).toBeCloseTo(1001 + Math.log(1 + Math.exp(-1)), 3);
    expect(v[1]).toBeCloseTo(Math.log(1 + Math.exp(-1000)), 5);
  });
});
