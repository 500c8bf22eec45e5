/**
 * The task instance shared by push and soccer: move a free object lying on the table to a goal
 * point on the table with the closed gripper (3-D action). The task files set the model and numbers.
 *
 * Observation (9): hand xyz, object xyz, goal xyz (goal z = the object's resting centre height).
 * Reset: object xy ~ U(objLow, objHigh), goal xy ~ U(goalLow, goalHigh), redrawn while their XY gap
 * < minGap (tasks.md §1); `randomize: false` uses the defaults. A `goalBody` (the soccer goal
 * frame) is moved so its origin is at the goal.
 * Reward (Meta-World v2 spirit, max 10), with d = XY ‖object − goal‖, d₀ its value after reset,
 * e = ‖TCP − object‖ and e₀ its value after reset:
 *   reach = long_tail(e; [0, reachRadius], margin e₀)
 *   place = long_tail(d; [0, successRadius], margin d₀)
 *   reward = 10 on success, else 2·reach + 6·place.
 * Success: d ≤ successRadius.
 */
import type { Rng } from "../rng.js";
import type { TaskInstance } from "../task.js";
import { tolerance } from "../tolerance.js";
import { dist3, distXY, type Vec3 } from "../vec3.js";
import type { Simulation } from "../../physics/mujoco.js";
import { sampleObjectAndGoal } from "./placement.js";
import { GRIPPER_CLOSED, SawyerRig, sawyerActionSpec, sawyerObservationSpec, type SawyerConfig } from "./sawyer-rig.js";

/** Config entries push and soccer share. */
export interface TablePushConfig extends SawyerConfig {
  /** Randomise object and goal at reset (false: the fixed defaults). */
  randomize: boolean;
  objLow: readonly [number, number];
  objHigh: readonly [number, number];
  defaultObj: readonly [number, number];
  /** Goal ranges; z is the goal's height in the observation (the object's centre height). */
  goalLow: Vec3;
  goalHigh: Vec3;
  defaultGoal: Vec3;
  /** Redraw while the object–goal XY distance is below this (m). */
  minGap: number;
  /** Success radius on the object–goal XY distance (m). */
  successRadius: number;
  /** TCP–object distance that counts as "at the object" for the reach reward (m). */
  reachRadius: number;
}

/** What differs between push and soccer, beyond the config. */
export interface TablePushSetup {
  objectJoint: string;
  objectBody: string;
  /** Height of the object's centre when it rests on the table (m). */
  restHeight: number;
  /** A static body placed with its origin at (goal x, goal y, 0), if any. */
  goalBody?: string;
}

/** Bounds of the object slot of the observation: the table inside its walls. */
export const TABLE_OBJECT_LOW: Vec3 = [-0.7, 0.2, -0.05];
export const TABLE_OBJECT_HIGH: Vec3 = [0.7, 1.0, 0.6];

export class TablePushTask implements TaskInstance {
  readonly observationSpec;
  readonly actionSpec = sawyerActionSpec(false);
  readonly horizon: number;
  readonly frameSkip: number;
  private readonly rig: SawyerRig;
  private readonly objectBody: number;
  private readonly goalSite: number;
  private readonly goalBody: number | undefined;
  private readonly goal = new Float64Array(3);
  private readonly obj = new Float64Array(3);
  private readonly tcp = new Float64Array(3);
  private placeMargin = 1;
  private reachMargin = 1;

  constructor(
    readonly sim: Simulation,
    private readonly config: TablePushConfig,
    private readonly setup: TablePushSetup,
  ) {
    this.rig = new SawyerRig(sim, config);
    this.objectBody = sim.id("body", setup.objectBody);
    this.goalSite = sim.id("site", "goal");
    this.goalBody = setup.goalBody === undefined ? undefined : sim.id("body", setup.goalBody);
    this.horizon = config.horizon;
    this.frameSkip = config.frameSkip;
    this.observationSpec = sawyerObservationSpec(config, TABLE_OBJECT_LOW, TABLE_OBJECT_HIGH, config.goalLow, config.goalHigh);
  }

  resetTask(rng: Rng): void {
    const c = this.config;
    const { obj, goal } = c.randomize
      ? sampleObjectAndGoal(rng, c.objLow, c.objHigh, c.goalLow, c.goalHigh, c.minGap)
      : { obj: c.defaultObj, goal: c.defaultGoal };
    this.goal.set(goal);
    this.rig.resetArm(GRIPPER_CLOSED);
    this.sim.setFreeJoint(this.setup.objectJoint, [obj[0], obj[1], this.setup.restHeight]);
    this.sim.sitePos.set(goal, 3 * this.goalSite);
    if (this.goalBody !== undefined) this.sim.bodyPos.set([goal[0], goal[1], 0], 3 * this.goalBody);
    this.rig.settle();
    this.readObject();
    this.rig.tcp(this.tcp);
    this.placeMargin = distXY(this.obj, 0, this.goal, 0);
    this.reachMargin = dist3(this.tcp, 0, this.obj, 0);
  }

  applyAction(action: Float64Array): void {
    this.rig.moveMocap(action);
  }

  observe(out: Float64Array): void {
    this.rig.hand(out, 0);
    this.readObject();
    out.set(this.obj, 3);
    out.set(this.goal, 6);
  }

  evaluate(): { reward: number; success: boolean } {
    const c = this.config;
    this.readObject();
    this.rig.tcp(this.tcp);
    const d = distXY(this.obj, 0, this.goal, 0);
    const success = d <= c.successRadius;
    if (success) return { reward: 10, success };
    const reach = tolerance(dist3(this.tcp, 0, this.obj, 0), 0, c.reachRadius, this.reachMargin, "long_tail");
    const place = tolerance(d, 0, c.successRadius, this.placeMargin, "long_tail");
    return { reward: 2 * reach + 6 * place, success };
  }

  robotState() {
    return this.rig.robotState();
  }

  private readObject(): void {
    const x = this.sim.xpos;
    const p = 3 * this.objectBody;
    this.obj[0] = x[p];
    this.obj[1] = x[p + 1];
    this.obj[2] = x[p + 2];
  }
}
