/**
 * Paper Table 2 (digit writing): train NDP, CNN and CNN-DMP with the same backbone, data and
 * budget — from scratch and from an MNIST-pretrained backbone — and write one report with our
 * numbers beside the paper's and a Fig. 4-style picture of held-out digits.
 */
import { join, resolve } from "node:path";
import { existsSync } from "node:fs";
import type { DigitData } from "../data/digits/load-digit-data.js";
import { selectDigits } from "../data/digits/digit-set.js";
import type { DigitModelKind } from "../models/digits/digit-model.js";
import { loadBackbone, saveBackbone } from "../models/backbone.js";
import { loadMnist } from "../models/pretrain/mnist.js";
import { pretrainBackbone, PRETRAIN_DEFAULTS } from "../models/pretrain/pretrain-backbone.js";
import { disposeTrainState } from "../nn/train-step.js";
import { disposeTree } from "../nn/params.js";
import { openRunDir } from "../io/run-dir.js";
import { checkOutputDir } from "../io/path-check.js";
import { writeFileAtomic } from "../io/atomic.js";
import { writeFigure } from "../report/figure.js";
import { lineChart } from "../report/chart.js";
import { checkRunBeforeData, digitTracesSvg, loadDigitsForRun, loadDigitsRun, runDigitsTraining, type DigitsRunConfig, type DigitsRunHooks, type DigitsRunMetrics } from "./digits-run.js";
import { predictAll } from "./evaluate-digits.js";
import { realHandwritingSvg } from "./real-handwriting.js";
import type { EpochRecord } from "./train-digits.js";

/** The paper's Table 2 (mean ± std, px²). */
export const PAPER_TABLE2: Record<DigitModelKind, { train: [number, number]; test: [number, number] }> = {
  cnn: { train: [10.42, 5.26], test: [10.59, 4.63] },
  "cnn-dmp": { train: [9.44, 4.59], test: [8.46, 8.45] },
  ndp: { train: [0.7, 0.36], test: [0.74, 0.34] },
};

/** Names of the paper's rows, and its test-MSE ranking, e.g. "NDP 0.74 < CNN-DMP 8.46 < CNN 10.59". */
const PAPER_NAMES: Record<DigitModelKind, string> = { ndp: "NDP", cnn: "CNN", "cnn-dmp": "CNN-DMP" };
const PAPER_ORDER = (Object.keys(PAPER_TABLE2) as DigitModelKind[])
  .sort((a, b) => PAPER_TABLE2[a].test[0] - PAPER_TABLE2[b].test[0])
  .map((k) => `${PAPER_NAMES[k]} ${PAPER_TABLE2[k].test[0]}`)
  .join(" < ");

/** The rows of the table: both NDP forcing parametrisations and the two baselines. */
export interface Table2Entry {
  name: string;
  label: string;
  /** A short label for figure panels. */
  short: string;
  kind: DigitModelKind;
  options: Record<string, unknown>;
}

export const TABLE2_ENTRIES: readonly Table2Entry[] = [
  { name: "ndp", label: "NDP (paper forcing)", short: "NDP", kind: "ndp", options: { forcing: "paper" } },
  { name: "ndp-scaled", label: "NDP (scaled forcing u)", short: "NDP-u", kind: "ndp", options: { forcing: "scaled" } },
  { name: "ndp-orthogonal", label: "NDP (orthogonal forcing z)", short: "NDP-z", kind: "ndp", options: { forcing: "orthogonal" } },
  { name: "cnn", label: "CNN", short: "CNN", kind: "cnn", options: {} },
  { name: "cnn-dmp", label: "CNN-DMP [26]", short: "CNN-DMP", kind: "cnn-dmp", options: {} },
];

type RunRow = DigitsRunMetrics & { dir: string; name: string; label: string };

export interface Table2Options {
  /** Shared training configuration (the model field is ignored). */
  base: Omit<DigitsRunConfig, "model" | "backbone">;
  /** Also train every model from a pretrained backbone: this file, or pretrain one first. */
  pretrained: "none" | "pretrain" | { backbone: string };
  /** Epochs of MNIST pretraining (with `pretrained: "pretrain"`). */
  pretrainEpochs?: number;
  out: string;
  /** Called once every check has passed, before any data is made or anything trained. */
  onChecked?: () => void;
  /** Called before each model's run starts, to attach progress. */
  hooks?: (label: string) => DigitsRunHooks & { stop?(): void };
  log?: (line: string) => void;
}

/** The defaults of `ndp digits table2` besides the training settings (DIGITS_RUN_DEFAULTS). */
export const TABLE2_DEFAULTS: Readonly<Required<Pick<Table2Options, "pretrainEpochs" | "out">> & { pretrained: "none" | "pretrain" }> = {
  pretrained: "pretrain",
  pretrainEpochs: PRETRAIN_DEFAULTS.epochs,
  out: "runs/table2",
};

export interface Table2Result {
  report: string;
  runs: RunRow[];
  backbone?: string;
  pretrainTestAccuracy?: number;
}

export async function runTable2(o: Table2Options): Promise<Table2Result> {
  // Every run's checks that need no data (directories, resume epochs, options, a given backbone)
  // come before the data is generated and before anything is trained.
  checkOutputDir(o.out, "run directory", "pass a writable directory with --out");
  const given = typeof o.pretrained === "object" ? o.pretrained.backbone : undefined;
  for (const suffix of given !== undefined || o.pretrained === "pretrain" ? ["", "-pretrained"] : [""]) {
    for (const entry of TABLE2_ENTRIES) {
      const runDir = join(o.out, `${entry.name}${suffix}`);
      const backbone = suffix === "" ? undefined : (given ?? join(resolve(o.out), "pretrain", "backbone.ckpt"));
      const config = { ...o.base, model: entry.kind, backbone, modelOptions: entry.options };
      const resume = existsSync(join(runDir, "checkpoint.ckpt"));
      // A backbone that pretraining has yet to write cannot be checked now.
      const pending = backbone !== undefined && given === undefined && !existsSync(backbone);
      checkRunBeforeData(pending && !resume ? { ...config, backbone: undefined } : config, runDir, resume);
    }
  }
  o.onChecked?.();
  const dir = openRunDir(o.out);
  const data = loadDigitsForRun(o.base);
  let backbone: string | undefined;
  let pretrainTestAccuracy: number | undefined;
  if (o.pretrained === "pretrain") {
    backbone = join(dir.path, "pretrain", "backbone.ckpt");
    if (!existsSync(backbone)) {
      const epochs = o.pretrainEpochs ?? TABLE2_DEFAULTS.pretrainEpochs;
      o.log?.(`table2: pretraining the backbone on real MNIST digits (${epochs} epochs)...`);
      const result = pretrainBackbone(loadMnist(), { ...PRETRAIN_DEFAULTS, epochs, seed: o.base.seed });
      saveBackbone(backbone, result.state.params.backbone, { epochs: result.epochs, testAccuracy: result.testAccuracy });
      pretrainTestAccuracy = result.testAccuracy;
      disposeTrainState(result.state);
    } else {
      pretrainTestAccuracy = Number(loadBackboneMeta(backbone).testAccuracy ?? Number.NaN);
    }
  } else if (o.pretrained !== "none") {
    backbone = o.pretrained.backbone;
  }

  const variants: { suffix: string; backbone?: string }[] = [{ suffix: "" }];
  if (backbone) variants.push({ suffix: "-pretrained", backbone });
  const runs: Table2Result["runs"] = [];
  const histories = new Map<string, EpochRecord[]>();
  for (const v of variants) {
    for (const entry of TABLE2_ENTRIES) {
      const model = entry.kind;
      const name = `${entry.name}${v.suffix}`;
      const runDir = join(dir.path, name);
      const hooks = o.hooks?.(name) ?? {};
      const resume = existsSync(join(runDir, "checkpoint.ckpt"));
      const { metrics, history } = await runDigitsTraining({ ...o.base, model, backbone: v.backbone, modelOptions: entry.options }, runDir, {
        data,
        resume,
        ...hooks,
      });
      hooks.stop?.();
      runs.push({ ...metrics, dir: runDir, name: entry.name, label: entry.label });
      histories.set(name, history);
    }
  }
  await writeTable2Figures(dir.path, data, variants[variants.length - 1].suffix, histories);
  const report = table2Report(runs, o.base, pretrainTestAccuracy);
  writeFileAtomic(join(dir.path, "report.md"), report);
  dir.writeMetrics({ runs, pretrain_test_accuracy: pretrainTestAccuracy });
  return { report: join(dir.path, "report.md"), runs, backbone, pretrainTestAccuracy };
}

function loadBackboneMeta(file: string): Record<string, unknown> {
  const { params, meta } = loadBackbone(file);
  disposeTree(params);
  return meta;
}

/** Fig. 4: held-out digits with each model's trajectory; learning curves of the three models. */
async function writeTable2Figures(out: string, data: DigitData, suffix: string, histories: Map<string, EpochRecord[]>): Promise<void> {
  const test = data.test;
  const subset = selectDigits(test, Int32Array.from({ length: Math.min(12, test.count) }, (_, i) => i));
  const models = [];
  for (const entry of TABLE2_ENTRIES) {
    const run = loadDigitsRun(join(out, `${entry.name}${suffix}`));
    try {
      models.push({ name: entry.short, predictions: predictAll(run.model, run.params, subset) });
      if (entry.name === "ndp") writeFigure(join(out, "real-handwriting"), realHandwritingSvg(run.model, run.params, data.train, test));
    } finally {
      disposeTree(run.params);
      run.model.dispose();
    }
  }
  writeFigure(join(out, "fig4-traces"), digitTracesSvg(subset, models, subset.count, "Held-out test digits: demonstration (green, dashed) and prediction"));
  const series = [...histories].filter(([, h]) => h.length > 0).map(([name, h]) => ({ name, x: h.map((r) => r.iteration), y: h.map((r) => r.testMse) }));
  if (series.length) writeFigure(join(out, "learning-curves"), await lineChart(series, { title: "Test MSE per epoch", xLabel: "epoch", yLabel: "test MSE (px², log scale)", logY: true, width: 520, height: 320 }));
}

const f = (x: number | undefined, d = 2) => (x === undefined || !Number.isFinite(x) ? "–" : x.toFixed(d));

export function table2Report(runs: RunRow[], base: Table2Options["base"], pretrainAccuracy?: number): string {
  const lines = [
    "# Table 2 — imitation learning on digit writing",
    "",
    `Data: ${base.data ?? "built-in generated s-MNIST-style digits"} (data seed ${base.dataSeed}), first ${base.count} samples, ${base.trainCount} train / ${base.count - base.trainCount} test, images 28 × 28, trajectories 301 × 2 in pixels of the 40 × 40 frame.`,
    `Training: ${base.epochs} epochs, Adam ${base.learningRate}, batch ${base.batchSize}, seed ${base.seed}; the same backbone, head and budget for every model.`,
    pretrainAccuracy !== undefined ? `Pretrained backbone: MNIST classifier, test accuracy ${(100 * pretrainAccuracy).toFixed(2)} %.` : "",
    "",
    "Metric: mean over samples of the mean over time steps and x/y of the squared pixel error. `±` over samples; the",
    "paper's `±` is most likely over the 10 digit classes, given here as the per-class column.",
    "",
    "| method | backbone | train MSE | test MSE | test MSE per class | test jerk | paper train | paper test |",
    "|---|---|---|---|---|---|---|---|",
  ];
  for (const r of runs) {
    const p = PAPER_TABLE2[r.model];
    lines.push(
      `| ${r.label} | ${r.pretrained ? "pretrained" : "scratch"} | ${f(r.train_mse)} | ${f(r.test_mse)} ± ${f(r.test_mse_std)} | ${r.test_class_mse ? `${f(r.test_class_mse.mean)} ± ${f(r.test_class_mse.std)}` : "–"} | ${r.test_jerk.toExponential(1)} | ${p.train[0]} ± ${p.train[1]} | ${p.test[0]} ± ${p.test[1]} |`,
    );
  }
  lines.push("", `Demonstrations' mean squared jerk: ${runs[0]?.demo_jerk.toExponential(1)} px²/step⁶.`, "", "## Does the paper's ordering hold?", "");
  for (const pre of [false, true]) {
    const group = runs.filter((r) => r.pretrained === pre);
    const by = (name: string) => group.find((r) => r.name === name);
    const cnn = by("cnn");
    const dmp = by("cnn-dmp");
    if (!cnn || !dmp) continue;
    const order = [...group].sort((a, b) => a.test_mse - b.test_mse).map((r) => `${r.label} ${f(r.test_mse)}`).join(" < ");
    lines.push(`- ${pre ? "Pretrained" : "From scratch"}: test MSE order ${order} (paper: ${PAPER_ORDER}).`);
    for (const ndp of group.filter((r) => r.model === "ndp")) {
      const beats = ndp.test_mse < Math.min(cnn.test_mse, dmp.test_mse);
      lines.push(
        `  - ${ndp.label} ${beats ? "beats both baselines" : "does NOT beat both baselines"}; its predictions' jerk is ${(ndp.test_jerk / Math.max(cnn.test_jerk, 1e-300)).toExponential(1)} × the CNN's.`,
      );
    }
    lines.push(`  - CNN-DMP ${dmp.test_mse < cnn.test_mse ? "beats" : "does not beat"} CNN (the paper has it ahead).`);
  }
  lines.push("", "![Fig. 4: held-out digits](fig4-traces.png)", "", "![learning curves](learning-curves.png)", "");
  lines.push("Real handwriting (qualitative; the `mnist` package has no trajectories, so the start point is estimated from the image by a ridge regression on the NDP's own backbone features):", "", "![NDP on real MNIST digits](real-handwriting.png)", "");
  lines.push("Per-run reports: " + runs.map((r) => `[${r.label}${r.pretrained ? ", pretrained" : ""}](${r.dir.split("/").pop()}/report.md)`).join(", ") + ".", "");
  return lines.join("\n");
}
