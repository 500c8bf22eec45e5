/**
 * What every Sawyer task instance shares (reach, push, soccer, faucet-open): the rig on the task's
 * simulation, the timing from the config, the xyz action box (plus the gripper entry where the task
 * uses it), mocap control, the goal point (with the model's `goal` site moved onto it), and the hand
 * as the robot state. A task adds its objects, reset, observation and reward.
 */
import type { Simulation } from "../../../physics/mujoco.js";
import type { BoxSpec, RobotState } from "../../env.js";
import type { Rng } from "../../../math/rng.js";
import type { TaskInstance } from "../../task.js";
import { SawyerRig, sawyerActionSpec, type SawyerConfig } from "./sawyer-rig.js";

export abstract class SawyerTask<C extends SawyerConfig> implements TaskInstance {
  abstract readonly observationSpec: BoxSpec;
  readonly actionSpec: BoxSpec;
  readonly horizon: number;
  readonly frameSkip: number;
  protected readonly rig: SawyerRig;
  /** The goal point (3), set at reset by {@link placeGoal}. */
  protected readonly goal = new Float64Array(3);
  /** Scratch for the tool centre point (3). */
  protected readonly tcp = new Float64Array(3);
  private readonly goalSite: number;

  /** `withGripper`: the action has a 4th entry driving the gripper (else it is held as the task sets it). */
  constructor(
    readonly sim: Simulation,
    protected readonly config: C,
    withGripper: boolean,
  ) {
    this.rig = new SawyerRig(sim, config);
    this.goalSite = sim.id("site", "goal");
    this.horizon = config.horizon;
    this.frameSkip = config.frameSkip;
    this.actionSpec = sawyerActionSpec(withGripper);
  }

  abstract resetTask(rng: Rng): void;

  /** mocap ← clip(mocap + actionScale · a_xyz, handLow, handHigh) (see sawyer-rig.ts). */
  applyAction(action: Float64Array): void {
    this.rig.moveMocap(action);
  }

  abstract observe(out: Float64Array): void;

  abstract evaluate(): { reward: number; success: boolean };

  robotState(): RobotState {
    return this.rig.robotState();
  }

  /** goal ← `goal` (xyz), and the `goal` site moves there (a model position: call during reset, before settling). */
  protected placeGoal(goal: ArrayLike<number>): void {
    this.goal.set(goal);
    this.sim.sitePos.set(this.goal, 3 * this.goalSite);
  }
}
