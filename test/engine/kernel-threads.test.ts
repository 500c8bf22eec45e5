// Engine threads: kernels cut into chunks across threads give bit-identical results; settings.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { engineThreads, freeCores, initEngine, jit, np, setEngineThreads, valueAndGrad, type Array } from "../../src/engine/jax.js";
import { threadStats } from "../../src/engine/kernel-threads.js";
import { ConfigError } from "../../src/errors.js";
import { f32, randn } from "../nn/reference-ops.js";

beforeAll(async () => {
  await initEngine();
});
afterEach(() => {
  setEngineThreads(1);
  delete process.env.NDP_ENGINE_THREADS;
});

describe("engine threads", () => {
  it("give bit-identical results for 1, 2 and 3 threads (matmuls, reductions, elementwise, fwd + bwd)", () => {
    const a = randn(300 * 200, 1);
    const b = randn(200 * 260, 2);
    const loss = (x: Array, w: Array) => np.mean(np.square(np.tanh(np.matmul(x, w))));
    const step = jit((x: Array, w: Array) => valueAndGrad(loss, { argnums: [0, 1] })(x, w) as never);
    const run = () => {
      const out: number[][] = [];
      for (let i = 0; i < 3; i++) {
        const [v, [gx, gw]] = step(f32(a, [300, 200]), f32(b, [200, 260])) as unknown as [Array, Array[]];
        out.push([v.item()], Array.from(gx.dataSync() as Float32Array), Array.from(gw.dataSync() as Float32Array));
      }
      return out;
    };
    const one = run();
    setEngineThreads(2);
    // keep launching until the helper has taken chunks (it may be slow to get a core on a busy machine)
    let two = run();
    for (let i = 0; i < 50 && threadStats.helperChunks === 0; i++) two = run();
    expect(threadStats.helperChunks).toBeGreaterThan(0);
    setEngineThreads(3);
    const three = run();
    expect(two).toEqual(one);
    expect(three).toEqual(one);
    step.dispose();
  });

  it("accepts a whole number ≥ 1, \"auto\" or \"max\", and NDP_ENGINE_THREADS overrides the command's choice", async () => {
    expect(() => setEngineThreads(0)).toThrow();
    expect(() => setEngineThreads(1.5)).toThrow();
    setEngineThreads("auto");
    expect(engineThreads()).toBe(freeCores());
    expect(freeCores()).toBeGreaterThanOrEqual(1);
    process.env.NDP_ENGINE_THREADS = "2";
    await initEngine({ threads: 1 });
    expect(engineThreads()).toBe(2);
    process.env.NDP_ENGINE_THREADS = "two";
    await expect(initEngine()).rejects.toThrow(ConfigError);
  });
});
