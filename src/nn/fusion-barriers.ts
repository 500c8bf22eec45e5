/**
 * Fusion barriers: identity functions that change how the engine's `jit` splits a computation into
 * kernels, and nothing else (values and gradients are exactly those of the identity).
 *
 * The engine fuses views (slice, reshape, transpose, pad, broadcast) and elementwise ops into the
 * kernel that consumes them. That is usually right, but two cases are pathological (measured on
 * the digit backbone; numbers in `bench/digits.ts`):
 *  1. A matmul whose left operand is a multi-level view (e.g. a slice of a reshape) recomputes the
 *     view's index arithmetic for every load: 17–30 ms instead of 3 ms for a [6400,100]·[100,52]
 *     product. `materialize` forces the view into its own (cheap, contiguous) buffer first.
 *  2. In the backward pass a cotangent built from several padded pieces (the transpose of slicing)
 *     can get fused into the *inner loop* of a following reduction, re-evaluating the whole padded
 *     sum for every reduction step (180 ms instead of 5 ms). `gradientBarrier` makes the engine
 *     materialise the cotangent that flows back through it.
 */
import { np, type Array } from "../engine/jax.js";

/**
 * y = Σ over a size-1 axis of x, i.e. y = x, computed by a (trivial) reduction kernel: the engine
 * writes `x` (typically a strided view) into a fresh contiguous buffer, which is what a following
 * matmul wants. Its gradient is a broadcast — a view, so the backward pass pays no extra copy
 * (an elementwise identity such as −(−x) would copy the cotangent too). Consumes `x`.
 */
export function materialize(x: Array): Array {
  return np.sum(x.reshape([...x.shape, 1]), -1);
}

/**
 * y = x in the forward pass (as a view: pad one zero row along axis 0, then slice it off). In the
 * backward pass the transpose of that slice is a `pad`, and the engine always materialises the
 * input of a pad — so the cotangent of `y` is computed into its own buffer before it flows on to
 * `x`. Consumes `x`.
 */
export function gradientBarrier(x: Array): Array {
  const n = x.shape[0];
  const widths: [number, number][] = x.shape.map((_, i) => (i === 0 ? [0, 1] : [0, 0]));
  return np.pad(x, widths).slice([0, n]);
}
