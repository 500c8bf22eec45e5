// Replayed compiled calls: bit-identical to the plain jit path, same ownership, fallbacks, no leaks.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { grad, initEngine, lax, np, type Array } from "../../src/engine/jax.js";
import { replayJit, setReplay } from "../../src/engine/replay.js";
import { adamUpdate } from "../../src/nn/adam.js";
import { keyFromSeed } from "../../src/nn/init.js";
import { initMlp, mlp, type MlpParams } from "../../src/nn/mlp.js";
import { meanSquaredError } from "../../src/nn/losses.js";
import { disposeTree, refTree, treeToHost, zerosLike } from "../../src/nn/params.js";
import { valueAndGrad } from "../../src/engine/jax.js";
import { trackLiveBuffers } from "../nn/live-buffers.js";
import { f32, randn } from "../nn/reference-ops.js";

beforeAll(async () => {
  await initEngine();
});
afterEach(() => setReplay(true));

const host = (x: Array) => Array.from(x.dataSync() as Float32Array);

/** Run `calls` calls of a fresh replayJit(f) and of plain jit (replay off), return both outputs as host arrays. */
function both<T>(make: () => T, calls: (f: T) => number[][]): { replay: number[][]; plain: number[][] } {
  setReplay(false);
  const plain = calls(make());
  setReplay(true);
  const replay = calls(make());
  return { replay, plain };
}

describe("replayJit", () => {
  it("gives bit-identical results to jit over repeated calls of a training step (MLP, grads, Adam)", () => {
    const X = randn(16 * 5, 1);
    const Y = randn(16 * 2, 2);
    const step = (p: MlpParams, m: MlpParams, v: MlpParams, lr: number, x: Array, y: Array) => {
      const [loss, g] = (valueAndGrad as any)((q: MlpParams) => meanSquaredError(mlp(q, x, "tanh"), y))(refTree(p));
      const u = adamUpdate(p, g, { m, v }, { lr, bc1: 0.1, bc2: 0.001 }, { maxGradNorm: 1 });
      return [loss, u.params, u.state.m, u.state.v, u.gradNorm];
    };
    let replaying = false;
    const run = () => {
      const f = replayJit(step);
      let p = initMlp(keyFromSeed(1), [5, 8, 2]);
      let m = zerosLike(p);
      let v = zerosLike(p);
      const out: number[][] = [];
      for (let i = 0; i < 4; i++) {
        const [loss, p2, m2, v2, norm] = f(p, m, v, 1e-2 * (i + 1), f32(X, [16, 5]), f32(Y, [16, 2])) as any;
        [p, m, v] = [p2, m2, v2];
        out.push([loss.item(), norm.item()]);
      }
      out.push(...treeToHost(p).map((l) => Array.from(l.data)));
      disposeTree([p, m, v]);
      if (replaying) {
        const stats = f.replayStats();
        expect(stats).toMatchObject({ plans: 1, unsupported: 0, replays: 3 });
        // three replays calibrate the plan: its kernels and their single-thread time are known
        expect(stats.kernels!.launches).toBeGreaterThan(20);
        expect(stats.kernels!.ms).toBeGreaterThan(0);
        expect(stats.kernels!.sharedMs).toBeLessThanOrEqual(stats.kernels!.ms);
      }
      f.dispose();
      return out;
    };
    setReplay(false);
    const plain = run();
    setReplay(true);
    replaying = true;
    const replay = run();
    expect(replay).toEqual(plain);
  });

  it("handles captured constants, number arguments, pytrees and several input shapes", () => {
    const c = np.array(new Float32Array([1, 2, 3]), { shape: [3] });
    const stats: unknown[] = [];
    const { replay, plain } = both(
      () => replayJit((t: { a: Array; b: Array[] }, s: number) => ({ y: np.sum(t.a.mul(c.ref), 1).add(s), z: [t.b[0].mul(t.b[1])] })),
      (f) => {
        const out: number[][] = [];
        for (const rows of [2, 5, 2, 5, 2]) {
          const a = np.array(Float32Array.from({ length: rows * 3 }, (_, i) => i * 0.5), { shape: [rows, 3] });
          const b0 = np.array(new Float32Array([1, 2]), { shape: [2] });
          const r = f({ a, b: [b0.ref, b0] }, rows) as { y: Array; z: Array[] };
          out.push(host(r.y), host(r.z[0]));
        }
        stats.push(f.replayStats());
        f.dispose();
        return out;
      },
    );
    expect(replay).toEqual(plain);
    expect(replay[0]).toEqual([2 * 0 + 0.5 * 2 + 1 * 3 + 2, 1.5 * 1 + 2 * 2 + 2.5 * 3 + 2]);
    expect(stats[1]).toEqual({ plans: 2, unsupported: 0, replays: 3 });
    c.dispose();
  });

  it("makes lazy and strided inputs ready before replaying", () => {
    const f = replayJit((x: Array) => x.mul(2));
    const base = () => np.array(new Float32Array([1, 2, 3, 4, 5, 6]), { shape: [2, 3] });
    const outs = [0, 1, 2].map(() => host(f(np.transpose(base().add(1)))));
    expect(outs).toEqual([[4, 10, 6, 12, 8, 14], [4, 10, 6, 12, 8, 14], [4, 10, 6, 12, 8, 14]]);
    expect(f.replayStats().replays).toBe(2);
    f.dispose();
  });

  it("consumes its array arguments like jit", () => {
    const f = replayJit((x: Array) => x.add(1));
    for (let i = 0; i < 3; i++) {
      const x = np.array(new Float32Array([1, 2]), { shape: [2] });
      f(x).dispose();
      expect(() => x.add(1)).toThrow();
    }
    f.dispose();
  });

  it("falls back to jit for routines, outputs that are inputs, and tracer arguments", () => {
    const sorter = replayJit((x: Array) => np.sort(x).mul(1));
    const passthrough = replayJit((x: Array, y: Array) => [x, y.mul(2)]);
    for (let i = 0; i < 3; i++) {
      expect(host(sorter(np.array(new Float32Array([3, 1, 2]), { shape: [3] })))).toEqual([1, 2, 3]);
      const [a, b] = passthrough(np.array(new Float32Array([1]), { shape: [1] }), np.array(new Float32Array([2]), { shape: [1] })) as Array[];
      expect([host(a), host(b)]).toEqual([[1], [4]]);
    }
    const square = replayJit((x: Array) => x.ref.mul(x));
    square(np.array(new Float32Array([1]), { shape: [1] })).dispose(); // recorded
    const dsquare = grad((x: Array) => np.sum(square(x)));
    expect(host(dsquare(np.array(new Float32Array([3]), { shape: [1] })))).toEqual([6]);
    expect([sorter.replayStats(), passthrough.replayStats(), square.replayStats()]).toEqual([
      { plans: 0, unsupported: 1, replays: 0 },
      { plans: 0, unsupported: 1, replays: 0 },
      { plans: 1, unsupported: 0, replays: 0 },
    ]);
    for (const f of [sorter, passthrough, square]) f.dispose();
  });

  it("does not leak engine buffers across replays and frees its plans on dispose", async () => {
    const live = await trackLiveBuffers();
    const before = live();
    const f = replayJit((x: Array, w: Array) => nnLike(x, w));
    const w = np.array(Float32Array.from({ length: 12 }, (_, i) => i / 12), { shape: [3, 4] });
    const counts: number[] = [];
    for (let i = 0; i < 6; i++) {
      f(np.array(Float32Array.from({ length: 6 }, (_, j) => j + i), { shape: [2, 3] }), w.ref).dispose();
      counts.push(live());
    }
    expect(counts[5]).toBe(counts[2]);
    f.dispose();
    w.dispose();
    expect(live()).toBe(before);
  });

  it("replays convolutions (the digit backbone's lax.conv path) bit-identically", () => {
    const xs = randn(2 * 1 * 6 * 6, 3);
    const ws = randn(2 * 1 * 3 * 3, 4);
    const { replay, plain } = both(
      () => replayJit((x: Array, w: Array) => np.tanh(lax.conv(x, w, [1, 1], "VALID"))),
      (f) => {
        const out = [0, 1, 2].map(() => host(f(f32(xs, [2, 1, 6, 6]), f32(ws, [2, 1, 3, 3]))));
        if (f.replayStats().replays > 0) expect(f.replayStats()).toEqual({ plans: 1, unsupported: 0, replays: 2 });
        f.dispose();
        return out;
      },
    );
    expect(replay).toEqual(plain);
  });
});

function nnLike(x: Array, w: Array): Array {
  return np.tanh(np.matmul(x, w)).sum(1);
}
