/**
 * The memory a vector env's envs write into: one (Shared)ArrayBuffer cut into typed arrays, with
 * the same layout in the main thread and in every worker. For n envs with observation size O,
 * action size A and robot-state size R:
 *
 * | field | type | shape |
 * |---|---|---|
 * | actions | Float64 | n × A |
 * | obs | Float64 | n × O (after auto-reset) |
 * | finalObs | Float64 | n × O (last obs of an episode that ended in this step) |
 * | rewards | Float64 | n |
 * | robotPosition, robotVelocity | Float64 | n × R (after auto-reset) |
 * | terminated, truncated, success | Uint8 | n |
 * | clipped | Int32 | n |
 * | reasons | Uint8 | n × REASON_BYTES (UTF-8, zero-padded; empty = stable) |
 */
import type { EnvSpaces } from "../env.js";

export const REASON_BYTES = 256;

export interface VectorSizes {
  numEnvs: number;
  obsSize: number;
  actionSize: number;
  robotSize: number;
}

export interface VectorBuffers {
  readonly buffer: ArrayBufferLike;
  readonly sizes: VectorSizes;
  actions: Float64Array;
  obs: Float64Array;
  finalObs: Float64Array;
  rewards: Float64Array;
  robotPosition: Float64Array;
  robotVelocity: Float64Array;
  terminated: Uint8Array;
  truncated: Uint8Array;
  success: Uint8Array;
  clipped: Int32Array;
  reasons: Uint8Array;
}

/** The sizes of `numEnvs` envs with the given spaces and robot-state size R. */
export function vectorSizes(numEnvs: number, spaces: EnvSpaces, robotSize: number): VectorSizes {
  return { numEnvs, obsSize: spaces.observationSpec.shape[0], actionSize: spaces.actionSpec.shape[0], robotSize };
}

/** Byte length of the buffer for `sizes`. */
function layout(s: VectorSizes): { float64: number; int32: number; uint8: number; bytes: number } {
  const n = s.numEnvs;
  const float64 = n * (s.actionSize + 2 * s.obsSize + 1 + 2 * s.robotSize);
  const int32 = n;
  const uint8 = n * (3 + REASON_BYTES);
  return { float64, int32, uint8, bytes: 8 * float64 + 4 * int32 + uint8 };
}

/** Allocate the buffers; `shared` uses a SharedArrayBuffer (for workers). */
export function allocateVectorBuffers(sizes: VectorSizes, shared: boolean): VectorBuffers {
  const { bytes } = layout(sizes);
  return viewVectorBuffers(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes), sizes);
}

/** Typed-array views over an existing buffer (in a worker, over the SharedArrayBuffer it was sent). */
export function viewVectorBuffers(buffer: ArrayBufferLike, sizes: VectorSizes): VectorBuffers {
  const { numEnvs: n, obsSize: o, actionSize: a, robotSize: r } = sizes;
  const { float64, int32 } = layout(sizes);
  let f = 0;
  const f64 = (len: number) => {
    const v = new Float64Array(buffer, 8 * f, len);
    f += len;
    return v;
  };
  const actions = f64(n * a);
  const obs = f64(n * o);
  const finalObs = f64(n * o);
  const rewards = f64(n);
  const robotPosition = f64(n * r);
  const robotVelocity = f64(n * r);
  const clipped = new Int32Array(buffer, 8 * float64, int32);
  let u = 8 * float64 + 4 * int32;
  const u8 = (len: number) => {
    const v = new Uint8Array(buffer, u, len);
    u += len;
    return v;
  };
  return {
    buffer,
    sizes,
    actions,
    obs,
    finalObs,
    rewards,
    robotPosition,
    robotVelocity,
    clipped,
    terminated: u8(n),
    truncated: u8(n),
    success: u8(n),
    reasons: u8(n * REASON_BYTES),
  };
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Store env i's instability reason ("" = none), truncated to REASON_BYTES. */
export function writeReason(b: VectorBuffers, i: number, reason: string): void {
  const slot = b.reasons.subarray(i * REASON_BYTES, (i + 1) * REASON_BYTES);
  slot.fill(0);
  if (reason !== "") encoder.encodeInto(reason.slice(0, REASON_BYTES / 4), slot);
}

/** Env i's instability reason, or undefined. */
export function readReason(b: VectorBuffers, i: number): string | undefined {
  const slot = b.reasons.subarray(i * REASON_BYTES, (i + 1) * REASON_BYTES);
  if (slot[0] === 0) return undefined;
  const end = slot.indexOf(0);
  // TextDecoder cannot read a view of a SharedArrayBuffer directly: copy the bytes.
  return decoder.decode(slot.slice(0, end < 0 ? REASON_BYTES : end));
}
