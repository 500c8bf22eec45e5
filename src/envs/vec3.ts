/** Small helpers for 3-vectors stored in flat arrays (x, y, z at offset i). */

/** A point or direction in world coordinates (metres). */
export type Vec3 = readonly [number, number, number];

/** Euclidean distance ‖a[ai:ai+3] − b[bi:bi+3]‖. */
export function dist3(a: ArrayLike<number>, ai: number, b: ArrayLike<number>, bi: number): number {
  const dx = a[ai] - b[bi];
  const dy = a[ai + 1] - b[bi + 1];
  const dz = a[ai + 2] - b[bi + 2];
  return Math.sqrt(dx * dx + dy * dy + dz * dz);
}

/** Horizontal distance ‖(a − b)_xy‖ of two points stored at offsets ai and bi. */
export function distXY(a: ArrayLike<number>, ai: number, b: ArrayLike<number>, bi: number): number {
  const dx = a[ai] - b[bi];
  const dy = a[ai + 1] - b[bi + 1];
  return Math.sqrt(dx * dx + dy * dy);
}

/** Copy 3 values from src[si:] to dst[di:]. */
export function copy3(dst: { [i: number]: number }, di: number, src: ArrayLike<number>, si: number): void {
  dst[di] = src[si];
  dst[di + 1] = src[si + 1];
  dst[di + 2] = src[si + 2];
}
