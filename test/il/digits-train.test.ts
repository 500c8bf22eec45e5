import { beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { initEngine } from "../../src/engine/jax.js";
import { generateDigits } from "../../src/data/digits/generator.js";
import { resizeDigitSet } from "../../src/data/digits/resize.js";
import { selectDigits } from "../../src/data/digits/digit-set.js";
import type { DigitData } from "../../src/data/digits/load-digit-data.js";
import { createDigitModel } from "../../src/models/digits/create-digit-model.js";
import { TABLE2_ENTRIES } from "../../src/il/table2.js";
import { trainDigits } from "../../src/il/train-digits.js";
import { evaluateDigits } from "../../src/il/evaluate-digits.js";
import { disposeTrainState } from "../../src/nn/train-step.js";
import { runNdp } from "../helpers/run-cli.js";

let data: DigitData;
beforeAll(async () => {
  await initEngine();
  const all = resizeDigitSet(generateDigits({ count: 60, seed: 5 }), 28);
  const idx = (a: number, b: number) => Int32Array.from({ length: b - a }, (_, i) => a + i);
  data = { train: selectDigits(all, idx(0, 40)), test: selectDigits(all, idx(40, 60)), trainIndices: idx(0, 40), testIndices: idx(40, 60), source: "test" };
});

describe("digit models train end to end", () => {
  it.each(TABLE2_ENTRIES.map((e) => [e.name, e] as const))("%s: Adam steps on one batch lower the training objective and the test MSE is finite", async (_name, entry) => {
    const oneBatch = { ...data, train: selectDigits(data.train, Int32Array.from({ length: 20 }, (_, i) => i)) };
    const model = createDigitModel(entry.kind, oneBatch.train, entry.options);
    const losses: number[] = [];
    const r = await trainDigits(model, oneBatch, { epochs: 40, batchSize: 20, learningRate: 1e-3, seed: 0 }, { onStep: ({ loss }) => losses.push(loss) });
    try {
      expect(losses).toHaveLength(40);
      expect(losses.every(Number.isFinite)).toBe(true);
      expect(Math.min(...losses.slice(-3))).toBeLessThan(0.8 * losses[0]);
      const ev = evaluateDigits(model, r.state.params, data.test);
      expect(Number.isFinite(ev.mse)).toBe(true);
      expect(ev.predictions).toHaveLength(20 * 301 * 2);
    } finally {
      disposeTrainState(r.state);
      model.dispose();
    }
  });

  it("resuming from an epoch checkpoint gives the same numbers as an uninterrupted run", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ndp-resume-"));
    const settings = { epochs: 2, batchSize: 20, learningRate: 1e-3, seed: 3 };
    const straight = createDigitModel("ndp", data.train);
    const a = await trainDigits(straight, data, settings);
    const ckpt = join(dir, "c.ckpt");
    const m1 = createDigitModel("ndp", data.train);
    const b1 = await trainDigits(m1, data, { ...settings, epochs: 1 }, { checkpoint: ckpt });
    disposeTrainState(b1.state);
    const b2 = await trainDigits(m1, data, settings, { resume: ckpt });
    expect(b2.history.map((h) => h.testMse)).toEqual(a.history.map((h) => h.testMse));
    for (const s of [a.state, b2.state]) disposeTrainState(s);
    straight.dispose();
    m1.dispose();
  });
});

describe("ndp digits CLI errors", () => {
  it.each([
    ["a missing data file", ["digits", "train", "--model", "ndp", "--data", "/nonexistent/d.mat"], /data file .* does not exist/],
    ["an unknown model", ["digits", "train", "--model", "rnn"], /expected one of ndp, cnn, cnn-dmp/],
    ["--resume without --out", ["digits", "train", "--model", "cnn", "--resume"], /--resume needs --out/],
    ["train-count >= count", ["digits", "train", "--model", "cnn", "--count", "100", "--train-count", "100"], /must be smaller than --count/],
    ["eval of a directory without a run", ["digits", "eval", "--checkpoint", "/nonexistent-run"], /checkpoint\.ckpt does not exist/],
  ])("%s → one line, exit 2", (_w, args, message) => {
    const r = runNdp([...args, "--json"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });
});
