/**
 * DMP configuration and the notation used throughout `src/dmp/`.
 *
 * Notation (one output dimension; dimensions are independent):
 *   y        position, ẏ = z / tau velocity, z the scaled velocity
 *   y0, dy0  start position and velocity; goal g; weights w[1..N]
 *   x        phase, τ ẋ = −aX x, x(0) = 1
 *   alphaZ, betaZ   attractor gains (critically damped for betaZ = alphaZ / 4)
 *   tau      temporal scale; m = steps Euler steps of dt (default tau / m, so a roll-out spans
 *            one tau) → m + 1 output points
 *   ψ_i(x)   basis activations; φ_i(x) = ψ_i(x) x / Σ_j ψ_j(x) the normalised basis
 *   f(x)     = (g − y0) Σ_i φ_i(x) w_i      the forcing term (paper Eq. 3)
 *   τ ż      = alphaZ (betaZ (g − y) − z) + f(x)   (paper Eq. 1, 4)
 *   τ ẏ      = z
 */
import { ConfigError, assertFinite, assertInt, formatValue } from "../errors.js";
import { checkBudget } from "../io/size-budget.js";

/** The basis families of the paper's §5.4 ablation (see `basis.ts` for the formulas). */
export const BASIS_KINDS = ["gaussian", "linear", "multiquadric", "inverse-quadric", "inverse-multiquadric"] as const;
export type BasisKind = (typeof BASIS_KINDS)[number];

/**
 * Where basis centres and widths come from:
 *  - "release": the original code, c_i = exp(−aX (i−1)/(N−1)), h_i = N^1.5 / c_i / aX (default);
 *  - "paper":   the paper's printed formula, c_i = exp(−i aX / N), h_i = N / c_i.
 */
export const CENTER_RULES = ["release", "paper"] as const;
export type CenterRule = (typeof CENTER_RULES)[number];

export interface DmpConfig {
  /** N, the number of basis functions (≥ 1). */
  readonly nBasis: number;
  /** m, the number of Euler steps; a roll-out has m + 1 points (≥ 1). */
  readonly steps: number;
  /** alphaZ (> 0), default 25. */
  readonly alphaZ: number;
  /** betaZ (> 0), default alphaZ / 4 (critical damping). */
  readonly betaZ: number;
  /** aX, the phase decay rate (> 0), default 1. */
  readonly aX: number;
  /** tau, the temporal scale (> 0), default 1. */
  readonly tau: number;
  /** dt, the Euler step (> 0), default tau / m: the roll-out then covers t ∈ [0, tau]. */
  readonly dt: number;
  readonly basis: BasisKind;
  readonly centers: CenterRule;
}

export type DmpConfigInput = Partial<DmpConfig> & Pick<DmpConfig, "nBasis" | "steps">;

/** Euler step size dt (default tau / m). */
export function stepSize(cfg: DmpConfig): number {
  return cfg.dt;
}

/** Number of points of a dense roll-out, m + 1. */
export function pointCount(cfg: DmpConfig): number {
  return cfg.steps + 1;
}

/** Accept "inverse_quadric" / "InverseQuadric" spellings as well as the canonical kebab-case. */
export function parseBasisKind(value: unknown): BasisKind {
  if (typeof value === "string") {
    const canonical = value
      .trim()
      .replace(/([a-z])([A-Z])/g, "$1-$2")
      .replace(/[_\s]+/g, "-")
      .toLowerCase();
    if ((BASIS_KINDS as readonly string[]).includes(canonical)) return canonical as BasisKind;
  }
  throw new ConfigError(`unknown basis ${formatValue(value)}; use one of ${BASIS_KINDS.join(", ")}`);
}

/**
 * Validate a configuration and fill in defaults. Throws ConfigError (one line, with the fix) on a
 * bad value: N < 1, m < 1, non-finite or non-positive gains, an unknown basis, or an Euler step
 * so large that the integration diverges; and a SizeBudgetError when its plan would pass
 * SIZE_BUDGET.dmpPlanValues ((m + 1) × (N + 3), src/io/size-budget.ts).
 */
export function dmpConfig(input: DmpConfigInput): DmpConfig {
  if (input === null || typeof input !== "object") throw new ConfigError(`DMP config must be an object, got ${formatValue(input)}`);
  assertInt(input.nBasis, "n_basis (number of basis functions)", 1, 100_000);
  assertInt(input.steps, "steps (number of Euler steps m)", 1, 10_000_000);
  const alphaZ = input.alphaZ ?? 25;
  assertFinite(alphaZ, "alpha_z");
  const betaZ = input.betaZ ?? alphaZ / 4;
  assertFinite(betaZ, "beta_z");
  const aX = input.aX ?? 1;
  assertFinite(aX, "a_x");
  const tau = input.tau ?? 1;
  assertFinite(tau, "tau");
  for (const [name, v] of [["alpha_z", alphaZ], ["beta_z", betaZ], ["a_x", aX], ["tau", tau]] as const) {
    if (v <= 0) throw new ConfigError(`${name} must be > 0, got ${v}`);
  }
  const dt = input.dt ?? tau / input.steps;
  assertFinite(dt, "dt");
  if (dt <= 0) throw new ConfigError(`dt must be > 0, got ${dt}`);
  const basis = parseBasisKind(input.basis ?? "gaussian");
  const centers = input.centers ?? "release";
  if (!(CENTER_RULES as readonly string[]).includes(centers)) {
    throw new ConfigError(`unknown centers rule ${formatValue(centers)}; use "release" or "paper"`);
  }
  // The closed-form plan (transfer.ts) holds (m + 1) × (N + 3) numbers per output kind.
  checkBudget("dmpPlanValues", (input.steps + 1) * (input.nBasis + 3), "the DMP's closed-form plan ((steps + 1) × (n_basis + 3))", "use fewer steps or basis functions");
  const cfg: DmpConfig = { nBasis: input.nBasis, steps: input.steps, alphaZ, betaZ, aX, tau, dt, basis, centers };
  const rho = spectralRadius(cfg);
  if (!(rho < 1)) {
    let suggestion = cfg.steps;
    while (spectralRadius({ ...cfg, steps: suggestion, dt: (dt * cfg.steps) / suggestion }) >= 1 && suggestion < 1e9) suggestion *= 2;
    throw new ConfigError(
      `Euler integration diverges (spectral radius ${rho.toFixed(3)} >= 1) for alpha_z=${alphaZ}, beta_z=${betaZ}, steps=${cfg.steps}; use a smaller dt (e.g. more steps: ${suggestion}) or smaller gains`,
    );
  }
  if ((aX * stepSize(cfg)) / tau > 1) {
    throw new ConfigError(`the phase step a_x*dt/tau = ${(aX * stepSize(cfg)) / tau} must be <= 1 (the phase would go negative); use a smaller dt (more steps) or a smaller a_x`);
  }
  return cfg;
}

/**
 * Spectral radius of the Euler transition matrix of (y, z):
 *   A = [[1, h], [−αβh, 1 − αh]],  h = dt / tau.
 * The recursion is stable iff it is < 1. For β = α/4, A has the double eigenvalue 1 − αh/2.
 */
export function spectralRadius(cfg: DmpConfig): number {
  const h = stepSize(cfg) / cfg.tau;
  const tr = 2 - cfg.alphaZ * h;
  const det = 1 - cfg.alphaZ * h + cfg.alphaZ * cfg.betaZ * h * h;
  const disc = tr * tr - 4 * det;
  if (disc >= 0) {
    const s = Math.sqrt(disc);
    return Math.max(Math.abs((tr + s) / 2), Math.abs((tr - s) / 2));
  }
  return Math.sqrt(det); // complex pair: |λ|² = det
}

/**
 * The same DMP integrated `factor` times more finely (steps × factor, dt / factor): the dense,
 * high-rate roll-out of paper §3.5. Point k·factor of the refined roll-out is at the time of point
 * k of the original; the two agree up to the O(dt) Euler error and converge as factor grows.
 */
export function refineConfig(cfg: DmpConfig, factor: number): DmpConfig {
  assertInt(factor, "refinement factor", 1, 100_000);
  return dmpConfig({ ...cfg, steps: cfg.steps * factor, dt: cfg.dt / factor });
}

/** A key that identifies a configuration, for caches. */
export function configKey(cfg: DmpConfig): string {
  return [cfg.nBasis, cfg.steps, cfg.alphaZ, cfg.betaZ, cfg.aX, cfg.tau, cfg.dt, cfg.basis, cfg.centers].join("|");
}
