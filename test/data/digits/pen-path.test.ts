import { describe, expect, it } from "vitest";
import { templateSplines, timePenPath } from "../../../src/data/digits/pen-path.js";
import { TEMPLATES } from "../../../src/data/digits/stroke-templates.js";

const speed = (p: Float64Array, j: number) => Math.hypot(p[2 * j + 2] - p[2 * j], p[2 * j + 3] - p[2 * j + 1]);

describe("timePenPath (per-piece minimum jerk along arc length)", () => {
  it("starts at the first control point, ends at the last, at rest", () => {
    for (const t of TEMPLATES) {
      const p = timePenPath(templateSplines(t), 301);
      const first = t.pieces[0][0];
      const lastPiece = t.pieces[t.pieces.length - 1];
      const last = lastPiece[lastPiece.length - 1];
      expect(Math.hypot(p[0] - first[0], p[1] - first[1])).toBeLessThan(1e-9);
      expect(Math.hypot(p[600] - last[0], p[601] - last[1])).toBeLessThan(1e-9);
      const peak = Math.max(...Array.from({ length: 300 }, (_, j) => speed(p, j)));
      expect(speed(p, 0)).toBeLessThan(0.01 * peak);
      expect(speed(p, 299)).toBeLessThan(0.01 * peak);
    }
  });

  it("stops at corners: the pen slows to near rest at every corner of the 7 with a crossbar", () => {
    const t = TEMPLATES.find((s) => s.digit === 7 && s.style === "crossbar")!;
    const p = timePenPath(templateSplines(t), 301);
    const peak = Math.max(...Array.from({ length: 300 }, (_, j) => speed(p, j)));
    for (const piece of t.pieces.slice(1)) {
      const [cx, cy] = piece[0];
      // The time step closest to the corner moves slowly.
      let best = 0;
      for (let j = 1; j < 300; j++) if (Math.hypot(p[2 * j] - cx, p[2 * j + 1] - cy) < Math.hypot(p[2 * best] - cx, p[2 * best + 1] - cy)) best = j;
      expect(Math.hypot(p[2 * best] - cx, p[2 * best + 1] - cy)).toBeLessThan(0.01);
      expect(speed(p, best)).toBeLessThan(0.05 * peak);
    }
  });

  it("for a single straight piece follows s(τ) = 10τ³ − 15τ⁴ + 6τ⁵ exactly", () => {
    const p = timePenPath(templateSplines({ digit: 1, style: "line", pieces: [[[0, 0], [10, 0]]] }), 11);
    const s = (t: number) => 10 * t ** 3 - 15 * t ** 4 + 6 * t ** 5;
    for (let j = 0; j <= 10; j++) expect(p[2 * j]).toBeCloseTo(10 * s(j / 10), 6);
  });
});
