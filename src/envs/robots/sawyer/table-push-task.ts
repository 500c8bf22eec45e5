/**
 * The task family of push and soccer: move a free object lying on the table to a goal point on the
 * table with the closed gripper (3-D action). The task folders set the model, the object and the
 * default goal; everything else is here (config: table-push-config.ts; expert: table-push-expert.ts).
 *
 * Observation, reset: see table-object-task.ts (goal z = the object's resting centre height).
 * Reward: {@link reachAndPlaceReward} with weights (2, 6), d = XY ‖object − goal‖ with margin d₀ (its
 * value after reset), e = ‖TCP − object‖ with margin e₀: 10 on success, else 2·reach + 6·place.
 * Success: d ≤ successRadius.
 */
import { dist3, distXY } from "../../vec3.js";
import { reachAndPlaceReward } from "./reach-and-place-reward.js";
import { loadSawyerModel } from "./sawyer-rig.js";
import type { TablePushConfig } from "./table-push-config.js";
import { TableObjectTask, type TableObject } from "./table-object-task.js";

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

/** A table-push task on `modelFile` (in assets/mjcf/, includes sawyer-scene.xml) with `object`. */
export async function createTablePushTask(modelFile: string, config: TablePushConfig, object: TableObject): Promise<TablePushTask> {
  return new TablePushTask(await loadSawyerModel(modelFile), config, object);
}
