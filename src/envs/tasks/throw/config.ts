/**
 * throw — config, constants and observation layout (the task: task.ts; its spec: index.ts).
 *
 * | obs index | label | meaning |
 * |---|---|---|
 * | 0–5 | q_j1 … q_j6 | arm joint angles (rad) |
 * | 6–8 | q_finger1 … q_finger3 | finger angles (0 open … 0.698 closed) |
 * | 9–11 | cube_x/y/z | cube centre |
 * | 12–15 | cube_qw/qx/qy/qz | cube orientation (w first) |
 * | 16–17 | bin_dx, bin_dy | bin offset from its model position (the original's bin slide joints; 0) |
 * | 18–26 | qd_j1 … qd_finger3 | joint velocities |
 * | 27–32 | cube_vx/vy/vz, cube_wx/wy/wz | cube linear (world) and angular (body) velocity |
 * | 33–34 | bin_vx, bin_vy | bin velocity (0: the bin is static) |
 * | 35–37 | fingers_x/y/z | finger centroid (mean of the three finger centres of mass) |
 * | 38–40 | goal_dx/dy/dz | bin point − cube centre at reset (constant during the episode) |
 *
 * | action index | label | meaning |
 * |---|---|---|
 * | 0–5 | dj1 … dj6 | arm servo target offsets, × 0.05 rad per step, in [−5, 5] |
 * | 6–8 | dfinger1 … dfinger3 | only entry 7 is used: the shared finger command, × 0.05 rad |
 */
import { jacoDefaults, type JacoConfig } from "../../robots/jaco/jaco-rig.js";

/** Where each part of the 41-D observation starts (see the table above). */
export const OBS = {
  /** Joint angles (9: 6 arm joints, 3 fingers). */
  joints: 0,
  /** Cube pose (7): centre (3), then the quaternion w-first (4). */
  cube: 9,
  /** Bin offset from its model position (2). */
  bin: 16,
  /** Joint velocities (9; the first 6 are the arm's). */
  jointVelocities: 18,
  /** Cube linear (world) and angular (body) velocity (6). */
  cubeVelocity: 27,
  /** Bin velocity (2). */
  binVelocity: 33,
  /** Finger centroid (3). */
  fingers: 35,
  /** Bin point − cube centre at reset (3). */
  goal: 38,
} as const;

/** Observation size (the original's 41). */
export const OBS_SIZE = 41;

/** The task's MJCF file in assets/mjcf/. */
export const MODEL_FILE = "jaco-throw.xml";

export interface ThrowConfig extends JacoConfig {
  /** Bin body position (x, y) on the ground. */
  binXY: readonly [number, number];
  /** The full reward is paid when the cube is this close (XY) to the bin point (m). */
  rewardRadius: number;
  /** Success radius (XY) around the bin point (m). */
  successRadius: number;
  /** The full reward. */
  maxReward: number;
}

export function defaultConfig(): ThrowConfig {
  return {
    ...jacoDefaults({
      actionBound: 5,
      jointLow: [-0.65, -1.7, -1.4, -1.8, -2.9, -1.8, -0.26, -0.35, -0.24],
      jointHigh: [0.68, 1.5, 1.0, 1.8, 1.5, 1.8, 1.2, 1.0, 1.0],
      armInit: [-0.07855885, -0.1, 0.6731897, 1.5, -2.83926611, 0],
      fingerInit: 0.9,
      cubeXY: [0.6, 0.1],
      shaping: 5,
    }),
    binXY: [1.5, 0],
    rewardRadius: 0.18,
    successRadius: 0.19,
    maxReward: 40,
  };
}
