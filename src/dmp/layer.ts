/**
 * The differentiable DMP layer on the array engine (paper §3.1–3.2).
 *
 * A batch roll-out is the closed form of `transfer.ts`,
 *   y[p, b, d] = A_p y0[b,d] + B_p ẏ0[b,d] + C_p g[b,d] + Σ_i K[p, i] (g[b,d] − y0[b,d]) w[b,d,i],
 * computed as ONE matrix product  Y = K' W'  with
 *   K' = [ K | 0 | A | C | B | 0 ]                       (P × Q, a per-configuration constant)
 *   W' = [ ((g − y0) ⊙ w)ᵀ ; 0 ; y0ᵀ ; gᵀ ; ẏ0ᵀ ; 0 ]     (Q × B·D, built from the inputs)
 * where Q = roundUp4(N) + 4. Everything that scales with P happens inside the matmul, so autodiff
 * gives exact gradients with respect to w, g, y0 and ẏ0 at the cost of two small matmuls.
 * The output is time-major, [P, B, D]: the engine's fast matmul needs the output's last axis to be
 * a multiple of 4 (B·D here; keep B·D a multiple of 4 for full speed) and slicing or transposing
 * the result costs more than the roll-out itself. `layout: "batch-major"` returns [B, P, D].
 *
 * Variants:
 *  - `learnAlpha`: αz is an input (a trainable scalar), βz = αz / 4 is tied to it, and K' is built
 *    in-engine from the closed form of the critically damped Euler recursion
 *    (`alpha-response.ts`), so gradients flow to αz as well.
 *  - `onlyGoal` (the paper's "only-g" ablation): the weights are fixed at 0 and not an input.
 *  - `indices`: the roll-out points to output (default all m + 1; `sampleIndices` gives k
 *    equally spaced ones) — sub-sampling costs nothing extra, K' just has fewer rows.
 *  - `output`: position (default), velocity or acceleration.
 *  - `weightsScaled`: the inputs are u = (g − y0) w instead of w (f = φ·u).
 */
import { np, fromFloat64, type Array, type DType } from "../engine/jax.js";
import { ConfigError, ShapeError } from "../errors.js";
import type { DmpConfig } from "./config.js";
import { transferPlan, selectPoints, type OutputKind, type Response, OUTPUT_KINDS } from "./transfer.js";
import { alphaResponse, alphaResponseConstants, type AlphaResponseConstants } from "./alpha-response.js";

export type DmpLayout = "time-major" | "batch-major";

export interface DmpLayerOptions {
  /** Engine dtype of the constants and expected inputs (default float32). */
  dtype?: DType;
  /** Which output the roll-out returns (default "position"). */
  output?: OutputKind;
  /** Roll-out step indices to output (default all 0..m). */
  indices?: ArrayLike<number>;
  /** Learn αz: `rollout` then takes `alphaZ` (a scalar array) and ties βz = αz / 4. */
  learnAlpha?: boolean;
  /** The "only-g" setting: weights fixed at 0 (no `weights` input). */
  onlyGoal?: boolean;
  /** "time-major" [P, B, D] (default, fastest) or "batch-major" [B, P, D]. */
  layout?: DmpLayout;
  /**
   * The weights given are already the scaled weights u = (g − y0) w (Pahič et al.'s
   * parametrisation, well conditioned when g ≈ y0): the forcing term is f = φ·u.
   */
  weightsScaled?: boolean;
}

export interface DmpInputs {
  /** w, [B, D, N] (omit with `onlyGoal`). */
  weights?: Array;
  /** g, [B, D]. */
  goal: Array;
  /** y0, [B, D]. */
  y0: Array;
  /** ẏ0, [B, D] (default 0). */
  dy0?: Array;
  /** αz, a scalar array (only with `learnAlpha`). */
  alphaZ?: Array;
}

const roundUp4 = (n: number) => Math.ceil(n / 4) * 4;

export class DmpLayer {
  readonly cfg: DmpConfig;
  readonly output: OutputKind;
  readonly learnAlpha: boolean;
  readonly onlyGoal: boolean;
  readonly layout: DmpLayout;
  readonly weightsScaled: boolean;
  readonly dtype: DType;
  /** Roll-out step index of each output point. */
  readonly indices: Int32Array;
  /** Number of output points P. */
  readonly points: number;
  /** Rows of W' used by the forcing term (N rounded up to a multiple of 4; 0 for only-g). */
  private readonly forcingRows: number;
  /** K' for a fixed αz, [P, Q]. */
  private kPrime?: Array;
  private alpha?: AlphaResponseConstants;
  private disposed = false;

  constructor(cfg: DmpConfig, options: DmpLayerOptions = {}) {
    this.cfg = cfg;
    this.output = options.output ?? "position";
    if (!(OUTPUT_KINDS as readonly string[]).includes(this.output)) {
      throw new ConfigError(`unknown DMP output ${JSON.stringify(this.output)}; use one of ${OUTPUT_KINDS.join(", ")}`);
    }
    this.layout = options.layout ?? "time-major";
    if (this.layout !== "time-major" && this.layout !== "batch-major") {
      throw new ConfigError(`unknown layout ${JSON.stringify(this.layout)}; use "time-major" or "batch-major"`);
    }
    this.learnAlpha = options.learnAlpha ?? false;
    this.onlyGoal = options.onlyGoal ?? false;
    this.weightsScaled = options.weightsScaled ?? false;
    this.dtype = options.dtype ?? np.float32;
    if (this.learnAlpha && Math.abs(cfg.betaZ - cfg.alphaZ / 4) > 1e-12 * cfg.alphaZ) {
      throw new ConfigError("learnAlpha ties beta_z = alpha_z / 4; leave beta_z at its default");
    }
    let plan = transferPlan(cfg);
    if (options.indices !== undefined) plan = selectPoints(plan, options.indices);
    this.indices = plan.indices;
    this.points = plan.points;
    this.forcingRows = this.onlyGoal ? 0 : roundUp4(cfg.nBasis);
    if (this.learnAlpha) {
      this.alpha = alphaResponseConstants(cfg, this.indices, this.output, roundUp4(cfg.nBasis), this.dtype);
    } else {
      this.kPrime = this.upload(plan[this.output]);
    }
  }

  /** K' = [K | 0 | A | C | B | 0] as a [P, Q] constant. */
  private upload(r: Response): Array {
    const P = this.points;
    const n = this.cfg.nBasis;
    const F = this.forcingRows;
    const Q = F + 4;
    const k = new Float64Array(P * Q);
    for (let p = 0; p < P; p++) {
      if (F > 0) for (let i = 0; i < n; i++) k[p * Q + i] = r.forcing[p * n + i];
      k[p * Q + F] = r.y0[p];
      k[p * Q + F + 1] = r.goal[p];
      k[p * Q + F + 2] = r.dy0[p];
    }
    return fromFloat64(k, [P, Q], this.dtype);
  }

  /**
   * Roll out a batch. Consumes every input array (pass `.ref` to keep one). Returns [P, B, D]
   * (or [B, P, D] with the batch-major layout). Works eagerly and inside `jit` / `grad`.
   */
  rollout(inputs: DmpInputs): Array {
    if (this.disposed) throw new ConfigError("this DmpLayer was disposed; create a new one");
    const { goal, y0 } = inputs;
    if (goal.ndim !== 2) throw new ShapeError(`goal must be [B, D], got [${goal.shape.join(", ")}]`);
    const [B, D] = goal.shape;
    if (y0.ndim !== 2 || y0.shape[0] !== B || y0.shape[1] !== D) {
      throw new ShapeError(`y0 must be [${B}, ${D}] like goal, got [${y0.shape.join(", ")}]`);
    }
    const n = this.cfg.nBasis;
    if (this.onlyGoal && inputs.weights !== undefined) throw new ShapeError("this layer is 'only-g' (weights fixed at 0); do not pass weights");
    if (!this.onlyGoal) {
      const w = inputs.weights;
      if (w === undefined) throw new ShapeError(`weights [${B}, ${D}, ${n}] are required (or create the layer with onlyGoal)`);
      if (w.ndim !== 3 || w.shape[0] !== B || w.shape[1] !== D || w.shape[2] !== n) {
        throw new ShapeError(`weights must be [${B}, ${D}, ${n}], got [${w.shape.join(", ")}]`);
      }
    }
    if (inputs.dy0 !== undefined && (inputs.dy0.ndim !== 2 || inputs.dy0.shape[0] !== B || inputs.dy0.shape[1] !== D)) {
      throw new ShapeError(`dy0 must be [${B}, ${D}] like goal, got [${inputs.dy0.shape.join(", ")}]`);
    }
    if (this.learnAlpha !== (inputs.alphaZ !== undefined)) {
      throw new ShapeError(this.learnAlpha ? "this layer learns alpha_z: pass alphaZ (a scalar array)" : "alphaZ was given but the layer was not created with learnAlpha");
    }

    const BD = B * D;
    const dtype = goal.dtype;
    const g = goal.reshape([1, BD]);
    const y = y0.reshape([1, BD]);
    // W' = [ ((g − y0) ⊙ w)ᵀ ; 0 ; y0ᵀ ; gᵀ ; ẏ0ᵀ ; 0 ]
    const rows: Array[] = [];
    if (!this.onlyGoal) {
      const wt = np.transpose(inputs.weights!.reshape([BD, n]));
      rows.push(this.weightsScaled ? wt : wt.mul(g.ref.sub(y.ref)));
      if (this.forcingRows > n) rows.push(np.zeros([this.forcingRows - n, BD], { dtype }));
    }
    rows.push(y, g);
    rows.push(inputs.dy0 !== undefined ? inputs.dy0.reshape([1, BD]) : np.zeros([1, BD], { dtype }));
    rows.push(np.zeros([1, BD], { dtype }));
    const wPrime = np.concatenate(rows, 0);
    const out = np.matmul(this.learnAlpha ? this.alphaKPrime(inputs.alphaZ!) : this.kPrime!.ref, wPrime).reshape([this.points, B, D]);
    return this.layout === "batch-major" ? np.transpose(out, [1, 0, 2]) : out;
  }

  /** K'(αz) = [K | A | C | B | 0] built in-engine (K already carries its zero padding). */
  private alphaKPrime(alphaZ: Array): Array {
    const r = alphaResponse(this.alpha!, alphaZ, !this.onlyGoal);
    const cols = r.k ? [r.k, r.a, r.c, r.b] : [r.a, r.c, r.b];
    return np.concatenate([...cols, np.zeros([this.points, 1], { dtype: this.dtype })], 1);
  }

  /** Free the device constants. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.kPrime?.dispose();
    if (this.alpha) for (const key of ["t", "lag", "causal", "phi", "phiNext"] as const) this.alpha[key].dispose();
  }
}

/** Swap the first two axes: time-major [P, B, D] ↔ batch-major [B, P, D]. Consumes x. */
export function swapTimeBatch(x: Array): Array {
  return np.transpose(x, [1, 0, 2]);
}
