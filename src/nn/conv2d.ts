/**
 * 2-D convolution (cross-correlation, as in every deep-learning library), channels-last,
 * "VALID" padding, stride 1:
 *
 *   y[b, i, j, o] = bias[o] + Σ_{di<kh, dj<kw, c<Cin} x[b, i+di, j+dj, c] · w[di, dj, c, o]
 *
 * x [B, H, W, Cin], w [kh, kw, Cin, Cout] ("HWIO"), bias [Cout] → y [B, H−kh+1, W−kw+1, Cout].
 *
 * This is the general, readable implementation: a sum of kh·kw shifted matrix products. It is the
 * reference the fast digit-backbone path (`conv2d-separable.ts`, `pooled-conv.ts`) is tested
 * against, and fine for small inputs; its backward pass sums kh·kw padded pieces, which is slow
 * for large activations.
 */
import { np, type Array } from "../engine/jax.js";
import { ConfigError, ShapeError } from "../errors.js";
import { splitKey, uniformFanIn, type Key } from "./init.js";
import { materialize } from "./fusion-barriers.js";
import { padColumns } from "./pad-width.js";

export interface Conv2dParams {
  /** w, [kh, kw, Cin, Cout]. */
  w: Array;
  /** bias, [Cout]. */
  b: Array;
}

/** PyTorch-default seeded parameters (U(±1/√fanIn), fanIn = kh·kw·Cin). Consumes `key`. */
export function initConv2d(key: Key, kh: number, kw: number, cin: number, cout: number): Conv2dParams {
  for (const [name, v] of [["kh", kh], ["kw", kw], ["cin", cin], ["cout", cout]] as const) {
    if (!(Number.isInteger(v) && v > 0)) throw new ConfigError(`conv2d ${name} must be a positive integer, got ${v}`);
  }
  const fanIn = kh * kw * cin;
  const [k1, k2] = splitKey(key, 2);
  return { w: uniformFanIn(k1, [kh, kw, cin, cout], fanIn), b: uniformFanIn(k2, [cout], fanIn) };
}

/** Output spatial size of a VALID, stride-1 convolution; throws a ShapeError when it is < 1. */
export function convOutputSize(inSize: number, kernel: number): number {
  const out = inSize - kernel + 1;
  if (out < 1) throw new ShapeError(`conv2d: kernel ${kernel} is larger than the input size ${inSize}`);
  return out;
}

/**
 * The linear part Σ x[b, i+di, j+dj, c] w[di, dj, c, o] without the bias (callers that pool first
 * add the bias afterwards: max-pool commutes with adding a per-channel constant).
 * Returns [B, Ho, Wo, roundUp4(Cout)] when `keepPadding`, else [B, Ho, Wo, Cout].
 * Consumes `w` and `x`.
 */
export function conv2dLinear(w: Array, x: Array, keepPadding = false): Array {
  const [kh, kw, cin, cout] = w.shape;
  if (x.ndim !== 4 || x.shape[3] !== cin) {
    throw new ShapeError(`conv2d: input must be [B, H, W, ${cin}], got [${x.shape}]`);
  }
  const [batch, h, wd] = x.shape;
  const ho = convOutputSize(h, kh);
  const wo = convOutputSize(wd, kw);
  const wp = padColumns(w);
  const coutP = wp.shape[3];
  let acc: Array | null = null;
  for (let di = 0; di < kh; di++) {
    for (let dj = 0; dj < kw; dj++) {
      // materialize: the shifted window is a strided view; the matmul wants a contiguous operand
      const a = materialize(x.ref.slice([], [di, di + ho], [dj, dj + wo], [])).reshape([batch * ho * wo, cin]);
      const t = np.matmul(a, wp.ref.slice(di, dj));
      acc = acc === null ? t : acc.add(t);
    }
  }
  x.dispose();
  wp.dispose();
  const y = acc!.reshape([batch, ho, wo, coutP]);
  return keepPadding || coutP === cout ? y : y.slice([], [], [], [0, cout]);
}

/** y = conv(x, w) + bias (see the file header). Consumes `p` and `x`. */
export function conv2d(p: Conv2dParams, x: Array): Array {
  return conv2dLinear(p.w, x).add(p.b);
}
