/**
 * The digit classifier used to pretrain the backbone (as the original did on MNIST):
 *
 *   logits = relu-features(x) W + b,   features = backbone(x) [B, 200] → logits [B, 10]
 *   loss   = softmax cross-entropy with the one-hot labels (stable log-sum-exp)
 */
import type { Array } from "../../engine/jax.js";
import { dense, initDense, type DenseParams } from "../../nn/dense.js";
import { splitKey, type Key } from "../../nn/init.js";
import { softmaxCrossEntropy } from "../../nn/losses.js";
import { backbone, initBackbone, BACKBONE_FEATURES, type BackboneParams } from "../backbone.js";

export const DIGIT_CLASSES = 10;

export interface DigitClassifierParams {
  backbone: BackboneParams;
  /** w [200, 10], b [10]. */
  head: DenseParams;
}

/** Seeded PyTorch-default parameters. Consumes `key`. */
export function initDigitClassifier(key: Key): DigitClassifierParams {
  const [kb, kh] = splitKey(key, 2);
  return { backbone: initBackbone(kb), head: initDense(kh, BACKBONE_FEATURES, DIGIT_CLASSES) };
}

/** Logits [B, 10] for a prepared backbone input (see `backboneInput`). Consumes both arguments. */
export function classifierLogits(params: DigitClassifierParams, input: Array): Array {
  return dense(params.head, backbone(params.backbone, input));
}

/** Mean cross-entropy for one-hot labels [B, 10]. Consumes all arguments. */
export function classifierLoss(params: DigitClassifierParams, input: Array, oneHotLabels: Array): Array {
  return softmaxCrossEntropy(classifierLogits(params, input), oneHotLabels);
}
