/**
 * Reward shaping in the spirit of Meta-World v2 (tasks.md §1), written from the formula.
 *
 * tolerance(x; lo, hi, margin): 1 when lo <= x <= hi; outside, with d = (distance to the nearest
 * bound) / margin, the long-tail sigmoid 1 / (1 + 9 d²) (0.1 at d = 1, a slow tail); with
 * margin 0 it is 0 outside the bounds.
 */

/** tolerance(x; [lo, hi], margin) ∈ [0, 1], see the module comment. */
export function tolerance(x: number, lo: number, hi: number, margin: number): number {
  if (x >= lo && x <= hi) return 1;
  if (margin <= 0) return 0;
  const d = (x < lo ? lo - x : x - hi) / margin;
  return 1 / (1 + 9 * d * d);
}
