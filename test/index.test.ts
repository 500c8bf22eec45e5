// The public entry point: the package imports itself by name ("ndp") and the README's DMP example runs.
import { describe, expect, it } from "vitest";
import * as ndp from "ndp";
import type { Array as JaxArray } from "../src/engine/jax.js";

describe("public API (import from \"ndp\")", () => {
  it("exports each part of the system", () => {
    for (const name of ["dmpConfig", "DmpLayer", "referenceRollout", "makeEnv", "makeVectorEnv", "loadDigitData", "createDigitModel", "trainDigits", "createTrainer", "runTable2"]) {
      expect(typeof (ndp as Record<string, unknown>)[name], name).toBe("function");
    }
  });

  it("runs the README's DMP layer example", async () => {
    const { initEngine, np, dmpConfig, DmpLayer, referenceRollout } = ndp;
    await initEngine();
    const cfg = dmpConfig({ nBasis: 30, steps: 300, alphaZ: 25, basis: "gaussian" });
    const layer = new DmpLayer(cfg);
    const weights = np.zeros([4, 2, 30]);
    const goal = np.ones([4, 2]);
    const y0 = np.zeros([4, 2]);
    const y = layer.rollout({ weights, goal, y0 });
    expect(y.shape).toEqual([301, 4, 2]);
    const last = (y.slice(300).js() as number[][]).flat();
    const ref = referenceRollout(cfg, { y0: [0], goal: [1] }).position[300];
    for (const v of last) expect(v).toBeCloseTo(ref, 5);
    layer.dispose();
    // the README's referenceRollout line
    const r = referenceRollout(cfg, { y0: [0], goal: [1], weights: [new Array(30).fill(5)] });
    expect(r.position).toHaveLength(301);
  });

  it("runs the README's backbone / trainer example", async () => {
    const { initEngine, np, loadDigitData, keyFromSeed, splitKey, initBackbone, initMlpHead, backbone, backboneInput, mlpHead, meanSquaredError, createTrainer, disposeTrainState } = ndp;
    await initEngine();
    const { train } = loadDigitData({ seed: 1, count: 200, trainCount: 100 });
    const [kb, kh] = splitKey(keyFromSeed(0), 2);
    const params = { backbone: initBackbone(kb), head: initMlpHead(kh, { outputs: 62 }) };
    const trainer = createTrainer<typeof params, [JaxArray, JaxArray]>({
      loss: (p, x, y) => meanSquaredError(mlpHead(p.head, backbone(p.backbone, x)), y),
      adam: {},
    });
    const state = trainer.init(params);
    const batch = Int32Array.from({ length: 100 }, (_, i) => i);
    const x = backboneInput(train.images, batch);
    const y = np.zeros([100, 62]);
    const { loss } = trainer.step(state, 1e-3, x, y);
    expect(Number.isFinite(loss)).toBe(true);
    disposeTrainState(state);
    trainer.dispose();
  });
});
