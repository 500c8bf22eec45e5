/**
 * The one module that owns the array engine (`@jax-js/jax`). Everything else imports `np`, `jit`,
 * `grad`, ... from here, so the engine could be swapped in one place.
 *
 * In Node the wasm backend is used (single-threaded); the cpu backend is a slow interpreter meant
 * for debugging. `initEngine()` is idempotent and cheap after the first call. `jit` is the engine's
 * jit with replay (replay.ts): identical results, far less per-call overhead.
 */
import "./polyfill.js";
import "./kernel-instances.js";
import * as jax from "@jax-js/jax";

export const { numpy: np, nn, lax, random, tree, grad, valueAndGrad, vjp, jvp, vmap, blockUntilReady } = jax;
/** `jit` with replay of the recorded kernel launches after the first call per signature (replay.ts). */
export { replayJit as jit } from "./replay.js";
export type Array = jax.Array;
export type DType = jax.DType;

let initialised: Promise<void> | undefined;

/** Initialise the engine once (wasm backend). Safe to call many times. */
export function initEngine(): Promise<void> {
  initialised ??= (async () => {
    await jax.init("wasm");
    jax.defaultDevice("wasm");
  })();
  return initialised;
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
