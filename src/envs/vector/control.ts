/**
 * The shared control block through which the main thread drives vector-env workers (Int32, shared):
 * | index | meaning |
 * |---|---|
 * | 0 | command sequence number (main increments it, workers wait on it) |
 * | 1 | command (see {@link Command}) |
 * | 2 | 1 when a reset seed is given |
 * | 4 + w | last sequence number worker w finished |
 * | 4 + W + w | worker w status: 0 ok, 1 failed (message in its error slot) |
 * followed by a Float64 seed and W error slots of ERROR_BYTES bytes.
 */

export const Command = { Reset: 1, Step: 2, Close: 3 } as const;

export const ERROR_BYTES = 1024;

export interface ControlBlock {
  readonly buffer: SharedArrayBuffer;
  readonly workers: number;
  ints: Int32Array;
  seed: Float64Array;
  errors: Uint8Array;
}

export const SEQ = 0;
export const CMD = 1;
export const HAS_SEED = 2;

export function doneIndex(w: number): number {
  return 4 + w;
}

export function statusIndex(workers: number, w: number): number {
  return 4 + workers + w;
}

/** Int32 entries before the seed (an even count, so the Float64 seed stays 8-byte aligned). */
function intCount(workers: number): number {
  return 4 + 2 * workers;
}

export function allocateControl(workers: number): ControlBlock {
  const bytes = 4 * intCount(workers) + 8 + workers * ERROR_BYTES;
  return viewControl(new SharedArrayBuffer(bytes), workers);
}

export function viewControl(buffer: SharedArrayBuffer, workers: number): ControlBlock {
  const n = intCount(workers);
  return {
    buffer,
    workers,
    ints: new Int32Array(buffer, 0, n),
    seed: new Float64Array(buffer, 4 * n, 1),
    errors: new Uint8Array(buffer, 4 * n + 8, workers * ERROR_BYTES),
  };
}

/**
 * Wait until ints[index] ≠ value: spin on an atomic load for up to `spins` iterations first (a
 * command usually follows within microseconds, and waking a thread blocked in Atomics.wait costs
 * ~0.1 ms on a VM), then block in Atomics.wait with `timeoutMs`. Returns the new value, or `value`
 * if the timeout passed.
 */
export function spinThenWait(ints: Int32Array, index: number, value: number, spins: number, timeoutMs = Infinity): number {
  for (let i = 0; i < spins; i++) {
    const v = Atomics.load(ints, index);
    if (v !== value) return v;
  }
  Atomics.wait(ints, index, value, timeoutMs);
  return Atomics.load(ints, index);
}
