/**
 * The differentiable DMP layer on the array engine (paper §3.1–3.2).
 *
 * A batch roll-out is the closed form of `transfer.ts`:
 *   Y[b, d, p] = A_p y0[b,d] + B_p ẏ0[b,d] + C_p g[b,d] + (g[b,d] − y0[b,d]) Σ_i K[p, i] w[b,d,i]
 * i.e. one (B·D × N) @ (N × P) matrix product plus broadcasts, differentiable with respect to
 * w, g, y0 and ẏ0 by ordinary autodiff. N and P are padded to multiples of 4 inside (zero columns,
 * exact) because the engine's matmul is ~10× slower on other widths.
 *
 * Variants:
 *  - `learnAlpha`: αz is an input (a trainable scalar), βz = αz / 4 is tied to it, and A, B, C, K
 *    are built in-engine from the closed form of the critically damped Euler recursion
 *    (`alpha-response.ts`), so gradients flow to αz as well.
 *  - `onlyGoal` (the paper's "only-g" ablation): the weights are fixed at 0 and not an input.
 *  - `indices`: the roll-out points to output (default all m + 1; `sampleIndices` gives k
 *    equally spaced ones) — sub-sampling costs nothing extra, the plan just has fewer rows.
 *  - `output`: position (default), velocity or acceleration.
 *
 * Layout: the output is [B, D, P] ("dimension-major", like NCW): time is the last axis so the
 * matmul result needs no transpose. `toTimeMajor` gives [B, P, D].
 */
import { np, fromFloat64, type Array, type DType } from "../engine/jax.js";
import { ConfigError, ShapeError } from "../errors.js";
import type { DmpConfig } from "./config.js";
import { transferPlan, selectPoints, type OutputKind, type Response, OUTPUT_KINDS } from "./transfer.js";
import { alphaResponse, alphaResponseConstants, type AlphaResponseConstants } from "./alpha-response.js";

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

/** Device constants of a fixed-αz layer: rows A, B, C as [1, P4] and Kᵀ as [N4, P4]. */
interface FixedConstants {
  a: Array;
  b: Array;
  c: Array;
  kt: Array;
}

export class DmpLayer {
  readonly cfg: DmpConfig;
  readonly output: OutputKind;
  readonly learnAlpha: boolean;
  readonly onlyGoal: boolean;
  readonly dtype: DType;
  /** Roll-out step index of each output point. */
  readonly indices: Int32Array;
  /** Number of output points P. */
  readonly points: number;
  private readonly nPad: number;
  private readonly pPad: number;
  private fixed?: FixedConstants;
  private alpha?: AlphaResponseConstants;
  private disposed = false;

  constructor(cfg: DmpConfig, options: DmpLayerOptions = {}) {
    this.cfg = cfg;
    this.output = options.output ?? "position";
    if (!(OUTPUT_KINDS as readonly string[]).includes(this.output)) {
      throw new ConfigError(`unknown DMP output ${JSON.stringify(this.output)}; use one of ${OUTPUT_KINDS.join(", ")}`);
    }
    this.learnAlpha = options.learnAlpha ?? false;
    this.onlyGoal = options.onlyGoal ?? false;
    this.dtype = options.dtype ?? np.float32;
    if (this.learnAlpha && Math.abs(cfg.betaZ - cfg.alphaZ / 4) > 1e-12 * cfg.alphaZ) {
      throw new ConfigError("learnAlpha ties beta_z = alpha_z / 4; leave beta_z at its default");
    }
    let plan = transferPlan(cfg);
    if (options.indices !== undefined) plan = selectPoints(plan, options.indices);
    this.indices = plan.indices;
    this.points = plan.points;
    this.nPad = roundUp4(cfg.nBasis);
    this.pPad = roundUp4(this.points);
    if (this.learnAlpha) {
      this.alpha = alphaResponseConstants(cfg, this.indices, this.output, this.pPad, this.nPad, this.dtype);
    } else {
      this.fixed = this.upload(plan[this.output]);
    }
  }

  private upload(r: Response): FixedConstants {
    const { points: P, pPad, nPad } = this;
    const n = this.cfg.nBasis;
    const row = (v: Float64Array) => {
      const out = new Float64Array(pPad);
      out.set(v);
      return fromFloat64(out, [1, pPad], this.dtype);
    };
    const kt = new Float64Array(nPad * pPad);
    for (let p = 0; p < P; p++) for (let i = 0; i < n; i++) kt[i * pPad + p] = r.forcing[p * n + i];
    return { a: row(r.y0), b: row(r.dy0), c: row(r.goal), kt: fromFloat64(kt, [nPad, pPad], this.dtype) };
  }

  /**
   * Roll out a batch. Consumes every input array (pass `.ref` to keep one). Returns [B, D, P].
   * Works eagerly and inside `jit` / `grad`.
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
    const { a, b, c, kt } = this.learnAlpha ? alphaResponse(this.alpha!, inputs.alphaZ!) : refs(this.fixed!);
    const g = goal.reshape([BD, 1]);
    const y = y0.reshape([BD, 1]);
    // A y0 + C g (+ B ẏ0)
    let out = y.ref.mul(a).add(g.ref.mul(c));
    if (inputs.dy0 !== undefined) out = out.add(inputs.dy0.reshape([BD, 1]).mul(b));
    else b.dispose();
    if (this.onlyGoal) {
      kt.dispose();
      g.dispose();
      y.dispose();
    } else {
      // (g − y0) · (W Kᵀ), with W padded to N4 columns
      let w = inputs.weights!.reshape([BD, n]);
      if (this.nPad > n) w = np.concatenate([w, np.zeros([BD, this.nPad - n], { dtype: w.dtype })], 1);
      out = out.add(g.sub(y).mul(np.matmul(w, kt)));
    }
    if (this.pPad > this.points) out = out.slice([], [0, this.points]);
    return out.reshape([B, D, this.points]);
  }

  /** Free the device constants. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.fixed) for (const v of Object.values(this.fixed)) v.dispose();
    if (this.alpha) for (const v of Object.values(this.alpha)) if (typeof v === "object" && v !== null && "dispose" in v) (v as Array).dispose();
  }
}

function refs(c: FixedConstants): FixedConstants {
  return { a: c.a.ref, b: c.b.ref, c: c.c.ref, kt: c.kt.ref };
}

/** [B, D, P] → [B, P, D]. Consumes x. */
export function toTimeMajor(x: Array): Array {
  return np.transpose(x, [0, 2, 1]);
}
