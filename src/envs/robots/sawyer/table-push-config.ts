/**
 * The config of the table-push family (push and soccer), shared by its task (table-push-task.ts)
 * and its expert (table-push-expert.ts).
 */
import type { ReachAndPlaceRadii } from "./reach-and-place-reward.js";
import { sawyerDefaults } from "./sawyer-rig.js";
import type { TableObjectConfig } from "./table-object-task.js";

/** Config of push and soccer. */
export interface TablePushConfig extends TableObjectConfig, ReachAndPlaceRadii {}

/**
 * The Meta-World v2 defaults push and soccer share: object xy ~ U([−0.1, 0.1] × [0.6, 0.7]) (default
 * (0, 0.6)), goal xy ~ U([−0.1, 0.1] × [0.8, 0.9]) at height `restHeight` (default `defaultGoal`),
 * redrawn while the gap < 0.15; success radius 0.07, reach radius 0.05.
 */
export function tablePushDefaults(restHeight: number, defaultGoal: readonly [number, number]): TablePushConfig {
  return {
    ...sawyerDefaults(),
    randomize: true,
    objLow: [-0.1, 0.6],
    objHigh: [0.1, 0.7],
    defaultObj: [0, 0.6],
    goalLow: [-0.1, 0.8, restHeight],
    goalHigh: [0.1, 0.9, restHeight],
    defaultGoal: [defaultGoal[0], defaultGoal[1], restHeight],
    minGap: 0.15,
    successRadius: 0.07,
    reachRadius: 0.05,
  };
}
