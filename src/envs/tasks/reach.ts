/**
 * reach — move the gripper's centre point (TCP) to a goal point in the air (Meta-World v2 reach;
 * not in the NDP paper, where the default `reach_pos` was never registered).
 *
 * Variant: "NDP-faithful" layout (tasks.md §11) on our Sawyer-like arm (sawyer-reach.xml).
 *
 * | obs index | label | meaning |
 * |---|---|---|
 * | 0–2 | hand_x/y/z | hand body position (the DMP state) |
 * | 3–5 | obj_x/y/z | the puck (a bystander, as in v2 reach) |
 * | 6–8 | goal_x/y/z | goal |
 *
 * | action index | label | meaning |
 * |---|---|---|
 * | 0–2 | dx, dy, dz | hand motion, × 0.01 m per step, in [−1, 1] |
 *
 * The gripper is held closed (there is nothing to grasp).
 * - Reset: goal ~ U([−0.1, 0.1] × [0.8, 0.9] × [0.05, 0.3]); puck xy ~ U([−0.1, 0.1] × [0.6, 0.7]),
 *   resampled while the puck–goal XY gap < 0.15 (v2 ranges). `randomize: false` uses the v2 defaults
 *   goal (−0.1, 0.8, 0.2), puck (0, 0.6).
 * - Reward (v2): 10 · long_tail(‖TCP − goal‖, bounds [0, 0.05], margin ‖TCP₀ − goal‖), max 10.
 * - Success: ‖TCP − goal‖ ≤ 0.05. Horizon 150 steps of 0.0125 s.
 * - Deviations from v2: 9-D observation and 3-D action (v2: 39-D, 4-D), horizon 150 (v2: 500),
 *   hand z ≥ 0.05 (the table would stop the fingers anyway).
 */
import type { Policy } from "../env.js";
import { GRIPPER_CLOSED, loadSawyerModel, SawyerRig, sawyerActionSpec, sawyerDefaults, sawyerObservationSpec, type SawyerConfig } from "../sawyer/sawyer-rig.js";
import type { Rng } from "../rng.js";
import type { TaskInstance, TaskSpec } from "../task.js";
import { tolerance } from "../tolerance.js";
import { dist3, type Vec3 } from "../vec3.js";
import { sampleObjectAndGoal, PUCK_HALF_HEIGHT } from "../sawyer/placement.js";
import { reachExpert } from "../experts/reach.js";

export interface ReachConfig extends SawyerConfig {
  /** Randomise goal and puck at reset (false: the fixed defaults below). */
  randomize: boolean;
  goalLow: Vec3;
  goalHigh: Vec3;
  defaultGoal: Vec3;
  /** Puck xy range and default. */
  objLow: readonly [number, number];
  objHigh: readonly [number, number];
  defaultObj: readonly [number, number];
  /** Resample while the puck–goal XY distance is below this (m). */
  minGap: number;
  /** Success radius on ‖TCP − goal‖ (m). */
  successRadius: number;
}

export function defaultConfig(): ReachConfig {
  return {
    ...sawyerDefaults(),
    randomize: true,
    goalLow: [-0.1, 0.8, 0.05],
    goalHigh: [0.1, 0.9, 0.3],
    defaultGoal: [-0.1, 0.8, 0.2],
    objLow: [-0.1, 0.6],
    objHigh: [0.1, 0.7],
    defaultObj: [0, 0.6],
    minGap: 0.15,
    successRadius: 0.05,
  };
}

class ReachTask implements TaskInstance {
  readonly observationSpec;
  readonly actionSpec = sawyerActionSpec(false);
  readonly horizon: number;
  readonly frameSkip: number;
  private readonly rig: SawyerRig;
  private readonly goalSite: number;
  private readonly puckBody: number;
  private readonly goal = new Float64Array(3);
  private readonly tcp = new Float64Array(3);
  private margin = 1;

  constructor(
    readonly sim: Awaited<ReturnType<typeof loadSawyerModel>>,
    private readonly config: ReachConfig,
  ) {
    this.rig = new SawyerRig(sim, config);
    this.goalSite = sim.id("site", "goal");
    this.puckBody = sim.id("body", "puck");
    this.horizon = config.horizon;
    this.frameSkip = config.frameSkip;
    this.observationSpec = sawyerObservationSpec(config, [-0.7, 0.2, -0.05], [0.7, 1.0, 0.6], config.goalLow, config.goalHigh);
  }

  resetTask(rng: Rng): void {
    const c = this.config;
    const { obj, goal } = c.randomize
      ? sampleObjectAndGoal(rng, c.objLow, c.objHigh, c.goalLow, c.goalHigh, c.minGap)
      : { obj: c.defaultObj, goal: c.defaultGoal };
    this.goal.set(goal);
    this.rig.resetArm(GRIPPER_CLOSED);
    this.sim.setFreeJoint("puck_joint", [obj[0], obj[1], PUCK_HALF_HEIGHT]);
    this.sim.sitePos.set(goal, 3 * this.goalSite);
    this.rig.settle();
    this.rig.tcp(this.tcp);
    this.margin = dist3(this.tcp, 0, this.goal, 0);
  }

  applyAction(action: Float64Array): void {
    this.rig.moveMocap(action);
  }

  observe(out: Float64Array): void {
    this.rig.hand(out, 0);
    const x = this.sim.xpos;
    const p = 3 * this.puckBody;
    out[3] = x[p];
    out[4] = x[p + 1];
    out[5] = x[p + 2];
    out.set(this.goal, 6);
  }

  evaluate(): { reward: number; success: boolean } {
    this.rig.tcp(this.tcp);
    const d = dist3(this.tcp, 0, this.goal, 0);
    const reward = 10 * tolerance(d, 0, this.config.successRadius, this.margin, "long_tail");
    return { reward, success: d <= this.config.successRadius };
  }

  robotState() {
    return this.rig.robotState();
  }
}

export const reach: TaskSpec<ReachConfig> = {
  name: "reach",
  summary: "move the gripper centre to a random goal point in the air",
  robot: "sawyer",
  variant: "NDP-faithful layout (9-D obs, 3-D action, 150 steps), Meta-World v2 goal ranges and reward",
  successRule: "‖TCP − goal‖ ≤ 0.05 m",
  defaultConfig,
  async create(config) {
    return new ReachTask(await loadSawyerModel("sawyer-reach.xml"), config);
  },
  expert(config): Policy {
    return reachExpert(config);
  },
};
