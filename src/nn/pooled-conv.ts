/**
 * First conv layer + 2×2 max pool, from patches gathered on the host.
 *
 * For a single-channel image x [H, W] and a k×k kernel w [k, k, 1, Cout]:
 *
 *   conv[i, j, o] = Σ_{di,dj<k} x[i+di, j+dj] w[di, dj, 0, o]              (VALID, stride 1)
 *   y[I, J, o]    = max_{dy,dx ∈ {0,1}} conv[2I+dy, 2J+dx, o]                (2×2 max pool)
 *
 * The input needs no gradient, so its patches ("im2col") are gathered once per batch on the host,
 * in the row order (window offset a = 2·dy + dx, I, sample, J) and the column order (di, dj),
 * zero-padded to a multiple of 4 columns. On the engine the layer is then ONE matmul
 *   Z = P · W   ([4·Hp·n·Wp, k²] · [k², Cout])
 * and the pool is a max over the leading axis of Z viewed as [4, Hp·n·Wp·Cout] — contiguous
 * blocks, so both the max and its gradient are cheap.
 * The output is row-major over the batch ("HNWC": [Hp, n, Wp, Cout]), the layout
 * `conv2dSeparable` wants (see there).
 * The bias is added by the caller after pooling (max commutes with adding a per-channel constant).
 */
import { np, type Array } from "../engine/jax.js";
import { ShapeError } from "../errors.js";
import { gradientBarrier } from "./fusion-barriers.js";
import { padColumns, roundUp4 } from "./pad-width.js";

/** Geometry of a pooled conv over H×W single-channel images with a k×k kernel. */
export interface PooledConvGeometry {
  /** Image height and width. */
  height: number;
  width: number;
  /** Kernel size k. */
  kernel: number;
}

/** Derived sizes: pooled output Hp × Wp and the padded patch width roundUp4(k²). */
export function pooledConvSizes(g: PooledConvGeometry): { pooledHeight: number; pooledWidth: number; patchWidth: number } {
  const ho = g.height - g.kernel + 1;
  const wo = g.width - g.kernel + 1;
  if (ho < 2 || wo < 2 || ho % 2 !== 0 || wo % 2 !== 0) {
    throw new ShapeError(`pooled conv: a ${g.kernel}×${g.kernel} kernel on ${g.height}×${g.width} images gives a ${ho}×${wo} map; it must be even and ≥ 2 for 2×2 pooling`);
  }
  return { pooledHeight: ho / 2, pooledWidth: wo / 2, patchWidth: roundUp4(g.kernel * g.kernel) };
}

/**
 * Host-side patches for a batch. `images` holds N row-major H×W images (N·H·W floats);
 * `indices` picks the batch (default: all N, in order). Returns a Float32Array of shape
 * [4 · Hp · n · Wp, roundUp4(k²)] (see the file header for the order). `out` may be passed to
 * reuse a buffer of the right length.
 */
export function pooledConvPatches(images: Float32Array, g: PooledConvGeometry, indices?: ArrayLike<number>, out?: Float32Array): Float32Array {
  const { height: h, width: w, kernel: k } = g;
  const { pooledHeight: hp, pooledWidth: wp, patchWidth: kp } = pooledConvSizes(g);
  const count = images.length / (h * w);
  if (!Number.isInteger(count)) throw new ShapeError(`pooled conv: ${images.length} floats is not a whole number of ${h}×${w} images`);
  const n = indices ? indices.length : count;
  const size = 4 * n * hp * wp * kp;
  const buf = out && out.length === size ? out : new Float32Array(size);
  for (let s = 0; s < n; s++) {
    const sample = indices ? indices[s] : s;
    if (!(Number.isInteger(sample) && sample >= 0 && sample < count)) throw new ShapeError(`pooled conv: sample index ${sample} is outside 0..${count - 1}`);
  }
  let o = 0;
  for (let a = 0; a < 4; a++) {
    const dy = a >> 1;
    const dx = a & 1;
    for (let i = 0; i < hp; i++) {
      for (let s = 0; s < n; s++) {
        const row = (indices ? indices[s] : s) * h * w + (2 * i + dy) * w + dx;
        for (let j = 0; j < wp; j++) {
          const start = row + 2 * j;
          if (k === 5) {
            // the digit backbone's kernel: unrolled rows (2× faster than the generic loop in V8)
            for (let src = start, end = start + 5 * w; src < end; src += w) {
              buf[o] = images[src];
              buf[o + 1] = images[src + 1];
              buf[o + 2] = images[src + 2];
              buf[o + 3] = images[src + 3];
              buf[o + 4] = images[src + 4];
              o += 5;
            }
          } else {
            for (let di = 0; di < k; di++) {
              const src = start + di * w;
              for (let dj = 0; dj < k; dj++) buf[o++] = images[src + dj];
            }
          }
          for (let z = k * k; z < kp; z++) buf[o++] = 0;
        }
      }
    }
  }
  return buf;
}

/**
 * y = maxpool2x2(conv(x, w)) without bias, from host patches P [4·Hp·n·Wp, roundUp4(k²)] and
 * w [k, k, 1, Cout] → [Hp, n, Wp, Cout] (HNWC). Consumes `patches` and `w`.
 */
export function pooledConv(patches: Array, w: Array, pooledHeight: number, pooledWidth: number): Array {
  const [k, k2, cin, cout] = w.shape;
  const kp = roundUp4(k * k2);
  const cells = pooledHeight * pooledWidth;
  if (cin !== 1 || patches.ndim !== 2 || patches.shape[1] !== kp || patches.shape[0] % (4 * cells) !== 0) {
    throw new ShapeError(`pooled conv: patches must be [4·n·${cells}, ${kp}] for a [${w.shape}] kernel with 1 input channel, got [${patches.shape}]`);
  }
  const n = patches.shape[0] / (4 * cells);
  let wm = w.reshape([k * k2, cout]);
  if (kp !== k * k2) wm = np.concatenate([wm, np.zeros([kp - k * k2, cout], { dtype: wm.dtype })], 0);
  wm = padColumns(wm);
  const coutP = wm.shape[1];
  // barrier: keeps the pool/ReLU backward out of the inner loop of the dW = Pᵀ·dZ reduction
  const z = gradientBarrier(np.matmul(patches, wm)).reshape([4, n * cells * coutP]);
  const y = np.max(z, 0).reshape([pooledHeight, n, pooledWidth, coutP]);
  return coutP === cout ? y : y.slice([], [], [], [0, cout]);
}
