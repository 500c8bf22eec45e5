/**
 * pick — pick the cube up from the ground and lift it as high as possible (NDP `pick_pos`, paper §4;
 * tasks.md §6, §8). Jaco-like arm (jaco-pick.xml).
 *
 * Variant: "NDP-faithful" — the original's observation slots, reset pose, clip limits, reward and
 * success rule, on our capsule look-alike with joint servos (see jaco-rig.ts).
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
 *
 * - Reset: arm (−0.0786, −1.0, 0.6732, 1.5, −2.8393, 0) (hand up at z ≈ 0.63), fingers 0.2, zero
 *   velocities; cube resting on the ground at (0.55, 0.15) + U(±0.02) in x and y.
 * - Reward: the sum over the 5 substeps of the cube height z, counted when z ≥ 0.08 and
 *   ‖cube − finger centroid‖ < 0.10 (else 0). The stale world state of the original (reward_delay)
 *   belongs to the RL wrapper, not here.
 * - Success: ‖cube − finger centroid‖ < 0.15 and cube z > 0.08 (lifted ≥ 4 cm). The NDP harness
 *   reads it at the final step; `info.success` is the rule applied to the current state.
 * - Horizon 50 steps of 0.05 s (the NDP harness ran 50 steps per roll-out).
 * - Deviations: joint servos instead of the kinematic teleport (jaco-rig.ts); action bound ±2
 *   enforced (the original declared ±100 arm / ±1 fingers from its motor ranges and enforced
 *   nothing); j5's clip low is −2.9 instead of −2.6 (the reset angle lies outside the original's
 *   range); the cube starts resting (z 0.04) instead of 1 cm inside the ground.
 */
import type { Simulation } from "../../physics/mujoco.js";
import { boxSpec, type BoxSpec } from "../env.js";
import { pickExpert } from "../experts/pick.js";
import { centroidRows, cubePoseRows, cubeVelocityRows, jointPositionRows, jointVelocityRows, jacoDefaults, loadJacoModel, type JacoConfig } from "../jaco/jaco-rig.js";
import { JacoTask } from "../jaco/jaco-task.js";
import type { Rng } from "../../math/rng.js";
import type { TaskSpec } from "../task.js";
import { dist3 } from "../vec3.js";

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
    }),
    liftHeight: 0.08,
    rewardRadius: 0.1,
    successRadius: 0.15,
  };
}

/** Observation size (the original's 34). */
const OBS_SIZE = 34;

class PickTask extends JacoTask<PickConfig> {
  readonly observationSpec: BoxSpec;
  private readonly centroid = new Float64Array(3);
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
    rig.jointPositions(out, 0);
    rig.cubePose(out, 9);
    rig.jointVelocities(out, 16);
    rig.cubeVelocity(out, 25);
    rig.fingerCentroid(out, 31);
  }

  /** Success: ‖cube − centroid‖ < successRadius and cube z > liftHeight. */
  evaluate(): { reward: number; success: boolean } {
    const { z, gap } = this.lift();
    return { reward: this.reward, success: gap < this.config.successRadius && z > this.config.liftHeight };
  }

  /** Cube height and its distance to the finger centroid, now. */
  private lift(): { z: number; gap: number } {
    this.rig.cubePose(this.cube);
    this.rig.fingerCentroid(this.centroid);
    return { z: this.cube[2], gap: dist3(this.cube, 0, this.centroid, 0) };
  }
}

export const pick: TaskSpec<PickConfig> = {
  name: "pick",
  summary: "pick the cube up from the ground and lift it as high as possible",
  robot: "jaco",
  variant: "NDP-faithful (34-D obs, 9-D joint offsets, 50 steps), joint servos instead of teleport",
  camera: { eye: [1.55, -1.25, 1.05], target: [0.35, 0.05, 0.45], fovDeg: 45 },
  successRule: "‖cube − finger centroid‖ < 0.15 m and cube z > 0.08 m",
  defaultConfig,
  create: async (config) => new PickTask(await loadJacoModel("jaco-pick.xml"), config),
  expert: (config) => pickExpert(config),
};
