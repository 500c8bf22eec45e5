// The jit'd train step: it learns, it is deterministic, it compiles once, it does not leak.
import { beforeAll, describe, expect, it } from "vitest";
import { blockUntilReady, initEngine, np, type Array } from "../../src/engine/jax.js";
import { keyFromSeed } from "../../src/nn/init.js";
import { initMlp, mlp, type MlpParams } from "../../src/nn/mlp.js";
import { meanSquaredError } from "../../src/nn/losses.js";
import { createTrainer, disposeTrainState } from "../../src/nn/train-step.js";
import { treeToHost, zerosLike } from "../../src/nn/params.js";
import { NdpError } from "../../src/errors.js";
import { f32, randn } from "./reference-ops.js";
import { trackLiveBuffers } from "./live-buffers.js";

beforeAll(async () => {
  await initEngine();
});

// y = tanh(x A) for a fixed A: a small regression problem
const X = randn(32 * 6, 1);
const A = randn(6 * 3, 2);
const Y = Float64Array.from({ length: 32 * 3 }, (_, k) => {
  const n = Math.floor(k / 3), o = k % 3;
  let s = 0;
  for (let i = 0; i < 6; i++) s += X[n * 6 + i] * A[i * 3 + o];
  return Math.tanh(s);
});

function makeTrainer(counter?: { traces: number }) {
  return createTrainer<MlpParams, [Array, Array]>({
    loss: (p, x, y) => {
      if (counter) counter.traces++; // runs only while tracing
      return meanSquaredError(mlp(p, x), y);
    },
    adam: { maxGradNorm: 10 },
  });
}

describe("createTrainer", () => {
  it("lowers the loss on a small regression", () => {
    const trainer = makeTrainer();
    const state = trainer.init(initMlp(keyFromSeed(3), [6, 16, 3]));
    const losses: number[] = [];
    for (let i = 0; i < 60; i++) losses.push(trainer.step(state, 1e-2, f32(X, [32, 6]), f32(Y, [32, 3])).loss);
    expect(state.step).toBe(60);
    expect(losses[59]).toBeLessThan(0.3 * losses[0]);
    disposeTrainState(state);
    trainer.dispose();
  });

  it("is deterministic: same seed and data → bit-identical parameters", () => {
    const run = () => {
      const trainer = makeTrainer();
      const state = trainer.init(initMlp(keyFromSeed(7), [6, 8, 3]));
      for (let i = 0; i < 4; i++) trainer.step(state, 1e-2, f32(X, [32, 6]), f32(Y, [32, 3]));
      const out = treeToHost(state.params);
      disposeTrainState(state);
      trainer.dispose();
      return out;
    };
    const a = run();
    const b = run();
    a.forEach((leaf, i) => expect(Buffer.from(leaf.data.buffer).equals(Buffer.from(b[i].data.buffer))).toBe(true));
  });

  it("compiles once: changing the learning rate or the step count does not retrace", () => {
    const counter = { traces: 0 };
    const trainer = makeTrainer(counter);
    const state = trainer.init(initMlp(keyFromSeed(1), [6, 8, 3]));
    for (const lr of [1e-2, 5e-3, 1e-3]) trainer.step(state, lr, f32(X, [32, 6]), f32(Y, [32, 3]));
    expect(counter.traces).toBe(1);
    disposeTrainState(state);
    trainer.dispose();
  });

  it("does not leak engine buffers over many steps", async () => {
    const live = await trackLiveBuffers();
    const trainer = makeTrainer();
    // (arrays under 128 elements live in JS, not in wasm buffers: use layers big enough to count)
    const state = trainer.init(initMlp(keyFromSeed(2), [6, 256, 3]));
    const x = f32(X, [32, 6]);
    const y = f32(Y, [32, 3]);
    const step = () => trainer.step(state, 1e-2, x.ref, y.ref);
    for (let i = 0; i < 3; i++) step();
    await blockUntilReady(state.params as never);
    const before = live();
    for (let i = 0; i < 40; i++) step();
    await blockUntilReady(state.params as never);
    expect(live()).toBe(before);
    // the counter does see a leak: one forgotten array per step
    const leaked: Array[] = [];
    for (let i = 0; i < 5; i++) leaked.push(np.zeros([1000]).add(1));
    leaked.forEach((a) => a.ref.dataSync()); // realise the lazy ops
    expect(live()).toBe(before + 5);
    leaked.forEach((a) => a.dispose());
    x.dispose();
    y.dispose();
    disposeTrainState(state);
    trainer.dispose();
  });

  it("stops with an NdpError when the loss becomes NaN", () => {
    const trainer = makeTrainer();
    const state = trainer.init(initMlp(keyFromSeed(4), [6, 8, 3]));
    const bad = Float64Array.from(X);
    bad[0] = NaN;
    expect(() => trainer.step(state, 1e-2, f32(bad, [32, 6]), f32(Y, [32, 3]))).toThrow(NdpError);
    disposeTrainState(state);
    trainer.dispose();
  });
});

describe("createTrainer flat storage", () => {
  const runBoth = (maxGradNorm: number | undefined, steps: number) => {
    const run = (storage: "flat" | "tree") => {
      const trainer = createTrainer<MlpParams, [Array, Array]>({ loss: (p, x, y) => meanSquaredError(mlp(p, x, "tanh"), y), adam: { maxGradNorm }, storage });
      const state = trainer.init(initMlp(keyFromSeed(5), [6, 16, 3]));
      const norms: number[] = [];
      for (let i = 0; i < steps; i++) norms.push(trainer.step(state, 1e-2, f32(X, [32, 6]), f32(Y, [32, 3])).gradNorm);
      const params = treeToHost(state.params);
      const m = treeToHost(state.opt.m);
      disposeTrainState(state);
      trainer.dispose();
      return { params, m, norms };
    };
    return { flat: run("flat"), tree: run("tree") };
  };

  it("is exactly the per-leaf Adam update when nothing couples the leaves (no clipping)", () => {
    const { flat, tree } = runBoth(undefined, 5);
    expect(flat.params.map((l) => Array.from(l.data))).toEqual(tree.params.map((l) => Array.from(l.data)));
    expect(flat.m.map((l) => Array.from(l.data))).toEqual(tree.m.map((l) => Array.from(l.data)));
  });

  it("with global-norm clipping differs from the per-leaf path only by the rounding of ‖g‖", () => {
    const { flat, tree } = runBoth(0.05, 5); // the norm is ≈ 1: clipping is active every step
    expect(tree.norms[0]).toBeGreaterThan(0.5);
    flat.norms.forEach((n, i) => expect(Math.abs(n - tree.norms[i]) / tree.norms[i]).toBeLessThan(1e-6));
    flat.params.forEach((l, i) => l.data.forEach((x, j) => expect(Math.abs(x - tree.params[i].data[j])).toBeLessThan(1e-6)));
  });

  it("keeps state.params and state.opt readable trees between steps, and adopts a literal state", () => {
    const trainer = makeTrainer();
    const p0 = initMlp(keyFromSeed(6), [6, 8, 3]);
    const state = { params: p0, opt: { m: zerosLike(p0), v: zerosLike(p0) }, step: 0 };
    trainer.step(state, 1e-2, f32(X, [32, 6]), f32(Y, [32, 3]));
    const before = treeToHost(state.params);
    expect(before.map((l) => l.shape)).toEqual([[6, 8], [8], [8, 3], [3]]);
    expect(treeToHost(state.opt.v).every((l) => l.data.every((x) => x > 0))).toBe(true);
    trainer.step(state, 1e-2, f32(X, [32, 6]), f32(Y, [32, 3]));
    const after = treeToHost(state.params);
    expect(after[0].data).not.toEqual(before[0].data);
    expect(state.step).toBe(2);
    disposeTrainState(state);
    trainer.dispose();
  });
});
