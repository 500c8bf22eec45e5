/**
 * A centripetal Catmull–Rom spline through control points, reparametrised by arc length.
 *
 * Span i runs from P_i to P_{i+1} and uses P_{i−1}..P_{i+2}; knots t_{j+1} = t_j + |P_{j+1} − P_j|^½
 * (centripetal: no cusps or self-intersections inside a span, Yuksel et al. 2011). Point at t in
 * [t1, t2] by the Barry–Goldman pyramid:
 *   A_k = lerp(P_k, P_{k+1}) over [t_k, t_{k+1}]  (k = 0, 1, 2)
 *   B_k = lerp(A_k, A_{k+1}) over [t_k, t_{k+2}]  (k = 0, 1)
 *   C   = lerp(B_0, B_1)     over [t_1, t_2]
 * The end spans use reflected phantom points P_{−1} = 2P_0 − P_1 and P_n = 2P_{n−1} − P_{n−2}.
 * Arc length is tabulated at `SUBSTEPS` points per span; `pointAtLength(s)` inverts that table
 * linearly in the spline parameter and evaluates the curve there, so every output point lies
 * exactly on the spline.
 */

export type Point = readonly [x: number, y: number];

const SUBSTEPS = 48;

export interface ArcLengthSpline {
  /** Total arc length. */
  readonly length: number;
  /** Write the point at arc length s ∈ [0, length] into out[offset], out[offset + 1]. */
  pointAtLength(s: number, out: Float64Array, offset: number): void;
}

/** Build the spline through `points` (≥ 2; consecutive duplicates are dropped). */
export function catmullRom(points: readonly Point[]): ArcLengthSpline {
  const pts = points.filter((p, i) => i === 0 || p[0] !== points[i - 1][0] || p[1] !== points[i - 1][1]);
  if (pts.length < 2) throw new Error("catmullRom needs at least two distinct points");
  const n = pts.length;
  // Control polygon with phantom end points: P[-1], P[0..n-1], P[n].
  const px = new Float64Array(n + 2);
  const py = new Float64Array(n + 2);
  for (let i = 0; i < n; i++) {
    px[i + 1] = pts[i][0];
    py[i + 1] = pts[i][1];
  }
  px[0] = 2 * px[1] - px[2];
  py[0] = 2 * py[1] - py[2];
  px[n + 1] = 2 * px[n] - px[n - 1];
  py[n + 1] = 2 * py[n] - py[n - 1];
  const knots = new Float64Array(n + 2);
  for (let j = 1; j < n + 2; j++) knots[j] = knots[j - 1] + Math.sqrt(Math.hypot(px[j] - px[j - 1], py[j] - py[j - 1]));

  const spans = n - 1;
  // evalAt(u): u ∈ [0, spans], integer part = span, fraction = position in span.
  const evalAt = (u: number, out: Float64Array, o: number): void => {
    let i = Math.floor(u);
    if (i >= spans) i = spans - 1;
    const f = u - i;
    // Span i uses control indices i..i+3 (P_{i-1}..P_{i+2} in the shifted array).
    const t0 = knots[i];
    const t1 = knots[i + 1];
    const t2 = knots[i + 2];
    const t3 = knots[i + 3];
    const t = t1 + f * (t2 - t1);
    const x0 = px[i], x1 = px[i + 1], x2 = px[i + 2], x3 = px[i + 3];
    const y0 = py[i], y1 = py[i + 1], y2 = py[i + 2], y3 = py[i + 3];
    const a1x = ((t1 - t) * x0 + (t - t0) * x1) / (t1 - t0);
    const a1y = ((t1 - t) * y0 + (t - t0) * y1) / (t1 - t0);
    const a2x = ((t2 - t) * x1 + (t - t1) * x2) / (t2 - t1);
    const a2y = ((t2 - t) * y1 + (t - t1) * y2) / (t2 - t1);
    const a3x = ((t3 - t) * x2 + (t - t2) * x3) / (t3 - t2);
    const a3y = ((t3 - t) * y2 + (t - t2) * y3) / (t3 - t2);
    const b1x = ((t2 - t) * a1x + (t - t0) * a2x) / (t2 - t0);
    const b1y = ((t2 - t) * a1y + (t - t0) * a2y) / (t2 - t0);
    const b2x = ((t3 - t) * a2x + (t - t1) * a3x) / (t3 - t1);
    const b2y = ((t3 - t) * a2y + (t - t1) * a3y) / (t3 - t1);
    out[o] = ((t2 - t) * b1x + (t - t1) * b2x) / (t2 - t1);
    out[o + 1] = ((t2 - t) * b1y + (t - t1) * b2y) / (t2 - t1);
  };

  // Arc-length table: cum[k] = length from u = 0 to u = k / SUBSTEPS.
  const samples = spans * SUBSTEPS;
  const cum = new Float64Array(samples + 1);
  const p = new Float64Array(4);
  evalAt(0, p, 0);
  for (let k = 1; k <= samples; k++) {
    evalAt(k / SUBSTEPS, p, 2);
    cum[k] = cum[k - 1] + Math.hypot(p[2] - p[0], p[3] - p[1]);
    p[0] = p[2];
    p[1] = p[3];
  }
  const length = cum[samples];

  return {
    length,
    pointAtLength(s, out, offset) {
      const target = s <= 0 ? 0 : s >= length ? length : s;
      // Binary search for cum[k] ≤ target < cum[k + 1].
      let lo = 0;
      let hi = samples;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (cum[mid] <= target) lo = mid;
        else hi = mid;
      }
      const seg = cum[hi] - cum[lo];
      const frac = seg > 0 ? (target - cum[lo]) / seg : 0;
      evalAt((lo + frac) / SUBSTEPS, out, offset);
    },
  };
}
