// The fast digit backbone against the general-layer reference: values and gradients; its file
// format; the MLP head.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { grad, initEngine, np, type Array } from "../../src/engine/jax.js";
import { backbone, backboneInput, backbonePatches, backboneReference, initBackbone, loadBackbone, saveBackbone, BACKBONE_FEATURES, type BackboneParams } from "../../src/models/backbone.js";
import { initMlpHead, mlpHead } from "../../src/models/mlp-head.js";
import { keyFromSeed } from "../../src/nn/init.js";
import { saveCheckpoint } from "../../src/nn/checkpoint.js";
import { disposeTree, refTree, treeLeaves, treeToHost } from "../../src/nn/params.js";
import { InputFileError } from "../../src/errors.js";
import { host, relErr } from "../nn/reference-ops.js";
import { Rng } from "../../src/math/rng.js";

beforeAll(async () => {
  await initEngine();
});

/** Sparse random "digit-like" images: mostly zeros, some strokes in [0, 1]. */
function images(n: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: n * 784 }, () => (rng.next() < 0.25 ? rng.next() : 0));
}

describe("digit backbone", () => {
  const imgs = images(3, 1);

  it("the fast path equals the general-layer reference (features [B, 200])", () => {
    const p = initBackbone(keyFromSeed(1));
    const fast = backbone(refTree(p), backboneInput(imgs));
    const ref = backboneReference(refTree(p), np.array(imgs, { shape: [3, 28, 28] }));
    expect(fast.shape).toEqual([3, BACKBONE_FEATURES]);
    const f = host(fast);
    expect(relErr(f, host(ref))).toBeLessThan(1e-5);
    expect(f.some((v) => v > 0)).toBe(true);
    fast.dispose();
    ref.dispose();
    disposeTree(p);
  });

  it("and has the same gradients with respect to every parameter", () => {
    const p = initBackbone(keyFromSeed(2));
    const r = np.array(Float32Array.from({ length: 3 * 200 }, (_, i) => Math.sin(i)), { shape: [3, 200] });
    const lossFast = (q: BackboneParams) => np.sum(backbone(q, backboneInput(imgs)).mul(r.ref));
    const lossRef = (q: BackboneParams) => np.sum(backboneReference(q, np.array(imgs, { shape: [3, 28, 28] })).mul(r.ref));
    const gFast = (grad as unknown as (f: unknown) => (p: BackboneParams) => BackboneParams)(lossFast)(refTree(p));
    const gRef = (grad as unknown as (f: unknown) => (p: BackboneParams) => BackboneParams)(lossRef)(refTree(p));
    const a = treeToHost(gFast);
    const b = treeToHost(gRef);
    expect(a.map((l) => l.path)).toEqual(["conv1.w", "conv1.b", "conv2.w", "conv2.b", "fc.w", "fc.b"]);
    a.forEach((l, i) => expect(relErr(l.data, b[i].data), l.path).toBeLessThan(1e-5));
    expect(Math.max(...a[0].data.map(Math.abs))).toBeGreaterThan(0);
    [gFast, gRef, p].forEach((t) => disposeTree(t));
    r.dispose();
  });

  it("prepares patches for an index batch: rows (window a, I, sample, J), columns (di, dj)", () => {
    const p = backbonePatches(imgs, [2, 0]);
    expect(p.length).toBe(4 * 2 * 144 * 28);
    // row 0 = (a=0, I=0, sample 2, J=0): the top-left 5×5 block of image 2
    for (let di = 0; di < 5; di++) for (let dj = 0; dj < 5; dj++) expect(p[di * 5 + dj]).toBe(imgs[2 * 784 + di * 28 + dj]);
    expect([p[25], p[26], p[27]]).toEqual([0, 0, 0]);
    // a = 3 (dy = dx = 1), I = 1, sample 0 (batch slot 1), J = 2: window starts at (2·1+1, 2·2+1) = (3, 5)
    const row = ((3 * 12 + 1) * 2 + 1) * 12 + 2;
    expect(p[row * 28]).toBe(imgs[3 * 28 + 5]);
    expect(p[row * 28 + 6]).toBe(imgs[4 * 28 + 6]);
  });

  it("saves and loads its weights bit-exactly; foreign or mis-shaped files are rejected", () => {
    const dir = mkdtempSync(join(tmpdir(), "ndp-bb-"));
    const p = initBackbone(keyFromSeed(3));
    const file = join(dir, "backbone.ckpt");
    saveBackbone(file, p, { note: "test" });
    const { params, meta } = loadBackbone(file);
    expect(meta.note).toBe("test");
    expect(treeToHost(params).map((l) => Buffer.from(l.data.buffer).toString("hex"))).toEqual(treeToHost(p).map((l) => Buffer.from(l.data.buffer).toString("hex")));
    const bad = join(dir, "bad.ckpt");
    saveCheckpoint(bad, { kind: "digit-backbone", meta: {}, trees: { backbone: { ...p, fc: { w: np.zeros([10, 200]), b: p.fc.b } } } });
    expect(() => loadBackbone(bad)).toThrow(/fc.w should be \[800,200\]/);
    const other = join(dir, "other.ckpt");
    saveCheckpoint(other, { kind: "train-state", meta: {}, trees: {} });
    expect(() => loadBackbone(other)).toThrow(InputFileError);
    disposeTree(params);
    disposeTree(p);
  });
});

describe("mlpHead", () => {
  it("maps [B, 200] features to any output width (62, 602, 10) with the release's hidden widths", () => {
    const f = np.ones([4, 200]);
    for (const outputs of [62, 602, 10]) {
      const head = initMlpHead(keyFromSeed(outputs), { outputs });
      expect(treeLeaves(head).map((l) => l.array.shape[1] ?? l.array.shape[0])).toEqual([100, 100, 200, 200, 128, 128, 64, 64, outputs, outputs]);
      const y: Array = mlpHead(head, f.ref);
      expect(y.shape).toEqual([4, outputs]);
      expect(host(y).every(Number.isFinite)).toBe(true);
      y.dispose();
    }
    f.dispose();
  });
});
