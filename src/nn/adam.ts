/**
 * Adam (Kingma & Ba 2015) with PyTorch's conventions, as a pure function usable inside `jit`:
 *
 *   g ← clip(g)                                    (optional global-norm clipping, clip-grad-norm.ts)
 *   g ← g + λ p                                    (L2 weight decay, PyTorch `Adam(weight_decay=λ)`)
 *   m ← β₁ m + (1 − β₁) g
 *   v ← β₂ v + (1 − β₂) g²
 *   p ← p − lr · (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)
 *
 * With `decoupledWeightDecay` (AdamW) the decay is p ← p − lr·λ·p instead of entering g.
 * The learning rate and the bias corrections are inputs (scalars), so annealing the rate or
 * advancing t never recompiles the jit'd step.
 */
import { np, type Array } from "../engine/jax.js";
import { ConfigError } from "../errors.js";
import { clipByGlobalNorm } from "./clip-grad-norm.js";
import { mapLeaves, treeLeaves, zerosLike, type ParamTree } from "./params.js";

export interface AdamConfig {
  /** β₁ (default 0.9). */
  beta1?: number;
  /** β₂ (default 0.999). */
  beta2?: number;
  /** ε added to √v̂ (default 1e-8; PPO uses 1e-5). */
  eps?: number;
  /** λ (default 0 = off). */
  weightDecay?: number;
  /** AdamW-style decay p ← p − lr·λ·p (default false: L2 added to the gradient, as torch Adam). */
  decoupledWeightDecay?: boolean;
  /** Clip gradients to this global L2 norm before the update (default: no clipping; PPO: 0.5). */
  maxGradNorm?: number;
}

/** Adam's moment estimates, trees shaped like the parameters. */
export interface AdamState<T extends ParamTree = ParamTree> {
  m: T;
  v: T;
}

/** Per-step scalar inputs: the learning rate and the bias corrections 1 − β₁ᵗ, 1 − β₂ᵗ. */
export interface AdamScalars {
  lr: Array | number;
  bc1: Array | number;
  bc2: Array | number;
}

/** The defaults filled in and checked. */
export function adamConfig(c: AdamConfig = {}): Required<Omit<AdamConfig, "maxGradNorm">> & { maxGradNorm: number | undefined } {
  const out = {
    beta1: c.beta1 ?? 0.9,
    beta2: c.beta2 ?? 0.999,
    eps: c.eps ?? 1e-8,
    weightDecay: c.weightDecay ?? 0,
    decoupledWeightDecay: c.decoupledWeightDecay ?? false,
    maxGradNorm: c.maxGradNorm,
  };
  if (!(out.beta1 >= 0 && out.beta1 < 1)) throw new ConfigError(`Adam beta1 must be in [0, 1), got ${out.beta1}`);
  if (!(out.beta2 >= 0 && out.beta2 < 1)) throw new ConfigError(`Adam beta2 must be in [0, 1), got ${out.beta2}`);
  if (!(out.eps > 0)) throw new ConfigError(`Adam eps must be > 0, got ${out.eps}`);
  if (!(out.weightDecay >= 0)) throw new ConfigError(`Adam weightDecay must be ≥ 0, got ${out.weightDecay}`);
  if (out.maxGradNorm !== undefined && !(out.maxGradNorm > 0)) throw new ConfigError(`maxGradNorm must be > 0, got ${out.maxGradNorm}`);
  return out;
}

/** Zero moments for `params` (does not consume `params`). */
export function initAdam<T extends ParamTree>(params: T): AdamState<T> {
  return { m: zerosLike(params), v: zerosLike(params) };
}

/** The scalars for update number t (t = 1 for the first update) at learning rate lr. */
export function adamScalars(lr: number, t: number, config: AdamConfig = {}): { lr: number; bc1: number; bc2: number } {
  const c = adamConfig(config);
  if (!(Number.isInteger(t) && t >= 1)) throw new ConfigError(`Adam step must be an integer ≥ 1, got ${t}`);
  if (!(lr >= 0 && Number.isFinite(lr))) throw new ConfigError(`learning rate must be a finite number ≥ 0, got ${lr}`);
  return { lr, bc1: 1 - Math.pow(c.beta1, t), bc2: 1 - Math.pow(c.beta2, t) };
}

/**
 * One Adam update (see the file header). Returns the new parameters, the new state and the global
 * gradient norm before clipping (a scalar array; computed only if clipping is on, else 0 — use
 * `globalNorm` from clip-grad-norm.ts if you need it without clipping).
 * Consumes `params`, `grads` and `state`; `scalars` may be numbers or (traced) scalar arrays.
 */
export function adamUpdate<T extends ParamTree>(params: T, grads: T, state: AdamState<T>, scalars: AdamScalars, config: AdamConfig = {}): { params: T; state: AdamState<T>; gradNorm: Array } {
  const c = adamConfig(config);
  let g = grads;
  let gradNorm: Array;
  if (c.maxGradNorm !== undefined) [g, gradNorm] = clipByGlobalNorm(g, c.maxGradNorm);
  else gradNorm = np.zeros([]);
  const byPath = (t: ParamTree) => new Map(treeLeaves(t).map((l) => [l.path, l.array]));
  const gl = byPath(g);
  const ml = byPath(state.m);
  const vl = byPath(state.v);
  const { lr, bc1, bc2 } = scalars;
  // step = lr / (1 − β₁ᵗ) and √(1 − β₂ᵗ): scalars shared by every leaf
  const step = typeof lr === "number" && typeof bc1 === "number" ? lr / bc1 : np.divide(typeof lr === "number" ? lr : lr.ref, bc1);
  const rootBc2 = typeof bc2 === "number" ? Math.sqrt(bc2) : np.sqrt(bc2);
  const use = (s: Array | number): Array | number => (typeof s === "number" ? s : s.ref);
  const newM = new Map<string, Array>();
  const newV = new Map<string, Array>();
  const newParams = mapLeaves(params, (p, path) => {
    let gi = gl.get(path);
    const mi = ml.get(path);
    const vi = vl.get(path);
    if (!gi || !mi || !vi) throw new ConfigError(`Adam: no gradient or moment for parameter ${path}; the trees must have the same structure`);
    if (c.weightDecay > 0 && !c.decoupledWeightDecay) gi = gi.add(p.ref.mul(c.weightDecay));
    const m2 = mi.mul(c.beta1).add(gi.ref.mul(1 - c.beta1));
    const v2 = vi.mul(c.beta2).add(np.square(gi).mul(1 - c.beta2));
    const denom = np.sqrt(v2.ref).div(use(rootBc2)).add(c.eps);
    let p2 = c.weightDecay > 0 && c.decoupledWeightDecay ? p.mul(np.subtract(1, np.multiply(use(lr), c.weightDecay))) : p;
    p2 = p2.sub(m2.ref.mul(use(step)).div(denom));
    newM.set(path, m2);
    newV.set(path, v2);
    return p2;
  }) as T;
  for (const s of [lr, step, rootBc2]) if (typeof s !== "number") s.dispose();
  const m = mapLeaves(state.m, (_, path) => newM.get(path)!) as T;
  const v = mapLeaves(state.v, (_, path) => newV.get(path)!) as T;
  return { params: newParams, state: { m, v }, gradNorm };
}

