// Backbone pretraining on MNIST: the data, the seeded split, a few steps lower the loss, the CLI.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { initEngine } from "../../src/engine/jax.js";
import { loadMnist, splitIndices } from "../../src/models/pretrain/mnist.js";
import { pretrainBackbone, pretrainSplit } from "../../src/models/pretrain/pretrain-backbone.js";
import { loadBackbone } from "../../src/models/backbone.js";
import { disposeTrainState } from "../../src/nn/train-step.js";
import { disposeTree, treeToHost } from "../../src/nn/params.js";
import { ConfigError } from "../../src/errors.js";
import { runNdp } from "../helpers/run-cli.js";

beforeAll(async () => {
  await initEngine();
});

describe("MNIST digits from the mnist package", () => {
  it("are 10 000 28×28 images in [0, 1] with labels 0..9", () => {
    const d = loadMnist();
    expect(d.count).toBe(10_000);
    expect(d.images.length).toBe(10_000 * 784);
    const perClass = new Array(10).fill(0);
    d.labels.forEach((l) => perClass[l]++);
    expect(perClass.every((n) => n > 800)).toBe(true);
    let max = 0;
    for (let i = 0; i < 784 * 50; i++) max = Math.max(max, d.images[i]);
    expect(max).toBeGreaterThan(0.9);
  });

  it("split deterministically into disjoint train/test sets by seed", () => {
    const a = splitIndices(100, 20, 5);
    const b = splitIndices(100, 20, 5);
    const c = splitIndices(100, 20, 6);
    expect(Array.from(a.test)).toEqual(Array.from(b.test));
    expect(Array.from(a.test)).not.toEqual(Array.from(c.test));
    expect(new Set([...a.train, ...a.test]).size).toBe(100);
    expect(() => splitIndices(10, 10, 0)).toThrow(ConfigError);
  });
});

describe("pretrainBackbone", () => {
  it("a few epochs on a small subset lower the loss and beat chance", () => {
    const data = loadMnist();
    const config = { epochs: 3, seed: 1, batchSize: 50, learningRate: 2e-3, testCount: 200, limit: 700 };
    const split = pretrainSplit(data, config);
    expect(split.train.length).toBe(500);
    const r = pretrainBackbone(data, config);
    expect(r.history.map((h) => h.iteration)).toEqual([1, 2, 3]);
    expect(r.history[2].trainLoss).toBeLessThan(0.8 * r.history[0].trainLoss);
    expect(r.testAccuracy).toBeGreaterThan(0.5);
    expect(r.state.step).toBe(30);
    disposeTrainState(r.state);
  });

  it("resuming after an epoch gives the same parameters as running straight through", () => {
    const data = loadMnist();
    const config = { epochs: 2, seed: 4, batchSize: 50, learningRate: 1e-3, testCount: 50, limit: 250 };
    const straight = pretrainBackbone(data, config);
    const checkpoint = join(mkdtempSync(join(tmpdir(), "ndp-pretrain-resume-")), "c.ckpt");
    const first = pretrainBackbone(data, { ...config, epochs: 1 }, {}, { checkpoint });
    disposeTrainState(first.state);
    const resumed = pretrainBackbone(data, config, {}, { resume: checkpoint });
    const hex = (t: object) => treeToHost(t).map((l) => Buffer.from(l.data.buffer).toString("hex"));
    expect(hex(resumed.state.params)).toEqual(hex(straight.state.params));
    expect(resumed.testAccuracy).toBe(straight.testAccuracy);
    expect(resumed.history.map((h) => h.testAccuracy)).toEqual(straight.history.map((h) => h.testAccuracy));
    disposeTrainState(resumed.state);
    disposeTrainState(straight.state);
  });
});

describe("ndp digits pretrain (CLI)", () => {
  it("bad options end with one line on stderr and exit code 2", () => {
    for (const args of [["--epochs", "abc"], ["--resume"], ["--test-count", "20000"]]) {
      const r = runNdp(["digits", "pretrain", ...args]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(/^ndp: error: /);
    }
  });

  it("writes checkpoints and a loadable backbone, prints one JSON object, and resumes", () => {
    const out = join(mkdtempSync(join(tmpdir(), "ndp-pretrain-")), "run");
    const base = ["digits", "pretrain", "--limit", "300", "--test-count", "100", "--batch-size", "50", "--out", out, "--json"];
    const r = runNdp([...base, "--epochs", "1"]);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j).sort()).toEqual(["backbone", "epochs", "seconds", "test_accuracy", "train_accuracy"]);
    expect(j.epochs).toBe(1);
    for (const f of ["checkpoint.ckpt", "backbone.ckpt", "config.json", "metrics.json", "metrics.jsonl"]) expect(existsSync(join(out, f)), f).toBe(true);
    const { params } = loadBackbone(j.backbone);
    disposeTree(params);
    const resumed = runNdp([...base, "--epochs", "2", "--resume"]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout).epochs).toBe(2);
    const lines = readFileSync(join(out, "metrics.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((l) => l.iteration)).toEqual([1, 2]);
    // changing a fixed option on resume is refused
    const clash = runNdp([...base, "--epochs", "3", "--resume", "--seed", "9"]);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toMatch(/seed/);
  });
});
