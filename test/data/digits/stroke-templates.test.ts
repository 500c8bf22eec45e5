import { describe, expect, it } from "vitest";
import { TEMPLATES, parsePath } from "../../../src/data/digits/stroke-templates.js";

describe("stroke templates", () => {
  it("has at least two styles for every digit 0–9, with unique names", () => {
    for (let d = 0; d < 10; d++) {
      const styles = TEMPLATES.filter((t) => t.digit === d).map((t) => t.style);
      expect(styles.length).toBeGreaterThanOrEqual(2);
      expect(new Set(styles).size).toBe(styles.length);
    }
  });

  it("keeps every control point in the template box and pieces chained end to start", () => {
    for (const t of TEMPLATES) {
      for (const piece of t.pieces) for (const [x, y] of piece) expect(x >= 0 && x <= 10 && y >= 0 && y <= 10).toBe(true);
      for (let k = 1; k < t.pieces.length; k++) expect(t.pieces[k][0]).toEqual(t.pieces[k - 1][t.pieces[k - 1].length - 1]);
    }
  });

  it("parses the path notation and rejects malformed paths", () => {
    expect(parsePath("0 0, 1 1 | 2 0")).toEqual([[[0, 0], [1, 1]], [[1, 1], [2, 0]]]);
    expect(() => parsePath("0 0")).toThrow(/at least two points/);
    expect(() => parsePath("0 0, 1 x")).toThrow(/bad point/);
    expect(() => parsePath("0 0 0, 1 1")).toThrow(/bad point/);
  });
});
