/**
 * The canonical system (paper Eq. 2): τ ẋ = −aX x, x(0) = 1, integrated with explicit Euler
 *   x_t = x_{t−1} + (−aX x_{t−1} / τ) dt,   t = 1..m,
 * exactly as the reference roll-out advances it (same operations, same rounding).
 */
import { stepSize, type DmpConfig } from "./config.js";

/** Phases x_0..x_count−1 (x_0 = 1), length `count` (default m + 2: one beyond the last point). */
export function phaseSequence(cfg: DmpConfig, count = cfg.steps + 2): Float64Array {
  const dt = stepSize(cfg);
  const xs = new Float64Array(count);
  let x = 1;
  for (let t = 0; t < count; t++) {
    xs[t] = x;
    x = x + ((-cfg.aX * x) / cfg.tau) * dt;
  }
  return xs;
}
