// A sweep through the job interface with an in-memory backend: aggregation per point, the report's
// figures (valid PNG and SVG), table and report, the Fig. 5 section, and sweep.json.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import type { JobRunner, RunResult, RunSpec } from "../../src/experiments/job.js";
import { fig5Section } from "../../src/experiments/fig5-report.js";
import { parseSweepSpec } from "../../src/experiments/spec.js";
import { planSweep } from "../../src/experiments/sweep-plan.js";
import { runSweep } from "../../src/experiments/sweep.js";
import { writeSweepReport } from "../../src/experiments/sweep-report.js";

/** A backend that "trains" instantly: success climbs with the learning rate; seed 1 of lr 1e-4 fails. */
class FakeRunner implements JobRunner {
  submitted: RunSpec[] = [];
  closed = false;
  async submit(run: RunSpec): Promise<RunResult> {
    this.submitted.push(run);
    const c = run.config as { learningRate: number; totalSteps: number; task: string; algo: string };
    if (c.learningRate === 1e-4 && run.seed === 1) return { id: run.id, status: "failed", error: "ndp: error: boom", seconds: 1 };
    const top = c.learningRate * 1000 + run.seed * 0.1; // lr 1e-3 → 1, 1e-4 → 0.1; seed adds 0.1
    const curve = [1, 2, 3, 4].map((q) => [(q * c.totalSteps) / 4, (top * q) / 4, q] as [number, number, number]);
    return { id: run.id, status: "finished", seconds: 2, metrics: { task: c.task, algo: c.algo, seed: run.seed, env_steps: c.totalSteps, seconds: 2, final_success_rate: top, final_return: 4, curve } };
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe("runSweep + writeSweepReport", () => {
  it("aggregates each point over its seeds and writes valid figures, table.md, report.md and sweep.json", async () => {
    const spec = parseSweepSpec({ name: "lr", kind: "rl", base: { task: "reach", algo: "ppo", totalSteps: 4000 }, grid: { learningRate: [1e-3, 1e-4] }, seeds: 2 }, "lr.yaml");
    const plan = planSweep(spec);
    const out = mkdtempSync(join(tmpdir(), "ndp-sweep-"));
    const runner = new FakeRunner();
    const outcome = await runSweep(plan, { out, runner });
    expect(runner.submitted).toHaveLength(4);
    expect(runner.closed).toBe(true);
    expect(outcome.counts).toEqual({ finished: 3, skipped: 0, failed: 1 });
    const a = outcome.aggregates.get("learningRate=0.001")!;
    // seeds reach 1.0 and 1.1: mean 1.05, sample std √0.005
    expect(a.final.success_rate.mean).toBeCloseTo(1.05, 12);
    expect(a.final.success_rate.std).toBeCloseTo(Math.sqrt(0.005), 12);
    expect(a.curve.x).toEqual([1000, 2000, 3000, 4000]);
    expect(outcome.aggregates.get("learningRate=0.0001")!.n).toBe(1);

    const report = await writeSweepReport(outcome);
    expect(report.figures.map((f) => f.slice(out.length))).toEqual(["/figures/lr.png", "/figures/lr.svg"]);
    expect([...readFileSync(report.figures[0]).subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const svg = readFileSync(report.figures[1], "utf8");
    expect(svg.startsWith("<svg")).toBe(true);
    expect(new Resvg(svg).width).toBeGreaterThan(0); // parses as SVG
    expect(report.table).toHaveLength(2);
    expect(report.table[0]).toMatchObject({ point: "learningRate=0.001", seeds: "2/2", budget: 4000 });
    expect(report.table[0].at.map((t) => t.mean)).toEqual([expect.closeTo(0.2625, 12), expect.closeTo(0.525, 12), expect.closeTo(1.05, 12)]);
    const table = readFileSync(report.tableFile, "utf8");
    expect(table).toContain("| learningRate=0.001 | 4,000 steps, k 1, reward delay off | 2/2 | 0.26 ± 0.02 (1K) | 0.53 ± 0.04 (2K) | 1.05 ± 0.07 (4K) |");
    const md = readFileSync(report.report, "utf8");
    expect(md).toContain("![lr](figures/lr.png)");
    expect(md).toContain("## Runs without results");
    expect(md).toContain("ndp: error: boom");
    const saved = JSON.parse(readFileSync(join(out, "sweep.json"), "utf8"));
    expect(saved.runs.map((r: { status: string }) => r.status).sort()).toEqual(["failed", "finished", "finished", "finished"]);
    expect(saved.runs[0]).toMatchObject({ dir: `runs/${plan.runs[0].id}`, config: { learningRate: 1e-3 } });
  });

  it("states the reward delay of every (task, algo) curve and checks the Fig. 5 claims on what it has", async () => {
    const spec = parseSweepSpec({ name: "f5", kind: "rl", base: { totalSteps: 4000, learningRate: 1e-3 }, grid: { task: ["push", "soccer"] }, variants: { ppo: { algo: "ppo" }, "ndp-ppo": { algo: "ndp-ppo", rewardDelay: 5 } }, seeds: 1 });
    const outcome = await runSweep(planSweep(spec), { out: mkdtempSync(join(tmpdir(), "ndp-fig5-")), runner: new FakeRunner() });
    const s = fig5Section(outcome);
    expect(s.rewardDelay).toEqual({ push: { ppo: 1, "ndp-ppo": 5 }, soccer: { ppo: 1, "ndp-ppo": 5 } });
    expect(s.markdown).toContain("| push | off | – | every 5 steps |");
    expect(s.claims.find((c) => c.task === "push")!.verdict).toBe("partly"); // equal curves: performance ties, no efficiency gain
    expect(s.claims.find((c) => c.claim.includes("fails completely"))).toBeUndefined(); // pick not in this sweep
  });
});
