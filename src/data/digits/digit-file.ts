/**
 * Digit data set files: MAT-files in the layout of the original `40x40-smnist.mat`, so one reader
 * serves our generated files and users' copies of the original.
 *
 * Layout read (what the paper's code reads with scipy.io.loadmat):
 *   Data    struct array, one element per sample, fields
 *             imageArray  S×S image (any numeric class; 0..255 or 0..1)
 *             trajArray   T×k trajectory, 2 ≤ k < T, columns x, y (extra columns ignored), pixels
 *             labelArray  digit class 0..9 (optional; our addition)
 *             DMPParamsArray, DMPTrajArray  (optional; ignored)
 *           — or a 1×1 struct whose fields are cell arrays with one cell per sample;
 *   slike   the older layout: the same with fields im and trj.
 * Layout written (`writeDigitFile`): a 1×N struct array `Data` with imageArray (S×S double,
 * values 0..255, stored compactly as uint8 as MATLAB does), trajArray (T×2 double, stored as
 * single since our trajectories are float32) and labelArray (1×1 double), zlib-compressed (v7)
 * unless `compress: false`. MATLAB/Octave `load` and scipy `loadmat` read it as the original.
 *
 * Normalisation on reading: images are divided by 255 when the file's largest pixel exceeds 2
 * (the original stores 0..255), then values within 5 % outside [0, 1] (interpolation overshoot)
 * are clipped; anything further out is an error. Trajectories are kept as stored (pixels).
 */
import { InputFileError } from "../../errors.js";
import { writeFileAtomic } from "../../io/atomic.js";
import { describeMatValue, readMat, readMatFile, type MatVariables } from "../mat/mat-reader.js";
import { formatDims, type MatNumeric, type MatStruct, type MatValue } from "../mat/mat-types.js";
import { writeMat, type MatWriteValue } from "../mat/mat-writer.js";
import type { DigitSet } from "./digit-set.js";

/** Field names of the two layouts. */
const LAYOUTS = [
  { struct: "Data", image: "imageArray", traj: "trajArray", label: "labelArray", ignore: ["DMPParamsArray", "DMPTrajArray"] },
  { struct: "slike", image: "im", traj: "trj", label: "labelArray", ignore: ["DMP_object", "DMP_trj"] },
] as const;

const EXPECTED = "expected the s-MNIST layout: a struct `Data` with fields imageArray (40×40 images) and trajArray (301×2 trajectories), or the old struct `slike` with im and trj";

export interface WriteDigitFileOptions {
  /** zlib-compress (MAT v7); default true. */
  readonly compress?: boolean;
}

/** Write `set` as a MAT-file (atomically: temp file + rename). */
export function writeDigitFile(path: string, set: DigitSet, options: WriteDigitFileOptions = {}): void {
  writeFileAtomic(path, encodeDigitFile(set, options));
}

/** The MAT-file bytes of `set` (layout above). */
export function encodeDigitFile(set: DigitSet, options: WriteDigitFileOptions = {}): Uint8Array {
  const S = set.imageSize;
  const T = set.points;
  const elements: Record<string, MatWriteValue>[] = new Array(set.count);
  for (let i = 0; i < set.count; i++) {
    // Column-major copies: image(r, c) = data[r + c·S], trajectory(t, d) = data[t + d·T].
    const img = new Float64Array(S * S);
    for (let r = 0; r < S; r++) {
      for (let c = 0; c < S; c++) {
        // 8-bit images (multiples of 1/255 in float32) are written as the exact integers 0..255.
        const v = set.images[i * S * S + r * S + c] * 255;
        const k = Math.round(v);
        img[r + c * S] = Math.abs(v - k) < 1e-4 ? k : v;
      }
    }
    const trj = new Float32Array(T * 2);
    for (let t = 0; t < T; t++) {
      trj[t] = set.trajectories[(i * T + t) * 2];
      trj[t + T] = set.trajectories[(i * T + t) * 2 + 1];
    }
    const element: Record<string, MatWriteValue> = {
      imageArray: { kind: "numeric", class: "double", logical: false, dims: [S, S], data: img },
      trajArray: { kind: "numeric", class: "double", logical: false, dims: [T, 2], data: trj },
    };
    if (set.labels) element.labelArray = { kind: "numeric", class: "double", logical: false, dims: [1, 1], data: [set.labels[i]] };
    elements[i] = element;
  }
  const fieldNames = set.labels ? ["imageArray", "trajArray", "labelArray"] : ["imageArray", "trajArray"];
  const data: MatWriteValue = { kind: "struct", dims: [1, set.count], fieldNames, elements };
  return writeMat(new Map([["Data", data]]), { compress: options.compress ?? true });
}

/** Read a digit data set file (ours or the original 40x40-smnist.mat). */
export function readDigitFile(path: string): DigitSet {
  return digitSetFromMat(readMatFile(path, { skipFields: ignoredFields() }), path);
}

/** Decode the bytes of a digit data set file; `source` names it in error messages. */
export function decodeDigitFile(bytes: Uint8Array, source = "digit file"): DigitSet {
  return digitSetFromMat(readMat(bytes, { source, skipFields: ignoredFields() }), source);
}

function ignoredFields(): string[] {
  return LAYOUTS.flatMap((l) => [...l.ignore]);
}

/** Build a DigitSet from the variables of a MAT-file in one of the layouts above. */
export function digitSetFromMat(vars: MatVariables, source: string): DigitSet {
  const layout = LAYOUTS.find((l) => vars.has(l.struct));
  if (layout === undefined) {
    const names = [...vars.keys()];
    throw new InputFileError(`${source} has no variable \`Data\` (found ${names.length ? names.join(", ") : "no variables"}); ${EXPECTED}`);
  }
  const struct = vars.get(layout.struct)!;
  if (struct.kind !== "struct") throw new InputFileError(`${source}: \`${layout.struct}\` is ${describeMatValue(struct)}, not a struct; ${EXPECTED}`);
  const where = (field: string, i: number) => `${source}: ${layout.struct}.${field} of sample ${i + 1}`;
  const images = samplesOf(struct, layout.struct, layout.image, source);
  const trajs = samplesOf(struct, layout.struct, layout.traj, source);
  if (images.length !== trajs.length) {
    throw new InputFileError(`${source}: ${layout.struct} has ${images.length} images but ${trajs.length} trajectories; every sample needs both`);
  }
  const count = images.length;
  if (count === 0) throw new InputFileError(`${source}: ${layout.struct} holds no samples; pass a file with at least one image and trajectory`);

  // Shapes from the first sample; every sample must agree — all checked before allocating the
  // count × S × S output, so a file of one image and a million empty samples fails here.
  const S = numericOf(images[0], where(layout.image, 0)).dims[0];
  const T = numericOf(trajs[0], where(layout.traj, 0)).dims[0];
  for (let i = 0; i < count; i++) {
    const img = numericOf(images[i], where(layout.image, i));
    if (img.dims.length !== 2 || img.dims[0] !== img.dims[1] || img.dims[0] < 2) {
      throw new InputFileError(`${where(layout.image, i)} is ${formatDims(img.dims)}; expected a square image (40×40 in s-MNIST)`);
    }
    if (img.dims[0] !== S) throw new InputFileError(`${where(layout.image, i)} is ${formatDims(img.dims)} but sample 1 is ${S}×${S}; all images must have the same size`);
    const trj = numericOf(trajs[i], where(layout.traj, i));
    // T×k with k ≥ 2 columns (x, y, maybe more) and more time steps than columns.
    if (trj.dims.length !== 2 || trj.dims[1] < 2 || trj.dims[0] <= trj.dims[1]) {
      const hint = trj.dims.length === 2 && trj.dims[0] === 2 ? "; it looks transposed: store one time step per row" : "";
      throw new InputFileError(`${where(layout.traj, i)} is ${formatDims(trj.dims)}; expected T×2 (one (x, y) point per row, e.g. 301×2)${hint}`);
    }
    if (trj.dims[0] !== T) throw new InputFileError(`${where(layout.traj, i)} has ${trj.dims[0]} points but sample 1 has ${T}; all trajectories must have the same length`);
  }
  const out = {
    images: new Float32Array(count * S * S),
    trajectories: new Float32Array(count * T * 2),
  };
  let maxPixel = 0;
  for (let i = 0; i < count; i++) {
    const img = images[i] as MatNumeric;
    assertFiniteData(img.data, where(layout.image, i));
    for (let r = 0; r < S; r++) {
      for (let c = 0; c < S; c++) {
        const v = img.data[r + c * S];
        out.images[i * S * S + r * S + c] = v;
        if (v > maxPixel) maxPixel = v;
      }
    }
    // Only the x and y columns are used (and checked).
    const xy = (trajs[i] as MatNumeric).data.subarray(0, 2 * T);
    assertFiniteData(xy, where(layout.traj, i));
    for (let t = 0; t < T; t++) {
      out.trajectories[(i * T + t) * 2] = xy[t];
      out.trajectories[(i * T + t) * 2 + 1] = xy[t + T];
    }
  }
  normaliseImages(out.images, maxPixel, `${source}: ${layout.struct}.${layout.image}`);
  const labels = labelsOf(struct, layout.struct, layout.label, count, source);
  return { count, imageSize: S, frameSize: S, points: T, images: out.images, trajectories: out.trajectories, ...(labels ? { labels } : {}) };
}

/** The per-sample values of `field`: one per struct element, or the cells of a 1×1 struct's cell field. */
function samplesOf(struct: MatStruct, structName: string, field: string, source: string): MatValue[] {
  if (!struct.fieldNames.includes(field)) {
    throw new InputFileError(`${source}: struct \`${structName}\` has no field \`${field}\` (it has ${struct.fieldNames.join(", ") || "no fields"}); ${EXPECTED}`);
  }
  if (struct.elements.length === 1 && struct.elements[0][field].kind === "cell") {
    return [...(struct.elements[0][field] as { cells: readonly MatValue[] }).cells];
  }
  return struct.elements.map((e) => {
    const v = e[field];
    return v.kind === "cell" && v.cells.length === 1 ? v.cells[0] : v;
  });
}

function numericOf(value: MatValue, what: string): MatNumeric {
  if (value.kind !== "numeric") throw new InputFileError(`${what} is ${describeMatValue(value)}; expected a numeric matrix`);
  return value;
}

function assertFiniteData(data: ArrayLike<number>, what: string): void {
  for (let k = 0; k < data.length; k++) {
    if (!Number.isFinite(data[k])) {
      throw new InputFileError(`${what} contains ${data[k]} (value ${k + 1}); the data set must hold finite numbers only — fix or drop that sample`);
    }
  }
}

/** Scale 0..255 images to [0, 1] and clip small overshoots (see the file comment). */
function normaliseImages(images: Float32Array, maxPixel: number, what: string): void {
  const scale = maxPixel > 2 ? 255 : 1;
  const tol = 0.05;
  for (let p = 0; p < images.length; p++) {
    const v = images[p] / scale;
    if (v < -tol || v > 1 + tol) {
      throw new InputFileError(`${what} has a pixel value ${images[p]} outside ${scale === 255 ? "0..255" : "0..1"}; images must be grayscale in 0..1 or 0..255`);
    }
    images[p] = v < 0 ? 0 : v > 1 ? 1 : v;
  }
}

function labelsOf(struct: MatStruct, structName: string, field: string, count: number, source: string): Int32Array | undefined {
  if (!struct.fieldNames.includes(field)) return undefined;
  let values: number[];
  const only = struct.elements.length === 1 ? struct.elements[0][field] : undefined;
  if (only !== undefined && only.kind === "numeric" && only.data.length === count) values = [...only.data];
  else values = samplesOf(struct, structName, field, source).map((v, i) => {
    const n = numericOf(v, `${source}: ${structName}.${field} of sample ${i + 1}`);
    return n.data.length === 1 ? n.data[0] : NaN;
  });
  if (values.length !== count) throw new InputFileError(`${source}: ${structName}.${field} has ${values.length} labels for ${count} samples; give one label per sample or drop the field`);
  const labels = new Int32Array(count);
  values.forEach((v, i) => {
    if (!Number.isInteger(v) || v < 0 || v > 9) throw new InputFileError(`${source}: ${structName}.${field} of sample ${i + 1} is ${v}; labels must be digit classes 0..9`);
    labels[i] = v;
  });
  return labels;
}
