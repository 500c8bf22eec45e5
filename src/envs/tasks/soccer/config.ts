/**
 * soccer — config, constants and observation layout (the task: task.ts; its spec: index.ts).
 *
 * | obs index | label | meaning |
 * |---|---|---|
 * | 0–2 | hand_x/y/z | hand body position (the DMP state) |
 * | 3–5 | obj_x/y/z | ball centre |
 * | 6–8 | goal_x/y/z | goal point: the centre of the goal frame's floor area, at ball height 0.03 |
 *
 * | action index | label | meaning |
 * |---|---|---|
 * | 0–2 | dx, dy, dz | hand motion, × 0.01 m per step, in [−1, 1] |
 */
import { SAWYER_OBS } from "../../robots/sawyer/sawyer-rig.js";
import type { TableObject } from "../../robots/sawyer/table-object-task.js";
import { tablePushDefaults, type TablePushConfig } from "../../robots/sawyer/table-push-config.js";

/** Observation offsets: the Sawyer layout (hand 0, object 3, goal 6). */
export const OBS = SAWYER_OBS;

/** The task's MJCF file in assets/mjcf/. */
export const MODEL_FILE = "sawyer-soccer.xml";

/** Ball radius (m); the ball's centre rests at this height. */
export const BALL_RADIUS = 0.03;

/** The ball, and the goal frame that moves with the goal point. */
export const BALL: TableObject = { joint: "ball_joint", body: "ball", restHeight: BALL_RADIUS, goalBody: "goal_box" };

export type SoccerConfig = TablePushConfig;

export function defaultConfig(): SoccerConfig {
  return tablePushDefaults(BALL_RADIUS, [0, 0.9]);
}
