/**
 * Fast 2-D convolution (same contract as `conv2dLinear`: channels-last, VALID, stride 1, no bias)
 * built from the two operations the engine does well — small batched matmuls and large 2-D
 * matmuls over contiguous operands — and no concatenation:
 *
 *  1. Width im2col by a 0/1 selection matmul. With S [Wo·kw, W], S[(j, dj), j+dj] = 1,
 *       X1[b, i, (j, dj, c)] = Σ_J S[(j, dj), J] x[b, i, J, c] = x[b, i, j+dj, c]
 *     (one batched matmul over the B·H image rows; its transpose is again a matmul).
 *  2. Height shifts as row offsets. Viewing X1 as [B, H·L] with L = Wo·kw·Cin, the rows i+di
 *     for i < Ho are the contiguous range [di·L, di·L + Ho·L), so
 *       y[b, i, j, o] = Σ_di Σ_(dj,c) X1[b, i+di, j, (dj, c)] w[di, dj, c, o]
 *     is kh matmuls [B·Ho·Wo, kw·Cin] · [kw·Cin, Cout].
 *
 * Measured on the digit backbone's conv2 (B = 100, 12×12×20 → 8×8×50, fwd+bwd): slices +
 * concatenate im2col ~150 ms, this ~50 ms (≈ 45 ms of it the matmuls themselves).
 * Why the barriers: see `fusion-barriers.ts`.
 */
import { np, type Array } from "../engine/jax.js";
import { ShapeError } from "../errors.js";
import { convOutputSize } from "./conv2d.js";
import { gradientBarrier, materialize } from "./fusion-barriers.js";
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
 * conv(x, w) without bias: w [kh, kw, Cin, Cout], x [B, H, W, Cin] →
 * [B, Ho, Wo, roundUp4(Cout)] if `keepPadding` (zero channels at the end), else [B, Ho, Wo, Cout].
 * Consumes `w` and `x`.
 */
export function conv2dSeparable(w: Array, x: Array, keepPadding = false): Array {
  const [kh, kw, cin, cout] = w.shape;
  if (x.ndim !== 4 || x.shape[3] !== cin) throw new ShapeError(`conv2d: input must be [B, H, W, ${cin}], got [${x.shape}]`);
  const [batch, h, wd] = x.shape;
  const ho = convOutputSize(h, kh);
  const wo = convOutputSize(wd, kw);
  const rowLen = wo * kw * cin;
  // 1. width im2col; the explicit broadcast works around the engine's 2-D·3-D matmul broadcasting
  const sel = np.array(widthSelection(wd, kw), { shape: [wo * kw, wd] }).astype(x.dtype);
  const x1 = np.matmul(np.broadcastTo(sel, [batch * h, wo * kw, wd]), x.reshape([batch * h, wd, cin]));
  const rows = gradientBarrier(x1.reshape([batch, h * rowLen]));
  // 2. kh row-shifted matmuls
  const wp = padColumns(w).reshape([kh, kw * cin, -1]);
  const coutP = wp.shape[2];
  let acc: Array | null = null;
  for (let di = 0; di < kh; di++) {
    const a = materialize(rows.ref.slice([], [di * rowLen, (di + ho) * rowLen])).reshape([batch * ho * wo, kw * cin]);
    const t = np.matmul(a, wp.ref.slice(di));
    acc = acc === null ? t : acc.add(t);
  }
  rows.dispose();
  wp.dispose();
  const y = acc!.reshape([batch, ho, wo, coutP]);
  return keepPadding || coutP === cout ? y : y.slice([], [], [], [0, cout]);
}
