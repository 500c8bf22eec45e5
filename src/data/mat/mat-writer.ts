/**
 * A compact MAT-file level 5 writer (little-endian; see `mat-types.ts` for the layout), enough for
 * our own dataset files: numeric, logical, char, cell and struct arrays, each top-level variable
 * optionally zlib-compressed (v7, what MATLAB's default `save` writes) — readable by MATLAB,
 * Octave, scipy.io.loadmat and `readMat`.
 *
 * Like MATLAB, a `double` array is stored in the smallest type that holds every value exactly
 * (uint8, int8, uint16, int16, uint32, int32, then single, else double); readers convert back to
 * the class, so this is lossless: images of 0..255 integers take 1 byte per pixel, coordinates that
 * are float32 numbers take 4.
 */
import { deflateSync } from "node:zlib";
import { ShapeError } from "../../errors.js";
import { MI, MX, formatDims, numel, type MatChar, type MatNumeric, type NumericClass } from "./mat-types.js";

/**
 * What the writer accepts: the reader's values except `unsupported` ones (so a file read can be
 * written back), with numeric data as any array-like of numbers (e.g. a Float32Array).
 */
export type MatWriteValue =
  | (Omit<MatNumeric, "data"> & { readonly data: ArrayLike<number> })
  | MatChar
  | { readonly kind: "cell"; readonly dims: readonly number[]; readonly cells: readonly MatWriteValue[] }
  | {
      readonly kind: "struct";
      readonly dims: readonly number[];
      readonly fieldNames: readonly string[];
      readonly elements: readonly Readonly<Record<string, MatWriteValue>>[];
    };

export interface WriteMatOptions {
  /** zlib-compress each variable (v7 file); default true. */
  readonly compress?: boolean;
  /** zlib level 1 (fast) .. 9 (small); default 1. */
  readonly level?: number;
}

/** Storage miTYPE and mxCLASS of each class written as is. */
const CLASS_CODES: Readonly<Record<NumericClass, { mx: number; mi: number }>> = {
  double: { mx: MX.DOUBLE, mi: MI.DOUBLE },
  single: { mx: MX.SINGLE, mi: MI.SINGLE },
  int8: { mx: MX.INT8, mi: MI.INT8 },
  uint8: { mx: MX.UINT8, mi: MI.UINT8 },
  int16: { mx: MX.INT16, mi: MI.INT16 },
  uint16: { mx: MX.UINT16, mi: MI.UINT16 },
  int32: { mx: MX.INT32, mi: MI.INT32 },
  uint32: { mx: MX.UINT32, mi: MI.UINT32 },
  int64: { mx: MX.INT64, mi: MI.INT64 },
  uint64: { mx: MX.UINT64, mi: MI.UINT64 },
};

/** Integer storage types in order of preference with their ranges. */
const INT_STORAGE: readonly (readonly [mi: number, lo: number, hi: number])[] = [
  [MI.UINT8, 0, 255],
  [MI.INT8, -128, 127],
  [MI.UINT16, 0, 65535],
  [MI.INT16, -32768, 32767],
  [MI.UINT32, 0, 4294967295],
  [MI.INT32, -2147483648, 2147483647],
];

/** Encode variables (name → value, in insertion order) as the bytes of a MAT-file. */
export function writeMat(vars: ReadonlyMap<string, MatWriteValue>, options: WriteMatOptions = {}): Uint8Array {
  const compress = options.compress ?? true;
  const level = options.level ?? 1;
  const out = new ByteSink(1 << 16);
  writeHeader(out);
  for (const [name, value] of vars) {
    if (!/^[A-Za-z][A-Za-z0-9_]{0,62}$/.test(name)) throw new ShapeError(`cannot write MAT variable ${JSON.stringify(name)}: names must be a letter then up to 62 letters, digits or _`);
    if (!compress) {
      writeMatrix(out, name, value);
      continue;
    }
    const inner = new ByteSink(1 << 16);
    writeMatrix(inner, name, value);
    const z = deflateSync(inner.bytes(), { level });
    out.u32(MI.COMPRESSED);
    out.u32(z.length);
    out.append(z); // compressed elements are not padded
  }
  return out.bytes();
}

function writeHeader(out: ByteSink): void {
  const text = "MATLAB 5.0 MAT-file, Platform: ndp, written by ndp (Neural Dynamic Policies)".padEnd(116, " ");
  for (let i = 0; i < 116; i++) out.u8(text.charCodeAt(i));
  for (let i = 0; i < 8; i++) out.u8(0); // subsystem data offset: none
  out.u16(0x0100);
  out.u8("I".charCodeAt(0));
  out.u8("M".charCodeAt(0));
}

/** One miMATRIX element: tag, array flags, dims, name, data; its size is patched in at the end. */
function writeMatrix(out: ByteSink, name: string, value: MatWriteValue): void {
  const tagAt = out.length;
  out.u32(MI.MATRIX);
  out.u32(0);
  const dims = value.dims;
  if (dims.length < 2) throw new ShapeError(`cannot write MAT array "${name}": it needs at least 2 dimensions, got ${formatDims(dims)}`);
  switch (value.kind) {
    case "numeric": {
      if (value.data.length !== numel(dims)) throw new ShapeError(`cannot write MAT array "${name}": ${value.data.length} values for dims ${formatDims(dims)}`);
      const codes = CLASS_CODES[value.class];
      const mx = value.logical ? MX.UINT8 : codes.mx;
      writePreamble(out, mx, value.logical ? 0x0200 : 0, dims, name);
      writeNumbers(out, value.class === "double" && !value.logical ? compactStorage(value.data) : value.logical ? MI.UINT8 : codes.mi, value.data);
      break;
    }
    case "char": {
      if (value.text.length !== numel(dims)) throw new ShapeError(`cannot write MAT char "${name}": ${value.text.length} characters for dims ${formatDims(dims)}`);
      writePreamble(out, MX.CHAR, 0, dims, name);
      const codes = Array.from({ length: value.text.length }, (_, i) => value.text.charCodeAt(i));
      writeNumbers(out, MI.UINT16, codes);
      break;
    }
    case "cell": {
      if (value.cells.length !== numel(dims)) throw new ShapeError(`cannot write MAT cell "${name}": ${value.cells.length} cells for dims ${formatDims(dims)}`);
      writePreamble(out, MX.CELL, 0, dims, name);
      for (const cell of value.cells) writeMatrix(out, "", cell);
      break;
    }
    case "struct": {
      if (value.elements.length !== numel(dims)) throw new ShapeError(`cannot write MAT struct "${name}": ${value.elements.length} elements for dims ${formatDims(dims)}`);
      writePreamble(out, MX.STRUCT, 0, dims, name);
      const fields = value.fieldNames;
      const fieldLen = 8 * Math.ceil((Math.max(0, ...fields.map((f) => f.length)) + 1) / 8);
      out.u32((4 << 16) | MI.INT32); // small element: field-name length
      out.u32(fieldLen);
      out.u32(MI.INT8);
      out.u32(fields.length * fieldLen);
      for (const f of fields) for (let i = 0; i < fieldLen; i++) out.u8(i < f.length ? f.charCodeAt(i) : 0);
      out.pad8();
      for (const element of value.elements) {
        for (const f of fields) {
          const v = element[f];
          if (v === undefined) throw new ShapeError(`cannot write MAT struct "${name}": an element lacks field "${f}"`);
          writeMatrix(out, "", v);
        }
      }
      break;
    }
  }
  out.setU32(tagAt + 4, out.length - tagAt - 8);
}

/** Array flags, dimensions and name sub-elements. */
function writePreamble(out: ByteSink, mx: number, flagBits: number, dims: readonly number[], name: string): void {
  out.u32(MI.UINT32);
  out.u32(8);
  out.u32(mx | flagBits);
  out.u32(0);
  out.u32(MI.INT32);
  out.u32(4 * dims.length);
  for (const d of dims) out.i32(d);
  out.pad8();
  out.u32(MI.INT8);
  out.u32(name.length);
  for (let i = 0; i < name.length; i++) out.u8(name.charCodeAt(i));
  out.pad8();
}

/** The smallest storage type that holds every value of a double array exactly. */
function compactStorage(data: ArrayLike<number>): number {
  let allInt = true;
  let allSingle = true;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!Number.isInteger(v) || Object.is(v, -0)) allInt = false;
    if (Math.fround(v) !== v) allSingle = false;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    if (!allInt && !allSingle) return MI.DOUBLE;
  }
  if (allInt) {
    for (const [mi, min, max] of INT_STORAGE) if (lo >= min && hi <= max) return mi;
  }
  return allSingle ? MI.SINGLE : MI.DOUBLE;
}

function writeNumbers(out: ByteSink, mi: number, data: ArrayLike<number>): void {
  const size = mi === MI.DOUBLE || mi === MI.INT64 || mi === MI.UINT64 ? 8 : mi === MI.INT32 || mi === MI.UINT32 || mi === MI.SINGLE ? 4 : mi === MI.INT16 || mi === MI.UINT16 ? 2 : 1;
  out.u32(mi);
  out.u32(data.length * size);
  out.ensure(data.length * size + 8);
  for (let i = 0; i < data.length; i++) out.number(mi, data[i]);
  out.pad8();
}

/** A growable little-endian byte buffer. */
class ByteSink {
  private buf: Uint8Array;
  private view: DataView;
  length = 0;

  constructor(capacity: number) {
    this.buf = new Uint8Array(capacity);
    this.view = new DataView(this.buf.buffer);
  }

  ensure(extra: number): void {
    if (this.length + extra <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.length + extra) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  u8(v: number): void {
    this.ensure(1);
    this.buf[this.length++] = v;
  }
  u16(v: number): void {
    this.ensure(2);
    this.view.setUint16(this.length, v, true);
    this.length += 2;
  }
  u32(v: number): void {
    this.ensure(4);
    this.view.setUint32(this.length, v, true);
    this.length += 4;
  }
  i32(v: number): void {
    this.ensure(4);
    this.view.setInt32(this.length, v, true);
    this.length += 4;
  }
  setU32(at: number, v: number): void {
    this.view.setUint32(at, v, true);
  }
  /** One value in storage type `mi` (capacity must have been ensured). */
  number(mi: number, v: number): void {
    const p = this.length;
    switch (mi) {
      case MI.UINT8:
        this.buf[p] = v;
        this.length += 1;
        return;
      case MI.INT8:
        this.view.setInt8(p, v);
        this.length += 1;
        return;
      case MI.UINT16:
        this.view.setUint16(p, v, true);
        this.length += 2;
        return;
      case MI.INT16:
        this.view.setInt16(p, v, true);
        this.length += 2;
        return;
      case MI.UINT32:
        this.view.setUint32(p, v, true);
        this.length += 4;
        return;
      case MI.INT32:
        this.view.setInt32(p, v, true);
        this.length += 4;
        return;
      case MI.SINGLE:
        this.view.setFloat32(p, v, true);
        this.length += 4;
        return;
      case MI.INT64:
        this.view.setBigInt64(p, BigInt(Math.trunc(v)), true);
        this.length += 8;
        return;
      case MI.UINT64:
        this.view.setBigUint64(p, BigInt(Math.trunc(v)), true);
        this.length += 8;
        return;
      default:
        this.view.setFloat64(p, v, true);
        this.length += 8;
    }
  }
  append(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.length);
    this.length += bytes.length;
  }
  pad8(): void {
    const n = (8 - (this.length % 8)) % 8;
    this.ensure(n);
    for (let i = 0; i < n; i++) this.buf[this.length++] = 0;
  }
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}
