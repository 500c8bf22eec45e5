/**
 * A Sawyer task with one free object lying on the table and a goal point, the gripper held closed
 * (3-D action): reach (the puck is a bystander), push and soccer.
 *
 * Observation (9, {@link SAWYER_OBS}): hand xyz, object xyz (its body position), goal xyz.
 * Reset: the arm with the gripper closed; object xy and goal from {@link placeObjectAndGoal}; the
 * object rests unrotated at `restHeight`; the goal site — and the `goalBody` (the soccer goal
 * frame), if any, with its origin at (goal x, goal y, 0) — moves to the goal; the settling substeps
 * run; then, with the object, TCP and goal read, the task records its reward margins
 * ({@link TableObjectTask.startEpisode}).
 */
import type { Simulation } from "../../../physics/mujoco.js";
import type { BoxSpec } from "../../env.js";
import type { Rng } from "../../../math/rng.js";
import { copy3, type Vec3 } from "../../vec3.js";
import { placeObjectAndGoal, PUCK_HALF_HEIGHT, type ObjectGoalPlacement } from "./placement.js";
import { GRIPPER_CLOSED, SAWYER_OBS, sawyerObservationSpec, type SawyerConfig } from "./sawyer-rig.js";
import { SawyerTask } from "./sawyer-task.js";

/** Config entries of a table-object task. */
export type TableObjectConfig = SawyerConfig & ObjectGoalPlacement;

/** The object of a table-object task in its model. */
export interface TableObject {
  /** Its free joint. */
  joint: string;
  body: string;
  /** Height of its centre when it rests on the table (m). */
  restHeight: number;
  /** A static body placed with its origin at (goal x, goal y, 0), if any. */
  goalBody?: string;
}

/** The puck of the reach and push models (a cylinder of radius 0.03, 0.03 tall). */
export const PUCK: TableObject = { joint: "puck_joint", body: "puck", restHeight: PUCK_HALF_HEIGHT };

/** Bounds of the object slot of the observation: the table inside its walls. */
export const TABLE_OBJECT_LOW: Vec3 = [-0.7, 0.2, -0.05];
export const TABLE_OBJECT_HIGH: Vec3 = [0.7, 1.0, 0.6];

export abstract class TableObjectTask<C extends TableObjectConfig> extends SawyerTask<C> {
  readonly observationSpec: BoxSpec;
  /** The object's position (3), as last read. */
  protected readonly obj = new Float64Array(3);
  private readonly objectBody: number;
  private readonly goalBody: number | undefined;

  constructor(
    sim: Simulation,
    config: C,
    private readonly object: TableObject,
  ) {
    super(sim, config, false);
    this.objectBody = sim.id("body", object.body);
    this.goalBody = object.goalBody === undefined ? undefined : sim.id("body", object.goalBody);
    this.observationSpec = sawyerObservationSpec(config, TABLE_OBJECT_LOW, TABLE_OBJECT_HIGH, config.goalLow, config.goalHigh);
  }

  resetTask(rng: Rng): void {
    const { obj, goal } = placeObjectAndGoal(rng, this.config);
    this.rig.resetArm(GRIPPER_CLOSED);
    this.sim.setFreeJoint(this.object.joint, [obj[0], obj[1], this.object.restHeight]);
    this.placeGoal(goal);
    if (this.goalBody !== undefined) this.sim.bodyPos.set([goal[0], goal[1], 0], 3 * this.goalBody);
    this.rig.settle();
    this.readObject();
    this.rig.tcp(this.tcp);
    this.startEpisode();
  }

  observe(out: Float64Array): void {
    this.rig.hand(out, SAWYER_OBS.hand);
    this.readObject();
    out.set(this.obj, SAWYER_OBS.object);
    out.set(this.goal, SAWYER_OBS.goal);
  }

  /** End of the reset: `obj`, `tcp` and `goal` hold the settled start; record the reward margins. */
  protected abstract startEpisode(): void;

  /** obj ← the object body's position. */
  protected readObject(): void {
    copy3(this.obj, 0, this.sim.xpos, 3 * this.objectBody);
  }
}
