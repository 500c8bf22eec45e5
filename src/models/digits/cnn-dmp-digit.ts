/**
 * The CNN-DMP baseline of paper Table 2 (Pahič et al. [26]): a DMP is fitted to every training
 * demonstration by least squares (`createDmpFitter`), the head regresses those parameters (the
 * loss is on the parameters, not on the trajectory), and the trajectory is produced afterwards by
 * integrating the DMP. Not end-to-end.
 *
 * Parameters θ = (g − y0, u) with the scaled weights u = (g − y0) w (2 + 2N numbers): regressing w
 * itself is ill-conditioned for digits that end where they start (g ≈ y0 → |w| → ∞), so this
 * choice only helps the baseline. Targets are z-scored per parameter over the training set.
 */
import { jit, np, type Array } from "../../engine/jax.js";
import type { DigitSet } from "../../data/digits/digit-set.js";
import { dmpConfig } from "../../dmp/config.js";
import { DmpLayer } from "../../dmp/layer.js";
import { backbone } from "../backbone.js";
import { mlpHead } from "../mlp-head.js";
import { ShapeError } from "../../errors.js";
import type { DigitModel, DigitParams } from "./digit-model.js";
import { checkDigitSet, imagesInput, predictFromStart, upload } from "./digit-inputs.js";
import { fitDigitParameters, parameterStats, type DigitFitOptions, type ParameterStats } from "./digit-dmp-fits.js";

/** The DMP the demonstrations are fitted with and the fit's ridge (1e-3 keeps the targets well conditioned: fit floor ≈ 0.06 px² on the built-in data). */
export type CnnDmpOptions = DigitFitOptions;

export const CNN_DMP_DEFAULTS: CnnDmpOptions = { nBasis: 30, steps: 300, alphaZ: 25, basis: "gaussian", ridge: 1e-3 };

/**
 * The model. `train` gives the fitting targets and their statistics (computed once, here);
 * `stats` restores a saved model without refitting.
 */
export function cnnDmpDigitModel(options: Partial<CnnDmpOptions> = {}, train?: DigitSet, stats?: ParameterStats): DigitModel {
  const o = { ...CNN_DMP_DEFAULTS, ...options };
  const q = 2 + 2 * o.nBasis;
  const points = o.steps + 1;
  const n = o.nBasis;
  // Fitted targets of the training set, cached by sample index.
  const fitted = train ? fitDigitParameters(train, o) : undefined;
  const st = stats ?? (fitted ? parameterStats(fitted, q) : undefined);
  if (!st) throw new ShapeError("CNN-DMP needs the training set (to fit targets) or saved statistics");
  const cfg = dmpConfig({ nBasis: o.nBasis, steps: o.steps, alphaZ: o.alphaZ, basis: o.basis });
  const layer = new DmpLayer(cfg, { weightsScaled: true });
  const meanArr = np.array(Float32Array.from(st.mean), { shape: [1, q] });
  const stdArr = np.array(Float32Array.from(st.std), { shape: [1, q] });

  const head = (params: DigitParams, input: Array) => mlpHead(params.head, backbone(params.backbone, input));
  /** normalised parameters → trajectory [P, B, 2] by the DMP (after training). */
  const rollout = (params: DigitParams, input: Array, y0: Array) => {
    const theta = head(params, input).mul(stdArr.ref).add(meanArr.ref);
    const B = theta.shape[0];
    const goal = y0.ref.add(theta.ref.slice([], [0, 2]));
    const u = theta.slice([], [2, q]).reshape([B, 2, n]);
    return layer.rollout({ weights: u, goal, y0 });
  };
  const predictJit = jit(rollout);

  return {
    kind: "cnn-dmp",
    points,
    outputs: q,
    spec: { kind: "cnn-dmp", ...o, stats: st },
    lossInputs(set, indices) {
      checkDigitSet(set, points);
      if (set !== train || !fitted) throw new ShapeError("CNN-DMP trains only on the training set it was built with (its targets are fitted there)");
      const z = new Float32Array(indices.length * q);
      for (let b = 0; b < indices.length; b++) for (let k = 0; k < q; k++) z[b * q + k] = (fitted[indices[b] * q + k] - st.mean[k]) / st.std[k];
      return [imagesInput(set, indices), upload(z, [indices.length, q])];
    },
    loss(params: DigitParams, input: Array, z: Array) {
      return np.mean(np.square(head(params, input).sub(z)));
    },
    predict(params: DigitParams, set: DigitSet, indices: ArrayLike<number>) {
      return predictFromStart(predictJit, params, set, indices, points);
    },
    dispose() {
      predictJit.dispose();
      layer.dispose();
      meanArr.dispose();
      stdArr.dispose();
    },
  };
}
