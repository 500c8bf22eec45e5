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
import { dmpConfig, type BasisKind } from "../../dmp/config.js";
import { createDmpFitter } from "../../dmp/fit.js";
import { DmpLayer } from "../../dmp/layer.js";
import { backbone } from "../backbone.js";
import { mlpHead } from "../mlp-head.js";
import { ShapeError } from "../../errors.js";
import type { DigitModel, DigitParams } from "./digit-model.js";
import { checkDigitSet, imagesInput, predictFromStart, upload } from "./digit-inputs.js";

export interface CnnDmpOptions {
  nBasis: number;
  steps: number;
  alphaZ: number;
  basis: BasisKind;
  /** Relative ridge on u in the least-squares fits (see createDmpFitter): 1e-3 keeps the targets well conditioned (fit floor ≈ 0.06 px² on the built-in data). */
  ridge: number;
}

export const CNN_DMP_DEFAULTS: CnnDmpOptions = { nBasis: 30, steps: 300, alphaZ: 25, basis: "gaussian", ridge: 1e-3 };

export interface CnnDmpStats {
  mean: number[];
  std: number[];
}

/** Least-squares parameters θ = (g − y0, u) of every sample of `set`, row-major [n][2 + 2N]. */
export function fitDigitParameters(set: DigitSet, o: CnnDmpOptions): Float64Array {
  const cfg = dmpConfig({ nBasis: o.nBasis, steps: o.steps, alphaZ: o.alphaZ, basis: o.basis });
  const fitter = createDmpFitter(cfg, { ridge: o.ridge });
  const q = 2 + 2 * o.nBasis;
  const per = set.points * 2;
  const out = new Float64Array(set.count * q);
  for (let s = 0; s < set.count; s++) {
    const traj = set.trajectories.subarray(s * per, (s + 1) * per);
    const f = fitter.fit(traj, 2);
    out[s * q] = f.goal[0] - traj[0];
    out[s * q + 1] = f.goal[1] - traj[1];
    out.set(f.scaledWeights, s * q + 2);
  }
  return out;
}

/** Per-parameter mean and standard deviation of fitted parameters [n][q]. */
export function parameterStats(theta: Float64Array, q: number): CnnDmpStats {
  const n = theta.length / q;
  const mean = new Array<number>(q).fill(0);
  const std = new Array<number>(q).fill(0);
  for (let s = 0; s < n; s++) for (let k = 0; k < q; k++) mean[k] += theta[s * q + k] / n;
  for (let s = 0; s < n; s++) for (let k = 0; k < q; k++) std[k] += (theta[s * q + k] - mean[k]) ** 2 / n;
  return { mean, std: std.map((v) => Math.sqrt(v) || 1) };
}

/**
 * The model. `train` gives the fitting targets and their statistics (computed once, here);
 * `stats` restores a saved model without refitting.
 */
export function cnnDmpDigitModel(options: Partial<CnnDmpOptions> = {}, train?: DigitSet, stats?: CnnDmpStats): DigitModel {
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
