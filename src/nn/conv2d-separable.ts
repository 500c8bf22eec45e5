/**
 * Fast 2-D convolution (the maths of `conv2dLinear`: VALID, stride 1, no bias) built from the two
 * operations the engine does well — small batched matmuls and large 2-D matmuls over contiguous
 * operands — and no concatenation. Activations are "HNWC": [H, B, W, C], image rows outermost.
 *
 *  1. Width im2col by a 0/1 selection matmul. With S [Wo·kw, W], S[(j, dj), j+dj] = 1,
 *       X1[i, b, (j, dj, c)] = Σ_J S[(j, dj), J] x[i, b, J, c] = x[i, b, j+dj, c]
 *     (one batched matmul over the H·B image rows; its transpose is again a matmul).
 *  2. Height shifts as offsets. With the rows outermost, the rows i+di (i < Ho) of all samples
 *     are ONE contiguous block of X1, so
 *       y[i, b, j, o] = Σ_di Σ_(dj,c) X1[i+di, b, j, (dj, c)] w[di, dj, c, o]
 *     is kh matmuls [Ho·B·Wo, kw·Cin] · [kw·Cin, Cout] whose left operands are plain offset views.
 *
 * Measured on the digit backbone's conv2 (B = 100, 12×12×20 → 8×8×50, fwd+bwd): slices +
 * concatenate im2col ~150 ms, this ~50 ms (≈ 45 ms of it the matmuls themselves).
 * Why the barriers: see `fusion-barriers.ts`.
 */
import { np, type Array } from "../engine/jax.js";
import { ShapeError } from "../errors.js";
import { convOutputSize } from "./conv2d.js";
import { gradientBarrier } from "./fusion-barriers.js";
import { padColumns } from "./pad-width.js";

const selectionCache = new Map<string, Float32Array>();

/** S [wo·kw, w] with S[(j, dj), j + dj] = 1 (row-major), cached per size. */
export function widthSelection(width: number, kernel: number): Float32Array {
  const key = `${width}x${kernel}`;
  let s = selectionCache.get(key);
  if (!s) {
    const wo = convOutputSize(width, kernel);
    s = new Float32Array(wo * kernel * width);
    for (let j = 0; j < wo; j++) for (let dj = 0; dj < kernel; dj++) s[(j * kernel + dj) * width + j + dj] = 1;
    selectionCache.set(key, s);
  }
  return s;
}

/**
 * conv(x, w) without bias, HNWC: w [kh, kw, Cin, Cout], x [H, B, W, Cin] →
 * [Ho, B, Wo, roundUp4(Cout)] if `keepPadding` (zero channels at the end), else [Ho, B, Wo, Cout].
 * Consumes `w` and `x`.
 */
export function conv2dSeparable(w: Array, x: Array, keepPadding = false): Array {
  const [kh, kw, cin, cout] = w.shape;
  if (x.ndim !== 4 || x.shape[3] !== cin) throw new ShapeError(`conv2dSeparable: input must be [H, B, W, ${cin}], got [${x.shape}]`);
  const [h, batch, wd] = x.shape;
  const ho = convOutputSize(h, kh);
  const wo = convOutputSize(wd, kw);
  const rowLen = wo * kw * cin;
  // 1. width im2col; the explicit broadcast works around the engine's 2-D·3-D matmul broadcasting
  const sel = np.array(widthSelection(wd, kw), { shape: [wo * kw, wd] }).astype(x.dtype);
  const x1 = np.matmul(np.broadcastTo(sel, [h * batch, wo * kw, wd]), x.reshape([h * batch, wd, cin]));
  const block = batch * rowLen; // one image row of every sample
  const rows = gradientBarrier(x1.reshape([h, block]));
  // 2. kh row-shifted matmuls
  const wp = padColumns(w).reshape([kh, kw * cin, -1]);
  const coutP = wp.shape[2];
  let acc: Array | null = null;
  for (let di = 0; di < kh; di++) {
    const a = rows.ref.slice([di, di + ho]).reshape([ho * batch * wo, kw * cin]);
    const t = np.matmul(a, wp.ref.slice(di));
    acc = acc === null ? t : acc.add(t);
  }
  rows.dispose();
  wp.dispose();
  const y = acc!.reshape([ho, batch, wo, coutP]);
  return keepPadding || coutP === cout ? y : y.slice([], [], [], [0, cout]);
}
