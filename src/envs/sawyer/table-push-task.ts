/**
 * The task family of push and soccer: move a free object lying on the table to a goal point on the
 * table with the closed gripper (3-D action). The task files set the model, the object and the
 * default goal; everything else is here.
 *
 * Observation, reset: see table-object-task.ts (goal z = the object's resting centre height).
 * Reward: {@link reachAndPlaceReward} with weights (2, 6), d = XY ‖object − goal‖ with margin d₀ (its
 * value after reset), e = ‖TCP − object‖ with margin e₀: 10 on success, else 2·reach + 6·place.
 * Success: d ≤ successRadius.
 */
import { tablePushExpert } from "../experts/table-push.js";
import type { TaskSpec } from "../task.js";
import { dist3, distXY } from "../vec3.js";
import { reachAndPlaceReward, type ReachAndPlaceRadii } from "./reach-and-place-reward.js";
import { loadSawyerModel, sawyerDefaults } from "./sawyer-rig.js";
import { TableObjectTask, type TableObject, type TableObjectConfig } from "./table-object-task.js";

/** Config of push and soccer. */
export interface TablePushConfig extends TableObjectConfig, ReachAndPlaceRadii {}

/**
 * The Meta-World v2 defaults push and soccer share: object xy ~ U([−0.1, 0.1] × [0.6, 0.7]) (default
 * (0, 0.6)), goal xy ~ U([−0.1, 0.1] × [0.8, 0.9]) at height `restHeight` (default `defaultGoal`),
 * redrawn while the gap < 0.15; success radius 0.07, reach radius 0.05.
 */
export function tablePushDefaults(restHeight: number, defaultGoal: readonly [number, number]): TablePushConfig {
  return {
    ...sawyerDefaults(),
    randomize: true,
    objLow: [-0.1, 0.6],
    objHigh: [0.1, 0.7],
    defaultObj: [0, 0.6],
    goalLow: [-0.1, 0.8, restHeight],
    goalHigh: [0.1, 0.9, restHeight],
    defaultGoal: [defaultGoal[0], defaultGoal[1], restHeight],
    minGap: 0.15,
    successRadius: 0.07,
    reachRadius: 0.05,
  };
}

export class TablePushTask extends TableObjectTask<TablePushConfig> {
  private placeMargin = 1;
  private reachMargin = 1;

  protected override startEpisode(): void {
    this.placeMargin = distXY(this.obj, 0, this.goal, 0);
    this.reachMargin = dist3(this.tcp, 0, this.obj, 0);
  }

  evaluate(): { reward: number; success: boolean } {
    this.readObject();
    this.rig.tcp(this.tcp);
    const state = {
      reachDistance: dist3(this.tcp, 0, this.obj, 0),
      reachMargin: this.reachMargin,
      placeDistance: distXY(this.obj, 0, this.goal, 0),
      placeMargin: this.placeMargin,
    };
    return reachAndPlaceReward(state, this.config, [2, 6]);
  }
}

/** What a table-push task file says about itself; the rest of its TaskSpec is common. */
export interface TablePushVariant extends Pick<TaskSpec<TablePushConfig>, "name" | "summary" | "variant" | "successRule" | "defaultConfig"> {
  /** Its MJCF file in assets/mjcf/ (includes sawyer-scene.xml). */
  modelFile: string;
  object: TableObject;
  /** The object's radius (m): where the expert's pads make contact. */
  objectRadius: number;
}

/** The TaskSpec of a table-push task: a {@link TablePushTask} on its model, solved by the table-push expert. */
export function tablePushSpec(v: TablePushVariant): TaskSpec<TablePushConfig> {
  return {
    name: v.name,
    summary: v.summary,
    robot: "sawyer",
    variant: v.variant,
    successRule: v.successRule,
    defaultConfig: v.defaultConfig,
    async create(config) {
      return new TablePushTask(await loadSawyerModel(v.modelFile), config, v.object);
    },
    expert: (config) => tablePushExpert(config, { objectRadius: v.objectRadius }),
  };
}
