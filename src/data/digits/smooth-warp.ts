/**
 * A smooth random deformation of the pen path (handwriting variability beyond an affine map: loop
 * sizes, bowing of straight strokes). In template units,
 *
 *   p' = p + Σ_{j=1..J} a_j · e_{axis(j)} · sin(k_j · p + φ_j),
 *
 * J = 4 plane waves, two displacing x and two displacing y, with amplitudes a_j ∈ [0, A], random
 * directions, wavelengths in [λmin, λmax] (digit-sized, so the warp bends strokes without
 * wrinkling them) and phases φ_j ∈ [0, 2π). |p' − p| ≤ 2A per axis. The same point always moves
 * the same way, so retraced strokes stay on top of each other.
 */
import type { Rng } from "../../math/rng.js";

export const WARP_LIMITS = {
  /** Largest amplitude of one wave, template units (1 unit = 2.4 px at the default size). */
  amplitude: 0.22,
  minWavelength: 8,
  maxWavelength: 18,
} as const;

export interface SmoothWarp {
  /** Wave j: amplitude, wave vector (kx, ky), phase; waves 0, 1 move x, waves 2, 3 move y. */
  readonly waves: readonly { readonly a: number; readonly kx: number; readonly ky: number; readonly phi: number }[];
}

export function sampleSmoothWarp(rng: Rng): SmoothWarp {
  const waves = [];
  for (let j = 0; j < 4; j++) {
    const a = rng.uniform(0, WARP_LIMITS.amplitude);
    const dir = rng.uniform(0, 2 * Math.PI);
    const k = (2 * Math.PI) / rng.uniform(WARP_LIMITS.minWavelength, WARP_LIMITS.maxWavelength);
    waves.push({ a, kx: k * Math.cos(dir), ky: k * Math.sin(dir), phi: rng.uniform(0, 2 * Math.PI) });
  }
  return { waves };
}

/** Warp n points stored as (x, y) pairs in `src` into `dst` (may be the same array). */
export function applySmoothWarp(w: SmoothWarp, src: ArrayLike<number>, dst: { [i: number]: number }, n: number): void {
  const [w0, w1, w2, w3] = w.waves;
  for (let i = 0; i < n; i++) {
    const x = src[2 * i];
    const y = src[2 * i + 1];
    dst[2 * i] = x + w0.a * Math.sin(w0.kx * x + w0.ky * y + w0.phi) + w1.a * Math.sin(w1.kx * x + w1.ky * y + w1.phi);
    dst[2 * i + 1] = y + w2.a * Math.sin(w2.kx * x + w2.ky * y + w2.phi) + w3.a * Math.sin(w3.kx * x + w3.ky * y + w3.phi);
  }
}
