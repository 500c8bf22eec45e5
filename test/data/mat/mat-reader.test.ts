import { readFileSync, readdirSync } from "node:fs";
import { deflateSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readMat, readMatFile } from "../../../src/data/mat/mat-reader.js";
import type { MatCell, MatNumeric, MatStruct, MatValue } from "../../../src/data/mat/mat-types.js";
import { InputFileError } from "../../../src/errors.js";

const DIR = fileURLToPath(new URL("../../fixtures/mat/", import.meta.url));
const FIXTURES = readdirSync(DIR).filter((f) => f.endsWith(".mat")).sort();

// The formulas of scripts/make-mat-fixtures.{py,m} (r, c, t, k 0-based).
const image = (k: number, r: number, c: number) => (7 * r + 3 * c + 11 * k) % 256;
const traj = (k: number, t: number): [number, number] => [5 + t / 10 + k / 3, 35 - 0.09 * t + k / 2];

/** The k-th value of field `field` whether the struct is 1×N or a 1×1 struct of cells. */
function sample(struct: MatStruct, field: string, k: number): MatNumeric {
  const v: MatValue = struct.elements.length === 1 && struct.elements[0][field].kind === "cell" ? (struct.elements[0][field] as MatCell).cells[k] : struct.elements[k][field];
  expect(v.kind).toBe("numeric");
  return v as MatNumeric;
}

describe("readMat on fixtures written by scipy and Octave", () => {
  it("has both writers, both layouts, compressed and uncompressed", () => {
    expect(FIXTURES.some((f) => f.startsWith("scipy"))).toBe(true);
    expect(FIXTURES.some((f) => f.startsWith("octave"))).toBe(true);
    expect(FIXTURES.some((f) => f.includes("slike"))).toBe(true);
    const compressed = FIXTURES.filter((f) => readFileSync(DIR + f).readUInt32LE(128) === 15);
    expect(compressed.length).toBeGreaterThan(0);
    expect(compressed.length).toBeLessThan(FIXTURES.length);
  });

  for (const file of FIXTURES) {
    it(`${file}: column-major images and trajectories equal what the script wrote`, () => {
      const vars = readMatFile(DIR + file);
      const structName = vars.has("Data") ? "Data" : "slike";
      const [imField, trField] = structName === "Data" ? ["imageArray", "trajArray"] : ["im", "trj"];
      const struct = vars.get(structName) as MatStruct;
      expect(struct.kind).toBe("struct");
      for (let k = 0; k < 3; k++) {
        const im = sample(struct, imField, k);
        expect(im.dims).toEqual([40, 40]);
        for (const [r, c] of [[0, 0], [2, 5], [39, 1], [13, 37]]) expect(im.data[r + c * 40]).toBe(image(k, r, c));
        const tr = sample(struct, trField, k);
        expect(tr.dims[0]).toBe(301);
        for (const t of [0, 10, 300]) {
          const [x, y] = traj(k, t);
          const tol = tr.class === "single" ? 1e-5 : 1e-12;
          expect(Math.abs(tr.data[t] - x)).toBeLessThan(tol * 40);
          expect(Math.abs(tr.data[t + 301] - y)).toBeLessThan(tol * 40);
        }
      }
    });
  }

  it("decodes the extra variables: char, logical, uint8/single classes, skipped fields", () => {
    const octave = readMatFile(DIR + "octave-slike-v7.mat");
    expect(octave.get("note")).toMatchObject({ kind: "char", text: "octave fixture" });
    expect(octave.get("mask")).toMatchObject({ kind: "numeric", logical: true, dims: [1, 3] });
    expect(Array.from((octave.get("mask") as MatNumeric).data)).toEqual([1, 0, 1]);
    const cells = readMatFile(DIR + "scipy-data-cells-z.mat");
    const data = cells.get("Data") as MatStruct;
    expect(sample(data, "imageArray", 0).class).toBe("uint8");
    expect(sample(data, "trajArray", 0)).toMatchObject({ class: "single", dims: [301, 3] });
    const full = readMatFile(DIR + "scipy-data-v5.mat").get("Data") as MatStruct;
    expect(full.elements[0].DMPParamsArray.kind).toBe("struct");
    const skipped = readMatFile(DIR + "scipy-data-v5.mat", { skipFields: ["DMPParamsArray"] }).get("Data") as MatStruct;
    expect(skipped.fieldNames).toContain("DMPParamsArray");
    expect(skipped.elements[0].DMPParamsArray).toBeUndefined();
    expect(skipped.elements[2].imageArray.kind).toBe("numeric");
  });

  it("reads a big-endian file ('MI'), including small data elements", () => {
    // Hand-built: header, then miMATRIX "x" = [1.5 -2] (1×2 double), all big-endian.
    const buf = new Uint8Array(128 + 8 + 16 + 16 + 8 + 8 + 16);
    const v = new DataView(buf.buffer);
    buf.set(new TextEncoder().encode("MATLAB 5.0 MAT-file, big-endian test".padEnd(116, " ")));
    v.setUint16(124, 0x0100, false);
    buf[126] = "M".charCodeAt(0);
    buf[127] = "I".charCodeAt(0);
    let p = 128;
    const u32 = (...xs: number[]) => {
      for (const x of xs) {
        v.setUint32(p, x, false);
        p += 4;
      }
    };
    u32(14, buf.length - 136);
    u32(6, 8, 6, 0); // array flags: double
    u32(5, 8, 1, 2); // dims 1×2
    u32((1 << 16) | 1); // small element: name, 1 byte
    buf[p] = "x".charCodeAt(0);
    p += 4;
    u32(9, 16);
    v.setFloat64(p, 1.5, false);
    v.setFloat64(p + 8, -2, false);
    const x = readMat(buf).get("x") as MatNumeric;
    expect(x.dims).toEqual([1, 2]);
    expect(Array.from(x.data)).toEqual([1.5, -2]);
  });
});

describe("readMat rejects bad files with one clear line", () => {
  const fixture = () => new Uint8Array(readFileSync(DIR + "scipy-data-v5.mat"));
  const expectError = (bytes: Uint8Array, pattern: RegExp) => {
    let error: unknown;
    try {
      readMat(bytes, { source: "f.mat" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputFileError);
    const message = (error as Error).message;
    expect(message).toMatch(pattern);
    expect(message).not.toContain("\n");
    expect(message).toMatch(/; /); // names the fix after the problem
  };

  it("text that is not a MAT-file", () => {
    expectError(new TextEncoder().encode("x,y\n".repeat(64)), /f\.mat is not a level-5 MAT-file/);
    expectError(new TextEncoder().encode("hello"), /not a MAT-file \(only 5 bytes/);
  });

  it("a MATLAB v7.3 (HDF5) file", () => {
    const bytes = new Uint8Array(1024);
    bytes.set(new TextEncoder().encode("MATLAB 7.3 MAT-file, Platform: GLNXA64, HDF5 schema 1.00 ."));
    new DataView(bytes.buffer).setUint16(124, 0x0200, true);
    bytes.set(new TextEncoder().encode("IM"), 126);
    bytes.set([0x89, 0x48, 0x44, 0x46], 512);
    expectError(bytes, /v7\.3 \(HDF5\).*-v7/);
  });

  it("a truncated file, uncompressed and compressed", () => {
    expectError(fixture().subarray(0, 5000), /truncated/);
    const z = new Uint8Array(readFileSync(DIR + "scipy-data-v5z.mat"));
    expectError(z.subarray(0, 3000), /truncated/);
  });

  it("damaged compressed data", () => {
    const z = new Uint8Array(readFileSync(DIR + "octave-data-v7.mat"));
    for (let i = 140; i < 400; i++) z[i] ^= 0x5a;
    expectError(z, /damaged|truncated/);
  });

  it("a corrupt matrix inside a valid zlib stream", () => {
    // A compressed element whose content is a matrix without array flags.
    const inner = new Uint8Array(16);
    new DataView(inner.buffer).setUint32(0, 14, true);
    new DataView(inner.buffer).setUint32(4, 8, true);
    const z = deflateSync(inner);
    const bytes = new Uint8Array(128 + 8 + z.length);
    bytes.set(fixture().subarray(0, 128));
    new DataView(bytes.buffer).setUint32(128, 15, true);
    new DataView(bytes.buffer).setUint32(132, z.length, true);
    bytes.set(z, 136);
    expectError(bytes, /damaged: .*inside compressed data/);
  });
});
