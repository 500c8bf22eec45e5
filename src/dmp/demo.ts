/**
 * The DMP demo: a few roll-outs that show what the layer does — the five bases driven by the same
 * weights, and a 2-D "pen" DMP with the vector field it induces (paper Fig. 1). Used by
 * `ndp dmp demo`.
 */
import { dmpConfig, BASIS_KINDS } from "./config.js";
import { referenceRollout } from "./reference.js";
import { planRollout, transferPlan } from "./transfer.js";
import { positionField } from "./vector-field.js";
import { fitDmp } from "./fit.js";
import { phaseSequence } from "./phase.js";
import { lineChart, type Series } from "../report/chart.js";
import { quiverSvg } from "../report/quiver.js";
import { writeFigure } from "../report/figure.js";
import { openRunDir } from "../io/run-dir.js";
import { writeFileAtomic } from "../io/atomic.js";

export interface DemoResult {
  /** SVG figures by name. */
  figures: Record<string, string>;
  /** Key numbers: per basis the end point and its distance to the goal. */
  summary: Record<string, number>;
}

/** What the demo rolls out (its `config.json`). */
export const DMP_DEMO_CONFIG = {
  rollouts: { n_basis: 10, steps: 300, alpha_z: 25, y0: 0, goal: 1, weights: [200, -300, 125, 400, -150, 50, -225, 100, 25, -75], bases: BASIS_KINDS },
  pen: { n_basis: 30, steps: 300, alpha_z: 25, fitted_to: "a hand-drawn 2 (301 points)", field_resolution: 17, field_step: 150 },
} as const;

export async function dmpDemo(): Promise<DemoResult> {
  const { rollouts: ro, pen: pc } = DMP_DEMO_CONFIG;
  const n = ro.n_basis;
  const weights = [ro.weights];
  const figures: Record<string, string> = {};
  const summary: Record<string, number> = {};

  // 1. One-dimensional roll-outs, same weights, every basis.
  const series: Series[] = BASIS_KINDS.map((basis) => {
    const cfg = dmpConfig({ nBasis: n, steps: ro.steps, alphaZ: ro.alpha_z, basis });
    const r = planRollout(transferPlan(cfg), { y0: [ro.y0], goal: [ro.goal], weights });
    summary[`${basis}_end`] = r.position[cfg.steps];
    return { name: basis, x: Array.from({ length: cfg.steps + 1 }, (_, t) => t * cfg.dt), y: r.position };
  });
  const plain = dmpConfig({ nBasis: n, steps: ro.steps, alphaZ: ro.alpha_z });
  const noForcing = referenceRollout(plain, { y0: [ro.y0], goal: [ro.goal] }).position;
  series.push({ name: "w = 0", x: series[0].x, y: noForcing });
  figures["rollouts"] = await lineChart(series, { title: "DMP roll-outs (y0 = 0, g = 1, same w)", xLabel: "time t (s)", yLabel: "y" });

  // 2. A 2-D pen DMP fitted to a hand-drawn "2" (fitDmp), and the acceleration field it induces at
  //    mid-phase (paper Fig. 1). Image coordinates: x right, y down.
  const cfg2 = dmpConfig({ nBasis: pc.n_basis, steps: pc.steps, alphaZ: pc.alpha_z });
  const two = Float64Array.from({ length: 301 * 2 }, (_, k) => {
    const s = Math.floor(k / 2) / 300;
    // an arc over the top, a diagonal down to the left, a stroke along the base
    const [x, y] =
      s < 0.45
        ? [20 + 9 * Math.sin(Math.PI * (-0.35 + (1.35 * s) / 0.45)), 14 - 8 * Math.cos(Math.PI * (-0.35 + (1.35 * s) / 0.45))]
        : s < 0.8
          ? [20 + 9 * Math.sin(Math.PI) - ((s - 0.45) / 0.35) * 9, 22 + ((s - 0.45) / 0.35) * 10]
          : [11 + ((s - 0.8) / 0.2) * 18, 32];
    return k % 2 === 0 ? x : y;
  });
  const fit = fitDmp(cfg2, two, 2);
  const pen = { y0: [two[0], two[1]], goal: Array.from(fit.goal), weights: [Array.from(fit.weights.subarray(0, 30)), Array.from(fit.weights.subarray(30))] };
  const path = referenceRollout(cfg2, pen);
  const t = pc.field_step;
  const phase = phaseSequence(cfg2)[t + 1];
  const field = positionField(cfg2, pen, { phase, y1: [0, 40], y2: [0, 40], velocity: [path.velocity[t * 2], path.velocity[t * 2 + 1]], resolution: pc.field_resolution });
  const pts = Array.from({ length: cfg2.steps + 1 }, (_, k) => [path.position[2 * k], path.position[2 * k + 1]] as const);
  const demo = Array.from({ length: cfg2.steps + 1 }, (_, k) => [two[2 * k], two[2 * k + 1]] as const);
  figures["vector-field"] = quiverSvg({
    x: field.y1,
    y: field.y2,
    u: field.a1,
    v: field.a2,
    paths: [
      { points: demo, color: "#1f77b4", label: "demonstration" },
      { points: pts, color: "#d62728", label: "DMP fit (N = 30)" },
    ],
    title: `acceleration field at phase x = ${phase.toFixed(3)} (t = ${(t * cfg2.dt).toFixed(2)} s)`,
    flipY: true,
  });
  summary["pen_fit_rmse_px"] = Math.hypot(fit.rmse[0], fit.rmse[1]) / Math.SQRT2;
  summary["pen_end_error_px"] = Math.hypot(pts[cfg2.steps][0] - demo[cfg2.steps][0], pts[cfg2.steps][1] - demo[cfg2.steps][1]);
  return { figures, summary };
}

/** Run the demo and write `config.json`, `report.md`, figures and `metrics.json` into the run directory `dir`. */
export async function writeDmpDemo(dir: string): Promise<{ run: string; report: string; figures: Record<string, string>; summary: Record<string, number> }> {
  const run = openRunDir(dir);
  run.writeConfig(DMP_DEMO_CONFIG);
  const { figures, summary } = await dmpDemo();
  const files: Record<string, string> = {};
  for (const [name, svg] of Object.entries(figures)) files[name] = writeFigure(run.file(name), svg).png;
  run.writeMetrics(summary);
  const report = [
    "# DMP demo",
    "",
    "Roll-outs of the same weights through the five basis families, and a 2-D pen DMP fitted to a",
    "hand-drawn \"2\" with the acceleration field it induces at mid-phase (paper Fig. 1).",
    "",
    "![roll-outs](rollouts.png)",
    "",
    "![vector field](vector-field.png)",
    "",
    "| quantity | value |",
    "|---|---|",
    ...Object.entries(summary).map(([k, v]) => `| ${k} | ${v.toFixed(4)} |`),
    "",
  ].join("\n");
  writeFileAtomic(run.file("report.md"), report);
  return { run: run.path, report: run.file("report.md"), figures: files, summary };
}
