/**
 * Hand-authored pen paths for the digits 0–9, several writing styles per digit (our own, drawn for
 * ndp). Each style is ONE continuous pen path, as in the original s-MNIST where every digit is
 * written in one go: digits usually drawn with two strokes (4, 5, 7 with a crossbar, 1 with a base)
 * continue along ink already on the page (a short retrace) instead of lifting the pen, so every
 * point of the trajectory is inked.
 *
 * Path notation (template units: x to the right, y DOWN, the digit drawn in the box [0, 10]²):
 *   "x y, x y, ..."   control points of a smooth curve (a Catmull–Rom spline passes through them);
 *   "|"               a corner: the pen stops there and a new smooth piece begins at that point.
 * Styles of one digit differ visibly in the image (a crossbar, a serif, a closed top, a curved
 * tail), never only in the order of the strokes, so the image determines the trajectory.
 */
import type { Point } from "./catmull-rom.js";

export interface StrokeTemplate {
  readonly digit: number;
  /** Short style name, e.g. "crossbar". */
  readonly style: string;
  /** Smooth pieces joined at corners; piece k + 1 starts at the last point of piece k. */
  readonly pieces: readonly (readonly Point[])[];
}

/** Parse the path notation above into pieces (each piece repeats its start point). */
export function parsePath(path: string): Point[][] {
  const pieces: Point[][] = [];
  let last: Point | undefined;
  for (const chunk of path.split("|")) {
    const pts: Point[] = chunk
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s.length > 0)
      .map((s) => {
        const [x, y, extra] = s.split(/\s+/).map(Number);
        if (!Number.isFinite(x) || !Number.isFinite(y) || extra !== undefined) throw new Error(`bad point ${JSON.stringify(s)} in path ${JSON.stringify(path)}`);
        return [x, y] as const;
      });
    const piece = last === undefined ? pts : [last, ...pts];
    if (piece.length < 2) throw new Error(`a piece needs at least two points in path ${JSON.stringify(path)}`);
    pieces.push(piece);
    last = piece[piece.length - 1];
  }
  return pieces;
}

const t = (digit: number, style: string, path: string): StrokeTemplate => ({ digit, style, pieces: parsePath(path) });

/** Every style of every digit; `TEMPLATES.filter(s => s.digit === d)` gives the styles of d. */
export const TEMPLATES: readonly StrokeTemplate[] = [
  // 0: an oval begun at the top, anticlockwise, closing with a small overlap.
  t(0, "oval", "5.3 0.3, 3.4 1.0, 2.2 3.4, 2.0 6.0, 2.9 8.6, 4.9 9.8, 6.9 8.9, 7.9 6.3, 7.7 3.3, 6.7 1.0, 5.1 0.3, 4.0 0.9"),
  t(0, "narrow", "5.6 0.3, 4.0 1.1, 3.3 3.6, 3.2 6.4, 3.9 8.9, 5.2 9.8, 6.5 8.9, 7.0 6.2, 6.9 3.2, 6.4 1.0, 5.3 0.4"),
  // 1: a plain downstroke; with a flag; with a flag and a base.
  t(1, "plain", "5.4 0.3, 5.2 5.0, 4.9 9.7"),
  t(1, "flag", "3.3 2.4, 5.6 0.3 | 5.3 5.0, 5.0 9.7"),
  t(1, "serif", "3.4 2.2, 5.5 0.3 | 5.2 5.0, 5.0 9.6 | 3.2 9.6 | 6.9 9.6"),
  // 2: a hook, a diagonal and a flat base; one with a loop at the bottom left.
  t(2, "flat", "2.4 2.6, 3.4 0.9, 5.2 0.3, 7.0 1.1, 7.6 3.0, 6.8 5.1, 4.6 7.2, 2.3 9.6 | 8.0 9.6"),
  t(2, "loop", "2.5 2.2, 3.7 0.6, 5.5 0.3, 7.1 1.4, 7.2 3.4, 5.9 5.6, 4.3 7.3, 3.0 8.6, 2.3 9.5, 2.8 10.0, 3.9 9.9, 4.7 9.0, 4.2 8.1, 3.2 8.3, 2.9 9.2, 3.8 9.8, 5.6 9.5, 7.0 9.8, 8.1 9.4"),
  // 3: two bowls meeting at a cusp; a flat-topped 3.
  t(3, "round", "2.4 1.6, 4.0 0.3, 6.0 0.4, 7.3 1.8, 6.8 3.8, 4.7 4.8 | 6.9 5.5, 7.7 7.4, 6.6 9.3, 4.5 9.8, 2.2 8.8"),
  t(3, "flat-top", "2.6 0.4, 7.6 0.4 | 4.6 4.3 | 6.7 4.7, 7.8 6.8, 7.1 9.0, 5.0 9.8, 2.2 8.8"),
  // 4: open (diagonal, bar, then the stem, retracing the bar back to it); closed-top (the
  //    diagonal starts at the top of the stem, making a triangle).
  t(4, "open", "4.4 0.3, 1.8 6.5 | 8.3 6.5 | 6.6 6.5 | 6.6 2.0 | 6.6 9.8"),
  t(4, "closed", "6.6 0.3, 1.9 6.6 | 8.3 6.6 | 6.6 6.6 | 6.6 0.3 | 6.6 9.8"),
  // 5: flag first, then the stem and the belly; a wide 5 with a rounder belly.
  t(5, "flag", "7.6 0.4, 3.2 0.4 | 2.8 4.4 | 4.6 3.7, 6.7 4.3, 7.7 6.6, 6.8 8.9, 4.6 9.8, 2.3 8.8"),
  t(5, "round", "7.9 0.3, 3.6 0.5 | 3.1 4.8 | 5.0 4.1, 7.3 5.1, 7.8 7.6, 6.0 9.6, 3.6 9.7, 2.2 8.3"),
  // 6: a long curved stem into a loop; a straighter stem with a larger loop.
  t(6, "curved", "7.0 0.8, 5.0 0.3, 3.2 1.8, 2.2 5.0, 2.5 8.2, 4.5 9.8, 6.8 9.0, 7.6 7.0, 6.6 5.2, 4.5 5.0, 2.6 6.5"),
  t(6, "straight", "6.6 0.2, 3.6 4.0, 2.4 7.0, 3.3 9.3, 5.3 9.8, 7.2 8.6, 7.3 6.4, 5.5 5.1, 3.4 5.6, 2.5 7.0"),
  // 7: bar and diagonal; with a crossbar (drawn after coming back up the stem to it);
  //    with a down-tick at the start of the bar.
  t(7, "plain", "2.0 0.6, 8.0 0.6 | 6.4 4.0, 5.1 7.0, 4.3 9.8"),
  t(7, "crossbar", "2.0 0.6, 8.0 0.6 | 6.5 4.1, 5.3 7.0, 4.6 9.8 | 5.3 7.0, 6.1 5.0 | 3.8 5.0 | 8.4 5.0"),
  t(7, "tick", "2.1 2.0, 2.0 0.6 | 8.0 0.5 | 6.6 3.6, 5.2 6.7, 4.2 9.8"),
  // 8: an S down and back up, crossing itself in the middle.
  t(8, "s-loop", "7.1 1.4, 5.1 0.3, 3.0 1.1, 2.9 3.3, 5.0 4.8, 7.3 6.4, 7.3 8.7, 5.0 9.8, 2.8 8.7, 2.8 6.4, 5.0 4.8, 7.0 3.3, 7.1 1.4, 6.1 0.5"),
  t(8, "round-top", "5.0 0.3, 2.9 1.0, 2.6 3.0, 4.1 4.4, 6.4 5.5, 7.6 7.6, 6.6 9.5, 4.5 9.8, 2.6 8.5, 3.1 6.3, 5.4 4.6, 7.2 3.0, 6.9 0.9, 5.0 0.3"),
  // 9: a loop closed on the right, then a straight or a curved tail.
  t(9, "straight", "7.3 1.6, 5.3 0.3, 3.0 1.0, 2.3 2.9, 3.4 4.6, 5.6 4.7, 7.3 3.3, 7.5 1.0 | 7.3 5.0, 6.6 9.8"),
  t(9, "curved", "7.3 1.6, 5.3 0.3, 3.0 1.0, 2.3 2.9, 3.4 4.6, 5.6 4.7, 7.3 3.3, 7.5 1.0 | 7.4 5.2, 6.8 8.2, 5.1 9.7, 3.2 9.2"),
];
