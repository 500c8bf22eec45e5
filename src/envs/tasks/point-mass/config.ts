/**
 * point-mass — config and observation layout (the env: task.ts; its spec: index.ts). A point in D
 * dimensions (`dims`, default 2) that must reach a goal; pure TypeScript, no physics engine.
 *
 * | obs index | label | meaning |
 * |---|---|---|
 * | 0 … D−1 | pos_x, pos_y, … | position (the DMP state) |
 * | D … 2D−1 | goal_x, goal_y, … | goal |
 *
 * | action index | label | meaning |
 * |---|---|---|
 * | 0 … D−1 | dx, dy, … | position change, × actionScale per step, in [−1, 1] |
 *
 * Axis names are x, y, z for D ≤ 3, else 0, 1, 2, ….
 */

export interface PointMassConfig {
  /** Number of dimensions D (1..64). */
  dims: number;
  /** Episode length in steps. */
  horizon: number;
  /** Seconds per step (only the robot-state velocity depends on it). */
  dt: number;
  /** Position change per unit action per step. */
  actionScale: number;
  /** The point and the goal live in the box [−bound, bound]^D. */
  bound: number;
  /** Success radius on ‖position − goal‖. */
  successRadius: number;
  /** The reward is at its maximum within this radius of the goal (smaller than the success radius, see reach). */
  rewardRadius: number;
  /** Draw start and goal at reset (false: start at the origin, goal at (bound/2, …, bound/2)). */
  randomize: boolean;
  /** Redraw start and goal while ‖start − goal‖ < minGap. */
  minGap: number;
}

export function defaultConfig(): PointMassConfig {
  return { dims: 2, horizon: 50, dt: 0.05, actionScale: 0.1, bound: 1, successRadius: 0.05, rewardRadius: 0.01, randomize: true, minGap: 0.5 };
}

/** Where position and goal start in the observation of a `dims`-dimensional point mass. */
export function pointMassObs(dims: number): { position: number; goal: number } {
  return { position: 0, goal: dims };
}

/** Name of axis `i` of `dims`: x, y, z for dims ≤ 3, else the index. */
export function axisName(i: number, dims: number): string {
  return dims <= 3 ? "xyz"[i] : String(i);
}
