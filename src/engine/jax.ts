/**
 * The one module that owns the array engine (`@jax-js/jax`). Everything else imports `np`, `jit`,
 * `grad`, ... from here, so the engine could be swapped in one place.
 *
 * In Node the wasm backend is used; the cpu backend is a slow interpreter meant for debugging.
 * `initEngine()` is idempotent and cheap after the first call. `jit` is the engine's jit with
 * replay (replay.ts): identical results, far less per-call overhead. Large kernels of replayed
 * calls can run on several threads (kernel-threads.ts, `initEngine({ threads })`), with results
 * identical for every thread count.
 */
import "./polyfill.js";
import "./web-worker.js";
import "./kernel-instances.js";
import * as jax from "@jax-js/jax";
import { ConfigError } from "../errors.js";

export const { numpy: np, nn, lax, random, tree, grad, valueAndGrad, vjp, jvp, vmap, blockUntilReady } = jax;
/** `jit` with replay of the recorded kernel launches after the first call per signature (replay.ts). */
export { replayJit as jit } from "./replay.js";
import { setEngineThreads } from "./kernel-threads.js";
export { engineThreads, freeCores, setEngineThreads } from "./kernel-threads.js";
export type Array = jax.Array;
export type DType = jax.DType;

let initialised: Promise<void> | undefined;

export interface EngineOptions {
  /**
   * Threads for large kernels (kernel-threads.ts): a number, "auto" (the cores other processes
   * leave free, by load average) or "max". Commands that own the machine's cores (digit training,
   * evaluation, `start`) ask for "auto"; the RL commands keep 1 because env worker threads own the
   * cores. The environment variable NDP_ENGINE_THREADS (a number, "auto" or "max") overrides
   * every command's choice. Unset: leave the current setting (1 at start).
   */
  threads?: number | "auto" | "max";
}

/** Initialise the engine once (wasm backend) and apply `options`. Safe to call many times. */
export async function initEngine(options: EngineOptions = {}): Promise<void> {
  initialised ??= (async () => {
    await jax.init("wasm");
    jax.defaultDevice("wasm");
  })();
  await initialised;
  const threads = threadsFromEnvironment() ?? options.threads;
  if (threads !== undefined) setEngineThreads(threads);
}

/** NDP_ENGINE_THREADS parsed, or undefined when unset. */
function threadsFromEnvironment(): number | "auto" | "max" | undefined {
  const raw = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.NDP_ENGINE_THREADS?.trim();
  if (raw === undefined || raw === "") return undefined;
  if (raw === "auto" || raw === "max") return raw;
  const n = Number(raw);
  if (!(Number.isInteger(n) && n >= 1)) throw new ConfigError(`NDP_ENGINE_THREADS must be a whole number ≥ 1, "auto" or "max", got "${raw}"`);
  return n;
}

/** Read an engine array into a Float64Array without consuming it. */
export function toFloat64(x: jax.Array): Float64Array {
  const d = x.ref.dataSync();
  return d instanceof Float64Array ? d : Float64Array.from(d as ArrayLike<number>);
}

/** Upload float64 host data as an engine array of `dtype` (float32 by default). */
export function fromFloat64(values: Float64Array, shape: number[], dtype: DType = jax.numpy.float32): jax.Array {
  const data = dtype === jax.numpy.float64 ? values : Float32Array.from(values);
  return jax.numpy.array(data, { shape, dtype });
}
