/**
 * Timing a stroke template: the pen path as one trajectory of `points` samples over the writing
 * time T (3 s for 301 points, dt = 10 ms), in template units.
 *
 * Choice (documented in README § Data): each smooth piece (corners split pieces, see
 * `stroke-templates.ts`) is a centripetal Catmull–Rom spline reparametrised by arc length, and is
 * traversed with its own minimum-jerk profile, so the pen starts, stops at every corner and ends
 * with zero velocity and acceleration:
 *
 *   y(t) = C_k( L_k · s((t − T_k) / D_k) )    for t ∈ [T_k, T_k + D_k],  s(τ) = 10τ³ − 15τ⁴ + 6τ⁵,
 *
 * where C_k is piece k by arc length, L_k its length, and the durations D_k ∝ √L_k (summing to T).
 * With D ∝ √L the peak acceleration 5.77 L / D² is the same for every piece (a long piece is not
 * rushed, a short retrace is not crawled; handwriting is roughly isochronous in the same way).
 * One global min-jerk profile along the whole arc length would instead pass corners at full speed,
 * a velocity jump that no pen makes.
 */
import { catmullRom, type ArcLengthSpline } from "./catmull-rom.js";
import { minJerk } from "./min-jerk.js";
import type { StrokeTemplate } from "./stroke-templates.js";

/** The arc-length splines of a template's pieces. */
export function templateSplines(template: StrokeTemplate): ArcLengthSpline[] {
  return template.pieces.map((piece) => catmullRom(piece));
}

/**
 * Sample the timed pen path at `points` equally spaced times: a Float64Array of points × 2,
 * (x, y) per time step, in the template's units.
 */
export function timePenPath(splines: readonly ArcLengthSpline[], points: number): Float64Array {
  const out = new Float64Array(points * 2);
  const weights = splines.map((s) => Math.sqrt(s.length));
  const total = weights.reduce((a, b) => a + b, 0);
  // Piece k occupies normalised time [start_k, start_k + dur_k].
  let piece = 0;
  let start = 0;
  let dur = weights[0] / total;
  for (let j = 0; j < points; j++) {
    const t = points === 1 ? 0 : j / (points - 1);
    while (piece < splines.length - 1 && t > start + dur) {
      start += dur;
      piece++;
      dur = weights[piece] / total;
    }
    const spline = splines[piece];
    spline.pointAtLength(spline.length * minJerk((t - start) / dur), out, 2 * j);
  }
  return out;
}
