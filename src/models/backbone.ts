/**
 * The digit-image backbone shared by NDP, CNN and CNN-DMP (paper §5.1; the release's LeNet-like
 * CNN):
 *
 *   x [B, 28, 28] (grayscale in [0, 1])
 *   h1 = maxpool2×2(relu(conv5×5(x; 1 → 20)))        [B, 12, 12, 20]
 *   h2 = maxpool2×2(relu(conv5×5(h1; 20 → 50)))      [B, 4, 4, 50]
 *   f  = relu(flatten(h2) W_fc + b_fc)                [B, 200]   (flatten order: row, column, channel)
 *
 * Layouts: channels-last activations; conv weights [kh, kw, Cin, Cout]; dense weights [in, out].
 *
 * Two implementations with the same numbers:
 *  - `backbone(params, input)`: the fast path used for training. `input` is the batch prepared on
 *    the host by `backboneInput(images, indices)` (the first conv's patches, see pooled-conv.ts);
 *    conv2 runs as `conv2dSeparable`, with activations in its row-major-over-the-batch layout.
 *    Because relu and "+ bias" commute with max pooling, the biases and ReLUs are applied after
 *    pooling, on 4× fewer values.
 *  - `backboneReference(params, images)`: the same maths from the general layers (conv2d,
 *    maxPool2x2, dense) on an engine array of images; the tests hold the fast path to it.
 */
import { nn, np, type Array } from "../engine/jax.js";
import { InputFileError, ShapeError } from "../errors.js";
import { conv2dLinear, initConv2d, type Conv2dParams } from "../nn/conv2d.js";
import { conv2dSeparable } from "../nn/conv2d-separable.js";
import { dense, initDense, type DenseParams } from "../nn/dense.js";
import { splitKey, type Key } from "../nn/init.js";
import { maxPool2x2 } from "../nn/max-pool.js";
import { pooledConv, pooledConvPatches, pooledConvSizes, type PooledConvGeometry } from "../nn/pooled-conv.js";
import { loadCheckpoint, saveCheckpoint } from "../nn/checkpoint.js";
import { treeLeaves, type ParamTree } from "../nn/params.js";

/** Side length of the (square) input images. */
export const BACKBONE_IMAGE_SIZE = 28;
/** Width of the feature vector the backbone returns. */
export const BACKBONE_FEATURES = 200;

export interface BackboneParams {
  /** w [5, 5, 1, 20], b [20]. */
  conv1: Conv2dParams;
  /** w [5, 5, 20, 50], b [50]. */
  conv2: Conv2dParams;
  /** w [800, 200], b [200]. */
  fc: DenseParams;
}

/** The expected shape of every backbone parameter (used to validate loaded files). */
export const BACKBONE_SHAPES: Record<string, number[]> = {
  "conv1.w": [5, 5, 1, 20],
  "conv1.b": [20],
  "conv2.w": [5, 5, 20, 50],
  "conv2.b": [50],
  "fc.w": [800, 200],
  "fc.b": [200],
};

const CONV1: PooledConvGeometry = { height: BACKBONE_IMAGE_SIZE, width: BACKBONE_IMAGE_SIZE, kernel: 5 };
const POOLED1 = pooledConvSizes(CONV1); // 12 × 12, patch width 28

/** PyTorch-default seeded parameters (U(±1/√fanIn) for weights and biases). Consumes `key`. */
export function initBackbone(key: Key): BackboneParams {
  const [k1, k2, k3] = splitKey(key, 3);
  return { conv1: initConv2d(k1, 5, 5, 1, 20), conv2: initConv2d(k2, 5, 5, 20, 50), fc: initDense(k3, 800, BACKBONE_FEATURES) };
}

/**
 * Host-side batch preparation for `backbone`: `images` holds N row-major 28×28 images
 * (N·784 floats), `indices` the samples of this batch (default all). Returns the first conv's
 * patches, shape [4·B·144, 28] (see pooled-conv.ts). `out` may be reused between batches.
 */
export function backbonePatches(images: Float32Array, indices?: ArrayLike<number>, out?: Float32Array): Float32Array {
  return pooledConvPatches(images, CONV1, indices, out);
}

/**
 * `backbonePatches` uploaded to the engine: the `input` argument of `backbone`. `scratch` (a
 * buffer from a previous call of the same batch size) avoids a 6 MB allocation per batch.
 */
export function backboneInput(images: Float32Array, indices?: ArrayLike<number>, scratch?: Float32Array): Array {
  const p = backbonePatches(images, indices, scratch);
  return np.array(p, { shape: [p.length / POOLED1.patchWidth, POOLED1.patchWidth] });
}

/** Batch size of a prepared backbone input. */
export function backboneBatchSize(input: Array): number {
  return input.shape[0] / (4 * POOLED1.pooledHeight * POOLED1.pooledWidth);
}

/**
 * Stage 1 of the fast path: h1 = maxpool(relu(conv1(x))) = relu(pooledConv(x) + b1), as HNWC
 * [12, B, 12, 20] (pooled rows outermost, see conv2d-separable.ts). Consumes both arguments.
 */
export function backboneConv1(conv1: Conv2dParams, input: Array): Array {
  if (!Number.isInteger(backboneBatchSize(input)) || input.ndim !== 2 || input.shape[1] !== POOLED1.patchWidth) {
    throw new ShapeError(`backbone input must be [4·B·144, 28] from backboneInput(), got [${input.shape}]`);
  }
  return nn.relu(pooledConv(input, conv1.w, POOLED1.pooledHeight, POOLED1.pooledWidth).add(conv1.b));
}

/**
 * Stage 2: h2 = flatten(maxpool(relu(conv2(h1)))) = flatten(relu(maxpool(conv2(h1)) + b2)),
 * h1 HNWC [12, B, 12, 20] → [B, 800] in (h, w, c) order. Consumes both arguments.
 */
export function backboneConv2(conv2: Conv2dParams, h1: Array): Array {
  const batch = h1.shape[1];
  const z2 = conv2dSeparable(conv2.w, h1, true); // [8, B, 8, 52] (2 zero channels)
  const p2 = np.max(z2.reshape([4, 2, batch, 4, 2, 52]), [1, 4]).slice([], [], [], [0, 50]); // [4, B, 4, 50]
  return nn.relu(p2.add(conv2.b)).transpose([1, 0, 2, 3]).reshape([batch, 800]);
}

/** Stage 3: f = relu(h2 W_fc + b_fc), [B, 800] → [B, 200]. Consumes both arguments. */
export function backboneFc(fc: DenseParams, h2: Array): Array {
  return nn.relu(dense(fc, h2));
}

/**
 * The fast backbone: prepared input (from `backboneInput`) → features [B, 200] (after the ReLU).
 * Consumes `params` and `input`.
 */
export function backbone(params: BackboneParams, input: Array): Array {
  return backboneFc(params.fc, backboneConv2(params.conv2, backboneConv1(params.conv1, input)));
}

/**
 * The same function from the general layers, on images [B, 28, 28] (an engine array).
 * Slower (its conv backward sums 25 shifted pieces); for tests and one-off use.
 * Consumes `params` and `images`.
 */
export function backboneReference(params: BackboneParams, images: Array): Array {
  const [batch, h, w] = images.shape;
  if (images.ndim !== 3 || h !== BACKBONE_IMAGE_SIZE || w !== BACKBONE_IMAGE_SIZE) throw new ShapeError(`backbone images must be [B, 28, 28], got [${images.shape}]`);
  const x = images.reshape([batch, h, w, 1]);
  const h1 = nn.relu(maxPool2x2(conv2dLinear(params.conv1.w, x)).add(params.conv1.b));
  const h2 = nn.relu(maxPool2x2(conv2dLinear(params.conv2.w, h1)).add(params.conv2.b));
  return nn.relu(dense(params.fc, h2.reshape([batch, 800])));
}

/** Throw an InputFileError unless `t` has exactly the backbone's parameter shapes. */
export function assertBackboneShapes(t: ParamTree, source: string): asserts t is ParamTree & BackboneParams {
  const leaves = new Map(treeLeaves(t).map((l) => [l.path, l.array.shape]));
  for (const [path, shape] of Object.entries(BACKBONE_SHAPES)) {
    const got = leaves.get(path);
    if (!got || got.length !== shape.length || got.some((d, i) => d !== shape[i])) {
      throw new InputFileError(`${source}: backbone parameter ${path} should be [${shape}] but is ${got ? `[${got}]` : "missing"}; pass a file written by \`ndp digits pretrain\``);
    }
  }
  if (leaves.size !== Object.keys(BACKBONE_SHAPES).length) throw new InputFileError(`${source}: unexpected extra parameters in the backbone file; pass a file written by \`ndp digits pretrain\``);
}

/** Write backbone weights to `file` atomically (does not consume `params`). */
export function saveBackbone(file: string, params: BackboneParams, meta: Record<string, unknown> = {}): void {
  saveCheckpoint(file, {
    kind: "digit-backbone",
    meta: { architecture: "conv 1→20 5×5, maxpool 2, conv 20→50 5×5, maxpool 2, fc 800→200, ReLU; NHWC, HWIO, flatten (h, w, c)", ...meta },
    trees: { backbone: params as unknown as ParamTree },
  });
}

/** Read backbone weights written by `saveBackbone` (shape-checked). The caller owns the arrays. */
export function loadBackbone(file: string): { params: BackboneParams; meta: Record<string, unknown> } {
  const c = loadCheckpoint(file, "digit-backbone");
  const t = c.trees.backbone;
  if (!t) throw new InputFileError(`${file} has no backbone weights; pass a file written by \`ndp digits pretrain\``);
  assertBackboneShapes(t, file);
  return { params: t as unknown as BackboneParams, meta: c.meta };
}
