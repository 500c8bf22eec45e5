/**
 * The task-suite environment API, with Gymnasium semantics, typed.
 *
 * - `reset({ seed })` → `{ obs, info }`. The env reseeds only when a seed is given; an env that was
 *   never seeded uses seed 0 (deterministic, unlike Gymnasium's OS entropy).
 * - `step(action)` → `{ obs, reward, terminated, truncated, info }`. `terminated` is true only for a
 *   true terminal state (none of our tasks has one: it is always false); `truncated` is true at the
 *   horizon and when the physics became unstable (then `info.reason` says why, the reward is 0 and
 *   `obs` is the last stable observation — a NaN never reaches an observation). After either, call
 *   `reset()` before stepping again.
 * - Actions: a wrong length or a non-finite entry throws an NdpError; entries outside
 *   `actionSpec.low/high` are clipped and counted in `info.clipped` / `info.clippedTotal`.
 * - `dt = timestep × frameSkip` is the simulated time of one `step`.
 */

/** A box space: a vector of `shape[0]` values with per-entry bounds and names. */
export interface BoxSpec {
  /** Always one axis: [n]. */
  readonly shape: readonly [number];
  /** Lower bounds (n). */
  readonly low: Float64Array;
  /** Upper bounds (n). */
  readonly high: Float64Array;
  /** A short name per entry, e.g. "hand_x" (n). */
  readonly labels: readonly string[];
}

/** Build a {@link BoxSpec} from per-entry [label, low, high] rows. */
export function boxSpec(rows: ReadonlyArray<readonly [string, number, number]>): BoxSpec {
  return {
    shape: [rows.length],
    low: Float64Array.from(rows, (r) => r[1]),
    high: Float64Array.from(rows, (r) => r[2]),
    labels: rows.map((r) => r[0]),
  };
}

export interface ResetOptions {
  /** Reseed the env's generator (integer >= 0). Omit to continue the current random stream. */
  seed?: number;
}

export interface EnvInfo {
  /** The task's success rule holds in the current state. */
  success: boolean;
  /** Why the episode was cut short (physics instability), absent otherwise. */
  reason?: string;
  /** Action entries clipped into the action bounds in this step. */
  clipped: number;
  /** Action entries clipped since the last reset. */
  clippedTotal: number;
  /** Steps taken since the last reset. */
  t: number;
}

export interface ResetResult {
  obs: Float64Array;
  info: EnvInfo;
}

export interface StepResult {
  obs: Float64Array;
  reward: number;
  terminated: boolean;
  truncated: boolean;
  info: EnvInfo;
}

/**
 * The robot state a DMP starts its roll-out from. Sawyer-like tasks: the hand (end-effector)
 * position (3) and velocity (3, finite difference over the last step, 0 after reset). Jaco-like
 * tasks: joint positions and velocities.
 */
export interface RobotState {
  kind: "end-effector" | "joints";
  position: Float64Array;
  velocity: Float64Array;
}

/** The spaces and timing every env declares, single ({@link Env}) or vector (`VectorEnv`). */
export interface EnvSpaces {
  /** One observation (per env): its box. */
  readonly observationSpec: BoxSpec;
  /** One action (per env): its box. */
  readonly actionSpec: BoxSpec;
  /** Episode length in steps; `truncated` becomes true on step `horizon`. */
  readonly horizon: number;
  /** Simulated seconds per `step` (timestep × frameSkip). */
  readonly dt: number;
}

export interface Env extends EnvSpaces {
  /** Registered task name, e.g. "push". */
  readonly name: string;
  /** Physics substeps per `step`. */
  readonly frameSkip: number;
  /** Length of robotState().position (and .velocity). */
  readonly robotStateSize: number;
  reset(options?: ResetOptions): ResetResult;
  step(action: ArrayLike<number>): StepResult;
  /** The robot's current state (see {@link RobotState}). */
  robotState(): RobotState;
  /** Free the physics resources (idempotent). */
  close(): void;
}

/** A policy maps an observation to an action (it may keep per-episode state; `reset` clears it). */
export interface Policy {
  /** Start of a new episode. */
  reset?(): void;
  act(obs: Float64Array): Float64Array;
}
