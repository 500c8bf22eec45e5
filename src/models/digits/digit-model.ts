/**
 * The three digit-writing models of paper Table 2 share one interface and one image backbone
 * (conv 1→20 5×5, pool, conv 20→50 5×5, pool, fc 800→200, then a ReLU MLP head):
 *  - "ndp":     head → (g, w) → DMP layer → 301 points; loss on the trajectory (paper Eq. 7).
 *  - "cnn":     head → the 301 × 2 trajectory directly; loss on the trajectory.
 *  - "cnn-dmp": head → DMP parameters fitted to each demonstration (Pahič et al.); loss on the
 *               parameters; the trajectory comes from integrating the DMP afterwards.
 * Trajectories are in pixels of the 40 × 40 frame; y0 (the first demonstrated point) is given to
 * every model, so all three predict the motion relative to the same known start.
 */
import type { Array } from "../../engine/jax.js";
import type { DigitSet } from "../../data/digits/digit-set.js";
import type { Key } from "../../nn/init.js";
import type { BackboneParams } from "../backbone.js";
import type { MlpHeadParams } from "../mlp-head.js";

export const DIGIT_MODEL_KINDS = ["ndp", "cnn", "cnn-dmp"] as const;
export type DigitModelKind = (typeof DIGIT_MODEL_KINDS)[number];

export interface DigitParams {
  backbone: BackboneParams;
  head: MlpHeadParams;
}

export interface DigitModel {
  readonly kind: DigitModelKind;
  /** Points per trajectory (301). */
  readonly points: number;
  /** Everything needed to rebuild the model (settings and normalisation statistics), JSON. */
  readonly spec: Record<string, unknown>;
  /** Width of the head's output. */
  readonly outputs: number;
  /** Engine inputs of `loss` for the samples `indices` of `set` (the loss consumes them). */
  lossInputs(set: DigitSet, indices: ArrayLike<number>): Array[];
  /** The scalar training loss. Consumes `params` and `inputs`. Traced under jit. */
  loss(params: DigitParams, ...inputs: Array[]): Array;
  /** Predicted trajectories [B][P][2] (pixels) for `indices`. Does not consume `params`. */
  predict(params: DigitParams, set: DigitSet, indices: ArrayLike<number>): Float32Array;
  /** Free compiled functions and constants. */
  dispose(): void;
}

/** Seeded parameters for a model: backbone (or the given pretrained one) and head. */
export type InitParams = (key: Key, backbone?: BackboneParams) => DigitParams;
