// The whole PPO loop on the pure-TypeScript point-mass env: it learns, NDP-PPO and PPO-multi run
// and learn, the same seed gives the same numbers for any worker count, and a resumed run equals a
// straight one bit for bit.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initEngine } from "../../src/engine/jax.js";
import { ppoDefaults } from "../../src/rl/defaults.js";
import { trainPpo, type PpoConfig } from "../../src/rl/ppo.js";
import { runRlTraining } from "../../src/rl/rl-run.js";
import type { RlAlgo } from "../../src/rl/algorithms.js";

let tmp: string;
beforeAll(async () => {
  await initEngine();
  tmp = mkdtempSync(join(tmpdir(), "ndp-ppo-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A small, fast config: 8 envs × one 50-step episode per update, 10 epochs × 4 minibatches. */
function tiny(algo: RlAlgo, updates: number, overrides: Partial<PpoConfig> = {}): PpoConfig {
  return { ...ppoDefaults("point-mass", algo), numEnvs: 8, workers: 0, minibatches: 4, totalSteps: updates * 400, evaluations: 1, evalEpisodes: 16, ...overrides };
}

describe("trainPpo on point-mass", () => {
  it("PPO learns to reach the goal (random policy: ~0 % success)", async () => {
    const r = await trainPpo(tiny("ppo", 60, { learningRate: 1e-3 }));
    expect(r.history[0].eval).toBeUndefined();
    expect(r.final.successRate).toBeGreaterThanOrEqual(0.75);
    expect(r.history.at(-1)!.meanReturn).toBeGreaterThan(r.history[0].meanReturn);
  }, 120_000);

  it("NDP-PPO learns it too (k = 2 actions per decision from a DMP; k = 5 needs ~3× the updates here)", async () => {
    const r = await trainPpo(tiny("ndp-ppo", 60, { learningRate: 1e-3, k: 2 }));
    expect(r.final.successRate).toBeGreaterThanOrEqual(0.75);
    // learning recomputes exactly the policy that acted: the first minibatch's ratio is 1
    for (const u of r.history) expect(Math.abs(u.initialApproxKl)).toBeLessThan(1e-6);
  }, 120_000);

  it("PPO-multi runs with its k-head critic, on decision or sub-step observations", async () => {
    for (const critic of ["plan", "step"] as const) {
      const r = await trainPpo(tiny("ppo-multi", 2, { critic }));
      expect(r.history).toHaveLength(2);
      expect(Number.isFinite(r.history[1].valueLoss)).toBe(true);
      for (const u of r.history) expect(Math.abs(u.initialApproxKl)).toBeLessThan(1e-6);
    }
  }, 60_000);

  it("gives the same numbers for the same seed with 0 or 2 env threads, and other numbers for another seed", async () => {
    const a = await trainPpo(tiny("ndp-ppo", 2));
    const b = await trainPpo(tiny("ndp-ppo", 2, { workers: 2 }));
    const c = await trainPpo(tiny("ndp-ppo", 2, { seed: 1 }));
    const strip = (h: typeof a.history) => h.map(({ seconds: _s, stepsPerSecond: _p, timing: _t, ...rest }) => rest);
    expect(strip(b.history)).toEqual(strip(a.history));
    expect(b.final).toEqual(a.final);
    expect(strip(c.history)).not.toEqual(strip(a.history));
  }, 60_000);
});

describe("runRlTraining", () => {
  it("resumes bit-identically after a crash: 2 updates + resume equal 4 straight; a resume with other options is refused", async () => {
    const config = tiny("ndp-ppo", 4);
    const straight = await runRlTraining(config, join(tmp, "straight"), { checkpointEvery: 1 });
    const crashed = join(tmp, "crashed");
    const crash = (r: { iteration: number }) => {
      if (r.iteration === 2) throw new Error("simulated crash");
    };
    await expect(runRlTraining(config, crashed, { checkpointEvery: 1, onUpdate: crash })).rejects.toThrow("simulated crash");
    await expect(runRlTraining({ ...config, learningRate: 1e-3 }, crashed, { resume: true })).rejects.toThrow(/learningRate was 0.0003/);
    await expect(runRlTraining(config, crashed)).rejects.toThrow(/already holds a training run/);
    const resumed = await runRlTraining(config, crashed, { resume: true, checkpointEvery: 1 });
    const lines = (dir: string) =>
      readFileSync(join(dir, "metrics.jsonl"), "utf8")
        .trim()
        .split("\n")
        .map((l) => {
          const { seconds: _s, stepsPerSecond: _p, timing: _t, ...rest } = JSON.parse(l);
          return rest;
        });
    expect(lines(crashed)).toHaveLength(4);
    expect(lines(crashed)).toEqual(lines(join(tmp, "straight")));
    expect(resumed.metrics.final_success_rate).toBe(straight.metrics.final_success_rate);
    expect(straight.metrics.env_steps).toBe(1600);
    expect(straight.metrics.curve.at(-1)![0]).toBe(1600);
  }, 120_000);
});
