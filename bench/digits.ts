/**
 * `ndp bench digits --json`: the digit-writing CNN training step (batch 100, 28×28 images, the
 * shared backbone + the release's MLP head with NDP's 2·30+2 = 62 outputs, MSE loss, Adam), timed
 * in this run, with a per-stage breakdown and the general-layer path as an in-run reference.
 * Benchmarks report; they never pass or fail on time.
 *
 * How the step got from ~3.8 s (lax.conv) to ~80 ms (2-core EPYC, wasm single thread, B = 100,
 * fwd + bwd + Adam, quiet machine; kernel times from jax-js's trace; see fusion-barriers.ts):
 *   lax.conv for both convs                                         3800 ms  (issue measurement)
 *   im2col from 25 slices + concatenate (NHWC)                       190 ms
 *     — np.concatenate nests groups of 7 inputs: ~90 ms of copies alone
 *   conv2 as 5 row-shifted matmuls on a 5-way concat (width im2col)   95 ms
 *   + conv1 rows ordered (pool window, …): pool = max over the leading
 *     axis; bias and ReLU after pooling (they commute with max)        ~90 ms
 *   width im2col by a 0/1 selection matmul instead of concatenate      ~290 ms (!)
 *     — the engine fused the 5-way padded cotangent sum into the selection
 *       matmul's inner loop (180 ms kernel)
 *   + gradientBarrier (pad/slice) on the selection output and on conv1's
 *     output                                                           ~80 ms
 *   + materialize() the 5 shifted operands (forward-only jit: 97 → 33 ms)
 *   host-side conv1 patches (~2 ms JS) instead of an in-jit gather (7.6 ms)
 *   rows-first "HNWC" activations: the 5 shifted operands become plain
 *     offset views, no copies                                           −3 ms (A/B in one process)
 * What is left is mostly matmul: conv2's three products (fwd, dX, dW; 3 × 333 MFLOP) run at the
 * engine's ~22–25 GFLOP/s ≈ 45 ms; conv1 ≈ 6 ms; fc + head ≈ 8 ms; data movement ≈ 15 ms.
 * Node's `--experimental-wasm-relaxed-simd` lets the engine use fused multiply-add (~5–8 % faster).
 * Per-call dispatch (~5 ms with jax-js's own path) is gone with replay (engine/replay.ts).
 *
 * Engine threads: the step is timed on 1 and on 2 engine threads, interleaved (results are
 * identical); `kernels` gives the single-thread kernel time of one step and the part of it in
 * launches long enough to share between threads — on an idle machine the 2-thread step is about
 * step × (1 − shared/2). `machine_parallel_capacity_2_threads` (2.0 = two idle cores) bounds what
 * a second thread can give in this run. The machine is shared: `load_average_1min` is reported so
 * numbers can be read in context. The PyTorch anchor is external (README, "Engine speed").
 */
import { initEngine, jit, np, setEngineThreads, valueAndGrad, type Array } from "../src/engine/jax.js";
import { backbone, backboneConv1, backboneConv2, backboneInput, backbonePatches, backboneReference, initBackbone, type BackboneParams } from "../src/models/backbone.js";
import { initMlpHead, mlpHead, type MlpHeadParams } from "../src/models/mlp-head.js";
import { keyFromSeed, splitKey } from "../src/nn/init.js";
import { meanSquaredError } from "../src/nn/losses.js";
import { disposeTree, refTree, treeLeaves, type ParamTree } from "../src/nn/params.js";
import { adamUpdate } from "../src/nn/adam.js";
import { createTrainer, disposeTrainState, type TrainState } from "../src/nn/train-step.js";
import { Rng } from "../src/math/rng.js";
import { machine, parallelCapacity, timeRoundRobin } from "./timing.js";

const BATCH = 100;
const OUTPUTS = 62;
const EPOCH_SAMPLES = 10_000;

interface Model {
  backbone: BackboneParams;
  head: MlpHeadParams;
}

function randomImages(n: number): Float32Array {
  const rng = new Rng(42);
  return Float32Array.from({ length: n * 784 }, () => (rng.next() < 0.2 ? rng.next() : 0));
}

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

// The network truncated after each stage, for the incremental breakdown (loss = mean(h²)).
const stageLosses = {
  conv1: (p: Model, x: Array) => {
    disposeTree([p.backbone.conv2, p.backbone.fc, p.head]);
    return np.mean(np.square(backboneConv1(p.backbone.conv1, x)));
  },
  conv2: (p: Model, x: Array) => {
    disposeTree([p.backbone.fc, p.head]);
    return np.mean(np.square(backboneConv2(p.backbone.conv2, backboneConv1(p.backbone.conv1, x))));
  },
  fc: (p: Model, x: Array) => {
    disposeTree(p.head);
    return np.mean(np.square(backbone(p.backbone, x)));
  },
};

function initModel(seed: number): Model {
  const [kb, kh] = splitKey(keyFromSeed(seed), 2);
  return { backbone: initBackbone(kb), head: initMlpHead(kh, { outputs: OUTPUTS }) };
}

export async function run(options: { quick: boolean; log: (line: string) => void }): Promise<Record<string, unknown>> {
  const { quick, log } = options;
  await initEngine();
  const warmup = quick ? 2 : 3;
  const reps = quick ? 5 : 20;
  const images = randomImages(BATCH * 4);
  const rng = new Rng(7);
  const batchIndices = () => Int32Array.from({ length: BATCH }, () => Math.floor(rng.next() * BATCH * 4));
  const targets = np.array(Float32Array.from({ length: BATCH * OUTPUTS }, (_, i) => Math.sin(i)), { shape: [BATCH, OUTPUTS] });

  const patchBuf = backbonePatches(images, batchIndices());
  const input = () => backboneInput(images, batchIndices(), patchBuf);
  const lossFull = (p: Model, x: Array, y: Array) => meanSquaredError(mlpHead(p.head, backbone(p.backbone, x)), y);
  const full = createTrainer<Model, [Array, Array]>({ loss: lossFull });
  const state = full.init(initModel(1));
  const fwd = jit((p: Model, x: Array) => mlpHead(p.head, backbone(p.backbone, x)));
  const gradOnly = jit((p: Model, x: Array, y: Array) => valueAndGrad(lossFull)(p, x, y) as never);
  const adamOnly = jit((p: Model, g: Model, m: Model, v: Model) => {
    const u = adamUpdate(p, g, { m, v }, { lr: 1e-3, bc1: 0.1, bc2: 0.001 });
    return [u.params, u.state.m, u.state.v, u.gradNorm] as never;
  });
  const stageFns = Object.entries(stageLosses).map(([name, loss]) => [name, jit((p: Model, x: Array) => valueAndGrad(loss)(p, x) as never)] as const);
  const runGrad = (f: unknown, ...args: unknown[]) => {
    const [l, g] = (f as (...a: unknown[]) => [Array, ParamTree])(...args);
    l.item();
    disposeTree(g);
  };

  const fns: Record<string, () => void> = {
    // host side: conv1 patches for a batch (JS) and their upload
    hostPatches: () => backbonePatches(images, batchIndices(), patchBuf),
    upload: () => np.array(patchBuf, { shape: [patchBuf.length / 28, 28] }).dispose(),
    // the full training step, as a training loop runs it (patches + upload + jit'd fwd/bwd/Adam)
    step: () => full.step(state, 1e-3, input(), targets.ref),
    step_2_threads: () => full.step(state, 1e-3, input(), targets.ref),
    forward: () => fwd(refTree(state.params), input()).dataSync(),
    gradient: () => runGrad(gradOnly, refTree(state.params), input(), targets.ref),
    adam: () => {
      const out = adamOnly(refTree(state.params), refTree(state.opt.m), refTree(state.opt.m), refTree(state.opt.v)) as unknown as ParamTree[];
      out.forEach((t) => treeLeaves(t).forEach((l) => l.array.ref.dataSync()));
      disposeTree(out);
    },
    // truncated networks (fwd + bwd, no optimizer) for the per-stage breakdown
    ...Object.fromEntries(stageFns.map(([name, g]) => [`upTo_${name}`, () => runGrad(g, refTree(state.params), input())])),
  };
  let reference: { tr: { dispose(): void }; st: TrainState<Model> } | undefined;
  if (!quick) {
    // the general-layer reference path (kh·kw shifted matmuls per conv, padded-sum backward)
    const tr = createTrainer<Model, [Array, Array]>({ loss: (p, x, y) => meanSquaredError(mlpHead(p.head, backboneReference(p.backbone, x)), y) });
    const st = tr.init(initModel(3));
    fns.reference = () => tr.step(st, 1e-3, np.array(images.subarray(0, BATCH * 784), { shape: [BATCH, 28, 28] }), targets.ref);
    reference = { tr, st };
  }
  log(`digits bench: ${Object.keys(fns).length} measurements, ${reps} rounds`);
  const t = timeRoundRobin(fns, warmup, reps, (name) => setEngineThreads(name === "step_2_threads" ? 2 : 1));
  setEngineThreads(1);
  const kernels = full.replayStats()?.kernels;
  const capacity = await parallelCapacity(quick);
  for (const f of [fwd, gradOnly, adamOnly, ...stageFns.map(([, g]) => g)]) f.dispose();
  if (reference) {
    disposeTrainState(reference.st);
    reference.tr.dispose();
  }
  disposeTrainState(state);
  full.dispose();
  targets.dispose();

  const step = t.step;
  const stageMs = { conv1: t.upTo_conv1.median, conv2: t.upTo_conv2.median, fc: t.upTo_fc.median };
  const { hostPatches, upload, adam, forward, gradient: gradStep } = t;
  const stepMs = step.median;
  const breakdown = {
    host_patches_ms: round(hostPatches.median, 2),
    upload_ms: round(upload.median, 2),
    conv1_ms: round(stageMs.conv1 - hostPatches.median - upload.median),
    conv2_ms: round(stageMs.conv2 - stageMs.conv1),
    fc_ms: round(stageMs.fc - stageMs.conv2),
    head_and_loss_ms: round(gradStep.median - stageMs.fc),
    adam_ms: round(adam.median),
  };
  const step2 = t.step_2_threads;
  return {
    ...machine(),
    machine_parallel_capacity_2_threads: round(capacity, 2),
    batch: BATCH,
    outputs: OUTPUTS,
    engine_threads: 1,
    step_ms: round(stepMs),
    step_cpu_ms: round(step.cpu),
    step_min_ms: round(step.min),
    epoch_s: round((stepMs * EPOCH_SAMPLES) / BATCH / 1000, 2),
    step_ms_2_threads: round(step2.median),
    step_cpu_ms_2_threads: round(step2.cpu),
    epoch_s_2_threads: round((step2.median * EPOCH_SAMPLES) / BATCH / 1000, 2),
    speedup_2_threads_vs_1: round(stepMs / step2.median, 2),
    kernels: kernels && { launches: kernels.launches, single_thread_ms: round(kernels.ms), shared_launches: kernels.sharedLaunches, shared_ms: round(kernels.sharedMs) },
    forward_ms: round(forward.median),
    gradient_only_ms: round(gradStep.median),
    compile_ms: round(step.first),
    breakdown,
    breakdown_note: "1 engine thread; fwd + bwd per stage, as differences between truncated networks (gradient only); conv1 excludes the host patches and upload; adam = the update alone. The full step fuses all of these, so the parts need not add up to step_ms",
    ...(t.reference ? { reference_step_ms: round(t.reference.median), speedup_vs_reference: round(t.reference.median / stepMs, 2) } : {}),
    repetitions: reps,
  };
}
