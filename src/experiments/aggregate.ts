/**
 * Aggregating a grid point's runs over seeds (pure functions).
 *
 * - Spread is the **sample** standard deviation over seeds, s = √(Σ (x_i − x̄)² / (n − 1)) (0 for
 *   a single seed): the usual estimate of the seed-to-seed spread, and what bands of ±1 s show.
 * - Curves: each seed's learning curve is linearly interpolated onto the common grid — the sorted
 *   union of all seeds' x values inside the range every seed covers, [max_i first x_i,
 *   min_i last x_i] (no extrapolation) — then mean ± s at every grid x. Seeds of one config
 *   evaluate at the same steps, so the grid is then just those steps.
 * - "Score at a sample count": each seed's curve interpolated at x = fraction × budget, then
 *   mean ± s; undefined when x lies before a seed's first evaluation.
 * - Area under the curve: the trapezoidal mean score over [0, x_max] of a curve starting at its
 *   first point, a sample-efficiency summary (1 = solved from the first sample on).
 */
import type { RunSummary } from "./job-kind.js";

export interface MeanStd {
  mean: number;
  /** Sample standard deviation (n − 1 in the denominator; 0 when n = 1). */
  std: number;
  n: number;
}

export interface MeanCurve {
  x: number[];
  mean: number[];
  std: number[];
  /** Seeds averaged. */
  n: number;
}

export interface PointAggregate {
  /** Seeds with results. */
  n: number;
  /** Mean budget (x units) of the seeds. */
  budget: number;
  curve: MeanCurve;
  /** Final numbers by name. */
  final: Record<string, MeanStd>;
  /** Score at fraction × budget, by fraction; undefined where a seed has no evaluation yet. */
  at: { fraction: number; x: number; score?: MeanStd }[];
}

/** The table's default sample counts, as fractions of the budget. */
export const TABLE_FRACTIONS = [0.25, 0.5, 1] as const;

/** Mean and sample standard deviation of `xs` (n ≥ 1). */
export function meanStd(xs: readonly number[]): MeanStd {
  const n = xs.length;
  if (n === 0) return { mean: Number.NaN, std: Number.NaN, n: 0 };
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  const ss = xs.reduce((s, x) => s + (x - mean) ** 2, 0);
  return { mean, std: n > 1 ? Math.sqrt(ss / (n - 1)) : 0, n };
}

/** The curve's y at `x` by linear interpolation between its points; undefined outside [first x, last x]. */
export function interpolate(curve: readonly (readonly [number, number])[], x: number): number | undefined {
  if (curve.length === 0 || x < curve[0][0] || x > curve.at(-1)![0]) return undefined;
  for (let i = 1; i < curve.length; i++) {
    const [x1, y1] = curve[i];
    if (x <= x1) {
      const [x0, y0] = curve[i - 1];
      return x1 === x0 ? y1 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
    }
  }
  return curve[0][1]; // a single point at exactly x
}

/** Seeds' curves averaged on their common grid (see the file header). */
export function meanCurve(curves: readonly (readonly (readonly [number, number])[])[]): MeanCurve {
  const used = curves.filter((c) => c.length > 0);
  if (used.length === 0) return { x: [], mean: [], std: [], n: 0 };
  const lo = Math.max(...used.map((c) => c[0][0]));
  const hi = Math.min(...used.map((c) => c.at(-1)![0]));
  const x = [...new Set(used.flatMap((c) => c.map((p) => p[0])))].filter((v) => v >= lo && v <= hi).sort((a, b) => a - b);
  const stats = x.map((v) => meanStd(used.map((c) => interpolate(c, v)!)));
  return { x, mean: stats.map((s) => s.mean), std: stats.map((s) => s.std), n: used.length };
}

/** Trapezoidal mean of y over [x_0, x_last] (the area under the curve divided by its width). */
export function curveArea(x: readonly number[], y: readonly number[]): number {
  if (x.length === 0) return Number.NaN;
  if (x.length === 1) return y[0];
  let area = 0;
  for (let i = 1; i < x.length; i++) area += ((y[i] + y[i - 1]) / 2) * (x[i] - x[i - 1]);
  return area / (x.at(-1)! - x[0]);
}

/** The first x at which the curve reaches `level` (linear between points); undefined if never. */
export function firstReach(x: readonly number[], y: readonly number[], level: number): number | undefined {
  for (let i = 0; i < x.length; i++) {
    if (y[i] < level) continue;
    if (i === 0) return x[0];
    return x[i - 1] + ((level - y[i - 1]) * (x[i] - x[i - 1])) / (y[i] - y[i - 1]);
  }
  return undefined;
}

/** One grid point's seeds aggregated: curve, final numbers, score at fractions of the budget. */
export function aggregatePoint(runs: readonly RunSummary[], fractions: readonly number[] = TABLE_FRACTIONS): PointAggregate {
  const names = [...new Set(runs.flatMap((r) => Object.keys(r.final)))];
  const budget = meanStd(runs.map((r) => r.budget)).mean;
  return {
    n: runs.length,
    budget,
    curve: meanCurve(runs.map((r) => r.curve)),
    final: Object.fromEntries(names.map((k) => [k, meanStd(runs.map((r) => r.final[k]).filter((v) => v !== undefined))])),
    at: fractions.map((fraction) => {
      const x = fraction * budget;
      const ys = runs.map((r) => interpolate(r.curve, x));
      return { fraction, x, score: runs.length > 0 && ys.every((y) => y !== undefined) ? meanStd(ys as number[]) : undefined };
    }),
  };
}
