/**
 * Checkpoints: named parameter trees plus JSON metadata in one binary file, written atomically.
 *
 * Layout (all little-endian):
 *   bytes 0..7    magic "NDPCKPT1"
 *   bytes 8..11   u32 H = byte length of the JSON header
 *   12..12+H      UTF-8 JSON header, padded with spaces so the data starts at a multiple of 8
 *   data          raw tensors back to back, each at header `tensors[i].offset` (bytes from the
 *                 start of the data section)
 * Header: { format: "ndp-checkpoint", version: 1, kind, meta, trees, tensors } where `trees`
 * mirrors each tree with every leaf replaced by {"$tensor": i} and tensors[i] =
 * { shape, dtype, offset, length }. Values round-trip bit-exactly.
 */
import { existsSync, readFileSync } from "node:fs";
import { np, type Array } from "../engine/jax.js";
import { InputFileError } from "../errors.js";
import { writeFileAtomic } from "../io/atomic.js";
import { isLeaf, type ParamTree } from "./params.js";
import { disposeTrainState, type TrainState } from "./train-step.js";

/** The kind of every training checkpoint (train states, and the train loop's: see train-loop.ts). */
export const TRAIN_STATE_KIND = "train-state";

const MAGIC = "NDPCKPT1";
const VERSION = 1;
type StoredDType = "float32" | "float64" | "int32";
const BYTES: Record<StoredDType, number> = { float32: 4, float64: 8, int32: 4 };

export interface CheckpointContents {
  /** What this is, e.g. "train-state" or "digit-backbone". */
  kind: string;
  meta: Record<string, unknown>;
  trees: Record<string, ParamTree>;
}

interface TensorEntry {
  shape: number[];
  dtype: StoredDType;
  offset: number;
  length: number;
}

type Skeleton = { $tensor: number } | Skeleton[] | { [k: string]: Skeleton };

/** Serialise (does not consume the trees). */
export function encodeCheckpoint(c: CheckpointContents): Uint8Array {
  const tensors: TensorEntry[] = [];
  const blobs: Uint8Array[] = [];
  let offset = 0;
  const skeleton = (t: ParamTree): Skeleton => {
    if (isLeaf(t)) {
      const dtype = String(t.dtype) as StoredDType;
      if (!(dtype in BYTES)) throw new InputFileError(`cannot store a ${t.dtype} array in a checkpoint (float32, float64, int32 only)`);
      const data = t.ref.dataSync() as Float32Array | Float64Array | Int32Array;
      const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
      offset = Math.ceil(offset / 8) * 8;
      tensors.push({ shape: [...t.shape], dtype, offset, length: bytes.byteLength });
      blobs.push(bytes);
      offset += bytes.byteLength;
      return { $tensor: tensors.length - 1 };
    }
    if (globalThis.Array.isArray(t)) return t.map((x) => skeleton(x as ParamTree));
    return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, skeleton(v as ParamTree)]));
  };
  const trees = Object.fromEntries(Object.entries(c.trees).map(([k, t]) => [k, skeleton(t)]));
  let header = JSON.stringify({ format: "ndp-checkpoint", version: VERSION, kind: c.kind, meta: c.meta, trees, tensors });
  const headerBytesRaw = new TextEncoder().encode(header);
  const pad = (8 - ((12 + headerBytesRaw.byteLength) % 8)) % 8;
  header += " ".repeat(pad);
  const headerBytes = new TextEncoder().encode(header);
  const dataStart = 12 + headerBytes.byteLength;
  const out = new Uint8Array(dataStart + offset);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(8, headerBytes.byteLength, true);
  out.set(headerBytes, 12);
  tensors.forEach((t, i) => out.set(blobs[i], dataStart + t.offset));
  return out;
}

/** Parse bytes written by `encodeCheckpoint` into engine arrays. `source` names the file in errors. */
export function decodeCheckpoint(bytes: Uint8Array, source = "checkpoint"): CheckpointContents {
  const fail = (why: string): never => {
    throw new InputFileError(`${source} is not a valid ndp checkpoint (${why}); pass a file written by ndp or re-create it`);
  };
  if (bytes.byteLength < 12 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) fail("wrong magic bytes");
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  if (12 + headerLength > bytes.byteLength) fail("truncated header");
  let header: { format?: string; version?: number; kind?: string; meta?: Record<string, unknown>; trees?: Record<string, Skeleton>; tensors?: TensorEntry[] };
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerLength)));
  } catch {
    return fail("unreadable JSON header");
  }
  if (header.format !== "ndp-checkpoint" || header.version !== VERSION || !header.trees || !globalThis.Array.isArray(header.tensors)) fail("unknown header format or version");
  const dataStart = 12 + headerLength;
  const tensors = header.tensors!;
  const arrays: (Array | undefined)[] = new globalThis.Array(tensors.length);
  const load = (i: number): Array => {
    const t = tensors[i];
    if (!t || !(t.dtype in BYTES) || !globalThis.Array.isArray(t.shape)) fail(`bad tensor entry ${i}`);
    const count = t.shape.reduce((a, b) => a * b, 1);
    if (t.length !== count * BYTES[t.dtype] || dataStart + t.offset + t.length > bytes.byteLength || t.offset % 8 !== 0) fail(`tensor ${i} is truncated or misplaced`);
    // copy (a Node Buffer's slice() is a view into a shared pool)
    const raw = new Uint8Array(bytes.subarray(dataStart + t.offset, dataStart + t.offset + t.length)).buffer;
    const data = t.dtype === "float64" ? new Float64Array(raw) : t.dtype === "int32" ? new Int32Array(raw) : new Float32Array(raw);
    if (t.dtype !== "int32") for (let j = 0; j < data.length; j++) if (!Number.isFinite(data[j])) fail(`tensor ${i} contains ${data[j]}`);
    const dtype = t.dtype === "float64" ? np.float64 : t.dtype === "int32" ? np.int32 : np.float32;
    return np.array(data, { shape: t.shape, dtype });
  };
  const build = (s: Skeleton): ParamTree => {
    if (globalThis.Array.isArray(s)) return s.map(build);
    if (s && typeof s === "object" && "$tensor" in s && typeof s.$tensor === "number") {
      if (arrays[s.$tensor]) fail(`tensor ${s.$tensor} is used twice`);
      return (arrays[s.$tensor] = load(s.$tensor));
    }
    if (s && typeof s === "object") return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, build(v as Skeleton)]));
    return fail("bad tree skeleton");
  };
  const trees = Object.fromEntries(Object.entries(header.trees!).map(([k, s]) => [k, build(s)]));
  return { kind: String(header.kind), meta: header.meta ?? {}, trees };
}

/** Write a checkpoint atomically (temp file + rename). Does not consume the trees. */
export function saveCheckpoint(path: string, c: CheckpointContents): void {
  writeFileAtomic(path, encodeCheckpoint(c));
}

/** Read a checkpoint; with `kind`, a checkpoint of another kind is an InputFileError. */
export function loadCheckpoint(path: string, kind?: string): CheckpointContents {
  if (!existsSync(path)) throw new InputFileError(`checkpoint ${path} does not exist; check the path`);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new InputFileError(`cannot read checkpoint ${path}: ${(e as Error).message}`);
  }
  const c = decodeCheckpoint(bytes, path);
  if (kind !== undefined && c.kind !== kind) {
    for (const t of Object.values(c.trees)) disposeAll(t);
    throw new InputFileError(`${path} holds a "${c.kind}" checkpoint, not a "${kind}" one; pass the right file`);
  }
  return c;
}

function disposeAll(t: ParamTree): void {
  if (isLeaf(t)) t.dispose();
  else if (globalThis.Array.isArray(t)) t.forEach((x) => disposeAll(x as ParamTree));
  else Object.values(t).forEach((x) => disposeAll(x as ParamTree));
}

/** The part of a checkpoint a training state is stored in: engine-array trees and JSON meta. */
export type StoredState = Pick<CheckpointContents, "trees" | "meta">;

/** How a training state S is stored in a checkpoint and rebuilt from one (see train-loop.ts). */
export interface StateCodec<S> {
  /** The trees and meta that store `state` (does not consume it). */
  encode(state: S): StoredState;
  /**
   * Rebuild a state. Takes ownership of the trees, also when it throws (an InputFileError naming
   * `source` when something is missing).
   */
  decode(stored: StoredState, source: string): S;
  /** Free every array the state holds. */
  dispose(state: S): void;
}

/** The codec of a {@link TrainState}: trees `params`, `m`, `v` (Adam's moments), meta `step`. */
export function trainStateCodec<P extends ParamTree>(): StateCodec<TrainState<P>> {
  return {
    encode: (state) => ({ trees: { params: state.params, m: state.opt.m, v: state.opt.v }, meta: { step: state.step } }),
    decode({ trees, meta }, source) {
      const step = meta.step;
      if (typeof step !== "number" || !Number.isInteger(step) || step < 0 || !trees.params || !trees.m || !trees.v) {
        for (const t of Object.values(trees)) disposeAll(t);
        throw new InputFileError(`${source} is missing the parameters, optimizer state or step count; re-create it`);
      }
      return { params: trees.params as P, opt: { m: trees.m as P, v: trees.v as P }, step };
    },
    dispose: disposeTrainState,
  };
}

/** Save a train state (params, Adam moments, step) plus metadata, atomically. */
export function saveTrainState(path: string, state: TrainState, meta: Record<string, unknown> = {}): void {
  const stored = trainStateCodec().encode(state);
  saveCheckpoint(path, { kind: TRAIN_STATE_KIND, meta: { ...meta, ...stored.meta }, trees: stored.trees });
}

/** Load a train state written by `saveTrainState`. */
export function loadTrainState<P extends ParamTree = ParamTree>(path: string): { state: TrainState<P>; meta: Record<string, unknown> } {
  const c = loadCheckpoint(path, TRAIN_STATE_KIND);
  return { state: trainStateCodec<P>().decode(c, path), meta: c.meta };
}
