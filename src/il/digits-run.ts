/**
 * One digit-writing training run, end to end: data → model → training (progress, per-epoch
 * checkpoints, resume) → evaluation on both splits → run directory (config.json, metrics.jsonl,
 * metrics.json, checkpoint.ckpt, report.md, figures). Used by `ndp digits train`, `ndp digits
 * table2` and the main job.
 */
import { join } from "node:path";
import { ConfigError, InputFileError, NdpError, formatValue } from "../errors.js";
import { DEFAULT_DATA_SEED, loadDigitData, PAPER_PROTOCOL, type DigitData } from "../data/digits/load-digit-data.js";
import type { DigitSet } from "../data/digits/digit-set.js";
import { loadBackbone, type BackboneParams } from "../models/backbone.js";
import { createDigitModel, restoreDigitModel } from "../models/digits/create-digit-model.js";
import { DIGIT_MODEL_KINDS, type DigitModel, type DigitModelKind, type DigitParams } from "../models/digits/digit-model.js";
import { checkDigitSet } from "../models/digits/digit-inputs.js";
import { loadTrainState, readCheckpointHeader, TRAIN_STATE_KIND } from "../nn/checkpoint.js";
import { disposeTree } from "../nn/params.js";
import { disposeTrainState } from "../nn/train-step.js";
import type { RunDir } from "../io/run-dir.js";
import { readJsonFile } from "../io/json-input.js";
import { isJsonObject, jsonObject, ownField } from "../io/json-shape.js";
import { checkInputDir, checkInputFile } from "../io/path-check.js";
import { checkTrainingRun, iterationsDone, startTrainingRun, type StartRunOptions } from "../nn/train-loop.js";
import { writeFileAtomic } from "../io/atomic.js";
import { writeFigure } from "../report/figure.js";
import { lineChart } from "../report/chart.js";
import { traceGridSvg } from "../report/digit-traces.js";
import { evaluateDigits, type DigitEvaluation } from "./evaluate-digits.js";
import { initDigitParams, trainDigits, type EpochRecord, type TrainDigitsSettings } from "./train-digits.js";

/** Where the data comes from and how it is split (paper protocol by default). */
export interface DigitDataOptions {
  /** A MAT file (original s-MNIST layout or ours); default: the built-in generator. */
  data?: string;
  /** Seed of the built-in data and of the train/test split. */
  dataSeed: number;
  /** First `count` samples are used, `trainCount` of them for training. */
  count: number;
  trainCount: number;
}

export interface DigitsRunConfig extends DigitDataOptions, TrainDigitsSettings {
  model: DigitModelKind;
  /** Pretrained backbone file (from `ndp digits pretrain`), or none. */
  backbone?: string;
  /** Model options (e.g. NDP's nBasis, goalScale, weightScale). */
  modelOptions?: Record<string, unknown>;
}

/** The settings of a run that have defaults. */
export type DigitsRunDefaults = Readonly<Pick<DigitsRunConfig, "dataSeed" | "count" | "trainCount" | "epochs" | "seed" | "batchSize" | "learningRate">>;

/**
 * The defaults of a digit-writing run (`ndp digits train` and `table2`; `ndp start` with fewer
 * epochs): the paper protocol (§5.1) on the built-in data, 71 epochs of Adam 1e-3 on batches of 100.
 */
export const DIGITS_RUN_DEFAULTS: DigitsRunDefaults = {
  dataSeed: DEFAULT_DATA_SEED,
  count: PAPER_PROTOCOL.count,
  trainCount: PAPER_PROTOCOL.trainCount,
  epochs: 71,
  seed: 0,
  batchSize: 100,
  learningRate: 1e-3,
};

/** The numbers `--json` prints (the contract) plus a few extras. */
export interface DigitsRunMetrics {
  model: DigitModelKind;
  train_mse: number;
  test_mse: number;
  test_mse_std: number;
  test_class_mse?: { mean: number; std: number };
  test_jerk: number;
  demo_jerk: number;
  epochs: number;
  seconds: number;
  pretrained: boolean;
}

export interface DigitsRunHooks {
  onData?(info: { source: string; train: number; test: number }): void;
  onStep?(p: { epoch: number; step: number; steps: number; loss: number }): void;
  onEpoch?(record: EpochRecord): void;
}

/** Throw an InputFileError when the data file of `o` (if any) does not exist or is a directory. */
function checkDataFile(o: DigitDataOptions): void {
  if (o.data !== undefined) checkInputFile(o.data, "data file", "check the path or omit --data to use the built-in generator");
}

/** The data of a run; `tooFewFix` is the advice when a file holds fewer than `count` samples. */
export function loadDigitsForRun(o: DigitDataOptions, tooFewFix = (available: number) => `pass --count ${available} or less (and a smaller --train-count)`): DigitData {
  checkDataFile(o);
  return loadDigitData({ file: o.data, seed: o.dataSeed, count: o.count, trainCount: o.trainCount, imageSize: 28, tooFewFix });
}

/** The config entries a resumed run must share with the first (all but the epoch count). */
const FIXED_ON_RESUME = ["model", "seed", "batchSize", "learningRate", "data", "dataSeed", "count", "trainCount", "backbone", "modelOptions"] as const;

/** The run-directory options of a digit run: the fixed keys and the epoch count (train-loop.ts). */
function runOptions(config: DigitsRunConfig, resume: boolean): StartRunOptions<DigitsRunConfig> {
  return { resume, fixed: FIXED_ON_RESUME, iterations: { count: config.epochs, option: "--epochs", unit: "epochs" } };
}

/**
 * Every check of a digit run that needs no data, run before the data is loaded or generated (and
 * by table2 for all its runs first): the options, the data file, the run directory
 * (checkTrainingRun: a fresh run must not overwrite one, a resumed one must exist with the same
 * options and no more epochs done than asked for, writable) and the backbone file.
 */
export function checkRunBeforeData(config: DigitsRunConfig, dirPath: string, resume: boolean): void {
  checkDigitsRunConfig(config, "the training options", ConfigError);
  if (config.batchSize > config.trainCount) {
    throw new ConfigError(`--batch-size ${config.batchSize} is larger than the training split (--train-count ${config.trainCount}); lower --batch-size`);
  }
  checkDataFile(config);
  checkTrainingRun(dirPath, config, runOptions(config, resume));
  if (config.backbone !== undefined && !resume) readCheckpointHeader(config.backbone, "digit-backbone");
}

/** Train one model into `dir` (fresh, or resumed from dir/checkpoint.ckpt) and evaluate it. */
export async function runDigitsTraining(config: DigitsRunConfig, dirPath: string, options: { resume?: boolean; data?: DigitData } & DigitsRunHooks = {}): Promise<{ metrics: DigitsRunMetrics; dir: RunDir; history: EpochRecord[] }> {
  const resume = options.resume ?? false;
  checkRunBeforeData(config, dirPath, resume);
  const data = options.data ?? loadDigitsForRun(config);
  const model = createDigitModel(config.model, data.train, config.modelOptions);
  let backbone: BackboneParams | undefined;
  try {
    checkDigitSet(data.train, model.points);
    backbone = config.backbone && !resume ? loadBackbone(config.backbone).params : undefined;
  } catch (e) {
    model.dispose();
    throw e;
  }
  options.onData?.({ source: data.source, train: data.train.count, test: data.test.count });
  const run = startTrainingRun(dirPath, config, runOptions(config, resume));
  const result = await trainDigits(model, data, config, { ...run.files, backbone, onStep: options.onStep, onEpoch: options.onEpoch });
  try {
    const metrics = await finishRun(model, result.state.params, data, run.dir, {
      epochs: config.epochs,
      seconds: result.history.reduce((s, r) => s + r.seconds, 0),
      pretrained: config.backbone !== undefined,
      history: result.history,
    });
    return { metrics, dir: run.dir, history: result.history };
  } finally {
    disposeTrainState(result.state);
    model.dispose();
  }
}

/** Evaluate both splits, write metrics.json, the figures and report.md. */
async function finishRun(
  model: DigitModel,
  params: DigitParams,
  data: DigitData,
  dir: RunDir,
  info: { epochs: number; seconds: number; pretrained: boolean; history: EpochRecord[] },
): Promise<DigitsRunMetrics> {
  const train = evaluateDigits(model, params, data.train);
  const test = evaluateDigits(model, params, data.test);
  const metrics = toMetrics(model.kind, train, test, info);
  dir.writeMetrics(metrics);
  writeFigure(dir.file("traces"), digitTracesSvg(data.test, [{ name: model.kind, predictions: test.predictions }], 24, `${model.kind}: held-out test digits`));
  if (info.history.length > 0) {
    const svg = await lineChart(
      [
        { name: "train loss (model objective)", x: info.history.map((h) => h.iteration), y: info.history.map((h) => h.trainLoss) },
        { name: "test MSE (px²)", x: info.history.map((h) => h.iteration), y: info.history.map((h) => h.testMse) },
      ],
      { title: `${model.kind} learning curve`, xLabel: "epoch", yLabel: "loss" },
    );
    writeFigure(dir.file("learning-curve"), svg);
  }
  writeFileAtomic(dir.file("report.md"), runReport(metrics, info.history));
  return metrics;
}

export function toMetrics(model: DigitModelKind, train: DigitEvaluation, test: DigitEvaluation, info: { epochs: number; seconds: number; pretrained: boolean }): DigitsRunMetrics {
  return {
    model,
    train_mse: train.mse,
    test_mse: test.mse,
    test_mse_std: test.mseStd,
    test_class_mse: test.classMse ? { mean: test.classMse.mean, std: test.classMse.std } : undefined,
    test_jerk: test.jerk,
    demo_jerk: test.demoJerk,
    epochs: info.epochs,
    seconds: info.seconds,
    pretrained: info.pretrained,
  };
}

/** Fig. 4-style grid: the first `count` samples of `set`, each model's prediction over the image. */
export function digitTracesSvg(set: DigitSet, models: { name: string; predictions: Float32Array }[], count: number, title: string): string {
  const colors = ["#d62728", "#1f77b4", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2"];
  const per = set.points * 2;
  const panels = [];
  for (let s = 0; s < Math.min(count, set.count); s++) {
    for (const [k, m] of models.entries()) {
      panels.push({
        image: set.images.subarray(s * set.imageSize * set.imageSize, (s + 1) * set.imageSize * set.imageSize),
        imageSize: set.imageSize,
        demo: set.trajectories.subarray(s * per, (s + 1) * per),
        predictions: [{ name: m.name, color: colors[k % colors.length], trajectory: m.predictions.subarray(s * per, (s + 1) * per) }],
        label: models.length > 1 ? m.name : undefined,
      });
    }
  }
  return traceGridSvg(panels, { frameSize: set.frameSize, pixelOrigin: "center", columns: models.length > 1 ? models.length * 2 : 8, panelSize: 96, title });
}

function fmt(x: number | undefined, digits = 3): string {
  return x === undefined || !Number.isFinite(x) ? "–" : Math.abs(x) < 1e-3 && x !== 0 ? x.toExponential(2) : x.toFixed(digits);
}

function runReport(m: DigitsRunMetrics, history: EpochRecord[]): string {
  return [
    `# Digit writing: ${m.model}`,
    "",
    `${m.epochs} epochs, ${m.pretrained ? "pretrained" : "randomly initialised"} backbone, ${fmt(m.seconds, 1)} s of training.`,
    "",
    "| split | MSE (px²) |",
    "|---|---|",
    `| train | ${fmt(m.train_mse)} |`,
    `| test | ${fmt(m.test_mse)} ± ${fmt(m.test_mse_std)} (std over samples) |`,
    m.test_class_mse ? `| test, per class | ${fmt(m.test_class_mse.mean)} ± ${fmt(m.test_class_mse.std)} (std over the 10 classes) |` : "",
    "",
    `Mean squared jerk of the test predictions: ${fmt(m.test_jerk)} px²/step⁶ (demonstrations: ${fmt(m.demo_jerk)}).`,
    "",
    "![test traces](traces.png)",
    "",
    history.length ? "![learning curve](learning-curve.png)" : "",
    "",
  ].join("\n");
}

/**
 * Check a run's `config.json` (or the options of a new run): every field of DigitsRunConfig with
 * its type and range; anything else is an `Err` line naming `source`.
 */
export function checkDigitsRunConfig(value: unknown, source: string, Err: new (m: string) => NdpError = InputFileError): DigitsRunConfig {
  const bad = (why: string): never => {
    throw new Err(`${source}: ${why}${Err === InputFileError ? "; re-create the run" : ""}`);
  };
  if (!isJsonObject(value)) return bad(`expected a JSON object, got ${formatValue(value)}`);
  const c = value;
  const int = (k: string, min: number) => {
    const v = ownField(c, k);
    if (typeof v !== "number" || !Number.isSafeInteger(v) || v < min) bad(`${k} must be an integer ≥ ${min}, got ${formatValue(v)}`);
  };
  const optionalString = (k: string) => {
    const v = ownField(c, k);
    if (v !== undefined && typeof v !== "string") bad(`${k} must be a path, got ${formatValue(v)}`);
  };
  if (!(DIGIT_MODEL_KINDS as readonly unknown[]).includes(ownField(c, "model"))) bad(`model must be one of ${DIGIT_MODEL_KINDS.join(", ")}, got ${formatValue(ownField(c, "model"))}`);
  int("dataSeed", 0);
  int("count", 2);
  int("trainCount", 1);
  int("epochs", 0);
  int("seed", 0);
  int("batchSize", 1);
  if ((c.trainCount as number) >= (c.count as number)) bad(`trainCount (${c.trainCount}) must be smaller than count (${c.count})`);
  const lr = ownField(c, "learningRate");
  if (typeof lr !== "number" || !(lr > 0) || !Number.isFinite(lr)) bad(`learningRate must be a number > 0, got ${formatValue(lr)}`);
  optionalString("data");
  optionalString("backbone");
  const mo = ownField(c, "modelOptions");
  if (mo !== undefined && !isJsonObject(mo)) bad(`modelOptions must be an object, got ${formatValue(mo)}`);
  return c as unknown as DigitsRunConfig;
}

/**
 * Restore a trained model and its parameters from a run directory (for `ndp digits eval`). Reads
 * only: nothing is created, and a missing directory, a file in its place, a bad config.json or a
 * checkpoint whose parameters do not fit its model are one InputFileError line.
 */
export function loadDigitsRun(dirPath: string): { config: DigitsRunConfig; model: DigitModel; params: DigitParams; epochs: number } {
  const fix = "pass the --out directory of a `ndp digits train` run";
  checkInputDir(dirPath, "run directory", fix);
  const checkpoint = join(dirPath, "checkpoint.ckpt");
  checkInputFile(checkpoint, "checkpoint", fix);
  const config = checkDigitsRunConfig(readJsonFile(join(dirPath, "config.json"), "run config"), join(dirPath, "config.json"));
  // The model is rebuilt from the checkpoint's header first, so its parameters can be checked against it.
  const { meta } = readCheckpointHeader(checkpoint, TRAIN_STATE_KIND);
  const epochs = iterationsDone(meta, checkpoint);
  const spec = jsonObject(ownField(meta, "model"), `the model spec in ${checkpoint}`, "", InputFileError);
  let model: DigitModel;
  try {
    model = restoreDigitModel(spec);
  } catch (e) {
    if (e instanceof NdpError) throw e;
    // The spec is read from a file: a value the model cannot be built from is bad input.
    throw new InputFileError(`${checkpoint} describes a model ndp cannot rebuild (${(e as Error).message}); re-create it with \`ndp digits train\``);
  }
  try {
    const { state } = loadTrainState<DigitParams>(checkpoint, () => initDigitParams(model, 0));
    disposeTree(state.opt.m);
    disposeTree(state.opt.v);
    return { config, model, params: state.params, epochs };
  } catch (e) {
    model.dispose();
    throw e;
  }
}
