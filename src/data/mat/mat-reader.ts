/**
 * A compact reader for MAT-file level 5 (see `mat-types.ts` for the layout): uncompressed (v6) and
 * zlib-compressed (v7, miCOMPRESSED) files from MATLAB, Octave and scipy, either byte order.
 * Decodes numeric/logical arrays of any storage type (to float64), char, cell and struct arrays
 * (objects read as structs); sparse, complex and opaque arrays come back as `kind: "unsupported"`.
 * Anything malformed throws an InputFileError whose one line names the file, the problem and the fix.
 *
 * Bounded (src/io/size-budget.ts): the file is read within matFileBytes; every declared size is
 * checked against the bytes actually present before anything is allocated (a 100000³ cell in a
 * 192-byte file is refused, not allocated); zlib data is inflated only up to the size its matrix
 * declares and within matInflatedBytes for the whole file; decoded numbers count against
 * matValues; cells and structs nest at most SIZE_BUDGET.nesting deep.
 *
 * We write our own because the one npm reader (mat-for-js) is GPL-3.0 and this package is MIT.
 */
import { constants as zlibConstants, inflateSync } from "node:zlib";
import { InputFileError } from "../../errors.js";
import { readBounded } from "../../io/read-bounded.js";
import { SIZE_BUDGET, formatBytes } from "../../io/size-budget.js";
import { MI, MI_SIZE, MX, MX_NUMERIC, formatDims, numel, type MatValue } from "./mat-types.js";

export interface ReadMatOptions {
  /** Name used in error messages (the file path); default "MAT-file". */
  readonly source?: string;
  /** Struct fields to skip without decoding (e.g. large fields the caller does not need). */
  readonly skipFields?: readonly string[];
}

/** The variables of a MAT-file by name, in file order. */
export type MatVariables = Map<string, MatValue>;

const RESAVE = "re-save it with MATLAB/Octave `save(FILE, ..., '-v7')` or scipy.io.savemat";
const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

interface Ctx {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  readonly le: boolean;
  readonly source: string;
  readonly skip: ReadonlySet<string>;
  /** Offset of `bytes` in the file (for messages); -1 inside a decompressed element. */
  readonly base: number;
  /** What the whole file has used of the size budget so far. */
  readonly used: { inflated: number; values: number };
}

interface Tag {
  readonly type: number;
  readonly nbytes: number;
  /** Absolute offset of the data in ctx.bytes. */
  readonly data: number;
  /** Offset of the next element. */
  readonly next: number;
}

/**
 * Read and decode a MAT-file from disk (within SIZE_BUDGET.matFileBytes; the header is checked
 * from the first bytes, so /dev/zero fails at once). A missing or unreadable file is an
 * InputFileError too.
 */
export function readMatFile(path: string, options: Omit<ReadMatOptions, "source"> = {}): MatVariables {
  const buf = readBounded(path, { budget: "matFileBytes", what: "MAT-file", fix: "pass the path of a MAT-file (e.g. 40x40-smnist.mat)", sniff: (head) => readHeader(head, path) });
  return readMat(buf, { ...options, source: path });
}

/** Decode the bytes of a MAT-file (level 5) into its variables. */
export function readMat(input: Uint8Array, options: ReadMatOptions = {}): MatVariables {
  const source = options.source ?? "MAT-file";
  const bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  const le = readHeader(bytes, source);
  const ctx: Ctx = {
    bytes,
    view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    le,
    source,
    skip: new Set(options.skipFields ?? []),
    base: 0,
    used: { inflated: 0, values: 0 },
  };
  const vars: MatVariables = new Map();
  readTopLevel(ctx, 128, bytes.length, vars, 0);
  return vars;
}

/** Check the 128-byte header; returns true for a little-endian file. */
function readHeader(bytes: Uint8Array, source: string): boolean {
  const text = latin1(bytes, 0, Math.min(116, bytes.length));
  const hdf5 = bytes.length >= 520 && latin1(bytes, 513, 516) === "HDF";
  if (text.startsWith("MATLAB 7.3") || hdf5) {
    throw new InputFileError(`${source} is a MATLAB v7.3 (HDF5) MAT-file, which ndp cannot read; ${RESAVE}`);
  }
  if (bytes.length < 128) {
    throw new InputFileError(`${source} is not a MAT-file (only ${bytes.length} bytes, a MAT-file header alone has 128); pass a MAT-file saved by MATLAB, Octave or scipy`);
  }
  const indicator = latin1(bytes, 126, 128);
  if (indicator !== "IM" && indicator !== "MI") {
    const start = JSON.stringify(text.slice(0, 20).replace(/[^\x20-\x7e]/g, "?"));
    throw new InputFileError(
      `${source} is not a level-5 MAT-file (it starts with ${start}, not "MATLAB 5.0 MAT-file" and a valid header); pass a MAT-file saved by MATLAB/Octave (-v6/-v7) or scipy.io.savemat`,
    );
  }
  const le = indicator === "IM";
  const version = new DataView(bytes.buffer, bytes.byteOffset + 124, 2).getUint16(0, le);
  if (version === 0x0200) throw new InputFileError(`${source} is a MATLAB v7.3 (HDF5) MAT-file, which ndp cannot read; ${RESAVE}`);
  if (version !== 0x0100) throw new InputFileError(`${source} has an unknown MAT-file version 0x${version.toString(16)}; ${RESAVE}`);
  return le;
}

function readTopLevel(ctx: Ctx, start: number, end: number, vars: MatVariables, depth: number): void {
  let pos = start;
  while (pos < end) {
    // Writers may pad the end of a file (or of a zlib stream) with a few zero bytes.
    if (end - pos < 8 && ctx.bytes.subarray(pos, end).every((b) => b === 0)) break;
    const tag = readTag(ctx, pos, end);
    if (tag.type === MI.COMPRESSED) {
      if (depth > 0) throw corrupt(ctx, pos, "compressed data inside compressed data");
      const inner = inflate(ctx, tag);
      readTopLevel(inner, 0, inner.bytes.length, vars, depth + 1);
    } else if (tag.type === MI.MATRIX) {
      const { name, value } = readMatrix(ctx, tag, 0);
      vars.set(name, value);
    } else {
      throw corrupt(ctx, pos, `a top-level data element has type ${tag.type}, expected a matrix (14) or compressed data (15)`);
    }
    pos = tag.next;
  }
}

/** Read the tag at `pos`, in either the regular or the small data element format. */
function readTag(ctx: Ctx, pos: number, end: number): Tag {
  if (pos + 8 > end) throw truncated(ctx, pos);
  const w0 = ctx.view.getUint32(pos, ctx.le);
  if (w0 >>> 16 !== 0) {
    // Small data element: (nbytes << 16 | type) then up to 4 data bytes in the same 8 bytes.
    const nbytes = w0 >>> 16;
    if (nbytes > 4) throw corrupt(ctx, pos, `a small data element claims ${nbytes} bytes (at most 4 fit)`);
    return { type: w0 & 0xffff, nbytes, data: pos + 4, next: pos + 8 };
  }
  const nbytes = ctx.view.getUint32(pos + 4, ctx.le);
  const data = pos + 8;
  if (data + nbytes > end) throw truncated(ctx, pos);
  // Compressed elements are not padded; every other element is padded to a multiple of 8 bytes.
  const next = w0 === MI.COMPRESSED ? data + nbytes : Math.min(end, data + Math.ceil(nbytes / 8) * 8);
  return { type: w0, nbytes, data, next };
}

/**
 * Inflate a miCOMPRESSED element. Its first 8 inflated bytes are the tag of the element inside,
 * which declares its size: that size is checked against what is left of matInflatedBytes, and the
 * stream is inflated no further than it (plus padding) — a zlib bomb stops at its declared size.
 */
function inflate(ctx: Ctx, tag: Tag): Ctx {
  const compressed = ctx.bytes.subarray(tag.data, tag.data + tag.nbytes);
  // SYNC_FLUSH accepts a stream whose final checksum is missing (some writers omit it) and lets
  // a prefix of the stream inflate to its first bytes.
  const options = { finishFlush: zlibConstants.Z_SYNC_FLUSH };
  let head: Buffer;
  try {
    // 4 KiB of input cover any block header and inflate to at most ~4 MiB (zlib's ratio ≤ 1032).
    head = inflateSync(compressed.subarray(0, 4096), options);
  } catch (e) {
    throw corrupt(ctx, tag.data - 8, `compressed data cannot be inflated (${(e as Error).message})`);
  }
  if (head.length < 8) throw corrupt(ctx, tag.data - 8, "compressed data holds no complete data element");
  const w0 = new DataView(head.buffer, head.byteOffset, 8).getUint32(0, ctx.le);
  const declared = w0 >>> 16 !== 0 ? 8 : 8 + Math.ceil(new DataView(head.buffer, head.byteOffset, 8).getUint32(4, ctx.le) / 8) * 8;
  const left = SIZE_BUDGET.matInflatedBytes - ctx.used.inflated;
  if (declared > left) {
    throw new InputFileError(
      `${ctx.source}: a compressed element declares ${formatBytes(declared)} of data, past ndp's limit of ${formatBytes(SIZE_BUDGET.matInflatedBytes)} inflated per file (size budget matInflatedBytes); pass a smaller file or split the data`,
    );
  }
  let out: Buffer;
  try {
    out = inflateSync(compressed, { ...options, maxOutputLength: Math.max(declared + 8, 64) });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
      throw corrupt(ctx, tag.data - 8, `compressed data inflates to more than the ${formatBytes(declared)} its matrix declares`);
    }
    throw corrupt(ctx, tag.data - 8, `compressed data cannot be inflated (${(e as Error).message})`);
  }
  ctx.used.inflated += out.length;
  const bytes = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  return { ...ctx, bytes, view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), base: -1 };
}

/** Decode a miMATRIX element: array flags, dims, name, then the class-specific data. */
function readMatrix(ctx: Ctx, tag: Tag, depth: number): { name: string; value: MatValue } {
  const end = tag.data + tag.nbytes;
  if (depth >= SIZE_BUDGET.nesting) throw corrupt(ctx, tag.data - 8, `cells or structs are nested more than ${SIZE_BUDGET.nesting} levels deep`);
  // An empty miMATRIX (0 bytes) is how some writers store [] inside cells and structs.
  if (tag.nbytes === 0) return { name: "", value: { kind: "numeric", class: "double", logical: false, dims: [0, 0], data: new Float64Array(0) } };
  const flagsTag = readTag(ctx, tag.data, end);
  if (flagsTag.type !== MI.UINT32 || flagsTag.nbytes !== 8) throw corrupt(ctx, tag.data, "a matrix does not start with its array flags");
  const flags = ctx.view.getUint32(flagsTag.data, ctx.le);
  const cls = flags & 0xff;
  const complex = (flags & 0x0800) !== 0;
  const logical = (flags & 0x0200) !== 0;

  const dimsTag = readTag(ctx, flagsTag.next, end);
  if (dimsTag.type !== MI.INT32 || dimsTag.nbytes % 4 !== 0 || dimsTag.nbytes < 8) throw corrupt(ctx, flagsTag.next, "a matrix has malformed dimensions");
  const dims: number[] = [];
  for (let i = 0; i < dimsTag.nbytes / 4; i++) {
    const d = ctx.view.getInt32(dimsTag.data + 4 * i, ctx.le);
    if (d < 0) throw corrupt(ctx, dimsTag.data, `a matrix has a negative dimension (${d})`);
    dims.push(d);
  }
  const nameTag = readTag(ctx, dimsTag.next, end);
  if (nameTag.type !== MI.INT8 && nameTag.type !== MI.UINT8 && nameTag.type !== MI.UTF8) throw corrupt(ctx, dimsTag.next, "a matrix has a malformed name");
  const name = latin1(ctx.bytes, nameTag.data, nameTag.data + nameTag.nbytes);
  const n = numel(dims);
  let pos = nameTag.next;

  const numericClass = MX_NUMERIC[cls];
  if (numericClass !== undefined) {
    if (complex) return { name, value: { kind: "unsupported", dims, what: `complex ${numericClass} values` } };
    const real = readTag(ctx, pos, end);
    const data = readNumbers(ctx, real, n, name);
    return { name, value: { kind: "numeric", class: numericClass, logical, dims, data } };
  }
  switch (cls) {
    case MX.CHAR: {
      if (n === 0) return { name, value: { kind: "char", dims, text: "" } };
      const t = readTag(ctx, pos, end);
      return { name, value: { kind: "char", dims, text: decodeText(ctx, t) } };
    }
    case MX.CELL: {
      // Every cell is a data element of at least 8 bytes: check the count before allocating.
      checkDeclared(ctx, pos, end, n, `cell array "${name}" (${formatDims(dims)})`);
      const cells: MatValue[] = new Array(n);
      for (let k = 0; k < n; k++) {
        const t = readTag(ctx, pos, end);
        if (t.type !== MI.MATRIX) throw corrupt(ctx, pos, `cell ${k + 1} of "${name}" is not a matrix element`);
        cells[k] = readMatrix(ctx, t, depth + 1).value;
        pos = t.next;
      }
      return { name, value: { kind: "cell", dims, cells } };
    }
    case MX.OBJECT:
    case MX.STRUCT: {
      if (cls === MX.OBJECT) pos = readTag(ctx, pos, end).next; // the class name
      return { name, value: readStructBody(ctx, pos, end, dims, name, depth) };
    }
    case MX.SPARSE:
      return { name, value: { kind: "unsupported", dims, what: "a sparse matrix" } };
    case MX.FUNCTION:
      return { name, value: { kind: "unsupported", dims, what: "a function handle" } };
    case MX.OPAQUE:
      return { name, value: { kind: "unsupported", dims, what: "an opaque object (e.g. a MATLAB string or table)" } };
    default:
      throw corrupt(ctx, tag.data, `a matrix has an unknown class code ${cls}`);
  }
}

/** Struct body: field-name length, field names, then one matrix per (element, field), column-major. */
function readStructBody(ctx: Ctx, start: number, end: number, dims: number[], name: string, depth: number): MatValue {
  const lenTag = readTag(ctx, start, end);
  if (lenTag.type !== MI.INT32 || lenTag.nbytes !== 4) throw corrupt(ctx, start, `struct "${name}" has a malformed field-name length`);
  const fieldLen = ctx.view.getInt32(lenTag.data, ctx.le);
  const namesTag = readTag(ctx, lenTag.next, end);
  if (fieldLen <= 0 || namesTag.nbytes % fieldLen !== 0) throw corrupt(ctx, lenTag.next, `struct "${name}" has malformed field names`);
  const fieldNames: string[] = [];
  for (let f = 0; f < namesTag.nbytes / fieldLen; f++) {
    const from = namesTag.data + f * fieldLen;
    let to = from;
    while (to < from + fieldLen && ctx.bytes[to] !== 0) to++;
    fieldNames.push(latin1(ctx.bytes, from, to));
  }
  const n = numel(dims);
  let pos = namesTag.next;
  // Every (element, field) is a data element of at least 8 bytes: check before allocating.
  checkDeclared(ctx, pos, end, n * Math.max(fieldNames.length, 1), `struct array "${name}" (${formatDims(dims)}, ${fieldNames.length} fields)`);
  const elements: Record<string, MatValue>[] = new Array(n);
  for (let k = 0; k < n; k++) {
    // No prototype: a field named "__proto__" or "constructor" is just a field.
    const element: Record<string, MatValue> = Object.create(null) as Record<string, MatValue>;
    for (const field of fieldNames) {
      const t = readTag(ctx, pos, end);
      if (t.type !== MI.MATRIX) throw corrupt(ctx, pos, `field "${field}" of struct "${name}" is not a matrix element`);
      if (!ctx.skip.has(field)) element[field] = readMatrix(ctx, t, depth + 1).value;
      pos = t.next;
    }
    elements[k] = element;
  }
  return { kind: "struct", dims, fieldNames, elements };
}

/** Real part of a numeric array: any numeric miTYPE → float64, `count` values. */
function readNumbers(ctx: Ctx, tag: Tag, count: number, name: string): Float64Array {
  const size = MI_SIZE[tag.type];
  if (size === undefined || tag.type === MI.UTF8 || tag.type === MI.UTF16 || tag.type === MI.UTF32) {
    throw corrupt(ctx, tag.data, `numeric array "${name}" is stored with non-numeric type ${tag.type}`);
  }
  if (tag.nbytes !== count * size) {
    throw corrupt(ctx, tag.data, `numeric array "${name}" holds ${tag.nbytes / size} values but its dimensions need ${count}`);
  }
  ctx.used.values += count;
  if (ctx.used.values > SIZE_BUDGET.matValues) {
    throw new InputFileError(`${ctx.source} holds more than ${SIZE_BUDGET.matValues.toLocaleString("en-US")} numbers, past ndp's limit (size budget matValues); pass a smaller file or split the data`);
  }
  if (ctx.le === HOST_LITTLE_ENDIAN) {
    // Fast path: copy into an aligned buffer and view it with the storage type.
    const copy = ctx.bytes.slice(tag.data, tag.data + tag.nbytes).buffer;
    switch (tag.type) {
      case MI.DOUBLE:
        return new Float64Array(copy);
      case MI.INT64:
        return Float64Array.from(new BigInt64Array(copy), Number);
      case MI.UINT64:
        return Float64Array.from(new BigUint64Array(copy), Number);
      default:
        return Float64Array.from(typedView(tag.type, copy));
    }
  }
  const out = new Float64Array(count);
  const v = ctx.view;
  const le = ctx.le;
  for (let i = 0, p = tag.data; i < count; i++, p += size) out[i] = getNumber(v, tag.type, p, le);
  return out;
}

function typedView(type: number, buf: ArrayBuffer): ArrayLike<number> {
  switch (type) {
    case MI.INT8:
      return new Int8Array(buf);
    case MI.UINT8:
      return new Uint8Array(buf);
    case MI.INT16:
      return new Int16Array(buf);
    case MI.UINT16:
      return new Uint16Array(buf);
    case MI.INT32:
      return new Int32Array(buf);
    case MI.UINT32:
      return new Uint32Array(buf);
    default:
      return new Float32Array(buf);
  }
}

function getNumber(v: DataView, type: number, p: number, le: boolean): number {
  switch (type) {
    case MI.INT8:
      return v.getInt8(p);
    case MI.UINT8:
      return v.getUint8(p);
    case MI.INT16:
      return v.getInt16(p, le);
    case MI.UINT16:
      return v.getUint16(p, le);
    case MI.INT32:
      return v.getInt32(p, le);
    case MI.UINT32:
      return v.getUint32(p, le);
    case MI.SINGLE:
      return v.getFloat32(p, le);
    case MI.DOUBLE:
      return v.getFloat64(p, le);
    case MI.INT64:
      return Number(v.getBigInt64(p, le));
    default:
      return Number(v.getBigUint64(p, le));
  }
}

/** Char data: UTF-8, UTF-16 / uint16 code units, UTF-32, or one byte per character. */
function decodeText(ctx: Ctx, tag: Tag): string {
  const raw = ctx.bytes.subarray(tag.data, tag.data + tag.nbytes);
  switch (tag.type) {
    case MI.UTF8:
      return new TextDecoder("utf-8").decode(raw);
    case MI.UTF16:
    case MI.UINT16:
    case MI.INT16: {
      let s = "";
      for (let p = 0; p + 1 < raw.length; p += 2) s += String.fromCharCode(ctx.view.getUint16(tag.data + p, ctx.le));
      return s;
    }
    case MI.UTF32:
    case MI.UINT32:
    case MI.INT32: {
      let s = "";
      for (let p = 0; p + 3 < raw.length; p += 4) s += String.fromCodePoint(ctx.view.getUint32(tag.data + p, ctx.le));
      return s;
    }
    default:
      return latin1(ctx.bytes, tag.data, tag.data + tag.nbytes);
  }
}

/** `count` sub-elements of ≥ 8 bytes each must fit in the bytes from `pos` to `end`. */
function checkDeclared(ctx: Ctx, pos: number, end: number, count: number, what: string): void {
  if (count * 8 > end - pos) throw corrupt(ctx, pos, `${what} declares ${count} elements but only ${end - pos} bytes follow`);
}

function latin1(bytes: Uint8Array, from: number, to: number): string {
  let s = "";
  for (let i = from; i < to; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

function where(ctx: Ctx, pos: number): string {
  return ctx.base < 0 ? `inside compressed data (offset ${pos})` : `at byte ${pos}`;
}

function truncated(ctx: Ctx, pos: number): InputFileError {
  return new InputFileError(`${ctx.source} is truncated or damaged: a data element ${where(ctx, pos)} runs past the end of the data; copy or download the file again, or ${RESAVE}`);
}

function corrupt(ctx: Ctx, pos: number, problem: string): InputFileError {
  return new InputFileError(`${ctx.source} is damaged: ${problem} (${where(ctx, pos)}); ${RESAVE}`);
}

/** Describe a value's shape and class for messages, e.g. "a 40×40 double array". */
export function describeMatValue(value: MatValue): string {
  switch (value.kind) {
    case "numeric":
      return `a ${formatDims(value.dims)} ${value.logical ? "logical" : value.class} array`;
    case "char":
      return `a ${formatDims(value.dims)} char array`;
    case "cell":
      return `a ${formatDims(value.dims)} cell array`;
    case "struct":
      return `a ${formatDims(value.dims)} struct array`;
    default:
      return `${value.what} (${formatDims(value.dims)})`;
  }
}
