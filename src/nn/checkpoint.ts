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
 * Reading validates everything a file declares (header size, nesting, offsets, extents, shapes,
 * dtypes, finite values) before it allocates; a bad file is one InputFileError line.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { np, type Array } from "../engine/jax.js";
import { InputFileError, formatValue } from "../errors.js";
import { writeFileAtomic } from "../io/atomic.js";
import { parseJson } from "../io/json-input.js";
import { isJsonObject, ownField } from "../io/json-shape.js";
import { checkInputFile } from "../io/path-check.js";
import { readBounded } from "../io/read-bounded.js";
import { SIZE_BUDGET } from "../io/size-budget.js";
import { assertSameShapes, isLeaf, type ParamTree } from "./params.js";
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

interface Header {
  kind: string;
  meta: Record<string, unknown>;
  trees: Record<string, Skeleton>;
  tensors: TensorEntry[];
}

/**
 * Validate the header of a checkpoint of `total` bytes whose first bytes are `bytes`: the magic,
 * a header length within SIZE_BUDGET.jsonBytes, the JSON (nesting-bounded), and every tensor entry
 * — shape of non-negative integers, known dtype, offset a non-negative multiple of 8, length =
 * elements × dtype size, extent inside the data section, each tensor referenced by at most one
 * leaf. Nothing is allocated from a declared size before it has been checked against `total`.
 */
function parseHeader(bytes: Uint8Array, total: number, source: string): { header: Header; dataStart: number } {
  const fail = (why: string): never => {
    throw new InputFileError(`${source} is not a valid ndp checkpoint (${why}); pass a file written by ndp or re-create it`);
  };
  if (bytes.byteLength < 12 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) fail("wrong magic bytes");
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  if (headerLength > SIZE_BUDGET.jsonBytes) fail(`a header of ${headerLength} bytes, more than ${SIZE_BUDGET.jsonBytes}`);
  if (12 + headerLength > bytes.byteLength) fail("truncated header");
  let raw: unknown;
  try {
    raw = parseJson(new TextDecoder().decode(bytes.subarray(12, 12 + headerLength)), source, "");
  } catch {
    return fail("unreadable JSON header");
  }
  if (!isJsonObject(raw) || ownField(raw, "format") !== "ndp-checkpoint" || ownField(raw, "version") !== VERSION) fail("unknown header format or version");
  const h = raw as Record<string, unknown>;
  const kind = ownField(h, "kind");
  const meta = ownField(h, "meta") === undefined ? {} : ownField(h, "meta");
  const trees = ownField(h, "trees");
  const tensors = ownField(h, "tensors");
  if (typeof kind !== "string" || !isJsonObject(meta) || !isJsonObject(trees) || !Array.isArray(tensors)) fail("header without kind, meta, trees or tensors");
  const dataStart = 12 + headerLength;
  (tensors as unknown[]).forEach((t, i) => checkTensorEntry(t, i, total - dataStart, fail));
  const used = new Set<number>();
  const walk = (sk: unknown): void => {
    if (Array.isArray(sk)) return sk.forEach(walk);
    if (!isJsonObject(sk)) return fail("bad tree skeleton");
    if (Object.hasOwn(sk, "$tensor")) {
      const i = sk.$tensor;
      if (typeof i !== "number" || !Number.isInteger(i) || i < 0 || i >= (tensors as unknown[]).length) return fail(`a leaf refers to tensor ${formatValue(i)}, not one of 0..${(tensors as unknown[]).length - 1}`);
      if (used.has(i)) fail(`tensor ${i} is used twice`);
      used.add(i);
      return;
    }
    Object.values(sk).forEach(walk);
  };
  Object.values(trees as Record<string, unknown>).forEach(walk);
  return { header: { kind: kind as string, meta: meta as Record<string, unknown>, trees: trees as Record<string, Skeleton>, tensors: tensors as TensorEntry[] }, dataStart };
}

function checkTensorEntry(t: unknown, i: number, dataBytes: number, fail: (why: string) => never): void {
  if (!isJsonObject(t)) return fail(`bad tensor entry ${i}`);
  const { shape, dtype, offset, length } = t;
  if (typeof dtype !== "string" || !Object.hasOwn(BYTES, dtype)) return fail(`tensor ${i} has an unknown dtype ${formatValue(dtype)}`);
  if (!Array.isArray(shape) || shape.length > 8 || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) return fail(`tensor ${i} has a bad shape ${formatValue(shape)} (non-negative integers expected)`);
  const count = (shape as number[]).reduce((a, b) => a * b, 1);
  const isOffset = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
  if (!isOffset(offset) || offset % 8 !== 0) return fail(`tensor ${i} has a bad offset ${formatValue(offset)} (a non-negative multiple of 8 expected)`);
  if (!isOffset(length) || length !== count * BYTES[dtype as StoredDType]) return fail(`tensor ${i} has length ${formatValue(length)} but its shape needs ${count * BYTES[dtype as StoredDType]} bytes`);
  if (offset + length > dataBytes) fail(`tensor ${i} is truncated or misplaced (bytes ${offset}..${offset + length} of a ${dataBytes}-byte data section)`);
}

/** Parse bytes written by `encodeCheckpoint` into engine arrays. `source` names the file in errors. */
export function decodeCheckpoint(bytes: Uint8Array, source = "checkpoint"): CheckpointContents {
  const fail = (why: string): never => {
    throw new InputFileError(`${source} is not a valid ndp checkpoint (${why}); pass a file written by ndp or re-create it`);
  };
  const { header, dataStart } = parseHeader(bytes, bytes.byteLength, source);
  const tensors = header.tensors;
  // Every value is checked before any engine array is made, so a bad file leaks nothing.
  const host = new Map<number, Float32Array | Float64Array | Int32Array>();
  const load = (i: number) => {
    const t = tensors[i];
    // copy (a Node Buffer's slice() is a view into a shared pool)
    const raw = new Uint8Array(bytes.subarray(dataStart + t.offset, dataStart + t.offset + t.length)).buffer;
    const data = t.dtype === "float64" ? new Float64Array(raw) : t.dtype === "int32" ? new Int32Array(raw) : new Float32Array(raw);
    if (t.dtype !== "int32") for (let j = 0; j < data.length; j++) if (!Number.isFinite(data[j])) fail(`tensor ${i} contains ${data[j]}`);
    host.set(i, data);
  };
  const visit = (sk: Skeleton): void => {
    if (globalThis.Array.isArray(sk)) return sk.forEach(visit);
    if (Object.hasOwn(sk, "$tensor")) return load((sk as { $tensor: number }).$tensor);
    Object.values(sk).forEach(visit);
  };
  Object.values(header.trees).forEach(visit);
  const build = (sk: Skeleton): ParamTree => {
    if (globalThis.Array.isArray(sk)) return sk.map(build);
    if (Object.hasOwn(sk, "$tensor")) {
      const i = (sk as { $tensor: number }).$tensor;
      const dtype = tensors[i].dtype === "float64" ? np.float64 : tensors[i].dtype === "int32" ? np.int32 : np.float32;
      return np.array(host.get(i)!, { shape: tensors[i].shape, dtype }) as Array;
    }
    return Object.fromEntries(Object.entries(sk).map(([k, v]) => [k, build(v as Skeleton)]));
  };
  const trees = Object.fromEntries(Object.entries(header.trees).map(([k, sk]) => [k, build(sk)]));
  return { kind: header.kind, meta: header.meta, trees };
}

/**
 * The kind and metadata of the checkpoint at `path`, read from its header alone (no tensors are
 * loaded; the header is validated as in `decodeCheckpoint`). For checks that must run before a
 * command starts its work (resume epochs, a backbone file's kind).
 */
export function readCheckpointHeader(path: string, kind?: string): { kind: string; meta: Record<string, unknown> } {
  checkInputFile(path, "checkpoint", "check the path");
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    const total = fstatSync(fd).size;
    const prefix = Buffer.alloc(Math.min(total, 12));
    readSync(fd, prefix, 0, prefix.length, 0);
    const length = prefix.length === 12 ? prefix.readUInt32LE(8) : 0;
    const head = Buffer.alloc(Math.min(total, 12 + Math.min(length, SIZE_BUDGET.jsonBytes)));
    readSync(fd, head, 0, head.length, 0);
    const { header } = parseHeader(head, total, path);
    if (kind !== undefined && header.kind !== kind) throw new InputFileError(`${path} holds a "${header.kind}" checkpoint, not a "${kind}" one; pass the right file`);
    return { kind: header.kind, meta: header.meta };
  } catch (e) {
    if (e instanceof InputFileError) throw e;
    throw new InputFileError(`cannot read checkpoint ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); check the path`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Write a checkpoint atomically (temp file + rename). Does not consume the trees. */
export function saveCheckpoint(path: string, c: CheckpointContents): void {
  writeFileAtomic(path, encodeCheckpoint(c));
}

/** Read a checkpoint (within SIZE_BUDGET.checkpointBytes); with `kind`, a checkpoint of another kind is an InputFileError. */
export function loadCheckpoint(path: string, kind?: string): CheckpointContents {
  const sniff = (head: Uint8Array) => {
    if (head.byteLength < 8 || new TextDecoder().decode(head.subarray(0, 8)) !== MAGIC) {
      throw new InputFileError(`${path} is not a valid ndp checkpoint (wrong magic bytes); pass a file written by ndp or re-create it`);
    }
  };
  const bytes = readBounded(path, { budget: "checkpointBytes", what: "checkpoint", fix: "check the path", sniff });
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

/**
 * The codec of a {@link TrainState}: trees `params`, `m`, `v` (Adam's moments), meta `step`.
 * Decoding checks that the moments have the parameters' shapes and, given `reference` (e.g. a
 * fresh initialisation, freed after), that the parameters have its shapes and dtypes.
 */
export function trainStateCodec<P extends ParamTree>(reference?: () => P): StateCodec<TrainState<P>> {
  return {
    encode: (state) => ({ trees: { params: state.params, m: state.opt.m, v: state.opt.v }, meta: { step: state.step } }),
    decode({ trees, meta }, source) {
      const step = meta.step;
      if (typeof step !== "number" || !Number.isInteger(step) || step < 0 || !trees.params || !trees.m || !trees.v) {
        for (const t of Object.values(trees)) disposeAll(t);
        throw new InputFileError(`${source} is missing the parameters, optimizer state or step count; re-create it`);
      }
      try {
        // The Adam moments must match the parameters leaf for leaf.
        assertSameShapes(trees.params, trees.m, `${source} (optimizer moment m)`, InputFileError);
        assertSameShapes(trees.params, trees.v, `${source} (optimizer moment v)`, InputFileError);
        if (reference !== undefined) {
          const ref = reference();
          try {
            assertSameShapes(ref, trees.params, source, InputFileError);
          } finally {
            disposeAll(ref);
          }
        }
      } catch (e) {
        for (const t of Object.values(trees)) disposeAll(t);
        throw e;
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

/** Load a train state written by `saveTrainState` (`reference`: see trainStateCodec). */
export function loadTrainState<P extends ParamTree = ParamTree>(path: string, reference?: () => P): { state: TrainState<P>; meta: Record<string, unknown> } {
  const c = loadCheckpoint(path, TRAIN_STATE_KIND);
  return { state: trainStateCodec<P>(reference).decode(c, path), meta: c.meta };
}
