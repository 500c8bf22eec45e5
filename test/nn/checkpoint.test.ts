// Checkpoints: bit-exact round trips, train-state resume equivalence, clear errors on bad files.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { initEngine, np, type Array } from "../../src/engine/jax.js";
import { decodeCheckpoint, encodeCheckpoint, loadCheckpoint, loadTrainState, saveCheckpoint, saveTrainState } from "../../src/nn/checkpoint.js";
import { keyFromSeed } from "../../src/nn/init.js";
import { initMlp, mlp, type MlpParams } from "../../src/nn/mlp.js";
import { meanSquaredError } from "../../src/nn/losses.js";
import { createTrainer, disposeTrainState } from "../../src/nn/train-step.js";
import { disposeTree, treeLeaves, treeToHost } from "../../src/nn/params.js";
import { InputFileError } from "../../src/errors.js";
import { f32, randn } from "./reference-ops.js";

beforeAll(async () => {
  await initEngine();
});

const dir = mkdtempSync(join(tmpdir(), "ndp-ckpt-"));
/** Every leaf as path, dtype, shape and its raw bytes in its own dtype (no conversion). */
const bits = (t: object) =>
  treeLeaves(t).map(({ path, array }) => {
    const d = array.ref.dataSync() as Float32Array | Float64Array | Int32Array;
    return `${path}:${array.dtype}:${array.shape}:${d.constructor.name}:${Buffer.from(d.buffer, d.byteOffset, d.byteLength).toString("hex")}`;
  });

describe("checkpoint files", () => {
  it("round-trip nested trees bit-exactly (odd float32 values, float64 and int32 leaves, metadata)", () => {
    const odd = new Float32Array([0, -0, 1e-45, -3.4e38, 1 / 3, 2 ** -126, 123456.789]);
    const tree = {
      a: np.array(odd, { shape: [7] }),
      nested: [{ w: f32(randn(12, 1), [3, 4]) }, { w: f32(randn(5, 2), [5]) }],
      f64: np.array(new Float64Array([Math.PI, -1e-300]), { shape: [2], dtype: np.float64 }),
      i32: np.array(new Int32Array([-7, 2 ** 31 - 1]), { shape: [2], dtype: np.int32 }),
    };
    const file = join(dir, "tree.ckpt");
    saveCheckpoint(file, { kind: "test", meta: { note: "hi", n: 3 }, trees: { t: tree } });
    const back = loadCheckpoint(file, "test");
    expect(back.meta).toEqual({ note: "hi", n: 3 });
    expect(bits(back.trees.t)).toEqual(bits(tree));
    // The dtypes survive as such: a float64 → float32 downcast would change these.
    const dtypes = Object.fromEntries(treeLeaves(back.trees.t).map((l) => [l.path, String(l.array.dtype)]));
    expect(dtypes).toMatchObject({ a: "float32", f64: "float64", i32: "int32" });
    const f64 = treeLeaves(back.trees.t).find((l) => l.path === "f64")!.array.ref.dataSync();
    expect(f64).toBeInstanceOf(Float64Array);
    expect(Array.from(f64)).toEqual([Math.PI, -1e-300]); // -1e-300 is 0 in float32
    expect(Object.is(treeToHost(back.trees.t)[0].data[1], -0)).toBe(true);
    disposeTree(back.trees.t);
    disposeTree(tree);
  });

  it("resuming from a saved train state gives the same parameters as training straight through", () => {
    const trainer = createTrainer<MlpParams, [Array, Array]>({ loss: (p, x, y) => meanSquaredError(mlp(p, x), y) });
    const x = () => f32(randn(16 * 4, 3), [16, 4]);
    const y = () => f32(randn(16 * 2, 4), [16, 2]);
    const straight = trainer.init(initMlp(keyFromSeed(5), [4, 8, 2]));
    for (let i = 0; i < 4; i++) trainer.step(straight, 1e-2, x(), y());

    const first = trainer.init(initMlp(keyFromSeed(5), [4, 8, 2]));
    for (let i = 0; i < 2; i++) trainer.step(first, 1e-2, x(), y());
    const file = join(dir, "state.ckpt");
    saveTrainState(file, first, { epoch: 1 });
    disposeTrainState(first);
    const { state: resumed, meta } = loadTrainState<MlpParams>(file);
    expect(meta.epoch).toBe(1);
    expect(resumed.step).toBe(2);
    for (let i = 0; i < 2; i++) trainer.step(resumed, 1e-2, x(), y());
    expect(bits(resumed.params)).toEqual(bits(straight.params));
    expect(bits(resumed.opt.v)).toEqual(bits(straight.opt.v));
    disposeTrainState(resumed);
    disposeTrainState(straight);
    trainer.dispose();
  });

  it("rejects missing, foreign, truncated, non-finite and wrong-kind files with an InputFileError", () => {
    expect(() => loadCheckpoint(join(dir, "nope.ckpt"))).toThrow(InputFileError);
    const junk = join(dir, "junk.ckpt");
    writeFileSync(junk, "hello, not a checkpoint");
    expect(() => loadCheckpoint(junk)).toThrow(/not a valid ndp checkpoint/);
    const good = encodeCheckpoint({ kind: "k", meta: {}, trees: { t: { w: f32([1, 2, 3, 4], [4]) } } });
    expect(() => decodeCheckpoint(good.slice(0, good.length - 3), "cut.ckpt")).toThrow(InputFileError);
    const nan = encodeCheckpoint({ kind: "k", meta: {}, trees: { t: { w: f32([1, NaN, 3, 4], [4]) } } });
    expect(() => decodeCheckpoint(nan, "nan.ckpt")).toThrow(/contains NaN/);
    const file = join(dir, "kind.ckpt");
    writeFileSync(file, good);
    expect(() => loadCheckpoint(file, "train-state")).toThrow(/holds a "k" checkpoint/);
    expect(readFileSync(file).subarray(0, 8).toString()).toBe("NDPCKPT1");
  });
});
