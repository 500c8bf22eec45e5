/**
 * 2×2 max pooling with stride 2, channels-last:
 *
 *   y[b, i, j, c] = max(x[b, 2i, 2j, c], x[b, 2i, 2j+1, c], x[b, 2i+1, 2j, c], x[b, 2i+1, 2j+1, c])
 *
 * x [B, H, W, C] (H, W even) → y [B, H/2, W/2, C]. Computed as a reshape to [B, H/2, 2, W/2, 2, C]
 * and a max over the two window axes (no reduceWindow). Gradient: the engine's max rule — the
 * cotangent goes to the window's maximum, split equally between tied maxima.
 */
import { np, type Array } from "../engine/jax.js";
import { ShapeError } from "../errors.js";

/** 2×2/stride-2 max pooling of x [B, H, W, C]. Consumes `x`. */
export function maxPool2x2(x: Array): Array {
  if (x.ndim !== 4 || x.shape[1] % 2 !== 0 || x.shape[2] % 2 !== 0) {
    throw new ShapeError(`maxPool2x2 needs [B, H, W, C] with even H and W, got [${x.shape}]`);
  }
  const [b, h, w, c] = x.shape;
  return np.max(x.reshape([b, h / 2, 2, w / 2, 2, c]), [2, 4]);
}
