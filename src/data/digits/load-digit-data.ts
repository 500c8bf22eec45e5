/**
 * The paper's data protocol for digit writing (§5.1): the first 12 000 samples, a seeded random
 * split into 10 000 training and 2 000 test samples, images resized 40 → 28; trajectories stay in
 * pixels of the 40×40 frame (the Table-2 metric is in those pixels). Without a file the built-in
 * generator makes the data (same seed → same data and split).
 *
 * Seeds: the generator draws sample i from stream i of `seed` (see generator.ts); the split shuffles
 * with stream SPLIT_STREAM = 2^40 of the same seed, beyond any sample's stream.
 */
import { ConfigError, InputFileError, assertInt } from "../../errors.js";
import { Rng, shuffled } from "../../math/rng.js";
import { SIZE_BUDGET } from "../../io/size-budget.js";
import { readDigitFile } from "./digit-file.js";
import { selectDigits, type DigitSet } from "./digit-set.js";
import { generateDigits } from "./generator.js";
import { RESIZE_METHODS, resizeDigitSet, type ResizeMethod } from "./resize.js";

export interface LoadDigitDataOptions {
  /** A MAT-file (ours or the original 40x40-smnist.mat); default: generate the built-in data. */
  readonly file?: string;
  /** Samples used, taken from the start of the file (default 12 000). */
  readonly count?: number;
  /** Training samples of those (default 10 000); the rest are the test split. */
  readonly trainCount?: number;
  /** Seed of the split (and of the generated data). */
  readonly seed: number;
  /** Side of the returned images (default 28; the stored size keeps them as they are). */
  readonly imageSize?: number;
  /** How images are resized (default "bilinear", as the paper's cv2.resize). */
  readonly resize?: ResizeMethod;
  /** The fix named when the file holds only `available` < `count` samples (default: "pass a count of at most N ..."). */
  readonly tooFewFix?: (available: number) => string;
  /** Progress of the generator, (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface DigitData {
  readonly train: DigitSet;
  readonly test: DigitSet;
  /** Indices of the training / test samples among the first `count` of the source. */
  readonly trainIndices: Int32Array;
  readonly testIndices: Int32Array;
  /** The file read, or "generated". */
  readonly source: string;
}

/** The Rng stream of the train/test shuffle (see the file comment). */
export const SPLIT_STREAM = 2 ** 40;

export const PAPER_PROTOCOL = { count: 12_000, trainCount: 10_000, imageSize: 28 } as const;

/** The seed of the built-in data (and of its split) unless one is given: `ndp digits generate`, `train`, `table2`, `start`. */
export const DEFAULT_DATA_SEED = 1;

/** Load (or generate) the digit data and split it as the paper does. */
export function loadDigitData(options: LoadDigitDataOptions): DigitData {
  const count = options.count ?? PAPER_PROTOCOL.count;
  const trainCount = options.trainCount ?? PAPER_PROTOCOL.trainCount;
  const imageSize = options.imageSize ?? PAPER_PROTOCOL.imageSize;
  const method = options.resize ?? "bilinear";
  assertInt(count, "count", 2, SIZE_BUDGET.digitSamples);
  assertInt(trainCount, "trainCount", 1);
  if (trainCount >= count) throw new ConfigError(`trainCount (${trainCount}) must be smaller than count (${count}) so that the test split is not empty`);
  assertInt(imageSize, "imageSize", 1, 4096);
  assertInt(options.seed, "seed", 0);
  if (!(RESIZE_METHODS as readonly string[]).includes(method)) throw new ConfigError(`resize must be one of ${RESIZE_METHODS.join(", ")}, got ${JSON.stringify(method)}`);

  let all: DigitSet;
  if (options.file !== undefined) {
    all = readDigitFile(options.file);
    if (all.count < count) {
      throw new InputFileError(`${options.file} has ${all.count} samples but ${count} were asked for; ${options.tooFewFix?.(all.count) ?? `pass a count of at most ${all.count} (and a smaller trainCount)`}`);
    }
  } else {
    all = generateDigits({ count, seed: options.seed, onProgress: options.onProgress });
  }
  const order = shuffled(count, new Rng(options.seed, SPLIT_STREAM));
  const trainIndices = order.slice(0, trainCount);
  const testIndices = order.slice(trainCount);
  return {
    train: resizeDigitSet(selectDigits(all, trainIndices), imageSize, method),
    test: resizeDigitSet(selectDigits(all, testIndices), imageSize, method),
    trainIndices,
    testIndices,
    source: options.file ?? "generated",
  };
}
