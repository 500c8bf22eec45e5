import { describe, expect, it } from "vitest";
import { catmullRom } from "../../../src/data/digits/catmull-rom.js";

const at = (spline: ReturnType<typeof catmullRom>, s: number) => {
  const out = new Float64Array(2);
  spline.pointAtLength(s, out, 0);
  return [out[0], out[1]];
};

describe("catmullRom (centripetal, by arc length)", () => {
  it("is the straight line itself, at uniform speed, for collinear points", () => {
    const sp = catmullRom([[0, 0], [1, 1], [3, 3], [4, 4]]);
    expect(sp.length).toBeCloseTo(4 * Math.SQRT2, 6);
    for (const s of [0, 0.7, 2.5, 5]) {
      const [x, y] = at(sp, s);
      expect(x).toBeCloseTo(s / Math.SQRT2, 4);
      expect(y).toBeCloseTo(s / Math.SQRT2, 4);
    }
  });

  it("passes through its control points and starts/ends at the first/last one", () => {
    const pts = [[0, 0], [2, 1], [3, 3], [1, 4], [0, 3]] as const;
    const sp = catmullRom(pts);
    expect(at(sp, 0)).toEqual([0, 0]);
    const [ex, ey] = at(sp, sp.length);
    expect(ex).toBeCloseTo(0, 9);
    expect(ey).toBeCloseTo(3, 9);
    // Each inner control point is on the curve: some dense sample comes within 1e-3 of it.
    const dense = Array.from({ length: 4001 }, (_, k) => at(sp, (sp.length * k) / 4000));
    for (const [px, py] of pts) expect(Math.min(...dense.map(([x, y]) => Math.hypot(x - px, y - py)))).toBeLessThan(2e-3);
  });

  it("spaces equal arc lengths equally along a curve (chords of equal length)", () => {
    // A quarter circle of radius 10 through 7 points.
    const pts = Array.from({ length: 7 }, (_, k) => [10 * Math.cos((k * Math.PI) / 12), 10 * Math.sin((k * Math.PI) / 12)] as const);
    const sp = catmullRom(pts);
    expect(sp.length).toBeCloseTo((Math.PI / 2) * 10, 1);
    const n = 50;
    const chords = Array.from({ length: n }, (_, k) => {
      const [x0, y0] = at(sp, (sp.length * k) / n);
      const [x1, y1] = at(sp, (sp.length * (k + 1)) / n);
      return Math.hypot(x1 - x0, y1 - y0);
    });
    expect(Math.max(...chords) / Math.min(...chords)).toBeLessThan(1.01);
  });
});
