/**
 * Engine threads: run one wasm kernel on several threads at once, synchronously.
 *
 * Every engine kernel computes output elements [begin, end) of its work range independently —
 * `kernel(...addresses, begin, end)`, one loop iteration per output element (a reduction is a loop
 * inside that element) — so a launch can be cut into chunks that run on different threads over
 * the same shared memory (web-worker.ts makes jax-js allocate it shared) with **bit-identical
 * results for any thread count**: each element is computed by the same code on the same inputs.
 *
 * `setEngineThreads(n)` has n − 1 helper threads take part (started on first need; helpers not
 * needed any more stay parked, asleep, so that switching back costs nothing). For a launch, the
 * calling thread publishes the kernel and its arguments in a shared control block and wakes the
 * helpers; then every thread,
 * the caller included, claims chunks from one atomic counter until none are left, and the caller
 * waits for the chunks the helpers took. Because the caller starts at once and chunks are small
 * (about four per thread), a helper that wakes late or that the OS does not schedule only costs
 * the parallelism it would have added, or the one chunk it holds. Helpers spin only a few µs
 * before sleeping (`HELPER_SPINS`): on a busy machine spinning threads take the CPU the caller
 * needs.
 * The claim counter carries the launch's generation, so a helper that wakes late can never run a
 * chunk of one launch with the arguments of another.
 *
 * Used by replay.ts for launches long enough to amortise the hand-off (its `SHARE_MIN_MS`).
 * Measured on an idle 2-core EPYC VM: the digit training step 63 → 46 ms (1.36×; the shared
 * launches are 90 % of its kernel time, and two threads run them ~20 % less efficiently than one
 * — cache and memory traffic); `bench dmp`'s small kernels are not shared. Default: 1 thread
 * (nothing started). In Node only; elsewhere `setEngineThreads` keeps 1.
 */
import { engineMemory } from "./internals.js";

// control block layout (Int32)
const SEQ = 0; // launch generation (helpers wait on it)
const NEXT = 2; // (generation & 0xffff) << 16 | next chunk to claim
const DONE = 3; // chunks finished by helpers
const TOTAL = 4;
const CHUNK = 5;
const WORK = 6;
const KERNEL = 7;
const NARGS = 8;
const ACTIVE = 9; // helpers with index < ACTIVE take part; the others stay parked
const FAILED = 10; // set by a helper whose kernel threw
const ARGS = 16;
const MAX_ARGS = 128;

/**
 * Spins of a helper waiting for the next launch before it sleeps (a few µs), and of the caller
 * waiting for a helper's chunk. Measured on the digit training step (2 threads, 2-core VM at load
 * ≈ 10, interleaved A/B): 0–500 spins 1.2–1.3× faster than one thread, 2 000 spins 0.7× (spinning
 * helpers take the CPU the caller needs), 10⁷ (spin through a whole call) 0.4×.
 */
const HELPER_SPINS = 300;
const CALLER_SPINS = 20_000;

/** Runs in each helper thread (plain JS, evaluated as a CommonJS script). */
const HELPER = `
const { workerData, receiveMessageOnPort } = require("node:worker_threads");
const { memory, control, port, spins, index } = workerData;
const ints = new Int32Array(control);
const kernels = [];
const args = [];
let seen = 0;
for (;;) {
  let s = Atomics.load(ints, ${SEQ});
  for (let i = 0; s === seen; i++) {
    if (i >= spins) { Atomics.wait(ints, ${SEQ}, seen); i = 0; }
    s = Atomics.load(ints, ${SEQ});
  }
  seen = s;
  if (index >= Atomics.load(ints, ${ACTIVE})) continue;
  const id = ints[${KERNEL}];
  for (let m; kernels[id] === undefined && (m = receiveMessageOnPort(port)) !== undefined; ) {
    kernels[m.message.id] = new WebAssembly.Instance(m.message.module, { env: { memory } }).exports.kernel;
  }
  const kernel = kernels[id];
  if (kernel === undefined) continue;
  const n = ints[${NARGS}], chunk = ints[${CHUNK}], work = ints[${WORK}], total = ints[${TOTAL}];
  args.length = n + 2;
  for (let i = 0; i < n; i++) args[i] = ints[${ARGS} + i];
  const gen = (s & 0xffff) << 16;
  for (;;) {
    const v = Atomics.load(ints, ${NEXT});
    if ((v & 0xffff0000) !== gen || (v & 0xffff) >= total) break;
    if (Atomics.compareExchange(ints, ${NEXT}, v, v + 1) !== v) continue;
    const c = v & 0xffff;
    args[n] = c * chunk;
    args[n + 1] = Math.min(work, (c + 1) * chunk);
    try {
      kernel(...args);
    } catch {
      Atomics.store(ints, ${FAILED}, 1);
    }
    Atomics.add(ints, ${DONE}, 1);
    Atomics.notify(ints, ${DONE});
  }
}
`;

interface Helper {
  thread: import("node:worker_threads").Worker;
  port: import("node:worker_threads").MessagePort;
}

const nodeProcess = (globalThis as { process?: { versions?: { node?: string } } }).process;
const [threadsModule, osModule] = nodeProcess?.versions?.node ? await Promise.all([import("node:worker_threads"), import("node:os")]) : [undefined, undefined];

/** Every helper started so far; the first `active` take part in launches (the rest are parked). */
const helpers: Helper[] = [];
let active = 0;
let ints: Int32Array | undefined;
const kernelIds = new WeakMap<WebAssembly.Module, number>();
/** Every kernel module sent to the helpers, for helpers started later. */
const knownKernels: [WebAssembly.Module, number][] = [];
let nextKernelId = 0;
let generation = 0;

/** Counters since the threads were last set: launches shared, chunks run by the caller and by helpers, ms the caller waited. */
export const threadStats = { launches: 0, callerChunks: 0, helperChunks: 0, waitMs: 0 };

/** Threads the engine uses for large kernels (1 = the calling thread only). */
export function engineThreads(): number {
  return active + 1;
}

/**
 * Use `n` threads (the calling one plus n − 1 helpers) for large kernels from now on. `n` is an
 * integer ≥ 1, "max" (the logical CPUs) or "auto" (`freeCores()`). Results do not depend on `n`
 * (file header).
 */
export function setEngineThreads(n: number | "max" | "auto"): void {
  const want = n === "max" ? cores() : n === "auto" ? freeCores() : n;
  if (!(Number.isInteger(want) && want >= 1)) throw new Error(`engine threads must be an integer ≥ 1, "auto" or "max", got ${n}`);
  if (want === engineThreads()) return;
  Object.assign(threadStats, { launches: 0, callerChunks: 0, helperChunks: 0, waitMs: 0 });
  if (threadsModule === undefined) return;
  if (want - 1 > helpers.length) {
    const memory = engineMemory();
    if (!(memory.buffer instanceof SharedArrayBuffer)) throw new Error("engine threads need the engine's memory to be shared (web-worker.ts must load before @jax-js/jax)");
    ints ??= new Int32Array(new SharedArrayBuffer(4 * (ARGS + MAX_ARGS)));
    for (let i = helpers.length; i < want - 1; i++) {
      const { port1, port2 } = new threadsModule.MessageChannel();
      const workerData = { memory, control: ints.buffer, port: port2, spins: HELPER_SPINS, index: i };
      const thread = new threadsModule.Worker(HELPER, { eval: true, workerData, transferList: [port2] });
      thread.unref();
      helpers.push({ thread, port: port1 });
      // kernels already known to the others
      for (const [module, id] of knownKernels) port1.postMessage({ id, module });
    }
  }
  active = want - 1;
  if (ints !== undefined) Atomics.store(ints, ACTIVE, active);
}

function cores(): number {
  return osModule?.availableParallelism() ?? 1;
}

/**
 * "auto": the cores other processes leave free, by the 1-minute load average ℓ:
 * clamp(⌊cores + ½ − ℓ⌋, 1, cores) — 2 on an idle 2-core machine, 1 as soon as about one core's
 * worth of other work runs.
 */
export function freeCores(): number {
  const load = osModule?.loadavg()[0] ?? 0;
  return Math.min(cores(), Math.max(1, Math.floor(cores() + 0.5 - load)));
}

/**
 * Run `kernel(...addresses, begin, end)` over [0, work) on every engine thread, in chunks whose
 * boundaries are multiples of `align` and that hold at least `minWork` elements. `args` is
 * [...addresses, begin, end]: its last two entries are scratch (restored to 0, work). Returns when
 * all chunks are done. With one thread it is just `kernel(...addresses, 0, work)`.
 */
export function runKernel(kernel: (...args: number[]) => void, module: WebAssembly.Module, args: number[], work: number, align: number, minWork: number): void {
  const n = args.length - 2;
  const threads = active + 1;
  const pieces = Math.min(4 * threads, Math.floor(work / Math.max(minWork, 1)), 0xffff);
  if (ints === undefined || active === 0 || pieces < 2 || n > MAX_ARGS) {
    args[n] = 0;
    args[n + 1] = work;
    kernel(...args);
    return;
  }
  const c = ints;
  let id = kernelIds.get(module);
  if (id === undefined) {
    id = nextKernelId++;
    kernelIds.set(module, id);
    knownKernels.push([module, id]);
    for (const h of helpers) h.port.postMessage({ id, module });
  }
  const chunk = Math.ceil(work / pieces / align) * align;
  const total = Math.ceil(work / chunk);
  for (let i = 0; i < n; i++) c[ARGS + i] = args[i];
  c[NARGS] = n;
  c[KERNEL] = id;
  c[CHUNK] = chunk;
  c[WORK] = work;
  c[TOTAL] = total;
  Atomics.store(c, DONE, 0);
  generation = (generation + 1) & 0x7fffffff;
  const gen = (generation & 0xffff) << 16;
  Atomics.store(c, NEXT, gen);
  Atomics.store(c, SEQ, generation);
  Atomics.notify(c, SEQ);
  // the caller's share
  let mine = 0;
  for (;;) {
    const v = Atomics.load(c, NEXT);
    if ((v & 0xffff) >= total) break;
    if (Atomics.compareExchange(c, NEXT, v, v + 1) !== v) continue;
    const k = v & 0xffff;
    args[n] = k * chunk;
    args[n + 1] = Math.min(work, (k + 1) * chunk);
    kernel(...args);
    mine++;
  }
  // wait for the chunks the helpers took
  const theirs = total - mine;
  const t0 = performance.now();
  for (let i = 0, done = Atomics.load(c, DONE); done < theirs; done = Atomics.load(c, DONE)) {
    if (++i > CALLER_SPINS) Atomics.wait(c, DONE, done, 1);
  }
  threadStats.waitMs += performance.now() - t0;
  if (Atomics.exchange(c, FAILED, 0) !== 0) throw new Error("an engine helper thread failed to run a kernel; set NDP_ENGINE_THREADS=1 to run on one thread");
  threadStats.launches++;
  threadStats.callerChunks += mine;
  threadStats.helperChunks += theirs;
  args[n] = 0;
  args[n + 1] = work;
}
