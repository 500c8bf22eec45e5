/**
 * Rendering a pen trajectory into a grayscale image: an anti-aliased round pen along the polyline
 * through the trajectory points, then a light Gaussian blur, quantised to 8 bits like MNIST.
 *
 * Pixel (r, c) has its centre at (x = c, y = r) (see `digit-set.ts`). Its pen coverage is
 *
 *   cov(r, c) = clamp(w/2 + ½ − dist((c, r), polyline), 0, 1)
 *
 * (a one-pixel linear ramp across the pen edge: w = pen width in pixels), then
 *
 *   I = quantise₂₅₅( min(1, gain · (G_σ ∗ cov)) ),   G_σ a separable Gaussian, radius ⌈3σ⌉,
 *
 * with `gain` ≥ 1 restoring the centre of a thin stroke to full ink after the blur.
 */

export interface PenStyle {
  /** Pen width, pixels. */
  readonly width: number;
  /** Standard deviation of the blur, pixels (0 = none). */
  readonly blurSigma: number;
  /** Intensity gain after the blur (≥ 1; the result is clipped to 1). */
  readonly gain: number;
}

/** Reusable scratch buffers for one image size. */
export interface RenderScratch {
  readonly size: number;
  readonly coverage: Float32Array;
  readonly tmp: Float32Array;
}

export function createRenderScratch(size: number): RenderScratch {
  return { size, coverage: new Float32Array(size * size), tmp: new Float32Array(size * size) };
}

/**
 * Render the polyline through n points ((x, y) pairs in `points`, pixels) into
 * out[offset .. offset + size²) as row-major intensities in [0, 1] (multiples of 1/255).
 */
export function renderPenTrajectory(points: ArrayLike<number>, n: number, pen: PenStyle, scratch: RenderScratch, out: Float32Array, offset: number): void {
  const { size, coverage, tmp } = scratch;
  coverage.fill(0);
  const half = pen.width / 2 + 0.5;
  for (let i = 0; i + 1 < n || (n === 1 && i === 0); i++) {
    const x0 = points[2 * i];
    const y0 = points[2 * i + 1];
    const x1 = n === 1 ? x0 : points[2 * i + 2];
    const y1 = n === 1 ? y0 : points[2 * i + 3];
    const c0 = Math.max(0, Math.floor(Math.min(x0, x1) - half));
    const c1 = Math.min(size - 1, Math.ceil(Math.max(x0, x1) + half));
    const r0 = Math.max(0, Math.floor(Math.min(y0, y1) - half));
    const r1 = Math.min(size - 1, Math.ceil(Math.max(y0, y1) + half));
    const dx = x1 - x0;
    const dy = y1 - y0;
    const len2 = dx * dx + dy * dy;
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        // Distance from the pixel centre to the segment: project, clamp to [0, 1], measure.
        let u = len2 > 0 ? ((c - x0) * dx + (r - y0) * dy) / len2 : 0;
        u = u < 0 ? 0 : u > 1 ? 1 : u;
        const ex = x0 + u * dx - c;
        const ey = y0 + u * dy - r;
        const cov = half - Math.sqrt(ex * ex + ey * ey);
        if (cov > coverage[r * size + c]) coverage[r * size + c] = cov > 1 ? 1 : cov;
      }
    }
  }
  const blurred = pen.blurSigma > 0 ? gaussianBlur(coverage, tmp, size, pen.blurSigma) : coverage;
  for (let p = 0; p < size * size; p++) {
    const v = blurred[p] * pen.gain;
    out[offset + p] = Math.round((v > 1 ? 1 : v) * 255) / 255;
  }
}

const kernels = new Map<number, Float32Array>();

/** Normalised 1-D Gaussian kernel of radius ⌈3σ⌉, cached by σ. */
function gaussianKernel(sigma: number): Float32Array {
  let k = kernels.get(sigma);
  if (k === undefined) {
    const radius = Math.ceil(3 * sigma);
    k = new Float32Array(2 * radius + 1);
    let sum = 0;
    for (let i = -radius; i <= radius; i++) sum += k[i + radius] = Math.exp((-i * i) / (2 * sigma * sigma));
    for (let i = 0; i < k.length; i++) k[i] /= sum;
    kernels.set(sigma, k);
  }
  return k;
}

/** Separable Gaussian blur of `img` (size × size, zero outside), in place; `tmp` is scratch. Returns `img`. */
function gaussianBlur(img: Float32Array, tmp: Float32Array, size: number, sigma: number): Float32Array {
  const k = gaussianKernel(sigma);
  const radius = (k.length - 1) / 2;
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      let s = 0;
      for (let i = -radius; i <= radius; i++) {
        const cc = c + i;
        if (cc >= 0 && cc < size) s += k[i + radius] * img[r * size + cc];
      }
      tmp[r * size + c] = s;
    }
  }
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      let s = 0;
      for (let i = -radius; i <= radius; i++) {
        const rr = r + i;
        if (rr >= 0 && rr < size) s += k[i + radius] * tmp[rr * size + c];
      }
      img[r * size + c] = s;
    }
  }
  return img;
}
