// Expanding specs into points and runs: designs, panels and lines, merge order, dedup, quick scale.
import { describe, expect, it } from "vitest";
import { loadSweepSpec, parseSweepSpec } from "../../src/experiments/spec.js";
import { planSweep } from "../../src/experiments/sweep-plan.js";
import { ppoDefaults } from "../../src/rl/defaults.js";

describe("planSweep", () => {
  it("crosses the grid, the variants and the seeds (product design)", () => {
    const spec = parseSweepSpec({ name: "p", kind: "rl", base: { algo: "ppo" }, grid: { task: ["reach", "push"], learningRate: [1e-3, 1e-4] }, variants: { a: {}, b: { gamma: 0.9 } }, seeds: [3, 4] });
    const plan = planSweep(spec);
    expect(plan.points).toHaveLength(8);
    expect(plan.runs).toHaveLength(16);
    expect(plan.points[0]).toMatchObject({ label: "task=reach, learningRate=0.001, a", panel: "task=reach, learningRate=0.001", line: "a" });
    expect(plan.panels.map((p) => p.key)).toEqual(["task=reach, learningRate=0.001", "task=reach, learningRate=0.0001", "task=push, learningRate=0.001", "task=push, learningRate=0.0001"]);
    const b = plan.runs.find((r) => r.label === "task=push, learningRate=0.0001, b seed 4")!;
    expect(b.config).toMatchObject({ task: "push", algo: "ppo", learningRate: 1e-4, gamma: 0.9, seed: 4, totalSteps: ppoDefaults("push", "ppo").totalSteps });
  });

  it("draws the `lines` axis as lines and makes panels of the others", () => {
    const plan = planSweep(parseSweepSpec({ name: "p", kind: "rl", base: { algo: "ppo" }, grid: { task: ["reach", "push"], learningRate: [1e-3, 1e-4] }, lines: "task", seeds: 1 }));
    expect(plan.panels.map((p) => [p.key, p.points.length])).toEqual([["learningRate=0.001", 2], ["learningRate=0.0001", 2]]);
    expect(plan.points[0].line).toBe("task=reach");
  });

  it("varies one axis at a time around base, sharing the base point's runs", () => {
    const plan = planSweep(parseSweepSpec({ name: "f", kind: "rl", base: { task: "push", algo: "ndp-ppo" }, design: "one-at-a-time", grid: { "dmp.nBasis": [2, 6], k: [3, 5] }, axisNames: { "dmp.nBasis": "N" }, seeds: 2 }));
    expect(plan.points.map((p) => p.label)).toEqual(["N=2", "N=6", "k=3", "k=5"]);
    expect(plan.panels.map((p) => p.key)).toEqual(["N", "k"]);
    // N = 6 and k = 5 are both the defaults: the same two runs
    expect(plan.points[1].runIds).toEqual(plan.points[3].runIds);
    expect(plan.runs).toHaveLength(6);
    expect(plan.runs.find((r) => r.id === plan.points[0].runIds[0])!.config).toMatchObject({ k: 5, dmp: { nBasis: 2, steps: 35 } });
  });

  it("applies base ← variant ← grid point ← quick.base, and the quick axes and seeds", () => {
    const spec = parseSweepSpec({
      name: "q",
      kind: "rl",
      base: { task: "reach", algo: "ppo", gamma: 0.5, clip: 0.3 },
      variants: { v: { gamma: 0.6, epochs: 3 } },
      grid: { epochs: [1, 2, 4] },
      seeds: 3,
      quick: { base: { totalSteps: 300 }, grid: { epochs: [2] }, seeds: [9] },
    });
    const full = planSweep(spec);
    expect(full.runs).toHaveLength(9);
    expect(full.runs[0].config).toMatchObject({ gamma: 0.6, clip: 0.3, epochs: 1, totalSteps: ppoDefaults("reach", "ppo").totalSteps });
    const quick = planSweep(spec, { quick: true });
    expect(quick.runs).toHaveLength(1);
    expect(quick.runs[0]).toMatchObject({ seed: 9, config: { gamma: 0.6, epochs: 2, totalSteps: 300, seed: 9 } });
  });

  it("lays out the paper's figures: fig5 panels per task with the three algorithms; fig6 one axis at a time", () => {
    const fig5 = planSweep(loadSweepSpec("paper:fig5"));
    expect(fig5.runs).toHaveLength(45);
    expect(fig5.panels.map((p) => p.key)).toEqual(["task=throw", "task=pick", "task=push", "task=soccer", "task=faucet-open"]);
    expect(fig5.points.slice(0, 3).map((p) => p.line)).toEqual(["ppo", "ppo-multi", "ndp-ppo"]);
    expect(fig5.runs.every((r) => r.config.totalSteps === ppoDefaults(r.config.task as string, r.config.algo as never).totalSteps)).toBe(true);
    const fig6 = planSweep(loadSweepSpec("paper:fig6"));
    expect(fig6.points).toHaveLength(19);
    expect(fig6.runs).toHaveLength(16 * 3);
    expect(fig6.panels.map((p) => p.key)).toEqual(["N", "k", "integration steps", "basis"]);
    const fig7 = planSweep(loadSweepSpec("paper:fig7"), { quick: true });
    expect(fig7.runs.map((r) => [r.config.dmp, r.seed])).toEqual([
      [expect.objectContaining({ learnAlpha: false, onlyGoal: false }), 0],
      [expect.objectContaining({ learnAlpha: true, onlyGoal: false }), 0],
      [expect.objectContaining({ learnAlpha: false, onlyGoal: true }), 0],
    ]);
  });
});
