/**
 * pick — pick the cube up from the ground and lift it as high as possible (NDP `pick_pos`, paper §4;
 * tasks.md §6, §8). Jaco-like arm (jaco-pick.xml);
 * observation and action: config.ts.
 *
 * Variant: "NDP-faithful" — the original's observation slots, reset pose, clip limits, reward and
 * success rule, on our capsule look-alike with joint servos (see jaco-rig.ts).
 *
 * - Reset: arm (−0.0786, −1.0, 0.6732, 1.5, −2.8393, 0) (hand up at z ≈ 0.63), fingers 0.2, zero
 *   velocities; cube resting on the ground at (0.55, 0.15) + U(±0.02) in x and y.
 * - Reward: the sum over the 5 substeps of the cube height z, counted when z ≥ 0.08 and
 *   ‖cube − finger centroid‖ < 0.10 (else 0), plus the grasp shaping of jaco-task.ts with w = 0.25
 *   (`shaping: 0` gives the original reward). The stale world state of the original (reward_delay)
 *   belongs to the RL wrapper, not here.
 * - Success: ‖cube − finger centroid‖ < 0.15 and cube z > 0.08 (lifted ≥ 4 cm). The NDP harness
 *   reads it at the final step; `info.success` is the rule applied to the current state.
 * - Horizon 50 steps of 0.05 s (the NDP harness ran 50 steps per roll-out).
 * - Deviations: joint servos instead of the kinematic teleport (jaco-rig.ts); action bound ±2
 *   enforced (the original declared ±100 arm / ±1 fingers from its motor ranges and enforced
 *   nothing); j5's clip low is −2.9 instead of −2.6 (the reset angle lies outside the original's
 *   range); the cube starts resting (z 0.04) instead of 1 cm inside the ground.
 */
import type { Simulation } from "../../../physics/mujoco.js";
import type { Rng } from "../../../math/rng.js";
import { boxSpec, type BoxSpec } from "../../env.js";
import { centroidRows, cubePoseRows, cubeVelocityRows, jointPositionRows, jointVelocityRows, loadJacoModel } from "../../robots/jaco/jaco-rig.js";
import { JacoTask } from "../../robots/jaco/jaco-task.js";
import { dist3 } from "../../vec3.js";
import { MODEL_FILE, OBS, OBS_SIZE, type PickConfig } from "./config.js";

class PickTask extends JacoTask<PickConfig> {
  readonly observationSpec: BoxSpec;
  private reward = 0;

  constructor(sim: Simulation, config: PickConfig) {
    super(sim, config);
    this.observationSpec = boxSpec([...jointPositionRows(sim, config), ...cubePoseRows(), ...jointVelocityRows(), ...cubeVelocityRows(), ...centroidRows()]);
    if (this.observationSpec.shape[0] !== OBS_SIZE) throw new Error(`pick observation has ${this.observationSpec.shape[0]} entries, expected ${OBS_SIZE}`);
  }

  override resetTask(rng: Rng): void {
    super.resetTask(rng);
    this.reward = 0;
  }

  /** The step's reward accumulates over its substeps: start it at 0. */
  override applyAction(action: Float64Array): void {
    super.applyAction(action);
    this.reward = 0;
  }

  /** Per substep: reward += z if z ≥ liftHeight and ‖cube − centroid‖ < rewardRadius. */
  override afterSubstep(): void {
    super.afterSubstep();
    const { z, gap } = this.lift();
    if (z >= this.config.liftHeight && gap < this.config.rewardRadius) this.reward += z;
  }

  observe(out: Float64Array): void {
    const rig = this.rig;
    rig.jointPositions(out, OBS.joints);
    rig.cubePose(out, OBS.cube);
    rig.jointVelocities(out, OBS.jointVelocities);
    rig.cubeVelocity(out, OBS.cubeVelocity);
    rig.fingerCentroid(out, OBS.fingers);
  }

  /** Success: ‖cube − centroid‖ < successRadius and cube z > liftHeight. */
  evaluate(): { reward: number; success: boolean } {
    const { z, gap } = this.lift();
    return { reward: this.reward + this.graspShaping(), success: gap < this.config.successRadius && z > this.config.liftHeight };
  }

  /** Cube height and its distance to the finger centroid, now. */
  private lift(): { z: number; gap: number } {
    this.rig.cubePose(this.cube);
    this.rig.fingerCentroid(this.centroid);
    return { z: this.cube[2], gap: dist3(this.cube, 0, this.centroid, 0) };
  }
}

export async function createPickTask(config: PickConfig): Promise<PickTask> {
  return new PickTask(await loadJacoModel(MODEL_FILE), config);
}
