/**
 * push — slide a puck across the table to a goal point (paper §4, Meta-World push).
 *
 * Variant: "NDP-faithful" (tasks.md §11) on our Sawyer-like arm (sawyer-push.xml), with the goal
 * randomisation the paper describes.
 *
 * | obs index | label | meaning |
 * |---|---|---|
 * | 0–2 | hand_x/y/z | hand body position (the DMP state) |
 * | 3–5 | obj_x/y/z | puck centre |
 * | 6–8 | goal_x/y/z | goal (z = the puck's resting centre height, 0.015) |
 *
 * | action index | label | meaning |
 * |---|---|---|
 * | 0–2 | dx, dy, dz | hand motion, × 0.01 m per step, in [−1, 1] |
 *
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
import { PUCK_HALF_HEIGHT } from "../sawyer/placement.js";
import { tablePushDefaults, tablePushSpec, type TablePushConfig } from "../sawyer/table-push-task.js";
import type { TaskSpec } from "../task.js";

/** Puck radius (m). */
export const PUCK_RADIUS = 0.03;

export type PushConfig = TablePushConfig;

export function defaultConfig(): PushConfig {
  return tablePushDefaults(PUCK_HALF_HEIGHT, [0.1, 0.8]);
}

export const push: TaskSpec<PushConfig> = tablePushSpec({
  name: "push",
  summary: "push a puck across the table to a random goal",
  variant: "NDP-faithful (9-D obs, 3-D action, 150 steps, XY success radius 0.07), randomised puck and goal",
  successRule: "XY ‖puck − goal‖ ≤ 0.07 m",
  defaultConfig,
  modelFile: "sawyer-push.xml",
  object: { joint: "puck_joint", body: "puck", restHeight: PUCK_HALF_HEIGHT },
  objectRadius: PUCK_RADIUS,
});
