/**
 * Reward-shaping primitives in the spirit of Meta-World v2 (tasks.md §1), written from the formulas.
 *
 * tolerance(x; lo, hi, margin): 1 when lo <= x <= hi; outside, with d = (distance to the nearest
 * bound) / margin, it decays as
 *   long tail: 1 / (1 + 9 d²)          (0.1 at d = 1, slow tail)
 *   gaussian:  exp(−0.5 d² · 2 ln 10)   (0.1 at d = 1, fast tail)
 * and with margin 0 it is 0 outside the bounds.
 */

export type Sigmoid = "long_tail" | "gaussian";

const LN10 = Math.log(10);

/** tolerance(x; [lo, hi], margin, sigmoid) ∈ [0, 1], see the module comment. */
export function tolerance(x: number, lo: number, hi: number, margin: number, sigmoid: Sigmoid = "long_tail"): number {
  if (x >= lo && x <= hi) return 1;
  if (margin <= 0) return 0;
  const d = (x < lo ? lo - x : x - hi) / margin;
  return sigmoid === "long_tail" ? 1 / (1 + 9 * d * d) : Math.exp(-d * d * LN10);
}

/** Hamacher product a·b / (a + b − a·b) (0 when both are 0): a soft "and" of two scores in [0, 1]. */
export function hamacher(a: number, b: number): number {
  const denom = a + b - a * b;
  return denom > 0 ? (a * b) / denom : 0;
}
