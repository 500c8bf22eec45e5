/**
 * point-mass — a point in D dimensions that must reach a goal, in plain TypeScript (no physics
 * engine): the fast env for tests and for debugging learners. Gymnasium semantics and seeding as
 * every env (episode.ts); observation and action: config.ts.
 *
 * - Reset: start p ~ U([−bound, bound]^D), then goal g ~ U([−bound, bound]^D) (D draws each, in
 *   that order), both redrawn while ‖p − g‖ < minGap. `randomize: false`: p = 0, g = (bound/2, …).
 * - Step (like the Sawyer mocap): p ← clip(p + actionScale · a, −bound, bound) with a the action
 *   clipped to [−1, 1]^D.
 * - Reward (shaped like reach): 10 · long_tail(‖p − g‖; [0, rewardRadius], margin d₀), d₀ = ‖p − g‖
 *   after reset — in [0, 10], 10 within rewardRadius (0.01, inside the success radius; tolerance.ts).
 * - Success: ‖p − g‖ ≤ successRadius at the step. Never terminated; truncated at the horizon (50).
 * - Robot state: "end-effector", position p and velocity (p − p before the step) / dt (0 after reset).
 */
import { assertFinite, assertInt, ConfigError } from "../../../errors.js";
import type { Rng } from "../../../math/rng.js";
import { boxSpec, type BoxSpec, type Env, type ResetOptions, type ResetResult, type RobotState, type StepResult } from "../../env.js";
import { Episode } from "../../episode.js";
import { tolerance } from "../../tolerance.js";
import { axisName, pointMassObs, type PointMassConfig } from "./config.js";

/** Draws of (start, goal) before giving up (the defaults need about one). */
const MAX_DRAWS = 1000;

export class PointMassEnv implements Env {
  readonly name = "point-mass";
  readonly observationSpec: BoxSpec;
  readonly actionSpec: BoxSpec;
  readonly horizon: number;
  readonly frameSkip = 1;
  readonly dt: number;
  readonly robotStateSize: number;
  private readonly episode: Episode;
  private readonly position: Float64Array;
  private readonly previous: Float64Array;
  private readonly goal: Float64Array;
  private margin = 1;

  constructor(private readonly config: PointMassConfig) {
    checkConfig(config);
    const { dims, bound } = config;
    const axes = Array.from({ length: dims }, (_, i) => axisName(i, dims));
    this.observationSpec = boxSpec([...axes.map((a) => [`pos_${a}`, -bound, bound] as const), ...axes.map((a) => [`goal_${a}`, -bound, bound] as const)]);
    this.actionSpec = boxSpec(axes.map((a) => [`d${a}`, -1, 1] as const));
    this.horizon = config.horizon;
    this.dt = config.dt;
    this.robotStateSize = dims;
    this.position = new Float64Array(dims);
    this.previous = new Float64Array(dims);
    this.goal = new Float64Array(dims);
    this.episode = new Episode(this.name, this.actionSpec, this.horizon);
  }

  reset(options: ResetOptions = {}): ResetResult {
    this.place(this.episode.begin(options));
    this.previous.set(this.position);
    this.margin = this.distance();
    return { obs: this.observe(), info: this.episode.resetInfo(this.evaluate().success) };
  }

  step(action: ArrayLike<number>): StepResult {
    const info = this.episode.step(action);
    const { actionScale, bound } = this.config;
    const a = this.episode.action;
    this.previous.set(this.position);
    for (let k = 0; k < this.position.length; k++) this.position[k] = Math.min(bound, Math.max(-bound, this.position[k] + actionScale * a[k]));
    const { reward, success } = this.evaluate();
    info.success = success;
    return { obs: this.observe(), reward, terminated: false, truncated: this.episode.truncatedAtHorizon(), info };
  }

  robotState(): RobotState {
    const velocity = this.position.map((p, k) => (p - this.previous[k]) / this.dt);
    return { kind: "end-effector", position: this.position.slice(), velocity };
  }

  close(): void {}

  /** Start and goal of a new episode (see the module comment). */
  private place(rng: Rng): void {
    const { bound, randomize, minGap } = this.config;
    if (!randomize) {
      this.position.fill(0);
      this.goal.fill(bound / 2);
      return;
    }
    for (let i = 0; i < MAX_DRAWS; i++) {
      for (let k = 0; k < this.position.length; k++) this.position[k] = rng.uniform(-bound, bound);
      for (let k = 0; k < this.goal.length; k++) this.goal[k] = rng.uniform(-bound, bound);
      if (this.distance() >= minGap) return;
    }
    throw new ConfigError(`point-mass: no start and goal ${minGap} apart in ${MAX_DRAWS} draws; lower minGap (the box is [−${bound}, ${bound}]^${this.position.length})`);
  }

  private observe(): Float64Array {
    const layout = pointMassObs(this.config.dims);
    const obs = new Float64Array(this.observationSpec.shape[0]);
    obs.set(this.position, layout.position);
    obs.set(this.goal, layout.goal);
    return obs;
  }

  /** reward = 10 · long_tail(‖p − g‖; [0, rewardRadius], margin d₀); success ‖p − g‖ ≤ successRadius. */
  private evaluate(): { reward: number; success: boolean } {
    const d = this.distance();
    return { reward: 10 * tolerance(d, 0, this.config.rewardRadius, this.margin), success: d <= this.config.successRadius };
  }

  private distance(): number {
    let s = 0;
    for (let k = 0; k < this.position.length; k++) s += (this.position[k] - this.goal[k]) ** 2;
    return Math.sqrt(s);
  }
}

/** Throw a ConfigError naming the first bad entry of a point-mass config. */
function checkConfig(c: PointMassConfig): void {
  assertInt(c.dims, "point-mass dims", 1, 64);
  assertInt(c.horizon, "point-mass horizon", 1);
  for (const key of ["dt", "actionScale", "bound", "successRadius", "rewardRadius"] as const) {
    assertFinite(c[key], `point-mass ${key}`);
    if (!(c[key] > 0)) throw new ConfigError(`point-mass ${key} must be > 0, got ${c[key]}`);
  }
  assertFinite(c.minGap, "point-mass minGap");
  if (typeof c.randomize !== "boolean") throw new ConfigError(`point-mass randomize must be true or false, got ${String(c.randomize)}`);
}
