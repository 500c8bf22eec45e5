/**
 * soccer — push a ball into a small goal (paper §4, Meta-World soccer).
 *
 * Variant: "NDP-faithful" (tasks.md §11) on our Sawyer-like arm (sawyer-soccer.xml), with the goal
 * randomisation the paper describes; observation and action: config.ts.
 * - Ball: sphere, radius 0.03, 0.04 kg (v2's mass), solid-sphere inertia so it rolls, rolling
 *   friction 0.002 so it comes to rest. Goal frame: two side walls, a back wall and a roof (v2's
 *   size: inner width 0.18, 0.15 high, mouth toward the robot at goal y − 0.064); it moves with the
 *   goal. A ball resting inside the frame is within the success radius.
 * - Reset: ball xy ~ U([−0.1, 0.1] × [0.6, 0.7]), goal xy ~ U([−0.1, 0.1] × [0.8, 0.9]), redrawn
 *   while the gap < 0.15. `randomize: false`: ball (0, 0.6), goal (0, 0.9).
 * - Reward and success: see table-push-task.ts (max 10; success = XY ‖ball − goal‖ ≤ 0.07).
 * - Timing: 0.0025 s × 5 = 0.0125 s per step, 150 steps.
 * - Not reproduced from the NDP release (tasks.md §3): the xyz action applied twice per step (ours
 *   moves 0.01 m per unit action, like every Sawyer task), the gripper driven by the z action (held
 *   closed here), the 1e5 ball inertia (ours rolls), fixed ball and goal on the NDP path (we
 *   randomise). The goal is built from boxes instead of the v2 meshes (no slanted back net).
 */
import { createTablePushTask, type TablePushTask } from "../../robots/sawyer/table-push-task.js";
import { BALL, MODEL_FILE, type SoccerConfig } from "./config.js";

export function createSoccerTask(config: SoccerConfig): Promise<TablePushTask> {
  return createTablePushTask(MODEL_FILE, config, BALL);
}
