/**
 * The reference DMP roll-out: the step-by-step explicit Euler loop of design.md §1, in plain
 * float64. It is the definition every fast path is tested against.
 *
 * Per dimension, with the Euler step dt (default τ / m):
 *   x = 1, y = y0, z = ẏ0 τ, out[0] = y0
 *   for t = 1..m:
 *     x  = x + (−aX x / τ) dt
 *     f  = (Σ_i φ_i(x) w_i) (g − y0)              φ_i(x) = ψ_i(x) x / Σ_j ψ_j(x)
 *     dz = (αz (βz (g − y) − z) + f) / τ
 *     y  = y + (z / τ) dt                          (uses z from before this step)
 *     z  = z + dz dt
 *     out[t] = y
 * Outputs, for each point t = 0..m: position y_t, velocity ẏ_t = z_t / τ, and acceleration
 * ÿ_t = dz / τ evaluated at (y_t, z_t) with the next phase x_{t+1} — the acceleration the loop
 * applies over the step t → t+1, so that ẏ_{t+1} = ẏ_t + ÿ_t dt exactly.
 */
import { basisCenters, normalisedBasis } from "./basis.js";
import { stepSize, type DmpConfig } from "./config.js";
import { assertFiniteRollout, checkParams, type DmpParams, type Rollout } from "./params.js";

export function referenceRollout(cfg: DmpConfig, params: DmpParams): Rollout {
  const p = checkParams(cfg, params);
  const { dims } = p;
  const n = cfg.nBasis;
  const m = cfg.steps;
  const points = m + 1;
  const dt = stepSize(cfg);
  const { alphaZ, betaZ, aX, tau } = cfg;
  const centers = basisCenters(cfg);
  const phi = new Float64Array(n);
  const position = new Float64Array(points * dims);
  const velocity = new Float64Array(points * dims);
  const acceleration = new Float64Array(points * dims);

  for (let d = 0; d < dims; d++) {
    const y0 = p.y0[d];
    const g = p.goal[d];
    const w = p.weights.subarray(d * n, (d + 1) * n);
    let x = 1;
    let y = y0;
    let z = p.dy0[d] * tau;
    position[d] = y;
    velocity[d] = z / tau;
    for (let t = 1; t <= m + 1; t++) {
      x = x + ((-aX * x) / tau) * dt;
      normalisedBasis(cfg.basis, centers, x, phi);
      let fw = 0;
      for (let i = 0; i < n; i++) fw += phi[i] * w[i];
      const f = fw * (g - y0);
      const dz = (alphaZ * (betaZ * (g - y) - z) + f) / tau;
      acceleration[(t - 1) * dims + d] = dz / tau;
      if (t > m) break; // the extra phase step only serves the last acceleration
      y = y + (z / tau) * dt;
      z = z + dz * dt;
      position[t * dims + d] = y;
      velocity[t * dims + d] = z / tau;
    }
  }
  return assertFiniteRollout({ points, dims, position, velocity, acceleration });
}
