/**
 * A jit-compiled training step: loss → gradients → (clipping) → Adam, in ONE compiled function.
 *
 * It owns the engine's move semantics so callers do not have to: the step takes the current
 * parameters and optimizer moments (consuming them) and the state object is updated in place with
 * the new ones. Inputs (the batch) are consumed — pass `x.ref` to keep an array.
 *
 *   const trainer = createTrainer({ loss: (p, x, y) => meanSquaredError(model(p, x), y) });
 *   const state = trainer.init(params);           // takes ownership of params
 *   for (...) { const { loss } = trainer.step(state, 1e-3, x, y); }
 *   disposeTrainState(state); trainer.dispose();
 *
 * The learning rate and Adam's bias corrections are scalar inputs of the compiled function, so
 * annealing the rate does not recompile. Compilation happens on the first call per input shape.
 */
import { jit, valueAndGrad, type Array } from "../engine/jax.js";
import { NdpError } from "../errors.js";
import { adamConfig, adamScalars, adamUpdate, initAdam, type AdamConfig, type AdamState } from "./adam.js";
import { disposeTree, refTree, type ParamTree } from "./params.js";

/** Parameters, Adam moments and the number of updates done so far. */
export interface TrainState<P extends ParamTree = ParamTree> {
  params: P;
  opt: AdamState<P>;
  /** Updates applied so far (Adam's t for the next update is step + 1). */
  step: number;
}

export interface TrainerOptions<P extends ParamTree, I extends Array[]> {
  /**
   * The scalar loss. Called while tracing with (params, ...inputs); must consume them (each
   * exactly once). With `hasAux` it returns [loss, aux] where aux is a tree of arrays.
   */
  loss: (params: P, ...inputs: I) => Array | [Array, ParamTree];
  hasAux?: boolean;
  adam?: AdamConfig;
  /** Throw when the loss or the gradient norm is NaN or ±Inf (default true): never continue on NaN parameters. */
  failOnNonFinite?: boolean;
}

export interface TrainStepResult {
  /** The loss before the update. */
  loss: number;
  /** Global gradient norm before clipping (0 unless `adam.maxGradNorm` is set). */
  gradNorm: number;
  /** The loss function's aux output (with `hasAux`); the caller owns these arrays. */
  aux?: ParamTree;
}

export interface Trainer<P extends ParamTree, I extends Array[]> {
  /** A fresh state (zero moments, step 0) that takes ownership of `params`. */
  init(params: P): TrainState<P>;
  /** One update at learning rate `lr`; replaces state.params/opt, increments state.step. */
  step(state: TrainState<P>, lr: number, ...inputs: I): TrainStepResult;
  /** Free the compiled function's captured constants. */
  dispose(): void;
}

/** Build a trainer for `options.loss` (see the file header). */
export function createTrainer<P extends ParamTree, I extends Array[]>(options: TrainerOptions<P, I>): Trainer<P, I> {
  const adam = adamConfig(options.adam);
  const hasAux = options.hasAux ?? false;
  const failOnNonFinite = options.failOnNonFinite ?? true;
  const lossFn = options.loss as (...args: unknown[]) => Array | [Array, ParamTree];
  const compiled = jit((params: P, m: P, v: P, lr: Array, bc1: Array, bc2: Array, ...inputs: I) => {
    const [value, grads] = (valueAndGrad as (f: unknown, o: unknown) => (...a: unknown[]) => [Array | [Array, ParamTree], P])(lossFn, { hasAux })(refTree(params), ...inputs);
    const upd = adamUpdate(params, grads, { m, v }, { lr, bc1, bc2 }, adam);
    const [loss, aux] = hasAux ? (value as [Array, ParamTree]) : [value as Array, [] as ParamTree];
    return [loss, upd.params, upd.state.m, upd.state.v, upd.gradNorm, aux] as never;
  });
  return {
    init(params) {
      return { params, opt: initAdam(params), step: 0 };
    },
    step(state, lr, ...inputs) {
      const sc = adamScalars(lr, state.step + 1, adam);
      const out = (compiled as unknown as (...a: unknown[]) => [Array, P, P, P, Array, ParamTree])(state.params, state.opt.m, state.opt.v, sc.lr, sc.bc1, sc.bc2, ...inputs);
      state.params = out[1];
      state.opt = { m: out[2], v: out[3] };
      state.step += 1;
      const loss = out[0].item();
      const gradNorm = out[4].item();
      if (failOnNonFinite && !(Number.isFinite(loss) && Number.isFinite(gradNorm))) {
        disposeTree(out[5]);
        const what = Number.isFinite(loss) ? `gradient norm became ${gradNorm}` : `training loss became ${loss}`;
        throw new NdpError("numeric", `the ${what} at update ${state.step}; lower the learning rate or check the inputs for NaN`);
      }
      return hasAux ? { loss, gradNorm, aux: out[5] } : { loss, gradNorm };
    },
    dispose() {
      compiled.dispose();
    },
  };
}

/** Dispose every array held by a train state. */
export function disposeTrainState(state: TrainState): void {
  disposeTree(state.params);
  disposeTree(state.opt.m);
  disposeTree(state.opt.v);
}
