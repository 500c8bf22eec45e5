/**
 * Builders of malformed inputs for the hostile-input tests: raw MAT-file bytes (any declared
 * size, nesting or zlib stream, whatever the bytes behind it), raw checkpoint files (any header),
 * and run directories. Everything is built in linear time, so 100 000-deep nestings are cheap.
 */
import { deflateRawSync, deflateSync, constants as zlibConstants } from "node:zlib";

// ---- MAT level 5 -------------------------------------------------------------------------

const MI = { INT8: 1, INT32: 5, UINT32: 6, DOUBLE: 9, MATRIX: 14, COMPRESSED: 15 };
const MX = { CELL: 1, STRUCT: 2, DOUBLE: 6 };

/** The 128-byte header: text, subsystem offset, version (default 0x0100), endian "IM". */
export function matHeader(version = 0x0100, endian = "IM"): Buffer {
  const h = Buffer.alloc(128, 0x20);
  h.write("MATLAB 5.0 MAT-file, written by the ndp hostile-input tests", 0, "latin1");
  h.fill(0, 116, 124);
  h.writeUInt16LE(version, 124);
  h.write(endian, 126, "latin1");
  return h;
}

/** A data element: tag (type, byte count) + data padded to 8 bytes; `nbytes` may lie. */
export function matTag(type: number, data: Uint8Array, nbytes = data.length): Buffer {
  const tag = Buffer.alloc(8);
  tag.writeUInt32LE(type, 0);
  tag.writeUInt32LE(nbytes >>> 0, 4);
  return Buffer.concat([tag, data, Buffer.alloc((8 - (data.length % 8)) % 8)]);
}

const u32s = (...v: number[]) => Buffer.from(new Uint32Array(v).buffer);
const i32s = (...v: number[]) => Buffer.from(new Int32Array(v).buffer);

/** Flags, dims and name sub-elements of a miMATRIX. */
function matrixPrefix(cls: number, dims: number[], name: string): Buffer {
  return Buffer.concat([matTag(MI.UINT32, u32s(cls, 0)), matTag(MI.INT32, i32s(...dims)), matTag(MI.INT8, Buffer.from(name, "latin1"))]);
}

/** A miMATRIX element of class `cls` whose body follows the prefix; `nbytes` may lie. */
export function matMatrix(cls: number, dims: number[], name: string, body: Uint8Array[] = [], nbytes?: number): Buffer {
  const inner = Buffer.concat([matrixPrefix(cls, dims, name), ...body]);
  return matTag(MI.MATRIX, inner, nbytes ?? inner.length);
}

/** A double matrix with `values` (column-major). */
export function matDouble(dims: number[], name: string, values: number[]): Buffer {
  return matMatrix(MX.DOUBLE, dims, name, [matTag(MI.DOUBLE, Buffer.from(new Float64Array(values).buffer))]);
}

/** A struct with the given field values (1×1 unless `dims`). */
export function matStruct(name: string, fields: Record<string, Buffer>, dims = [1, 1]): Buffer {
  const names = Object.keys(fields);
  const len = 32;
  const nameBytes = Buffer.alloc(len * names.length);
  names.forEach((n, i) => nameBytes.write(n, i * len, "latin1"));
  const lenTag = Buffer.alloc(8);
  lenTag.writeUInt32LE((4 << 16) | MI.INT32, 0);
  lenTag.writeInt32LE(len, 4);
  return matMatrix(MX.STRUCT, dims, name, [lenTag, matTag(MI.INT8, nameBytes), ...names.map((n) => fields[n])]);
}

/** A cell array (any declared dims) holding `cells`. */
export function matCell(name: string, dims: number[], cells: Buffer[] = []): Buffer {
  return matMatrix(MX.CELL, dims, name, cells);
}

/** A whole file: header + elements. */
export function matFile(...elements: Buffer[]): Buffer {
  return Buffer.concat([matHeader(), ...elements]);
}

/** A miCOMPRESSED element holding `inner` (a zlib stream). */
export function matCompressed(inner: Uint8Array): Buffer {
  const z = deflateSync(inner);
  return Buffer.concat([u32s(MI.COMPRESSED, z.length), z]);
}

/**
 * `depth` cells (or structs with one field `a`) nested one inside the other around an empty
 * double matrix: a valid file that is simply very deep. Built front to back in linear time.
 */
export function matDeep(kind: "cell" | "struct", depth: number): Buffer {
  const leaf = matDouble([0, 0], "", []);
  const prefix = kind === "cell" ? matrixPrefix(MX.CELL, [1, 1], "") : Buffer.concat([matrixPrefix(MX.STRUCT, [1, 1], ""), structFieldA()]);
  const total = 128 + depth * (8 + prefix.length) + leaf.length;
  const out = Buffer.alloc(total);
  matHeader().copy(out, 0);
  let pos = 128;
  for (let level = 0; level < depth; level++) {
    out.writeUInt32LE(MI.MATRIX, pos);
    out.writeUInt32LE((depth - level - 1) * (8 + prefix.length) + prefix.length + leaf.length, pos + 4);
    prefix.copy(out, pos + 8);
    pos += 8 + prefix.length;
  }
  leaf.copy(out, pos);
  return out;
}

function structFieldA(): Buffer {
  const lenTag = Buffer.alloc(8);
  lenTag.writeUInt32LE((4 << 16) | MI.INT32, 0);
  lenTag.writeInt32LE(8, 4);
  return Buffer.concat([lenTag, matTag(MI.INT8, Buffer.from("a\0\0\0\0\0\0\0", "latin1"))]);
}

/**
 * A zlib bomb in a MAT-file: a compressed element whose stream starts with a matrix tag declaring
 * `declaredBytes` and then inflates to `blocks` × 64 MiB of zeros (each block ≈ 64 KiB of the
 * file, so 96 blocks are a 6 MB file inflating to 6 GiB). The blocks are built once and repeated.
 */
export function matZlibBomb(blocks: number, declaredBytes = 8 * 40 * 40): Buffer {
  const flush = { finishFlush: zlibConstants.Z_FULL_FLUSH };
  const tag = Buffer.alloc(8);
  tag.writeUInt32LE(MI.MATRIX, 0);
  tag.writeUInt32LE(declaredBytes >>> 0, 4);
  const start = deflateRawSync(tag, flush);
  const zeros = zerosBlock();
  const stream = Buffer.concat([Buffer.from([0x78, 0x9c]), start, ...Array.from({ length: blocks }, () => zeros)]);
  return Buffer.concat([matHeader(), u32s(MI.COMPRESSED, stream.length), stream]);
}

let zerosCache: Buffer | undefined;
function zerosBlock(): Buffer {
  zerosCache ??= deflateRawSync(Buffer.alloc(64 << 20), { level: 9, finishFlush: zlibConstants.Z_FULL_FLUSH });
  return zerosCache;
}

// ---- checkpoints ---------------------------------------------------------------------------

/** A checkpoint file from a header object (or raw header text) and a data section. */
export function rawCheckpoint(header: unknown, data: Uint8Array = new Uint8Array(0), headerLength?: number): Buffer {
  let text = typeof header === "string" ? header : JSON.stringify(header);
  text += " ".repeat((8 - ((12 + Buffer.byteLength(text)) % 8)) % 8);
  const head = Buffer.alloc(12);
  head.write("NDPCKPT1", 0, "latin1");
  head.writeUInt32LE(headerLength ?? Buffer.byteLength(text), 8);
  return Buffer.concat([head, Buffer.from(text), data]);
}

/** The header object and data section of checkpoint bytes. */
export function splitCheckpoint(bytes: Uint8Array): { header: Record<string, unknown>; data: Buffer } {
  const b = Buffer.from(bytes);
  const length = b.readUInt32LE(8);
  return { header: JSON.parse(b.subarray(12, 12 + length).toString()), data: b.subarray(12 + length) };
}

/** A train-state checkpoint with no tensors and the given meta (enough for header-only checks). */
export function headerOnlyTrainState(meta: Record<string, unknown>): Buffer {
  return rawCheckpoint({ format: "ndp-checkpoint", version: 1, kind: "train-state", meta: { step: 0, ...meta }, trees: { params: {}, m: {}, v: {} }, tensors: [] });
}
