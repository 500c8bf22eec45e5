/**
 * faucet-open — config, constants and observation layout (the task: task.ts; its spec: index.ts).
 *
 * | obs index | label | meaning |
 * |---|---|---|
 * | 0–2 | hand_x/y/z | hand body position (the DMP state) |
 * | 3–5 | obj_x/y/z | lever tip (site `handle_tip`, 0.175 from the axis) |
 * | 6–8 | goal_x/y/z | where the tip is after +90°: faucet base + (0.175, 0, 0.124) |
 *
 * | action index | label | meaning |
 * |---|---|---|
 * | 0–2 | dx, dy, dz | hand motion, × 0.01 m per step, in [−1, 1] |
 * | 3 | gripper | finger servos: −1 open … +1 closed |
 */
import { sawyerDefaults, SAWYER_OBS, type SawyerConfig } from "../../robots/sawyer/sawyer-rig.js";
import type { ReachAndPlaceRadii } from "../../robots/sawyer/reach-and-place-reward.js";
import type { Vec3 } from "../../vec3.js";

/** Observation offsets: the Sawyer layout (hand 0, object 3 = the lever tip, goal 6). */
export const OBS = SAWYER_OBS;

/** The task's MJCF file in assets/mjcf/. */
export const MODEL_FILE = "sawyer-faucet-open.xml";

/** Distance from the hinge axis to the tip site (m). */
export const LEVER_RADIUS = 0.175;
/** Height of the hinge (and lever) above the table (m). */
export const HINGE_HEIGHT = 0.124;

/** Radii: `successRadius` on ‖tip − goal‖, `reachRadius` on ‖TCP − tip‖ (the lever's "object" is its tip). */
export interface FaucetOpenConfig extends SawyerConfig, ReachAndPlaceRadii {
  /** Randomise the faucet position at reset (false: `defaultBase`). */
  randomize: boolean;
  baseLow: readonly [number, number];
  baseHigh: readonly [number, number];
  defaultBase: readonly [number, number];
}

export function defaultConfig(): FaucetOpenConfig {
  return {
    ...sawyerDefaults(),
    handInit: [0, 0.4, 0.2],
    randomize: true,
    baseLow: [-0.05, 0.8],
    baseHigh: [0.05, 0.85],
    defaultBase: [0, 0.8],
    successRadius: 0.05,
    reachRadius: 0.04,
  };
}

/** The goal (tip position after +90°) for a faucet base at (x, y). */
export function faucetGoal(baseX: number, baseY: number): Vec3 {
  return [baseX + LEVER_RADIUS, baseY, HINGE_HEIGHT];
}
