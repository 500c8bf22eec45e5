/**
 * The per-sample random affine jitter of the digit generator, applied to the trajectory before it
 * is rendered — so the image and the trajectory get exactly the same transform.
 *
 * A template point p (template units, see `stroke-templates.ts`) goes to pixels as
 *
 *   q = centre + shift + R(θ) · [[1, h], [0, 1]] · σ · u · (p − c)
 *
 * with c the template's bounding-box centre, u the pixels per template unit, σ the scale factor,
 * h the shear (x += h·y), θ the rotation (positive turns +x towards +y, i.e. clockwise on screen,
 * as y points down), `centre` the image centre ((S − 1)/2 with pixel centres at integers).
 */
import type { Rng } from "../../math/rng.js";

/** Ranges of the jitter: each parameter is uniform in [−limit, +limit] (scale: 1 ± limit). */
export const JITTER_LIMITS = {
  /** Rotation, degrees. */
  rotationDeg: 8,
  /** Shift of each coordinate, pixels. */
  shiftPx: 3,
  /** Relative scale change. */
  scale: 0.1,
  /** Horizontal shear factor. */
  shear: 0.1,
} as const;

/** A 2-D affine map: (x, y) → (a x + b y + tx, c x + d y + ty). */
export interface Affine2 {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
  readonly tx: number;
  readonly ty: number;
}

/** Draw the jitter and compose the template → pixel map (see the file comment). */
export function sampleAffineJitter(rng: Rng, templateCentre: readonly [number, number], unitPx: number, imageSize: number): Affine2 {
  const theta = (rng.uniform(-1, 1) * JITTER_LIMITS.rotationDeg * Math.PI) / 180;
  const sigma = 1 + rng.uniform(-1, 1) * JITTER_LIMITS.scale;
  const h = rng.uniform(-1, 1) * JITTER_LIMITS.shear;
  const sx = rng.uniform(-1, 1) * JITTER_LIMITS.shiftPx;
  const sy = rng.uniform(-1, 1) * JITTER_LIMITS.shiftPx;
  const k = sigma * unitPx;
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  // R · Sh · k = [[cos, −sin], [sin, cos]] · [[k, h k], [0, k]].
  const a = cos * k;
  const b = cos * h * k - sin * k;
  const c = sin * k;
  const d = sin * h * k + cos * k;
  const centre = (imageSize - 1) / 2;
  const [cx, cy] = templateCentre;
  return { a, b, c, d, tx: centre + sx - (a * cx + b * cy), ty: centre + sy - (c * cx + d * cy) };
}

/** Apply `m` to n points stored as (x, y) pairs in `src`, writing into `dst` (may be the same array). */
export function applyAffine(m: Affine2, src: ArrayLike<number>, dst: { [i: number]: number }, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = src[2 * i];
    const y = src[2 * i + 1];
    dst[2 * i] = m.a * x + m.b * y + m.tx;
    dst[2 * i + 1] = m.c * x + m.d * y + m.ty;
  }
}
