/**
 * ndp — Neural Dynamic Policies in TypeScript. The public API, exported from this one entry point.
 */
export { NdpError, ConfigError, ShapeError, InputFileError, OutputFileError } from "./errors.js";
export { SIZE_BUDGET, SizeBudgetError } from "./io/size-budget.js";
// The engine: initEngine() once, then `np` (jax-js numpy) makes the arrays the layers take.
export { initEngine, np } from "./engine/jax.js";

// The DMP layer (paper §2, §3.1–3.2, §5.4)
export {
  dmpConfig,
  BASIS_KINDS,
  referenceRollout,
  transferPlan,
  planRollout,
  selectPoints,
  sampleIndices,
  DmpLayer,
  swapTimeBatch,
  phasePortrait,
  positionField,
  fitDmp,
  createDmpFitter,
  refineConfig,
  parseDmpRequest,
} from "./dmp/index.js";
export type { DmpConfig, DmpConfigInput, BasisKind, DmpParams, Rollout, TransferPlan, OutputKind, DmpLayerOptions, DmpInputs, DmpLayout, DmpFit, DmpFitter } from "./dmp/index.js";

// The task suite: MuJoCo tasks and the point-mass test env (README "Tasks")
export { makeEnv, listTasks, getTask } from "./envs/registry.js";
export type { Env, BoxSpec, ResetOptions, ResetResult, StepResult, EnvInfo, RobotState, Policy } from "./envs/env.js";
export { makeVectorEnv } from "./envs/vector/make-vector-env.js";
export type { VectorEnv, VectorEnvOptions, TaskVectorEnvOptions, FactoryVectorEnvOptions, VectorResetResult, VectorStepResult } from "./envs/vector/vector-env.js";
export { Rng, deriveSeed } from "./math/rng.js";
export { readDemos, recordDemos, writeDemos } from "./envs/demos.js";
export type { Demos, DemoEpisode, DemoHeader } from "./envs/demos.js";
export { evaluatePolicy } from "./envs/evaluate.js";
export type { EvaluateOptions, EvaluateResult } from "./envs/evaluate.js";

// Digit-writing data (s-MNIST style): built-in generator, MAT-file reader/writer, paper protocol
export type { DigitSet } from "./data/digits/digit-set.js";
export { selectDigits } from "./data/digits/digit-set.js";
export { generateDigits, DIGIT_IMAGE_SIZE, DIGIT_POINTS } from "./data/digits/generator.js";
export type { GenerateDigitsOptions } from "./data/digits/generator.js";
export { loadDigitData, PAPER_PROTOCOL } from "./data/digits/load-digit-data.js";
export type { LoadDigitDataOptions, DigitData } from "./data/digits/load-digit-data.js";
export { readDigitFile, writeDigitFile, decodeDigitFile, encodeDigitFile } from "./data/digits/digit-file.js";
export { resizeDigitSet, frameToImage } from "./data/digits/resize.js";
export type { ResizeMethod } from "./data/digits/resize.js";
export { renderContactSheet } from "./data/digits/contact-sheet.js";
export { readMat, readMatFile } from "./data/mat/mat-reader.js";
export { writeMat } from "./data/mat/mat-writer.js";
export type { MatValue, MatNumeric, MatChar, MatCell, MatStruct } from "./data/mat/mat-types.js";

// Neural-network toolkit (src/nn): layers, initialisers, Adam, the jit'd trainer, checkpoints, the training loop
export { keyFromSeed, splitKey, uniformFanIn, kaimingUniform, orthogonal } from "./nn/init.js";
export { dense, initDense } from "./nn/dense.js";
export type { DenseParams, DenseInit } from "./nn/dense.js";
export { conv2d, conv2dLinear, initConv2d } from "./nn/conv2d.js";
export type { Conv2dParams } from "./nn/conv2d.js";
export { maxPool2x2 } from "./nn/max-pool.js";
export { mlp, initMlp } from "./nn/mlp.js";
export type { MlpParams, MlpInit } from "./nn/mlp.js";
export { activate } from "./nn/activations.js";
export type { Activation } from "./nn/activations.js";
export { softmaxCrossEntropy, meanSquaredError, oneHot } from "./nn/losses.js";
export { adamUpdate, initAdam, adamScalars } from "./nn/adam.js";
export type { AdamConfig, AdamState } from "./nn/adam.js";
export { clipByGlobalNorm, globalNorm } from "./nn/clip-grad-norm.js";
export { createTrainer, disposeTrainState } from "./nn/train-step.js";
export type { Trainer, TrainState, TrainerOptions, TrainStepResult } from "./nn/train-step.js";
export { saveCheckpoint, loadCheckpoint, saveTrainState, loadTrainState, trainStateCodec } from "./nn/checkpoint.js";
export type { StateCodec, StoredState } from "./nn/checkpoint.js";
export { runTrainLoop, startTrainingRun } from "./nn/train-loop.js";
export type { TrainLoopOptions, TrainLoopResult, TrainLoopFiles, IterationRecord, TrainingRun } from "./nn/train-loop.js";
export { trainingBatches, evaluationBatches } from "./nn/minibatches.js";
export { paramCount, refTree, disposeTree } from "./nn/params.js";
export type { ParamTree } from "./nn/params.js";

// The digit backbone shared by NDP / CNN / CNN-DMP, its MLP head, MNIST pretraining (src/models)
export { backbone, backboneInput, backboneReference, initBackbone, saveBackbone, loadBackbone, BACKBONE_FEATURES, BACKBONE_IMAGE_SIZE } from "./models/backbone.js";
export type { BackboneParams } from "./models/backbone.js";
export { initMlpHead, mlpHead, RELEASE_HEAD_WIDTHS } from "./models/mlp-head.js";
export type { MlpHeadOptions, MlpHeadParams } from "./models/mlp-head.js";
export { pretrainBackbone } from "./models/pretrain/pretrain-backbone.js";
export { loadMnist } from "./models/pretrain/mnist.js";

// Digit-writing imitation learning (paper §5.1, Table 2): NDP / CNN / CNN-DMP, training, metrics
export { createDigitModel, restoreDigitModel } from "./models/digits/create-digit-model.js";
export { DIGIT_MODEL_KINDS } from "./models/digits/digit-model.js";
export type { DigitModel, DigitModelKind, DigitParams } from "./models/digits/digit-model.js";
export { trainDigits, initDigitParams } from "./il/train-digits.js";
export type { TrainDigitsSettings, TrainDigitsHooks, EpochRecord, DigitEpochMetrics } from "./il/train-digits.js";
export { evaluateDigits, predictAll } from "./il/evaluate-digits.js";
export type { DigitEvaluation } from "./il/evaluate-digits.js";
export { trajectoryMse, meanSquaredJerk } from "./il/metrics.js";
export { runDigitsTraining, loadDigitsRun } from "./il/digits-run.js";
export { runTable2, PAPER_TABLE2 } from "./il/table2.js";

// Sweeps (paper Fig. 5–7): specs (base × grid × seeds), the backend-neutral job interface and its
// local runner, aggregation over seeds, reports (src/experiments)
export { loadSweepSpec, parseSweepSpec } from "./experiments/spec.js";
export type { SweepSpec, GridAxis, Variant, SweepDesign } from "./experiments/spec.js";
export { planSweep } from "./experiments/sweep-plan.js";
export type { SweepPlan, GridPoint, Panel } from "./experiments/sweep-plan.js";
export { runSweep } from "./experiments/sweep.js";
export type { SweepOptions, SweepOutcome } from "./experiments/sweep.js";
export { writeSweepReport } from "./experiments/sweep-report.js";
export type { JobRunner, RunSpec, RunResult, RunStatus } from "./experiments/job.js";
export type { JobKind, RunSummary } from "./experiments/job-kind.js";
export { LocalRunner } from "./experiments/local-runner.js";
export { runId } from "./experiments/run-id.js";
export { meanStd, meanCurve, aggregatePoint } from "./experiments/aggregate.js";
export type { MeanStd, MeanCurve, PointAggregate } from "./experiments/aggregate.js";
export { fig5Claims } from "./experiments/fig5-claims.js";
