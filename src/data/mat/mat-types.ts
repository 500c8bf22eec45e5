/**
 * MAT-file level 5 (MATLAB v5/v6/v7, Octave `-v6`/`-v7`, scipy `savemat`): the type codes of the
 * format and the in-memory values our reader returns and our writer accepts.
 *
 * File layout (MathWorks "MAT-File Format", level 5):
 *   header   128 bytes: 116 text ("MATLAB 5.0 MAT-file ..."), 8 subsystem offset,
 *            2 version (0x0100; 0x0200 means v7.3 = HDF5), 2 endian indicator ('IM' little, 'MI' big)
 *   elements tag (type: uint32, bytes: uint32) + data padded to 8 bytes; a "small" element packs
 *            (bytes << 16 | type) and ≤ 4 data bytes into one 8-byte tag. miCOMPRESSED holds a zlib
 *            stream of further elements; miMATRIX holds array flags, dims, name and the data.
 * Matrices are stored column-major: element (r, c) of an R×C matrix is data[r + c·R].
 */

/** Data element types (miTYPE). */
export const MI = {
  INT8: 1,
  UINT8: 2,
  INT16: 3,
  UINT16: 4,
  INT32: 5,
  UINT32: 6,
  SINGLE: 7,
  DOUBLE: 9,
  INT64: 12,
  UINT64: 13,
  MATRIX: 14,
  COMPRESSED: 15,
  UTF8: 16,
  UTF16: 17,
  UTF32: 18,
} as const;

/** Array classes (mxCLASS) found in the array-flags sub-element of a miMATRIX. */
export const MX = {
  CELL: 1,
  STRUCT: 2,
  OBJECT: 3,
  CHAR: 4,
  SPARSE: 5,
  DOUBLE: 6,
  SINGLE: 7,
  INT8: 8,
  UINT8: 9,
  INT16: 10,
  UINT16: 11,
  INT32: 12,
  UINT32: 13,
  INT64: 14,
  UINT64: 15,
  FUNCTION: 16,
  OPAQUE: 17,
} as const;

/** Numeric classes by name (what MATLAB's `class(x)` prints). */
export type NumericClass = "double" | "single" | "int8" | "uint8" | "int16" | "uint16" | "int32" | "uint32" | "int64" | "uint64";

/** mxCLASS code → numeric class name (numeric classes only). */
export const MX_NUMERIC: Readonly<Record<number, NumericClass>> = {
  [MX.DOUBLE]: "double",
  [MX.SINGLE]: "single",
  [MX.INT8]: "int8",
  [MX.UINT8]: "uint8",
  [MX.INT16]: "int16",
  [MX.UINT16]: "uint16",
  [MX.INT32]: "int32",
  [MX.UINT32]: "uint32",
  [MX.INT64]: "int64",
  [MX.UINT64]: "uint64",
};

/** Byte size of each numeric / text miTYPE. */
export const MI_SIZE: Readonly<Record<number, number>> = {
  [MI.INT8]: 1,
  [MI.UINT8]: 1,
  [MI.INT16]: 2,
  [MI.UINT16]: 2,
  [MI.INT32]: 4,
  [MI.UINT32]: 4,
  [MI.SINGLE]: 4,
  [MI.DOUBLE]: 8,
  [MI.INT64]: 8,
  [MI.UINT64]: 8,
  [MI.UTF8]: 1,
  [MI.UTF16]: 2,
  [MI.UTF32]: 4,
};

/** A numeric or logical array; `data` is column-major, converted to float64 whatever the storage. */
export interface MatNumeric {
  readonly kind: "numeric";
  readonly class: NumericClass;
  readonly logical: boolean;
  readonly dims: readonly number[];
  readonly data: Float64Array;
}

/** A char array; `text` is the characters in column-major order (a row vector reads naturally). */
export interface MatChar {
  readonly kind: "char";
  readonly dims: readonly number[];
  readonly text: string;
}

/** A cell array; `cells` in column-major order. */
export interface MatCell {
  readonly kind: "cell";
  readonly dims: readonly number[];
  readonly cells: readonly MatValue[];
}

/**
 * A struct array (or a MATLAB object, read as its struct of properties); `elements[k]` holds the
 * fields of the k-th element (column-major). Fields named in the reader's `skipFields` are listed in
 * `fieldNames` but absent from the elements.
 */
export interface MatStruct {
  readonly kind: "struct";
  readonly dims: readonly number[];
  readonly fieldNames: readonly string[];
  readonly elements: readonly Readonly<Record<string, MatValue>>[];
}

/** An array the reader recognises but does not decode (sparse, complex, function handles, opaque objects). */
export interface MatUnsupported {
  readonly kind: "unsupported";
  readonly dims: readonly number[];
  /** What it is, e.g. "a sparse matrix", "complex double values". */
  readonly what: string;
}

export type MatValue = MatNumeric | MatChar | MatCell | MatStruct | MatUnsupported;

/** Number of elements of an array with these dims (the product; 0 for an empty array). */
export function numel(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

/** "40×40" style text for messages. */
export function formatDims(dims: readonly number[]): string {
  return dims.join("×");
}
