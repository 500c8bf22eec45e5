// The public entry point: the package imports itself by name ("ndp") and the README's DMP example runs.
import { describe, expect, it } from "vitest";
import * as ndp from "ndp";

describe("public API (import from \"ndp\")", () => {
  it("exports each part of the system", () => {
    for (const name of ["dmpConfig", "DmpLayer", "referenceRollout", "makeEnv", "makeVectorEnv", "loadDigitData", "createDigitModel", "trainDigits", "createTrainer", "runTable2"]) {
      expect(typeof (ndp as Record<string, unknown>)[name], name).toBe("function");
    }
  });

  it("runs the README's DMP layer example", async () => {
    const { initEngine, dmpConfig, DmpLayer, referenceRollout } = ndp;
    await initEngine();
    const { np } = await import("../src/engine/jax.js");
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
  });
});
