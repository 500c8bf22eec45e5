// Each layer against a plain-JS loop (reference-ops.ts) on tiny inputs, in float32.
import { beforeAll, describe, expect, it } from "vitest";
import { initEngine, np, type Array } from "../../src/engine/jax.js";
import { dense } from "../../src/nn/dense.js";
import { conv2d, conv2dLinear } from "../../src/nn/conv2d.js";
import { conv2dSeparable } from "../../src/nn/conv2d-separable.js";
import { maxPool2x2 } from "../../src/nn/max-pool.js";
import { pooledConv, pooledConvPatches, pooledConvSizes } from "../../src/nn/pooled-conv.js";
import { mlp } from "../../src/nn/mlp.js";
import { ShapeError } from "../../src/errors.js";
import { conv2dDirect, denseDirect, f32, host, maxPoolDirect, randn, relErr } from "./reference-ops.js";

beforeAll(async () => {
  await initEngine();
});

describe("dense", () => {
  it("matches x W + b, including an output width that needs padding (6 → 8)", () => {
    const x = randn(3 * 5, 1), w = randn(5 * 6, 2), b = randn(6, 3);
    const y = dense({ w: f32(w, [5, 6]), b: f32(b, [6]) }, f32(x, [3, 5]));
    expect(y.shape).toEqual([3, 6]);
    expect(relErr(host(y), denseDirect(x, 3, w, 5, 6, b))).toBeLessThan(1e-6);
    y.dispose();
  });

  it("rejects a mismatched input width with a ShapeError", () => {
    expect(() => dense({ w: f32(randn(20, 1), [5, 4]), b: f32([0, 0, 0, 0], [4]) }, f32(randn(6, 2), [1, 6]))).toThrow(ShapeError);
  });
});

describe("conv2d", () => {
  const xs = [2, 7, 6, 3], ws = [3, 2, 3, 5];
  const x = randn(2 * 7 * 6 * 3, 4), w = randn(3 * 2 * 3 * 5, 5), b = randn(5, 6);
  const want = conv2dDirect(x, xs, w, ws, b);

  it("general conv2d matches a direct loop (VALID, stride 1, NHWC/HWIO)", () => {
    const y = conv2d({ w: f32(w, ws), b: f32(b, [5]) }, f32(x, xs));
    expect(y.shape).toEqual([2, 5, 5, 5]);
    expect(relErr(host(y), want)).toBeLessThan(1e-6);
    y.dispose();
  });

  it("the separable fast conv (HNWC layout) matches the same loop, and its padded channels are zero", () => {
    const hnwc = (a: Array) => a.transpose([1, 0, 2, 3]);
    const y = hnwc(conv2dSeparable(f32(w, ws), hnwc(f32(x, xs)), true));
    expect(y.shape).toEqual([2, 5, 5, 8]);
    const got = host(y.ref.slice([], [], [], [0, 5]).add(f32(b, [5])));
    expect(relErr(got, want)).toBeLessThan(1e-6);
    expect(Math.max(...host(y.slice([], [], [], [5, 8])).map(Math.abs))).toBe(0);
    const z = conv2dLinear(f32(w, ws), f32(x, xs));
    expect(z.shape).toEqual([2, 5, 5, 5]);
    z.dispose();
  });

  it("rejects a kernel larger than the input", () => {
    expect(() => conv2d({ w: f32(randn(4 * 4, 1), [4, 4, 1, 1]), b: f32([0], [1]) }, f32(randn(9, 1), [1, 3, 3, 1]))).toThrow(ShapeError);
  });
});

describe("maxPool2x2", () => {
  it("matches a direct 2×2 window max", () => {
    const s = [2, 6, 4, 3];
    const x = randn(2 * 6 * 4 * 3, 7);
    const y = maxPool2x2(f32(x, s));
    expect(y.shape).toEqual([2, 3, 2, 3]);
    expect(relErr(host(y), maxPoolDirect(Float32Array.from(x), s))).toBe(0); // exact: max only selects
    y.dispose();
  });

  it("needs even spatial sizes", () => {
    expect(() => maxPool2x2(f32(randn(9, 1), [1, 3, 3, 1]))).toThrow(ShapeError);
  });
});

describe("pooledConv (first conv + pool from host patches)", () => {
  it("equals maxpool(conv(x, w)) computed directly", () => {
    const g = { height: 9, width: 11, kernel: 4 };
    const { pooledHeight, pooledWidth, patchWidth } = pooledConvSizes(g);
    expect([pooledHeight, pooledWidth, patchWidth]).toEqual([3, 4, 16]);
    const images = randn(3 * 9 * 11, 8);
    const w = randn(4 * 4 * 6, 9);
    const conv = conv2dDirect(images, [3, 9, 11, 1], w, [4, 4, 1, 6], null);
    const want = maxPoolDirect(conv, [3, 6, 8, 6]);
    // a batch picked by indices, in a different order
    const pick = [2, 0];
    const p = pooledConvPatches(Float32Array.from(images), g, pick);
    // output is HNWC [Hp, n, Wp, C]; compare in NHWC
    const y = pooledConv(np.array(p, { shape: [p.length / 16, 16] }), f32(w, [4, 4, 1, 6]), pooledHeight, pooledWidth).transpose([1, 0, 2, 3]);
    expect(y.shape).toEqual([2, 3, 4, 6]);
    const per = 3 * 4 * 6;
    const wantPicked = Float64Array.from([...want.subarray(2 * per, 3 * per), ...want.subarray(0, per)]);
    expect(relErr(host(y), wantPicked)).toBeLessThan(1e-6);
    y.dispose();
  });

  it("rejects an odd conv output and out-of-range indices", () => {
    expect(() => pooledConvSizes({ height: 8, width: 8, kernel: 4 })).toThrow(ShapeError);
    expect(() => pooledConvPatches(new Float32Array(2 * 81), { height: 9, width: 9, kernel: 4 }, [2])).toThrow(ShapeError);
  });
});

describe("mlp", () => {
  it("is dense → relu → dense", () => {
    const x = randn(2 * 3, 10), w1 = randn(3 * 4, 11), b1 = randn(4, 12), w2 = randn(4 * 2, 13), b2 = randn(2, 14);
    const h = denseDirect(x, 2, w1, 3, 4, b1).map((v) => Math.max(v, 0));
    const want = denseDirect(h, 2, w2, 4, 2, b2);
    const y = mlp([{ w: f32(w1, [3, 4]), b: f32(b1, [4]) }, { w: f32(w2, [4, 2]), b: f32(b2, [2]) }], f32(x, [2, 3]));
    expect(relErr(host(y), want)).toBeLessThan(1e-6);
    y.dispose();
  });
});
