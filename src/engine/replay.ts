/**
 * Replayed compiled calls: `jit`, but after the first call per input signature every later call
 * runs the recorded kernel launches directly, with a fixed memory plan (a workaround, measured).
 *
 * Why: a compiled jax-js call pays, per call and per kernel, for work that never changes between
 * calls of the same shapes — hashing the whole jaxpr to find its compiled program, flattening and
 * hashing the arguments, one `PendingExecute` object per kernel, hashing every kernel again to find
 * its wasm module, a malloc and a free per intermediate buffer, and a `Set` of all pending kernels
 * copied into every output array. On small networks that is most of the time: the PPO minibatch
 * step launches 186 kernels that compute for ~0.65 ms but the call costs ~3.5 ms of CPU
 * (`bench/ppo.ts`). Kernels are pure functions of the buffers they are given (`kernel(...input
 * addresses, ...output addresses, begin, end)`), so the sequence can be replayed:
 *
 *   record (first call of a signature): make the inputs ready, call the jit'd function, force every
 *     output, and log what the backend did — each buffer allocated during the call (size, initial
 *     bytes) and each kernel dispatched (module, input and output buffers, work size);
 *   plan: the call's inputs and outputs stay per-call buffers; every intermediate buffer gets a fixed
 *     offset in one arena owned by the plan (buffers whose lifetimes do not overlap share space);
 *     buffers the program only reads and did not allocate (the jaxpr's captured constants) are kept
 *     alive by the plan; a JS number argument becomes a 4-byte slot in the arena;
 *   replay: allocate the outputs, look up the addresses of inputs and outputs (one probe dispatch,
 *     internals.ts), call each kernel function with its addresses, consume the inputs, wrap the
 *     outputs as arrays. The first `CALIBRATION_RUNS` replays also time every launch; the long
 *     ones are then shared between engine threads when there are several (kernel-threads.ts).
 *
 * Measured (`bench ppo`, interleaved in one process): the PPO minibatch step 2.8 → 0.8 ms of CPU
 * on a 2-core VM at load ≈ 10, and the CleanRL-sized update 378 → 216 ms on the idle machine.
 *
 * The same kernels run on the same inputs in the same order, so results are bit-identical to the
 * plain `jit` path (tested). Replay is eager: the outputs are computed when the call returns (the
 * plain path is lazy until a read). Anything the recorder does not understand falls back to the
 * plain `jit` for that signature: a routine (sort, cholesky, ... — not a wasm kernel), an output that
 * is an input or a constant, a kernel writing a buffer it did not allocate, a non-array output,
 * tracer arguments (a replayed function called inside `grad` or another `jit`).
 */
import * as jax from "@jax-js/jax";
import { backend, contiguousLayout, engineMemory, isProbe, slotAddresses, type Executable } from "./internals.js";
import { kernelFunction } from "./kernel-instances.js";
import { engineThreads, runKernel } from "./kernel-threads.js";

type Arr = jax.Array;
/** The engine's own (untyped) members of Array that we use: realise into a buffer slot. */
type Realizable = Arr & { _realizeSource(): number | object };

// -- readiness: buffers allocated without data whose producing kernel has not run yet ---------------
const unwritten = new Set<number>();
/** Arrays produced by a replay (computed eagerly: always ready). */
const ready = new WeakSet<Arr>();

interface Recording {
  mallocs: Map<number, { size: number; data?: Uint8Array }>;
  launches: { exe: Executable; inputs: number[]; outputs: number[] }[];
}
let recording: Recording | undefined;

{
  const { malloc, dispatch } = backend;
  backend.malloc = function (size: number, initialData?: Uint8Array): number {
    const slot = malloc.call(this, size, initialData);
    if (initialData === undefined && size > 0) unwritten.add(slot);
    recording?.mallocs.set(slot, { size, data: initialData?.slice() });
    return slot;
  };
  backend.dispatch = function (exe: Executable, inputs: number[], outputs: number[]): void {
    dispatch.call(this, exe, inputs, outputs);
    if (isProbe(exe)) return;
    for (const s of outputs) unwritten.delete(s);
    recording?.launches.push({ exe, inputs: [...inputs], outputs: [...outputs] });
  };
}

/** Run the pending kernels that write `x` (reading back one element to make the engine submit them). */
function makeReady(x: Arr): void {
  if (ready.has(x)) return;
  const slot = (x as Realizable)._realizeSource();
  if (typeof slot === "number" && unwritten.has(slot) && x.size > 0) x.ref.reshape([-1]).slice([0, 1]).dataSync();
}

// -- plans ------------------------------------------------------------------------------------------
const ALIGN = 64;
const alignUp = (n: number) => Math.ceil(Math.max(n, 1) / ALIGN) * ALIGN;

interface OutputSpec {
  shape: number[];
  dtype: jax.DType;
  weakType: boolean;
  bytes: number;
}

interface Launch {
  fn: (...args: number[]) => void;
  /** [...input and output addresses, begin, end]. */
  args: number[];
  /** Pairs (argument position, index into the per-call address list). */
  patches: number[];
  /** How the launch can be cut into chunks for several threads (kernel-threads.ts). */
  split: { module: WebAssembly.Module; work: number; align: number; minWork: number };
  /** Shared between engine threads: its single-thread time was at least `SHARE_MIN_MS`. */
  share: boolean;
}

/**
 * Launches that took at least this long on one thread (the fastest of the first
 * `CALIBRATION_RUNS` replays) are shared between engine threads when there are several; shorter
 * ones gain less than it costs to wake a helper (~0.1 ms on a VM). Measured on `bench dmp`'s
 * small kernels at 2 threads: sharing every launch of ≥ 65 536 element-operations made the call
 * 2.2× slower on a busy machine.
 */
const SHARE_MIN_MS = 0.25;
const CALIBRATION_RUNS = 3;

/** One recorded program, replayable for one input signature. */
class Plan {
  constructor(
    readonly key: string,
    private readonly arrayLeaves: number[],
    private readonly scalarLeaves: { leaf: number; offset: number }[],
    private readonly outputs: OutputSpec[],
    private readonly outTree: jax.tree.JsTreeDef,
    private readonly launches: Launch[],
    private readonly arenaSlot: number,
    private readonly arenaAddress: number,
    private readonly constSlots: number[],
  ) {
    this.fastest = launches.map(() => Infinity);
  }

  /** Per launch, the fastest single-thread time of the calibration runs (ms). */
  private readonly fastest: number[];
  private calibrations = 0;
  /** Whether any launch is shared between engine threads (known after calibration). */
  private shareable = false;

  run(leaves: unknown[]): unknown {
    const slots: number[] = [];
    for (const i of this.arrayLeaves) {
      const x = leaves[i] as Realizable;
      makeReady(x);
      slots.push(x._realizeSource() as number);
    }
    for (const o of this.outputs) slots.push(backend.malloc(o.bytes));
    const addresses = slotAddresses(slots);
    if (this.scalarLeaves.length > 0) {
      const f32 = new Float32Array(engineMemory().buffer);
      for (const s of this.scalarLeaves) f32[(this.arenaAddress + s.offset) >> 2] = leaves[s.leaf] as number;
    }
    if (this.calibrations < CALIBRATION_RUNS) this.runTimed(addresses);
    else {
      const threaded = this.shareable && engineThreads() > 1;
      for (const l of this.launches) {
        const p = l.patches;
        for (let k = 0; k < p.length; k += 2) l.args[p[k]] = addresses[p[k + 1]];
        if (threaded && l.share) runKernel(l.fn, l.split.module, l.args, l.split.work, l.split.align, l.split.minWork);
        else l.fn.apply(null, l.args);
      }
    }
    for (const i of this.arrayLeaves) (leaves[i] as Arr).dispose();
    const first = this.arrayLeaves.length;
    const outs = this.outputs.map((o, j) => {
      const a = new jax.Array({ source: slots[first + j], st: contiguousLayout(o.shape), dtype: o.dtype, weakType: o.weakType, backend, committed: false } as never);
      ready.add(a);
      return a;
    });
    return jax.tree.unflatten(this.outTree, outs);
  }

  /** One single-thread run that times every launch; after the last one, decide which to share. */
  private runTimed(addresses: number[]): void {
    this.launches.forEach((l, i) => {
      const p = l.patches;
      for (let k = 0; k < p.length; k += 2) l.args[p[k]] = addresses[p[k + 1]];
      const t = performance.now();
      l.fn.apply(null, l.args);
      this.fastest[i] = Math.min(this.fastest[i], performance.now() - t);
    });
    if (++this.calibrations < CALIBRATION_RUNS) return;
    this.launches.forEach((l, i) => (l.share = this.fastest[i] >= SHARE_MIN_MS && l.split.work >= 2 * l.split.minWork));
    this.shareable = this.launches.some((l) => l.share);
  }

  /** Single-thread ms of one call (sum of the launches' fastest calibration times) and of its shared launches; undefined until calibrated. */
  timing(): { ms: number; sharedMs: number; launches: number; sharedLaunches: number } | undefined {
    if (this.calibrations < CALIBRATION_RUNS) return undefined;
    let ms = 0;
    let sharedMs = 0;
    this.launches.forEach((l, i) => {
      ms += this.fastest[i];
      if (l.share) sharedMs += this.fastest[i];
    });
    return { ms, sharedMs, launches: this.launches.length, sharedLaunches: this.launches.filter((l) => l.share).length };
  }

  dispose(): void {
    backend.decRef(this.arenaSlot);
    for (const s of this.constSlots) backend.decRef(s);
  }
}

class Unsupported extends Error {}

/** The signature a plan replays: the argument tree and each leaf's dtype and shape (or "a number"). */
function signature(treedef: jax.tree.JsTreeDef, leaves: unknown[]): string {
  let key = treedef.toString(false);
  for (const l of leaves) key += typeof l === "number" ? "|n" : `|${(l as Arr).dtype}${(l as Arr).aval.weakType ? "w" : ""}[${(l as Arr).shape}]`;
  return key;
}

/** Build a plan from what the backend did during one call (throws Unsupported). */
function buildPlan(key: string, rec: Recording, leaves: unknown[], inSlots: number[], outLeaves: unknown[], outTree: jax.tree.JsTreeDef): Plan {
  type Ref = { kind: "dyn"; index: number } | { kind: "arena"; slot: number } | { kind: "const"; slot: number };
  const refs = new Map<number, Ref>();
  const arrayLeaves: number[] = [];
  const scalarSlots: { leaf: number; slot: number }[] = [];
  leaves.forEach((l, i) => {
    if (typeof l === "number") {
      scalarSlots.push({ leaf: i, slot: inSlots[i] });
      refs.set(inSlots[i], { kind: "arena", slot: inSlots[i] });
    } else {
      if (!refs.has(inSlots[i])) refs.set(inSlots[i], { kind: "dyn", index: arrayLeaves.length });
      arrayLeaves.push(i);
    }
  });
  // A repeated input slot (the same buffer passed twice) resolves to its first occurrence.
  const outputs: OutputSpec[] = outLeaves.map((o, j) => {
    if (!(o instanceof jax.Array)) throw new Unsupported("an output is not an array");
    const slot = (o as Realizable)._realizeSource();
    const m = typeof slot === "number" ? rec.mallocs.get(slot) : undefined;
    if (typeof slot !== "number" || m === undefined || refs.has(slot)) throw new Unsupported("an output is an input, a constant or a repeated output");
    if (!rec.launches.some((l) => l.outputs.includes(slot))) throw new Unsupported("an output is not computed by a kernel");
    refs.set(slot, { kind: "dyn", index: arrayLeaves.length + j });
    return { shape: [...o.shape], dtype: o.dtype, weakType: o.aval.weakType, bytes: m.size };
  });

  // Intermediate buffers: allocated during the call, neither input nor output. Lifetimes in launch order.
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  const constSlots = new Set<number>();
  rec.launches.forEach((l, i) => {
    if (l.exe.data.program === undefined) throw new Unsupported("a routine (not a wasm kernel)");
    for (const s of l.outputs) if (!rec.mallocs.has(s) || scalarSlots.some((x) => x.slot === s)) throw new Unsupported("a kernel writes a buffer the call did not allocate");
    for (const s of [...l.inputs, ...l.outputs]) {
      if (refs.has(s)) continue;
      if (!rec.mallocs.has(s)) {
        constSlots.add(s);
        continue;
      }
      if (!first.has(s)) first.set(s, i);
      last.set(s, i);
    }
  });
  // Arena layout: scalars and buffers with initial data first (live for the whole call), then
  // intermediates by first fit into blocks freed by earlier buffers of the same rounded size.
  let top = 0;
  const offsets = new Map<number, number>();
  const constData: { offset: number; data: Uint8Array }[] = [];
  for (const s of first.keys()) {
    const m = rec.mallocs.get(s)!;
    const writtenByKernel = rec.launches.some((l) => l.outputs.includes(s));
    if (!writtenByKernel || refs.get(s)?.kind === "arena") {
      offsets.set(s, top);
      if (m.data) constData.push({ offset: top, data: m.data });
      top += alignUp(m.size);
    }
  }
  const freeBlocks = new Map<number, number[]>(); // rounded size → offsets of blocks no longer in use
  const endingAt = new Map<number, number[]>(); // launch index → buffers last used there
  for (const [s, i] of last) if (!offsets.has(s)) endingAt.set(i, [...(endingAt.get(i) ?? []), s]);
  rec.launches.forEach((l, i) => {
    for (const s of [...l.inputs, ...l.outputs]) {
      if (offsets.has(s) || !first.has(s)) continue;
      const reuse = freeBlocks.get(alignUp(rec.mallocs.get(s)!.size))?.pop();
      offsets.set(s, reuse ?? top);
      if (reuse === undefined) top += alignUp(rec.mallocs.get(s)!.size);
    }
    for (const s of endingAt.get(i) ?? []) {
      const size = alignUp(rec.mallocs.get(s)!.size);
      freeBlocks.set(size, [...(freeBlocks.get(size) ?? []), offsets.get(s)!]);
    }
  });
  for (const { slot } of scalarSlots) {
    offsets.set(slot, top);
    top += ALIGN;
  }

  const constList = [...constSlots];
  for (const s of constList) backend.incRef(s);
  const arenaSlot = backend.malloc(Math.max(top, ALIGN));
  const [arenaAddress, ...constAddresses] = slotAddresses([arenaSlot, ...constList]);
  const memory = engineMemory();
  for (const { offset, data } of constData) new Uint8Array(memory.buffer, arenaAddress + offset, data.length).set(data);
  const constAddress = new Map(constList.map((s, i) => [s, constAddresses[i]]));
  const launches: Launch[] = rec.launches.map((l) => {
    const program = l.exe.data.program!;
    const args: number[] = [];
    const patches: number[] = [];
    for (const s of [...l.inputs, ...l.outputs]) {
      const r = refs.get(s);
      if (r?.kind === "dyn") {
        patches.push(args.length, r.index);
        args.push(0);
      } else if (constAddress.has(s)) args.push(constAddress.get(s)!);
      else args.push(arenaAddress + offsets.get(s)!);
    }
    args.push(0, program.workSize);
    const split = { module: program.module, work: program.workSize, align: program.chunkAlignment ?? 16, minWork: program.minWorkPerWorker ?? 512 };
    return { fn: kernelFunction(program.module, memory), args, patches, split, share: false };
  });
  const scalarLeaves = scalarSlots.map(({ leaf, slot }) => ({ leaf, offset: offsets.get(slot)! }));
  return new Plan(key, arrayLeaves, scalarLeaves, outputs, outTree, launches, arenaSlot, arenaAddress, constList);
}

/** Call `jitted` once while recording; returns its outputs and, if the program can be replayed, a plan. */
function record(jitted: (...args: unknown[]) => unknown, key: string, treedef: jax.tree.JsTreeDef, leaves: unknown[]): { out: unknown; plan?: Plan } {
  const inputs = leaves.map((l) => (typeof l === "number" ? jax.numpy.array(l) : (l as Arr)));
  for (const x of inputs) makeReady(x);
  const inSlots = inputs.map((x) => (x as Realizable)._realizeSource() as number);
  const rec: Recording = { mallocs: new Map(), launches: [] };
  let out: unknown;
  let outLeaves: unknown[];
  let outTree: jax.tree.JsTreeDef;
  recording = rec;
  try {
    out = jitted(...(jax.tree.unflatten(treedef, inputs) as unknown[]));
    [outLeaves, outTree] = jax.tree.flatten(out);
    for (const o of outLeaves) if (o instanceof jax.Array) o.ref.dataSync();
  } finally {
    recording = undefined;
  }
  try {
    return { out, plan: buildPlan(key, rec, leaves, inSlots, outLeaves, outTree) };
  } catch (e) {
    if (e instanceof Unsupported) return { out };
    throw e;
  }
}

let replayEnabled = !(globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.NDP_NO_REPLAY;

/**
 * Turn replay on or off for every `replayJit` function (on by default; the environment variable
 * NDP_NO_REPLAY=1 starts with it off). Off, calls go to the plain `jit` path — for comparisons.
 */
export function setReplay(enabled: boolean): void {
  replayEnabled = enabled;
}

/** Whether replay is on. */
export function replayIsEnabled(): boolean {
  return replayEnabled;
}

/** Counters of one replayed function: plans held, signatures that fell back to jit, calls replayed. */
export interface ReplayStats {
  plans: number;
  unsupported: number;
  replays: number;
  /**
   * For the most recently used plan once calibrated: kernel launches per call, the single-thread
   * kernel time of a call (the fastest of the calibration runs, ms), and the part of both in
   * launches shared between engine threads.
   */
  kernels?: { launches: number; ms: number; sharedLaunches: number; sharedMs: number };
}

/** How many input signatures one function keeps plans for (least recently used dropped first). */
const MAX_PLANS = 8;

/**
 * `jit(f)` with replay (see the file header): same arguments, same results, same ownership (array
 * arguments are consumed, outputs are new arrays). `dispose()` frees the plans and the compiled
 * function's captured constants.
 */
export const replayJit = (<F extends (...args: any[]) => jax.JsTree<Arr>>(f: F, opts?: Parameters<typeof jax.jit>[1]) => {
  const jitted = jax.jit(f, opts) as unknown as ((...args: unknown[]) => unknown) & { dispose(): void };
  if (opts?.staticArgnums?.length) return jitted; // static arguments: not replayed
  let plans: Plan[] = [];
  const unsupported = new Set<string>();
  let replays = 0;
  const call = (...args: unknown[]): unknown => {
    if (!replayEnabled) return jitted(...args);
    const [leaves, treedef] = jax.tree.flatten(args);
    for (const l of leaves) if (!(typeof l === "number" || (l instanceof jax.Array && l.device === "wasm"))) return jitted(...args);
    const key = signature(treedef, leaves);
    const i = plans.findIndex((p) => p.key === key);
    if (i >= 0) {
      const plan = plans[i];
      if (i > 0) plans = [plan, ...plans.slice(0, i), ...plans.slice(i + 1)];
      replays++;
      return plan.run(leaves);
    }
    if (unsupported.has(key)) return jitted(...args);
    const { out, plan } = record(jitted, key, treedef, leaves);
    if (plan === undefined) unsupported.add(key);
    else {
      plans.unshift(plan);
      for (const old of plans.splice(MAX_PLANS)) old.dispose();
    }
    return out;
  };
  return Object.assign(call, {
    dispose() {
      for (const p of plans) p.dispose();
      plans = [];
      jitted.dispose();
    },
    replayStats: (): ReplayStats => {
      const t = plans[0]?.timing();
      const stats: ReplayStats = { plans: plans.length, unsupported: unsupported.size, replays };
      if (t) stats.kernels = { launches: t.launches, ms: t.ms, sharedLaunches: t.sharedLaunches, sharedMs: t.sharedMs };
      return stats;
    },
  });
}) as unknown as <F extends (...args: any[]) => jax.JsTree<Arr>>(f: F, opts?: Parameters<typeof jax.jit>[1]) => ReturnType<typeof jax.jit<F>> & { replayStats(): ReplayStats };
