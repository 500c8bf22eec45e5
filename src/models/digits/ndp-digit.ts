/**
 * NDP for digit writing (paper §3.3, §5.1): image → backbone → head → (g, w) → DMP → trajectory.
 *
 *   out = head(backbone(image))                        [B, 2 + 2N]
 *   θ   = offset + scale ⊙ out                         (output normalisation, below)
 *   g   = y0 + θ[0:2]                                  (the goal, relative to the known start)
 *   w   = θ[2:] as [B, 2, N]
 *   y   = DMP(w, g, y0, ẏ0 = 0)                         [P, B, 2]   (m = 300 → P = 301)
 *   loss = mean (y − y_demo)²                           (paper Eq. 7; = the Table 2 metric)
 * The DMP is the paper's (βz = αz/4, gaussian bases), rolled out by the exact closed form of the
 * DMP layer, end-to-end differentiable. Two forcing parametrisations:
 *  - "paper":  f = (g − y0) φ·w (paper Eq. 3), w = weightScale · out;
 *  - "scaled": f = φ·u with u = (g − y0) w predicted directly (same trajectories, but the output
 *              is linear in the trajectory and well conditioned when g ≈ y0, as for closed digits);
 *              u is normalised by the mean/std of least-squares fits to the training set;
 *  - "orthogonal": as "scaled", with u = L⁻ᵀ z (`forcingWhitener`): the head predicts coordinates z
 *              of orthonormal trajectory modes (normalised by the fits' z statistics). The same
 *              family of trajectories — a fixed linear map on the head's linear output — but the
 *              gradient through the DMP is well conditioned.
 * The goal offset is normalised by the mean/std of the demonstrations' end-point offsets, the
 * counterpart of the CNN baseline's normalised targets.
 */
import { fromFloat64, jit, np, type Array } from "../../engine/jax.js";
import { forcingWhitener } from "../../dmp/fit.js";
import type { DigitSet } from "../../data/digits/digit-set.js";
import { dmpConfig, type BasisKind } from "../../dmp/config.js";
import { DmpLayer } from "../../dmp/layer.js";
import { backbone } from "../backbone.js";
import { mlpHead } from "../mlp-head.js";
import type { DigitModel, DigitParams } from "./digit-model.js";
import { ShapeError } from "../../errors.js";
import { checkDigitSet, imagesInput, predictFromStart, startPoints, timeMajorTrajectories, upload } from "./digit-inputs.js";
import { fitDigitParameters, parameterStats } from "./digit-dmp-fits.js";

export const NDP_FORCINGS = ["paper", "scaled", "orthogonal"] as const;
export type NdpForcing = (typeof NDP_FORCINGS)[number];

export interface NdpDigitOptions {
  nBasis: number;
  steps: number;
  alphaZ: number;
  basis: BasisKind;
  forcing: NdpForcing;
  /** With "paper" forcing: weight per unit of the head's weight outputs. */
  weightScale: number;
}

export const NDP_DIGIT_DEFAULTS: NdpDigitOptions = { nBasis: 30, steps: 300, alphaZ: 25, basis: "gaussian", forcing: "paper", weightScale: 300 };

/** θ = offset + scale ⊙ out, each of length 2 + 2N. */
export interface NdpOutputScaling {
  offset: number[];
  scale: number[];
}

/** The output normalisation of an NDP from its training set (see the file comment). */
export function ndpOutputScaling(train: DigitSet, options: Partial<NdpDigitOptions> = {}): NdpOutputScaling {
  const o = { ...NDP_DIGIT_DEFAULTS, ...options };
  const q = 2 + 2 * o.nBasis;
  const per = train.points * 2;
  const offset = new Array<number>(q).fill(0);
  const scale = new Array<number>(q).fill(o.weightScale);
  // goal: mean and std of the demonstrations' end-point offsets y_T − y0
  const ends = new Float64Array(train.count * 2);
  for (let s = 0; s < train.count; s++) {
    for (let d = 0; d < 2; d++) ends[2 * s + d] = train.trajectories[s * per + per - 2 + d] - train.trajectories[s * per + d];
  }
  const goal = parameterStats(ends, 2);
  offset.splice(0, 2, ...goal.mean);
  scale.splice(0, 2, ...goal.std);
  if (o.forcing === "scaled" || o.forcing === "orthogonal") {
    const theta = fitDigitParameters(train, { nBasis: o.nBasis, steps: o.steps, alphaZ: o.alphaZ, basis: o.basis, ridge: FIT_RIDGE });
    if (o.forcing === "orthogonal") toWhitened(theta, whitener(o).lower, o.nBasis);
    const st = parameterStats(theta, q);
    for (let k = 2; k < q; k++) {
      offset[k] = st.mean[k];
      scale[k] = st.std[k];
    }
  }
  return { offset, scale };
}

const FIT_RIDGE = 1e-3;

function whitener(o: NdpDigitOptions) {
  return forcingWhitener(dmpConfig({ nBasis: o.nBasis, steps: o.steps, alphaZ: o.alphaZ, basis: o.basis }), FIT_RIDGE);
}

/** In place, per sample and dimension: u → z = Lᵀ u (the fits' coordinates in the whitened basis). */
function toWhitened(theta: Float64Array, L: Float64Array, n: number): void {
  const q = 2 + 2 * n;
  const z = new Float64Array(n);
  for (let s = 0; s < theta.length / q; s++) {
    for (let d = 0; d < 2; d++) {
      const u = theta.subarray(s * q + 2 + d * n, s * q + 2 + (d + 1) * n);
      for (let i = 0; i < n; i++) {
        let v = 0;
        for (let k = i; k < n; k++) v += L[k * n + i] * u[k];
        z[i] = v;
      }
      u.set(z);
    }
  }
}

export function ndpDigitModel(options: Partial<NdpDigitOptions>, scaling: NdpOutputScaling): DigitModel {
  const o = { ...NDP_DIGIT_DEFAULTS, ...options };
  const cfg = dmpConfig({ nBasis: o.nBasis, steps: o.steps, alphaZ: o.alphaZ, basis: o.basis });
  const layer = new DmpLayer(cfg, { weightsScaled: o.forcing !== "paper" });
  // u = z L⁻¹ as rows (u = L⁻ᵀ z as columns), for the orthogonal forcing
  const unwhiten = o.forcing === "orthogonal" ? fromFloat64(transpose(whitener(o).inverseTranspose, o.nBasis), [o.nBasis, o.nBasis]) : undefined;
  const n = o.nBasis;
  const q = 2 + 2 * n;
  const points = o.steps + 1;
  if (scaling.offset.length !== q || scaling.scale.length !== q) throw new ShapeError(`NDP output scaling must have ${q} entries, got ${scaling.offset.length}`);
  const offset = np.array(Float32Array.from(scaling.offset), { shape: [1, q] });
  const scale = np.array(Float32Array.from(scaling.scale), { shape: [1, q] });

  /** (params, image input, y0 [B,2]) → trajectory [P, B, 2]. */
  const forward = (params: DigitParams, input: Array, y0: Array): Array => {
    const theta = mlpHead(params.head, backbone(params.backbone, input)).mul(scale.ref).add(offset.ref);
    const B = theta.shape[0];
    const goal = y0.ref.add(theta.ref.slice([], [0, 2]));
    let rows = theta.slice([], [2, q]).reshape([B * 2, n]);
    if (unwhiten) rows = np.matmul(rows, unwhiten.ref);
    const weights = rows.reshape([B, 2, n]);
    return layer.rollout({ weights, goal, y0 });
  };
  const predictJit = jit(forward);

  return {
    kind: "ndp",
    points,
    outputs: q,
    spec: { kind: "ndp", ...o, scaling },
    lossInputs(set: DigitSet, indices: ArrayLike<number>) {
      checkDigitSet(set, points);
      const B = indices.length;
      return [imagesInput(set, indices), upload(startPoints(set, indices), [B, 2]), upload(timeMajorTrajectories(set, indices), [points, B, 2])];
    },
    loss(params: DigitParams, input: Array, y0: Array, target: Array) {
      return np.mean(np.square(forward(params, input, y0).sub(target)));
    },
    predict(params: DigitParams, set: DigitSet, indices: ArrayLike<number>) {
      return predictFromStart(predictJit, params, set, indices, points);
    },
    dispose() {
      predictJit.dispose();
      layer.dispose();
      offset.dispose();
      scale.dispose();
      unwhiten?.dispose();
    },
  };
}

/** The transpose of a row-major n × n matrix. */
function transpose(m: Float64Array, n: number): Float64Array {
  const t = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) t[j * n + i] = m[i * n + j];
  return t;
}
