/**
 * The in-memory digit-writing data set (s-MNIST style): images and the pen trajectories that wrote
 * them, in flat typed arrays.
 *
 * Coordinate convention (the same for generated data and for the original 40x40-smnist.mat, whose
 * release code plots the trajectory as (x, −y) over the image): a trajectory point (x, y) is in
 * PIXELS of the full-size frame (40×40 for s-MNIST), x = column (to the right), y = row (down),
 * origin at the CENTRE of the top-left pixel; pixel (row r, column c) covers
 * [c − ½, c + ½] × [r − ½, r + ½]. Resizing the images (e.g. 40 → 28 for the CNN) does not change
 * the trajectories: the paper's Table-2 error is measured in these pixels.
 */

export interface DigitSet {
  /** Number of samples. */
  readonly count: number;
  /** Side of the square images in `images` (40 as stored; 28 after the paper's resize). */
  readonly imageSize: number;
  /** Side of the frame the trajectories are measured in (40 for s-MNIST), whatever `imageSize` is. */
  readonly frameSize: number;
  /** Trajectory length T (301 for s-MNIST: 300 steps of 10 ms). */
  readonly points: number;
  /** count × imageSize × imageSize, row-major (image, row, column), ink = 1, background = 0, values in [0, 1]. */
  readonly images: Float32Array;
  /** count × points × 2: (x, y) per time step, pixels of the frameSize × frameSize frame (see above). */
  readonly trajectories: Float32Array;
  /** count digit classes 0–9, when known (generated data; files with a `labelArray`). */
  readonly labels?: Int32Array;
}

/** The samples at `indices` (in that order) as a new DigitSet with copied arrays. */
export function selectDigits(set: DigitSet, indices: ArrayLike<number>): DigitSet {
  const n = indices.length;
  const px = set.imageSize * set.imageSize;
  const tp = set.points * 2;
  const images = new Float32Array(n * px);
  const trajectories = new Float32Array(n * tp);
  const labels = set.labels ? new Int32Array(n) : undefined;
  for (let k = 0; k < n; k++) {
    const i = indices[k];
    if (!Number.isInteger(i) || i < 0 || i >= set.count) throw new RangeError(`selectDigits: index ${i} is outside 0..${set.count - 1}`);
    images.set(set.images.subarray(i * px, (i + 1) * px), k * px);
    trajectories.set(set.trajectories.subarray(i * tp, (i + 1) * tp), k * tp);
    if (labels) labels[k] = set.labels![i];
  }
  return { count: n, imageSize: set.imageSize, frameSize: set.frameSize, points: set.points, images, trajectories, ...(labels ? { labels } : {}) };
}
