/**
 * The minimum-jerk time law (Flash & Hogan 1985): the fraction of a movement completed at
 * normalised time τ ∈ [0, 1],
 *
 *   s(τ) = 10 τ³ − 15 τ⁴ + 6 τ⁵,
 *
 * the quintic with zero velocity and acceleration at both ends that minimises ∫ (d³x/dt³)² dt for a
 * point-to-point movement. s(0) = 0, s(1) = 1, peak speed s'(½) = 15/8.
 */
export function minJerk(tau: number): number {
  const t = tau <= 0 ? 0 : tau >= 1 ? 1 : tau;
  return t * t * t * (10 + t * (-15 + 6 * t));
}
