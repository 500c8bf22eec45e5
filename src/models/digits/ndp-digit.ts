/**
 * NDP for digit writing (paper §3.3, §5.1): image → backbone → head → (g, w) → DMP → trajectory.
 *
 *   out = head(backbone(image))                        [B, 2 + 2N]
 *   g   = y0 + goalScale · out[:, 0:2]                 (the goal, relative to the known start)
 *   w   = weightScale · out[:, 2:]  as [B, 2, N]
 *   y   = DMP(w, g, y0, ẏ0 = 0)                         [P, B, 2]   (m = 300 → P = 301)
 *   loss = mean (y − y_demo)²                           (paper Eq. 7; = the Table 2 metric)
 * The DMP is the paper's (βz = αz/4, gaussian bases, f scaled by g − y0), rolled out by the exact
 * closed form of the DMP layer, end-to-end differentiable.
 */
import { jit, np, toFloat64, type Array } from "../../engine/jax.js";
import type { DigitSet } from "../../data/digits/digit-set.js";
import { dmpConfig, type BasisKind } from "../../dmp/config.js";
import { DmpLayer } from "../../dmp/layer.js";
import { backbone } from "../backbone.js";
import { mlpHead } from "../mlp-head.js";
import type { DigitModel, DigitParams } from "./digit-model.js";
import { refTree } from "../../nn/params.js";
import { batchMajor, checkDigitSet, imagesInput, startPoints, timeMajorTrajectories, upload } from "./digit-inputs.js";

export interface NdpDigitOptions {
  nBasis: number;
  steps: number;
  alphaZ: number;
  basis: BasisKind;
  /** Pixels per unit of the head's goal output. */
  goalScale: number;
  /** Weight per unit of the head's weight outputs. */
  weightScale: number;
}

export const NDP_DIGIT_DEFAULTS: NdpDigitOptions = { nBasis: 30, steps: 300, alphaZ: 25, basis: "gaussian", goalScale: 20, weightScale: 300 };

export function ndpDigitModel(options: Partial<NdpDigitOptions> = {}): DigitModel {
  const o = { ...NDP_DIGIT_DEFAULTS, ...options };
  const cfg = dmpConfig({ nBasis: o.nBasis, steps: o.steps, alphaZ: o.alphaZ, basis: o.basis });
  const layer = new DmpLayer(cfg);
  const n = o.nBasis;
  const points = o.steps + 1;

  /** (params, image input, y0 [B,2]) → trajectory [P, B, 2]. */
  const forward = (params: DigitParams, input: Array, y0: Array): Array => {
    const out = mlpHead(params.head, backbone(params.backbone, input));
    const B = out.shape[0];
    const goal = y0.ref.add(out.ref.slice([], [0, 2]).mul(o.goalScale));
    const weights = out.slice([], [2, 2 + 2 * n]).mul(o.weightScale).reshape([B, 2, n]);
    return layer.rollout({ weights, goal, y0 });
  };
  const predictJit = jit(forward);

  return {
    kind: "ndp",
    points,
    outputs: 2 + 2 * n,
    spec: { kind: "ndp", ...o },
    lossInputs(set: DigitSet, indices: ArrayLike<number>) {
      checkDigitSet(set, points);
      const B = indices.length;
      return [imagesInput(set, indices), upload(startPoints(set, indices), [B, 2]), upload(timeMajorTrajectories(set, indices), [points, B, 2])];
    },
    loss(params: DigitParams, input: Array, y0: Array, target: Array) {
      return np.mean(np.square(forward(params, input, y0).sub(target)));
    },
    predict(params: DigitParams, set: DigitSet, indices: ArrayLike<number>) {
      checkDigitSet(set, points);
      const B = indices.length;
      const y = predictJit(refTree(params), imagesInput(set, indices), upload(startPoints(set, indices), [B, 2]));
      const host = toFloat64(y);
      y.dispose();
      return batchMajor(host, points, B);
    },
    dispose() {
      predictJit.dispose();
      layer.dispose();
    },
  };
}
