/**
 * throw — pick the cube up from the ground and toss it into a bin 1.5 m away, beyond the arm's
 * reach (NDP `throw_pos`, paper §4; tasks.md §6, §7). Jaco-like arm (jaco-throw.xml);
 * observation and action: config.ts.
 *
 * Variant: "NDP-faithful" — the original's observation slots, reset pose, clip limits, reward and
 * intended success rule, on our capsule look-alike with joint servos (see jaco-rig.ts).
 *
 * - Reset: arm (−0.0786, −0.1, 0.6732, 1.5, −2.8393, 0), fingers closed (target 0.9, they stop at
 *   0.698), zero velocities; cube resting on the ground at (0.6, 0.1) + U(±0.02) in x and y.
 * - Bin point: the site `bin_point`, 0.031 m behind the bin centre and 0.042 m up — where the
 *   original's bin centre of mass was — so the original thresholds keep their meaning.
 * - Reward (every step): d = XY distance cube–bin point, d0 = 3-D cube–bin point distance at reset;
 *   r = 40 if d < 0.18, else 40 · (1 − min(1, d / d0)), plus the grasp shaping of jaco-task.ts with
 *   w = 5 (`shaping: 0` gives the original reward). The stale world state of the original
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
import type { Simulation } from "../../../physics/mujoco.js";
import type { Rng } from "../../../math/rng.js";
import { boxSpec, type BoxSpec } from "../../env.js";
import { centroidRows, cubePoseRows, cubeVelocityRows, jointPositionRows, jointVelocityRows, loadJacoModel } from "../../robots/jaco/jaco-rig.js";
import { JacoTask } from "../../robots/jaco/jaco-task.js";
import { distXY } from "../../vec3.js";
import { MODEL_FILE, OBS, OBS_SIZE, type ThrowConfig } from "./config.js";

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
    rig.jointPositions(out, OBS.joints);
    rig.cubePose(out, OBS.cube);
    out[OBS.bin] = bp[3 * this.binBody] - this.binHome[0];
    out[OBS.bin + 1] = bp[3 * this.binBody + 1] - this.binHome[1];
    rig.jointVelocities(out, OBS.jointVelocities);
    rig.cubeVelocity(out, OBS.cubeVelocity);
    out[OBS.binVelocity] = 0;
    out[OBS.binVelocity + 1] = 0;
    rig.fingerCentroid(out, OBS.fingers);
    out.set(this.goalFromCube, OBS.goal);
  }

  /** r = maxReward if d < rewardRadius else maxReward (1 − min(1, d / d0)); success d < successRadius. */
  evaluate(): { reward: number; success: boolean } {
    const c = this.config;
    this.rig.cubePose(this.cube);
    const d = distXY(this.cube, 0, this.sim.siteXpos, 3 * this.binPoint);
    const reward = d < c.rewardRadius ? c.maxReward : c.maxReward * (1 - Math.min(1, d / this.initialDistance));
    return { reward: reward + this.graspShaping(), success: d < c.successRadius };
  }
}

export async function createThrowTask(config: ThrowConfig): Promise<ThrowTask> {
  return new ThrowTask(await loadJacoModel(MODEL_FILE), config);
}
