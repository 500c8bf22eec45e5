import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { decodeDigitFile, encodeDigitFile, readDigitFile, writeDigitFile } from "../../../src/data/digits/digit-file.js";
import { generateDigits } from "../../../src/data/digits/generator.js";
import type { MatWriteValue } from "../../../src/data/mat/mat-writer.js";
import { writeMat } from "../../../src/data/mat/mat-writer.js";
import { readMat } from "../../../src/data/mat/mat-reader.js";
import type { MatNumeric, MatStruct } from "../../../src/data/mat/mat-types.js";
import { InputFileError } from "../../../src/errors.js";

const FIXTURES = fileURLToPath(new URL("../../fixtures/mat/", import.meta.url));

const num = (dims: number[], data: ArrayLike<number>): MatWriteValue => ({ kind: "numeric", class: "double", logical: false, dims, data });
const image = (k: number) => Array.from({ length: 1600 }, (_, i) => (i * 7 + k) % 256);
const traj = (k: number, T = 301) => Array.from({ length: 2 * T }, (_, i) => 10 + ((i % T) / T) * 20 + k);

/** A Data struct array with the given per-sample fields. */
function dataFile(elements: Record<string, MatWriteValue>[], name = "Data"): Uint8Array {
  const fieldNames = Object.keys(elements[0] ?? { imageArray: 0, trajArray: 0 });
  return writeMat(new Map([[name, { kind: "struct", dims: [1, elements.length], fieldNames, elements }]]));
}

function errorOf(bytes: Uint8Array): string {
  try {
    decodeDigitFile(bytes, "bad.mat");
  } catch (e) {
    expect(e).toBeInstanceOf(InputFileError);
    const message = (e as Error).message;
    expect(message).not.toContain("\n");
    return message;
  }
  throw new Error("no error thrown");
}

/**
 * The storage type (miTYPE of the data sub-element) of each field of the first element of the
 * uncompressed struct array at byte 128 — read from the raw bytes, independently of our reader.
 */
function fieldStorage(bytes: Uint8Array): Record<string, string> {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const names: Record<number, string> = { 2: "uint8", 7: "single", 9: "double" };
  // One data element at `pos`: [type, data offset, next offset] (small or regular format).
  const element = (pos: number): [number, number, number] => {
    const w0 = v.getUint32(pos, true);
    if (w0 >>> 16 !== 0) return [w0 & 0xffff, pos + 4, pos + 8];
    const n = v.getUint32(pos + 4, true);
    return [w0, pos + 8, pos + 8 + Math.ceil(n / 8) * 8];
  };
  const subElements = (pos: number, count: number): number[] => {
    const out = [];
    for (let i = 0; i < count; i++) {
      out.push(pos);
      pos = element(pos)[2];
    }
    return out;
  };
  const [type, body] = element(128);
  expect(type).toBe(14);
  // flags, dims, name, field-name length, field names, then one matrix per field.
  const [, , , lenPos, namesPos, firstField] = subElements(body, 6);
  const len = v.getInt32(element(lenPos)[1], true);
  const [, namesData, afterNames] = element(namesPos);
  const fields = Array.from({ length: (afterNames - namesData) / len }, (_, f) => new TextDecoder().decode(bytes.subarray(namesData + f * len, namesData + (f + 1) * len)).replace(/\0+$/, "")).filter((f) => f !== "");
  const out: Record<string, string> = {};
  let pos = firstField;
  for (const f of fields) {
    const [, matBody, next] = element(pos);
    const dataPos = subElements(matBody, 4)[3]; // flags, dims, name, real data
    out[f] = names[element(dataPos)[0]] ?? String(element(dataPos)[0]);
    pos = next;
  }
  return out;
}

describe("digit data set files", () => {
  const set = generateDigits({ count: 30, seed: 4 });

  for (const compress of [true, false]) {
    it(`round-trips a generated set exactly through our writer and reader (${compress ? "compressed" : "uncompressed"})`, () => {
      const dir = mkdtempSync(join(tmpdir(), "ndp-digits-"));
      writeDigitFile(join(dir, "d.mat"), set, { compress });
      const back = readDigitFile(join(dir, "d.mat"));
      expect(back).toMatchObject({ count: 30, imageSize: 40, frameSize: 40, points: 301 });
      expect(back.images).toEqual(set.images);
      expect(back.trajectories).toEqual(set.trajectories);
      expect(back.labels).toEqual(set.labels);
      expect(readFileSync(join(dir, "d.mat")).readUInt32LE(128)).toBe(compress ? 15 : 14);
    });
  }

  it("writes the original layout: a 1×N struct array Data, images as 0..255 doubles", () => {
    const bytes = encodeDigitFile(set, { compress: false });
    const vars = readMat(bytes);
    expect([...vars.keys()]).toEqual(["Data"]);
    const data = vars.get("Data") as MatStruct;
    expect(data).toMatchObject({ kind: "struct", dims: [1, 30], fieldNames: ["imageArray", "trajArray", "labelArray"] });
    for (const k of [0, 17, 29]) {
      const e = data.elements[k];
      // MATLAB's view: double arrays, images 40×40 in 0..255 and trajectories 301×2, column-major.
      expect(e.imageArray).toMatchObject({ kind: "numeric", class: "double", dims: [40, 40] });
      expect(e.trajArray).toMatchObject({ kind: "numeric", class: "double", dims: [301, 2] });
      expect(e.labelArray).toMatchObject({ kind: "numeric", class: "double", dims: [1, 1] });
      const im = (e.imageArray as MatNumeric).data;
      const tr = (e.trajArray as MatNumeric).data;
      for (const [r, c] of [[0, 0], [12, 30], [39, 7]]) expect(im[r + 40 * c]).toBe(Math.round(set.images[k * 1600 + r * 40 + c] * 255));
      for (const t of [0, 150, 300]) {
        expect(tr[t]).toBe(set.trajectories[(k * 301 + t) * 2]);
        expect(tr[t + 301]).toBe(set.trajectories[(k * 301 + t) * 2 + 1]);
      }
      expect((e.labelArray as MatNumeric).data[0]).toBe(set.labels![k]);
    }
    // Storage, as MATLAB's own save does: integer-valued doubles as uint8, float32 values as single.
    expect(fieldStorage(bytes)).toEqual({ imageArray: "uint8", trajArray: "single", labelArray: "uint8" });
    // 1 byte per pixel and 4 per coordinate: about 4.2 kB per sample.
    expect(bytes.length).toBeLessThan(30 * 4300 + 1000);
  });

  it("reads every fixture the same way, normalising 0..255 images to [0, 1]", () => {
    for (const f of ["scipy-data-v5.mat", "scipy-data-v5z.mat", "scipy-data-cells-z.mat", "scipy-slike-z.mat", "octave-data-v6.mat", "octave-data-v7.mat", "octave-slike-v7.mat"]) {
      const s = readDigitFile(FIXTURES + f);
      expect(s).toMatchObject({ count: 3, imageSize: 40, points: 301 });
      // image_k(r, c) = (7r + 3c + 11k) mod 256; traj_k(t) = (5 + t/10 + k/3, 35 − 0.09t + k/2).
      expect(s.images[1 * 1600 + 2 * 40 + 5]).toBeCloseTo(40 / 255, 6);
      expect(s.images[2 * 1600 + 39 * 40 + 1]).toBeCloseTo(((7 * 39 + 3 + 22) % 256) / 255, 6);
      expect(s.trajectories[(1 * 301 + 10) * 2]).toBeCloseTo(6 + 1 / 3, 5);
      expect(s.trajectories[(2 * 301 + 300) * 2 + 1]).toBeCloseTo(35 - 27 + 1, 5);
      if (f.includes("data-v")) expect(Array.from(s.labels!)).toEqual([3, 1, 4]);
    }
  });

  it("rejects files without the layout, naming what is missing", () => {
    expect(errorOf(writeMat(new Map([["x", num([1, 1], [1])]])))).toMatch(/no variable `Data` \(found x\)/);
    expect(errorOf(writeMat(new Map([["Data", num([1, 1], [1])]])))).toMatch(/`Data` is a 1×1 double array, not a struct/);
    expect(errorOf(dataFile([{ imageArray: num([40, 40], image(0)) }]))).toMatch(/has no field `trajArray`/);
    expect(errorOf(dataFile([]))).toMatch(/holds no samples/);
  });

  it("rejects wrong shapes, with a hint for transposed trajectories", () => {
    expect(errorOf(dataFile([{ imageArray: num([40, 39], image(0).slice(0, 1560)), trajArray: num([301, 2], traj(0)) }]))).toMatch(/40×39; expected a square image/);
    expect(errorOf(dataFile([{ imageArray: num([40, 40], image(0)), trajArray: num([2, 301], traj(0)) }]))).toMatch(/2×301; expected T×2.*transposed/);
    const mixed = [
      { imageArray: num([40, 40], image(0)), trajArray: num([301, 2], traj(0)) },
      { imageArray: num([40, 40], image(1)), trajArray: num([300, 2], traj(1, 300)) },
    ];
    expect(errorOf(dataFile(mixed))).toMatch(/sample 2 has 300 points but sample 1 has 301/);
  });

  it("rejects NaN / Inf values, out-of-range pixels and bad labels", () => {
    const nan = traj(0);
    nan[7] = NaN;
    expect(errorOf(dataFile([{ imageArray: num([40, 40], image(0)), trajArray: num([301, 2], nan) }]))).toMatch(/trajArray of sample 1 contains NaN/);
    const inf = image(0);
    inf[3] = Infinity;
    expect(errorOf(dataFile([{ imageArray: num([40, 40], inf), trajArray: num([301, 2], traj(0)) }]))).toMatch(/imageArray of sample 1 contains Infinity/);
    const big = image(0);
    big[0] = 1000;
    expect(errorOf(dataFile([{ imageArray: num([40, 40], big), trajArray: num([301, 2], traj(0)) }]))).toMatch(/pixel value 1000 outside 0\.\.255/);
    const labelled = { imageArray: num([40, 40], image(0)), trajArray: num([301, 2], traj(0)), labelArray: num([1, 1], [12]) };
    expect(errorOf(dataFile([labelled]))).toMatch(/labelArray of sample 1 is 12; labels must be digit classes 0\.\.9/);
  });
});
