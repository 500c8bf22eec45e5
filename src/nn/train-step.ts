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
 *
 * Flat storage (for speed; the same update): between steps the parameters and both Adam moments
 * live as three flat vectors (flat-params.ts). Inside the compiled step the parameter tree is a set
 * of views of the vector, the gradient tree is concatenated into one vector, and `adamUpdate` runs
 * once over the vectors — a handful of kernels instead of ~4 per leaf, and 3 outputs instead of 3
 * per leaf. Adam is elementwise, so every entry gets exactly the per-leaf update; the only
 * difference is the order of the sum of squares in the global gradient norm (one reduction over
 * the vector instead of one per leaf, then a sum): float rounding of ‖g‖, ≤ ~1e-7 relative.
 * `state.params` and `state.opt` stay ordinary trees for every reader: they are materialised from
 * the vectors on first access after a step (one compiled copy) and cached until the next step. A
 * state from anywhere else (a checkpoint, a literal object) is adopted on its first step. Trees
 * whose leaves mix dtypes keep the per-leaf path.
 */
import { jit, valueAndGrad, type Array } from "../engine/jax.js";
import type { ReplayStats } from "../engine/replay.js";
import { NdpError } from "../errors.js";
import { adamConfig, adamScalars, adamUpdate, initAdam, type AdamConfig, type AdamState } from "./adam.js";
import { flatLayout, flattenTree, layoutKey, unflattenVector, type FlatLayout } from "./flat-params.js";
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
  /** "flat" (default): parameters and moments as flat vectors between steps (file header); "tree": per leaf. */
  storage?: "flat" | "tree";
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
  /** Replay counters of the compiled step (engine/replay.ts): kernels per step, their single-thread time. */
  replayStats(): ReplayStats | undefined;
}

// -- flat storage of a train state --------------------------------------------------------------

/** One of the state's three parameter-shaped values: a flat vector, a tree, or both (the tree cached). */
interface Slot {
  flat?: Array;
  tree?: ParamTree;
}

/**
 * The storage behind a state whose `params` and `opt` are accessors (see the file header). Trees
 * materialised from a vector are views of it (no copy until a compiled function reads them).
 */
class FlatStore {
  readonly slots: { params: Slot; m: Slot; v: Slot } = { params: {}, m: {}, v: {} };
  constructor(readonly layout: FlatLayout) {}

  /** The tree of a slot (materialised from the vector and cached if needed); owned by the store. */
  tree(s: Slot): ParamTree {
    s.tree ??= unflattenVector(s.flat!.ref, this.layout);
    return s.tree;
  }

  /** Replace a slot's contents by a tree (taking ownership; what the slot held is freed). */
  setTree(s: Slot, t: ParamTree): void {
    if (s.tree !== t) disposeTree(s.tree);
    s.flat?.dispose();
    s.flat = undefined;
    s.tree = t;
  }

  /** The slot's vector, handed over to the caller (the slot is left empty). */
  takeFlat(s: Slot): Array {
    const v = s.flat ?? flattenTree(s.tree!, this.layout);
    if (s.flat !== undefined) disposeTree(s.tree);
    s.flat = undefined;
    s.tree = undefined;
    return v;
  }

  dispose(): void {
    for (const s of Object.values(this.slots)) {
      s.flat?.dispose();
      disposeTree(s.tree);
      s.flat = s.tree = undefined;
    }
  }
}

const stores = new WeakMap<object, FlatStore>();

/**
 * The flat store behind `state`, created on first use: `state.params` and `state.opt` become
 * accessors over it and its current trees move into it. Undefined when the parameters mix dtypes.
 */
function flatStore(state: TrainState, create = true): FlatStore | undefined {
  const known = stores.get(state);
  if (known || !create) return known;
  const layout = flatLayout(state.params);
  if (layout === undefined) return undefined;
  const store = new FlatStore(layout);
  const { params, opt } = state;
  store.slots.params.tree = params;
  store.slots.m.tree = opt.m;
  store.slots.v.tree = opt.v;
  Object.defineProperties(state, {
    params: { configurable: true, enumerable: true, get: () => store.tree(store.slots.params), set: (p: ParamTree) => store.setTree(store.slots.params, p) },
    opt: {
      configurable: true,
      enumerable: true,
      get: () => ({ m: store.tree(store.slots.m), v: store.tree(store.slots.v) }),
      set: (o: AdamState) => {
        store.setTree(store.slots.m, o.m);
        store.setTree(store.slots.v, o.v);
      },
    },
  });
  stores.set(state, store);
  return store;
}

/** Build a trainer for `options.loss` (see the file header). */
export function createTrainer<P extends ParamTree, I extends Array[]>(options: TrainerOptions<P, I>): Trainer<P, I> {
  const adam = adamConfig(options.adam);
  const hasAux = options.hasAux ?? false;
  const failOnNonFinite = options.failOnNonFinite ?? true;
  const useFlat = (options.storage ?? "flat") === "flat";
  const lossFn = options.loss as (...args: unknown[]) => Array | [Array, ParamTree];
  const gradFn = (valueAndGrad as (f: unknown, o: unknown) => (...a: unknown[]) => [Array | [Array, ParamTree], ParamTree])(lossFn, { hasAux });
  const split = (value: Array | [Array, ParamTree]): [Array, ParamTree] => (hasAux ? (value as [Array, ParamTree]) : [value as Array, []]);
  type Compiled = (...a: unknown[]) => [Array, ParamTree, ParamTree, ParamTree, Array, ParamTree];

  // per-leaf step (trees whose leaves mix dtypes)
  const treeStep = jit((params: P, m: P, v: P, lr: Array, bc1: Array, bc2: Array, ...inputs: I) => {
    const [value, grads] = gradFn(refTree(params), ...inputs);
    const upd = adamUpdate(params, grads, { m, v }, { lr, bc1, bc2 }, adam);
    const [loss, aux] = split(value);
    return [loss, upd.params, upd.state.m, upd.state.v, upd.gradNorm, aux] as never;
  });
  // flat step, one compiled function per parameter layout
  const flatSteps = new Map<string, ReturnType<typeof jit>>();
  const flatStep = (layout: FlatLayout) => {
    const key = layoutKey(layout);
    let f = flatSteps.get(key);
    if (f === undefined) {
      f = jit((vp: Array, vm: Array, vv: Array, lr: Array, bc1: Array, bc2: Array, ...inputs: I) => {
        const [value, grads] = gradFn(unflattenVector(vp.ref, layout), ...inputs);
        const upd = adamUpdate(vp, flattenTree(grads, layout), { m: vm, v: vv }, { lr, bc1, bc2 }, adam);
        const [loss, aux] = split(value);
        return [loss, upd.params, upd.state.m, upd.state.v, upd.gradNorm, aux] as never;
      });
      flatSteps.set(key, f);
    }
    return f as unknown as Compiled;
  };

  return {
    init(params) {
      const state: TrainState<P> = { params, opt: initAdam(params), step: 0 };
      flatStore(state, useFlat);
      return state;
    },
    step(state, lr, ...inputs) {
      const sc = adamScalars(lr, state.step + 1, adam);
      const store = flatStore(state, useFlat);
      let out: ReturnType<Compiled>;
      if (store === undefined) {
        out = (treeStep as unknown as Compiled)(state.params, state.opt.m, state.opt.v, sc.lr, sc.bc1, sc.bc2, ...inputs);
        state.params = out[1] as P;
        state.opt = { m: out[2] as P, v: out[3] as P };
      } else {
        const { params, m, v } = store.slots;
        out = flatStep(store.layout)(store.takeFlat(params), store.takeFlat(m), store.takeFlat(v), sc.lr, sc.bc1, sc.bc2, ...inputs);
        params.flat = out[1] as Array;
        m.flat = out[2] as Array;
        v.flat = out[3] as Array;
      }
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
      treeStep.dispose();
      for (const f of flatSteps.values()) f.dispose();
      flatSteps.clear();
    },
    replayStats() {
      const f = [...flatSteps.values()].at(-1) ?? treeStep;
      return f.replayStats();
    },
  };
}

/** Dispose every array held by a train state. */
export function disposeTrainState(state: TrainState): void {
  const store = stores.get(state);
  if (store) {
    store.dispose();
    return;
  }
  disposeTree(state.params);
  disposeTree(state.opt.m);
  disposeTree(state.opt.v);
}
