/**
 * reach — config, constants and observation layout (the task: task.ts; its spec: index.ts).
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
 */
import { sawyerDefaults, SAWYER_OBS } from "../../robots/sawyer/sawyer-rig.js";
import type { TableObjectConfig } from "../../robots/sawyer/table-object-task.js";

/** Observation offsets: the Sawyer layout (hand 0, object 3, goal 6). */
export const OBS = SAWYER_OBS;

/** The task's MJCF file in assets/mjcf/. */
export const MODEL_FILE = "sawyer-reach.xml";

export interface ReachConfig extends TableObjectConfig {
  /** Success radius on ‖TCP − goal‖ (m). */
  successRadius: number;
  /** The reward is at its maximum within this radius of the goal (m); smaller than the success radius. */
  rewardRadius: number;
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
    rewardRadius: 0.02,
  };
}
