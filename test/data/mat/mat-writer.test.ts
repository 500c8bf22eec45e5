import { describe, expect, it } from "vitest";
import { readMat } from "../../../src/data/mat/mat-reader.js";
import type { MatCell, MatNumeric, MatStruct } from "../../../src/data/mat/mat-types.js";
import { writeMat, type MatWriteValue } from "../../../src/data/mat/mat-writer.js";
import { ShapeError } from "../../../src/errors.js";

const num = (dims: number[], data: ArrayLike<number>, cls: MatNumeric["class"] = "double"): MatWriteValue => ({ kind: "numeric", class: cls, logical: false, dims, data });

describe("writeMat → readMat round trip", () => {
  const vars = new Map<string, MatWriteValue>([
    ["bytes", num([2, 3], [0, 1, 2, 253, 254, 255])],
    ["neg", num([1, 3], [-3, 0, 40000])],
    ["floats", num([1, 3], [0.5, 1.25, -7.75])],
    ["doubles", num([1, 4], [Math.PI, 1e300, NaN, -Infinity])],
    ["ints", num([1, 2], [-5, 7], "int32")],
    ["singles", num([1, 2], [0.1, 2], "single")],
    ["flag", { kind: "numeric", class: "double", logical: true, dims: [1, 2], data: [1, 0] }],
    ["name", { kind: "char", dims: [1, 5], text: "héllo" }],
    ["empty", num([0, 0], [])],
    ["c", { kind: "cell", dims: [1, 2], cells: [num([1, 1], [42]), { kind: "char", dims: [1, 2], text: "ab" }] }],
    [
      "s",
      {
        kind: "struct",
        dims: [1, 2],
        fieldNames: ["a", "a_much_longer_field_name"],
        elements: [
          { a: num([1, 1], [1]), a_much_longer_field_name: num([2, 1], [2, 3]) },
          { a: num([1, 1], [4]), a_much_longer_field_name: { kind: "cell", dims: [0, 0], cells: [] } },
        ],
      },
    ],
  ]);

  for (const compress of [false, true]) {
    it(`keeps every value, class and shape (${compress ? "compressed" : "uncompressed"})`, () => {
      const back = readMat(writeMat(vars, { compress }));
      expect([...back.keys()]).toEqual([...vars.keys()]);
      for (const name of ["bytes", "neg", "floats", "doubles", "ints", "flag"]) {
        const want = vars.get(name) as MatNumeric;
        const got = back.get(name) as MatNumeric;
        expect(got.dims).toEqual(want.dims);
        expect(got.class).toBe(want.logical ? "uint8" : want.class); // logical = uint8 + the logical flag
        expect(Array.from(got.data)).toEqual(Array.from(want.data));
      }
      expect(Array.from((back.get("singles") as MatNumeric).data)).toEqual([Math.fround(0.1), 2]);
      expect((back.get("flag") as MatNumeric).logical).toBe(true);
      expect(back.get("name")).toMatchObject({ kind: "char", text: "héllo" });
      expect(back.get("empty")).toMatchObject({ kind: "numeric", dims: [0, 0] });
      const c = back.get("c") as MatCell;
      expect((c.cells[0] as MatNumeric).data[0]).toBe(42);
      expect(c.cells[1]).toMatchObject({ kind: "char", text: "ab" });
      const s = back.get("s") as MatStruct;
      expect(s.fieldNames).toEqual(["a", "a_much_longer_field_name"]);
      expect(Array.from((s.elements[0].a_much_longer_field_name as MatNumeric).data)).toEqual([2, 3]);
      expect((s.elements[1].a as MatNumeric).data[0]).toBe(4);
      expect(s.elements[1].a_much_longer_field_name).toMatchObject({ kind: "cell", dims: [0, 0] });
    });
  }

  it("stores integer-valued doubles compactly (1 byte for 0..255) and float32 values as single", () => {
    const n = 4000;
    const size = (data: ArrayLike<number>) => writeMat(new Map([["x", num([1, n], data)]]), { compress: false }).length;
    const bytes = size(Array.from({ length: n }, (_, i) => i % 256));
    const singles = size(Array.from({ length: n }, (_, i) => Math.fround(i / 3)));
    const doubles = size(Array.from({ length: n }, (_, i) => i / 3));
    expect(bytes).toBeLessThan(128 + 100 + n);
    expect(singles).toBeLessThan(128 + 100 + 4 * n);
    expect(doubles).toBeGreaterThan(8 * n);
  });

  it("refuses inconsistent shapes and bad names", () => {
    expect(() => writeMat(new Map([["x", num([2, 2], [1, 2, 3])]]))).toThrow(ShapeError);
    expect(() => writeMat(new Map([["1x", num([1, 1], [1])]]))).toThrow(ShapeError);
  });
});
