/**
 * push — slide a puck across the table to a goal point (paper §4, Meta-World push).
 *
 * Variant: "NDP-faithful" (tasks.md §11) on our Sawyer-like arm (sawyer-push.xml), with the goal
 * randomisation the paper describes; observation and action: config.ts.
 * - Puck: cylinder, radius 0.03, 0.03 tall, 0.75 kg, friction 1 (NDP's puck). The gripper is held
 *   closed, so the two pads act as one pusher.
 * - Reset: puck xy ~ U([−0.1, 0.1] × [0.6, 0.7]), goal xy ~ U([−0.1, 0.1] × [0.8, 0.9]), redrawn
 *   while the gap < 0.15. `randomize: false`: puck (0, 0.6), goal (0.1, 0.8).
 * - Reward and success: see table-push-task.ts (max 10; success = XY ‖puck − goal‖ ≤ 0.07).
 * - Timing: 0.0025 s × 5 substeps = 0.0125 s per step, 150 steps.
 * - Not reproduced from the NDP release (tasks.md §2 "Known bugs"): the gripper driven by the z
 *   action (here it is simply held closed), the 0.01 s timestep used for push only (we keep
 *   0.0025 s like every Sawyer task), fixed puck and goal on the NDP path (we randomise), and the
 *   stale reward (reward_delay belongs in a wrapper, not the env). Reward: our v2-style shaping
 *   instead of NDP's −distance + 1000·(…) terms.
 */
import { PUCK } from "../../robots/sawyer/table-object-task.js";
import { createTablePushTask, type TablePushTask } from "../../robots/sawyer/table-push-task.js";
import { MODEL_FILE, type PushConfig } from "./config.js";

export function createPushTask(config: PushConfig): Promise<TablePushTask> {
  return createTablePushTask(MODEL_FILE, config, PUCK);
}
