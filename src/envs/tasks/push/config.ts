/**
 * push — config, constants and observation layout (the task: task.ts; its spec: index.ts).
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
 */
import { PUCK_HALF_HEIGHT } from "../../robots/sawyer/placement.js";
import { SAWYER_OBS } from "../../robots/sawyer/sawyer-rig.js";
import { tablePushDefaults, type TablePushConfig } from "../../robots/sawyer/table-push-config.js";

/** Observation offsets: the Sawyer layout (hand 0, object 3, goal 6). */
export const OBS = SAWYER_OBS;

/** The task's MJCF file in assets/mjcf/. */
export const MODEL_FILE = "sawyer-push.xml";

/** Puck radius (m). */
export const PUCK_RADIUS = 0.03;

export type PushConfig = TablePushConfig;

export function defaultConfig(): PushConfig {
  return tablePushDefaults(PUCK_HALF_HEIGHT, [0.1, 0.8]);
}
