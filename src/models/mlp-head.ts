/**
 * The ReLU MLP head that sits on the backbone's features (paper §5.1; the release used
 * 200 → 100 → 200 → 128 → 64 → output):
 *
 *   y = W_L relu(… relu(f W_1 + b_1) …) + b_L,   f [B, 200] → y [B, outputs]
 *
 * Output widths that are not a multiple of 4 (NDP 2·30+2 = 62, CNN 301·2 = 602, 10 classes) are
 * padded inside `dense` and sliced off, so any width runs at full speed.
 */
import type { Array } from "../engine/jax.js";
import type { Activation } from "../nn/activations.js";
import type { DenseInit } from "../nn/dense.js";
import type { Key } from "../nn/init.js";
import { initMlp, mlp, type MlpParams } from "../nn/mlp.js";
import { BACKBONE_FEATURES } from "./backbone.js";

/** Hidden widths of the released head. */
export const RELEASE_HEAD_WIDTHS: readonly number[] = [100, 200, 128, 64];

export interface MlpHeadOptions {
  /** Output width (e.g. 2·N + 2 for NDP's w and g). */
  outputs: number;
  /** Input width (default 200, the backbone's features). */
  inputs?: number;
  /** Hidden widths (default the release's [100, 200, 128, 64]). */
  hidden?: readonly number[];
  /** Initialisers (default PyTorch's U(±1/√in) everywhere). */
  hiddenInit?: DenseInit;
  outputInit?: DenseInit;
}

export type MlpHeadParams = MlpParams;

/** Seeded head parameters. Consumes `key`. */
export function initMlpHead(key: Key, options: MlpHeadOptions): MlpHeadParams {
  const sizes = [options.inputs ?? BACKBONE_FEATURES, ...(options.hidden ?? RELEASE_HEAD_WIDTHS), options.outputs];
  return initMlp(key, sizes, { hidden: options.hiddenInit, output: options.outputInit });
}

/** features [B, inputs] → [B, outputs] (linear output layer). Consumes `params` and `features`. */
export function mlpHead(params: MlpHeadParams, features: Array, activation: Activation = "relu"): Array {
  return mlp(params, features, activation);
}
