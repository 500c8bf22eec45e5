// The generic training loop on a toy problem: records, metrics.jsonl, checkpoints with extra
// state, bit-identical resume (also after a crash between checkpoints), the run-directory contract.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { initEngine, np, type Array } from "../../src/engine/jax.js";
import { ConfigError, InputFileError } from "../../src/errors.js";
import { Rng } from "../../src/math/rng.js";
import { loadCheckpoint, trainStateCodec, type StateCodec } from "../../src/nn/checkpoint.js";
import { keyFromSeed } from "../../src/nn/init.js";
import { meanSquaredError } from "../../src/nn/losses.js";
import { initMlp, mlp, type MlpParams } from "../../src/nn/mlp.js";
import { disposeTree, treeToHost } from "../../src/nn/params.js";
import { runTrainLoop, startTrainingRun, type TrainLoopFiles } from "../../src/nn/train-loop.js";
import { createTrainer, type TrainState } from "../../src/nn/train-step.js";
import { f32, randn } from "./reference-ops.js";

beforeAll(async () => {
  await initEngine();
});

// A regression y = tanh(x A); each iteration takes one Adam step on 8 of the 32 rows, drawn from Rng(7, i).
const X = randn(32 * 6, 1);
const A = randn(6 * 3, 2);
const Y = Float64Array.from({ length: 32 * 3 }, (_, k) => {
  const n = Math.floor(k / 3);
  let s = 0;
  for (let i = 0; i < 6; i++) s += X[n * 6 + i] * A[i * 3 + (k % 3)];
  return Math.tanh(s);
});

/** The toy's state: a train state plus extra state, as an RL trainer has (normaliser statistics, counters). */
interface ToyState {
  train: TrainState<MlpParams>;
  /** Running sum of the targets seen (an extra engine tree, float64). */
  targetSum: Array;
  /** Rows seen so far (a host counter, stored in the meta). */
  seen: number;
}

const trainCodec = trainStateCodec<MlpParams>();
const codec: StateCodec<ToyState> = {
  encode(s) {
    const t = trainCodec.encode(s.train);
    return { trees: { ...t.trees, targetSum: s.targetSum }, meta: { ...t.meta, seen: s.seen } };
  },
  decode({ trees, meta }, source) {
    const { targetSum, ...rest } = trees as Record<string, Array>;
    return { train: trainCodec.decode({ trees: rest, meta }, source), targetSum, seen: meta.seen as number };
  },
  dispose(s) {
    trainCodec.dispose(s.train);
    s.targetSum.dispose();
  },
};

/** Run the toy for `iterations` (throwing at iteration `crashAt` if given); returns the final numbers. */
function toy(iterations: number, files: TrainLoopFiles = {}, extra: { checkpointEvery?: number; crashAt?: number } = {}) {
  const trainer = createTrainer<MlpParams, [Array, Array]>({ loss: (p, x, y) => meanSquaredError(mlp(p, x), y) });
  try {
    const result = runTrainLoop({
      ...files,
      iterations,
      checkpointEvery: extra.checkpointEvery,
      codec,
      meta: { problem: "toy" },
      init: () => ({ train: trainer.init(initMlp(keyFromSeed(3), [6, 16, 3])), targetSum: np.zeros([3], { dtype: np.float64 }), seen: 0 }),
      iterate(state, i) {
        if (i === extra.crashAt) throw new Error("crash");
        const rng = new Rng(7, i);
        const rows = Array.from({ length: 8 }, () => Math.floor(rng.next() * 32));
        const x = rows.flatMap((r) => [...X.subarray(r * 6, r * 6 + 6)]);
        const y = rows.flatMap((r) => [...Y.subarray(r * 3, r * 3 + 3)]);
        const { loss } = trainer.step(state.train, 1e-2, f32(x, [8, 6]), f32(y, [8, 3]));
        state.targetSum = state.targetSum.add(np.array(Float64Array.from(y), { shape: [8, 3], dtype: np.float64 }).sum(0));
        state.seen += 8;
        return { loss, seen: state.seen };
      },
    });
    const numbers = {
      params: treeToHost(result.state.train.params).map((l) => Buffer.from(l.data.buffer).toString("hex")),
      targetSum: Array.from(result.state.targetSum.ref.dataSync()),
      seen: result.state.seen,
      step: result.state.train.step,
      history: result.history.map(({ seconds, ...r }) => (expect(seconds).toBeGreaterThanOrEqual(0), r)),
      startIteration: result.startIteration,
    };
    codec.dispose(result.state);
    return numbers;
  } finally {
    trainer.dispose();
  }
}

const tmp = () => mkdtempSync(join(tmpdir(), "ndp-loop-"));

describe("runTrainLoop", () => {
  it("runs the iterations and stamps each record with its 1-based iteration", () => {
    const r = toy(4);
    expect(r.history.map((h) => [h.iteration, h.seen])).toEqual([[1, 8], [2, 16], [3, 24], [4, 32]]);
    expect(r.step).toBe(4);
    expect(r.history.every((h) => Number.isFinite(h.loss))).toBe(true);
  });

  it("resumed from a checkpoint, continues bit-identically (params, Adam state, extra trees and meta, history)", () => {
    const straight = toy(6);
    const checkpoint = join(tmp(), "c.ckpt");
    const first = toy(2, { checkpoint });
    expect(first.history).toEqual(straight.history.slice(0, 2));
    const stored = loadCheckpoint(checkpoint, "train-state");
    expect(stored.meta).toMatchObject({ iteration: 2, step: 2, seen: 16, problem: "toy" });
    expect(Object.keys(stored.trees).sort()).toEqual(["m", "params", "targetSum", "v"]);
    for (const t of Object.values(stored.trees)) disposeTree(t);
    const resumed = toy(6, { checkpoint, resume: checkpoint });
    expect(resumed.startIteration).toBe(2);
    expect({ ...resumed, startIteration: 0 }).toEqual(straight);
  });

  it("checkpoints every N iterations and at the end; after a crash, resume redoes the lost iterations and rewrites metrics.jsonl", () => {
    const dir = tmp();
    const files = { checkpoint: join(dir, "c.ckpt"), metricsFile: join(dir, "metrics.jsonl") };
    const lines = () => readFileSync(files.metricsFile, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(() => toy(7, files, { checkpointEvery: 3, crashAt: 4 })).toThrow("crash");
    expect(lines().map((l) => l.iteration)).toEqual([1, 2, 3, 4]); // iteration 4 ran but was not checkpointed
    const meta = loadCheckpoint(files.checkpoint);
    expect(meta.meta.iteration).toBe(3);
    for (const t of Object.values(meta.trees)) disposeTree(t);
    const resumed = toy(7, { ...files, resume: files.checkpoint }, { checkpointEvery: 3 });
    expect(lines().map((l) => l.iteration)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect({ ...resumed, startIteration: 0 }).toEqual(toy(7));
    const end = loadCheckpoint(files.checkpoint);
    expect(end.meta.iteration).toBe(7);
    for (const t of Object.values(end.trees)) disposeTree(t);
  });

  it("refuses a missing checkpoint, one without loop meta, and one the caller's check rejects", () => {
    const dir = tmp();
    expect(() => toy(2, { resume: join(dir, "none.ckpt") })).toThrow(InputFileError);
    const checkpoint = join(dir, "c.ckpt");
    toy(1, { checkpoint });
    expect(() =>
      runTrainLoop({
        iterations: 2,
        resume: checkpoint,
        codec,
        init: () => {
          throw new Error("not called");
        },
        iterate: () => ({}),
        checkResume: (meta, source) => {
          if (meta.problem !== "other") throw new ConfigError(`${source} is for problem ${String(meta.problem)}`);
        },
      }),
    ).toThrow(/is for problem toy/);
  });
});

describe("startTrainingRun", () => {
  const config = { epochs: 3, seed: 1, lr: 0.1 };

  it("writes config.json, refuses to overwrite a run, and resumes only with the same fixed settings", () => {
    const path = join(tmp(), "run");
    const run = startTrainingRun(path, config, { resume: false, fixed: ["seed", "lr"] });
    expect(JSON.parse(readFileSync(join(path, "config.json"), "utf8"))).toEqual(config);
    expect(run.files).toEqual({ checkpoint: join(run.dir.path, "checkpoint.ckpt"), metricsFile: join(run.dir.path, "metrics.jsonl"), resume: undefined });
    expect(() => startTrainingRun(path, config, { resume: true, fixed: ["seed"] })).toThrow(/checkpoint\.ckpt does not exist; run without --resume first/);
    toy(1, run.files);
    expect(existsSync(run.files.checkpoint!)).toBe(true);
    expect(() => startTrainingRun(path, config, { resume: false, fixed: ["seed"] })).toThrow(/already holds a training run; pass --resume/);
    expect(() => startTrainingRun(path, { ...config, seed: 2 }, { resume: true, fixed: ["seed", "lr"] })).toThrow(/^--resume: seed was 1 in .* but is 2 now; pass the same options \(only epochs may change\)$/);
    const resumed = startTrainingRun(path, { ...config, epochs: 5 }, { resume: true, fixed: ["seed", "lr"] });
    expect(resumed.files.resume).toBe(run.files.checkpoint);
    expect(JSON.parse(readFileSync(join(path, "config.json"), "utf8")).epochs).toBe(5);
  });
});
