/**
 * reach — move the gripper's centre point (TCP) to a goal point in the air (Meta-World v2 reach;
 * not in the NDP paper, where the default `reach_pos` was never registered).
 *
 * Variant: "NDP-faithful" layout (tasks.md §11) on our Sawyer-like arm (sawyer-reach.xml).
 *
 * | obs index | label | meaning |
 * |---|---|---|
 * | 0–2 | hand_x/y/z | hand body position (the DMP state) |
 * | 3–5 | obj_x/y/z | the puck (a bystander, as in v2 reach) |
 * | 6–8 | goal_x/y/z | goal |
 *
 * | action index | label | meaning |
 * |---|---|---|
 * | 0–2 | dx, dy, dz | hand motion, × 0.01 m per step, in [−1, 1] |
 *
 * The gripper is held closed (there is nothing to grasp).
 * - Reset: goal ~ U([−0.1, 0.1] × [0.8, 0.9] × [0.05, 0.3]); puck xy ~ U([−0.1, 0.1] × [0.6, 0.7]),
 *   resampled while the puck–goal XY gap < 0.15 (v2 ranges). `randomize: false` uses the v2 defaults
 *   goal (−0.1, 0.8, 0.2), puck (0, 0.6).
 * - Reward (v2): 10 · long_tail(‖TCP − goal‖, bounds [0, 0.05], margin ‖TCP₀ − goal‖), max 10.
 * - Success: ‖TCP − goal‖ ≤ 0.05. Horizon 150 steps of 0.0125 s.
 * - Deviations from v2: 9-D observation and 3-D action (v2: 39-D, 4-D), horizon 150 (v2: 500),
 *   hand z ≥ 0.05 (the table would stop the fingers anyway).
 */
import { reachExpert } from "../experts/reach.js";
import { PUCK_HALF_HEIGHT } from "../sawyer/placement.js";
import { loadSawyerModel, sawyerDefaults } from "../sawyer/sawyer-rig.js";
import { TableObjectTask, type TableObjectConfig } from "../sawyer/table-object-task.js";
import type { TaskSpec } from "../task.js";
import { tolerance } from "../tolerance.js";
import { dist3 } from "../vec3.js";

export interface ReachConfig extends TableObjectConfig {
  /** Success radius on ‖TCP − goal‖ (m). */
  successRadius: number;
}

export function defaultConfig(): ReachConfig {
  return {
    ...sawyerDefaults(),
    randomize: true,
    goalLow: [-0.1, 0.8, 0.05],
    goalHigh: [0.1, 0.9, 0.3],
    defaultGoal: [-0.1, 0.8, 0.2],
    objLow: [-0.1, 0.6],
    objHigh: [0.1, 0.7],
    defaultObj: [0, 0.6],
    minGap: 0.15,
    successRadius: 0.05,
  };
}

/** The puck is a bystander: placed at reset and observed, not part of the reward. */
class ReachTask extends TableObjectTask<ReachConfig> {
  private margin = 1;

  protected override startEpisode(): void {
    this.margin = dist3(this.tcp, 0, this.goal, 0);
  }

  /** reward = 10 · long_tail(‖TCP − goal‖; [0, successRadius], margin ‖TCP₀ − goal‖). */
  evaluate(): { reward: number; success: boolean } {
    this.rig.tcp(this.tcp);
    const d = dist3(this.tcp, 0, this.goal, 0);
    const reward = 10 * tolerance(d, 0, this.config.successRadius, this.margin, "long_tail");
    return { reward, success: d <= this.config.successRadius };
  }
}

export const reach: TaskSpec<ReachConfig> = {
  name: "reach",
  summary: "move the gripper centre to a random goal point in the air",
  robot: "sawyer",
  variant: "NDP-faithful layout (9-D obs, 3-D action, 150 steps), Meta-World v2 goal ranges and reward",
  successRule: "‖TCP − goal‖ ≤ 0.05 m",
  defaultConfig,
  create: async (config) => new ReachTask(await loadSawyerModel("sawyer-reach.xml"), config, { joint: "puck_joint", body: "puck", restHeight: PUCK_HALF_HEIGHT }),
  expert: (config) => reachExpert(config),
};
