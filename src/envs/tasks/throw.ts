/**
 * throw — pick the cube up from the ground and toss it into a bin 1.5 m away, beyond the arm's
 * reach (NDP `throw_pos`, paper §4; tasks.md §6, §7). Jaco-like arm (jaco-throw.xml).
 *
 * Variant: "NDP-faithful" — the original's observation slots, reset pose, clip limits, reward and
 * intended success rule, on our capsule look-alike with joint servos (see jaco-rig.ts).
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
 *
 * - Reset: arm (−0.0786, −0.1, 0.6732, 1.5, −2.8393, 0), fingers closed (target 0.9, they stop at
 *   0.698), zero velocities; cube resting on the ground at (0.6, 0.1) + U(±0.02) in x and y.
 * - Bin point: the site `bin_point`, 0.031 m behind the bin centre and 0.042 m up — where the
 *   original's bin centre of mass was — so the original thresholds keep their meaning.
 * - Reward (every step): d = XY distance cube–bin point, d0 = 3-D cube–bin point distance at reset;
 *   r = 40 if d < 0.18, else 40 · (1 − min(1, d / d0)). The stale world state of the original
 *   (reward_delay) belongs to the RL wrapper, not here.
 * - Success: d < 0.19 m (the intended rule; the original always reported False). The NDP harness
 *   reads it at the final step; `info.success` is the rule applied to the current state.
 * - Horizon 50 steps of 0.05 s (the NDP harness ran 50 steps per roll-out).
 * - Deviations: joint servos instead of the kinematic teleport (jaco-rig.ts); action bound ±5
 *   enforced (the original declared ±5 and enforced nothing); j5's clip low is −2.9 instead of −2.6
 *   (the reset angle −2.8393 lies outside the original's range, so its first step jerked the wrist
 *   by 0.24 rad); the cube starts resting (z 0.04) instead of 1 cm inside the ground (z 0.03); the
 *   bin is static instead of 1000-kg geoms on slide joints (its obs slots stay, as zeros).
 */
import type { Simulation } from "../../physics/mujoco.js";
import { boxSpec, type BoxSpec } from "../env.js";
import { throwExpert } from "../experts/throw.js";
import { centroidRows, cubePoseRows, cubeVelocityRows, jointPositionRows, jointVelocityRows, jacoDefaults, loadJacoModel, type JacoConfig } from "../jaco/jaco-rig.js";
import { JacoTask } from "../jaco/jaco-task.js";
import type { Rng } from "../../math/rng.js";
import type { TaskSpec } from "../task.js";
import { distXY } from "../vec3.js";

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
    }),
    binXY: [1.5, 0],
    rewardRadius: 0.18,
    successRadius: 0.19,
    maxReward: 40,
  };
}

/** Observation size (the original's 41). */
const OBS_SIZE = 41;

class ThrowTask extends JacoTask<ThrowConfig> {
  readonly observationSpec: BoxSpec;
  private readonly binBody: number;
  private readonly binPoint: number;
  private readonly binHome: [number, number];
  private readonly goalFromCube = new Float64Array(3);
  private initialDistance = 1;

  constructor(sim: Simulation, config: ThrowConfig) {
    super(sim, config);
    this.binBody = sim.id("body", "bin");
    this.binPoint = sim.id("site", "bin_point");
    const bp = sim.bodyPos;
    this.binHome = [bp[3 * this.binBody], bp[3 * this.binBody + 1]];
    bp[3 * this.binBody] = config.binXY[0];
    bp[3 * this.binBody + 1] = config.binXY[1];
    this.observationSpec = boxSpec([
      ...jointPositionRows(sim, config),
      ...cubePoseRows(),
      ["bin_dx", -10, 10],
      ["bin_dy", -10, 10],
      ...jointVelocityRows(),
      ...cubeVelocityRows(),
      ["bin_vx", -1, 1],
      ["bin_vy", -1, 1],
      ...centroidRows(),
      ["goal_dx", -10, 10],
      ["goal_dy", -10, 10],
      ["goal_dz", -10, 10],
    ]);
    if (this.observationSpec.shape[0] !== OBS_SIZE) throw new Error(`throw observation has ${this.observationSpec.shape[0]} entries, expected ${OBS_SIZE}`);
  }

  /** The arm and cube (see jaco-task.ts), then the constant goal offset and d0 of this episode. */
  override resetTask(rng: Rng): void {
    super.resetTask(rng);
    this.rig.cubePose(this.cube);
    const point = this.sim.siteXpos;
    for (let k = 0; k < 3; k++) this.goalFromCube[k] = point[3 * this.binPoint + k] - this.cube[k];
    this.initialDistance = Math.hypot(this.goalFromCube[0], this.goalFromCube[1], this.goalFromCube[2]);
  }

  observe(out: Float64Array): void {
    const rig = this.rig;
    const bp = this.sim.bodyPos;
    rig.jointPositions(out, 0);
    rig.cubePose(out, 9);
    out[16] = bp[3 * this.binBody] - this.binHome[0];
    out[17] = bp[3 * this.binBody + 1] - this.binHome[1];
    rig.jointVelocities(out, 18);
    rig.cubeVelocity(out, 27);
    out[33] = 0;
    out[34] = 0;
    rig.fingerCentroid(out, 35);
    out.set(this.goalFromCube, 38);
  }

  /** r = maxReward if d < rewardRadius else maxReward (1 − min(1, d / d0)); success d < successRadius. */
  evaluate(): { reward: number; success: boolean } {
    const c = this.config;
    this.rig.cubePose(this.cube);
    const d = distXY(this.cube, 0, this.sim.siteXpos, 3 * this.binPoint);
    const reward = d < c.rewardRadius ? c.maxReward : c.maxReward * (1 - Math.min(1, d / this.initialDistance));
    return { reward, success: d < c.successRadius };
  }
}

export const throwTask: TaskSpec<ThrowConfig> = {
  name: "throw",
  summary: "pick the cube up and toss it into a bin 1.5 m away (beyond reach)",
  robot: "jaco",
  variant: "NDP-faithful (41-D obs, 9-D joint offsets, 50 steps), joint servos instead of teleport",
  camera: { eye: [0.8, -2.5, 1.2], target: [0.75, 0, 0.42], fovDeg: 42 },
  successRule: "XY distance cube–bin point < 0.19 m",
  defaultConfig,
  create: async (config) => new ThrowTask(await loadJacoModel("jaco-throw.xml"), config),
  expert: (config) => throwExpert(config),
};
