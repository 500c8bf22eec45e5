/**
 * pick — config, constants and observation layout (the task: task.ts; its spec: index.ts).
 *
 * | obs index | label | meaning |
 * |---|---|---|
 * | 0–5 | q_j1 … q_j6 | arm joint angles (rad) |
 * | 6–8 | q_finger1 … q_finger3 | finger angles (0 open … 0.698 closed) |
 * | 9–11 | cube_x/y/z | cube centre |
 * | 12–15 | cube_qw/qx/qy/qz | cube orientation (w first) |
 * | 16–24 | qd_j1 … qd_finger3 | joint velocities |
 * | 25–30 | cube_vx/vy/vz, cube_wx/wy/wz | cube linear (world) and angular (body) velocity |
 * | 31–33 | fingers_x/y/z | finger centroid (mean of the three finger centres of mass) |
 *
 * | action index | label | meaning |
 * |---|---|---|
 * | 0–5 | dj1 … dj6 | arm servo target offsets, × 0.05 rad per step, in [−2, 2] |
 * | 6–8 | dfinger1 … dfinger3 | only entry 7 is used: the shared finger command, × 0.05 rad |
 */
import { jacoDefaults, type JacoConfig } from "../../robots/jaco/jaco-rig.js";

/** Where each part of the 34-D observation starts (see the table above). */
export const OBS = {
  /** Joint angles (9: 6 arm joints, 3 fingers). */
  joints: 0,
  /** Cube pose (7): centre (3), then the quaternion w-first (4). */
  cube: 9,
  /** Joint velocities (9; the first 6 are the arm's). */
  jointVelocities: 16,
  /** Cube linear (world) and angular (body) velocity (6). */
  cubeVelocity: 25,
  /** Finger centroid (3). */
  fingers: 31,
} as const;

/** Observation size (the original's 34). */
export const OBS_SIZE = 34;

/** The task's MJCF file in assets/mjcf/. */
export const MODEL_FILE = "jaco-pick.xml";

export interface PickConfig extends JacoConfig {
  /** The cube counts as lifted above this centre height (m). */
  liftHeight: number;
  /** Reward only while the cube is this close to the finger centroid (m). */
  rewardRadius: number;
  /** Success radius on ‖cube − finger centroid‖ (m). */
  successRadius: number;
}

export function defaultConfig(): PickConfig {
  return {
    ...jacoDefaults({
      actionBound: 2,
      jointLow: [-0.65, -2.0, -1.4, -1.55, -2.9, -1.8, -0.26, -0.35, -0.24],
      jointHigh: [0.68, 0.86, 1.0, 1.75, 1.5, 1.8, 1.5, 1.5, 1.5],
      armInit: [-0.07855885, -1.0, 0.6731897, 1.5, -2.83926611, 0],
      fingerInit: 0.2,
      cubeXY: [0.55, 0.15],
      shaping: 0.25,
    }),
    liftHeight: 0.08,
    rewardRadius: 0.1,
    successRadius: 0.15,
  };
}
