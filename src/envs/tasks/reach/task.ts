/**
 * reach — move the gripper's centre point (TCP) to a goal point in the air (Meta-World v2 reach;
 * not in the NDP paper, where the default `reach_pos` was never registered).
 *
 * Variant: "NDP-faithful" layout (tasks.md §11) on our Sawyer-like arm (sawyer-reach.xml);
 * observation and action: config.ts. The gripper is held closed (there is nothing to grasp).
 * - Reset: goal ~ U([−0.1, 0.1] × [0.8, 0.9] × [0.05, 0.3]); puck xy ~ U([−0.1, 0.1] × [0.6, 0.7]),
 *   resampled while the puck–goal XY gap < 0.15 (v2 ranges). `randomize: false` uses the v2 defaults
 *   goal (−0.1, 0.8, 0.2), puck (0, 0.6).
 * - Reward: 10 · long_tail(‖TCP − goal‖, bounds [0, rewardRadius = 0.02], margin ‖TCP₀ − goal‖), max 10.
 * - Success: ‖TCP − goal‖ ≤ 0.05. Horizon 150 steps of 0.0125 s.
 * - Deviations from v2: 9-D observation and 3-D action (v2: 39-D, 4-D), horizon 150 (v2: 500),
 *   hand z ≥ 0.05 (the table would stop the fingers anyway), and the reward's flat top is 0.02
 *   (v2: the success radius 0.05). With v2's bound the long-tail reward cannot tell 0.052 m from
 *   0.048 m (9.99 vs 10), so PPO parks the hand on the success boundary: measured 60–90 %
 *   final-step success at a flat return plateau, with hands stopped at 0.052–0.08 m. A flat top
 *   inside the success radius keeps pulling the hand in.
 */
import { loadSawyerModel } from "../../robots/sawyer/sawyer-rig.js";
import { PUCK, TableObjectTask } from "../../robots/sawyer/table-object-task.js";
import { tolerance } from "../../tolerance.js";
import { dist3 } from "../../vec3.js";
import { MODEL_FILE, type ReachConfig } from "./config.js";

/** The puck is a bystander: placed at reset and observed, not part of the reward. */
class ReachTask extends TableObjectTask<ReachConfig> {
  private margin = 1;

  protected override startEpisode(): void {
    this.margin = dist3(this.tcp, 0, this.goal, 0);
  }

  /** reward = 10 · long_tail(‖TCP − goal‖; [0, rewardRadius], margin ‖TCP₀ − goal‖). */
  evaluate(): { reward: number; success: boolean } {
    this.rig.tcp(this.tcp);
    const d = dist3(this.tcp, 0, this.goal, 0);
    const reward = 10 * tolerance(d, 0, this.config.rewardRadius, this.margin);
    return { reward, success: d <= this.config.successRadius };
  }
}

export async function createReachTask(config: ReachConfig): Promise<ReachTask> {
  return new ReachTask(await loadSawyerModel(MODEL_FILE), config, PUCK);
}
