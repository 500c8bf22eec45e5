/**
 * faucet-open — turn a faucet lever about its vertical axis to the "open" side (paper §4,
 * Meta-World faucet-open).
 *
 * Variant: "NDP-faithful" (tasks.md §11) on our Sawyer-like arm (sawyer-faucet-open.xml), with the
 * faucet position randomised as the paper says (the NDP release always used a fixed faucet).
 *
 * | obs index | label | meaning |
 * |---|---|---|
 * | 0–2 | hand_x/y/z | hand body position (the DMP state) |
 * | 3–5 | obj_x/y/z | lever tip (site `handle_tip`, 0.175 from the axis) |
 * | 6–8 | goal_x/y/z | where the tip is after +90°: faucet base + (0.175, 0, 0.124) |
 *
 * | action index | label | meaning |
 * |---|---|---|
 * | 0–2 | dx, dy, dz | hand motion, × 0.01 m per step, in [−1, 1] |
 * | 3 | gripper | finger servos: −1 open … +1 closed |
 *
 * - Faucet: our own primitives with v2's proportions (foot, column, hinge 0.124 above the table
 *   turning about +z within ±90°, damping 1, a capsule lever along −y ending in a knob). At 0° the
 *   tip points at the robot (−y); opening turns it toward +x.
 * - Reset: hand at (0, 0.4, 0.2) (v2); faucet base xy ~ U([−0.05, 0.05] × [0.8, 0.85]) (the v2
 *   ranges), the goal follows the base; lever at 0°. `randomize: false`: base (0, 0.8).
 * - Reward (v2 shape, max 10), with e = ‖TCP − tip‖, d = ‖tip − goal‖ and e₀, d₀ after reset:
 *   reach = long_tail(e; [0, 0.04], margin e₀), open = long_tail(d; [0, 0.05], margin |d₀ − 0.05|),
 *   reward = 10 on success, else 2·(2·reach + 3·open).
 * - Success: ‖tip − goal‖ ≤ 0.05 (needs ≈ 74° of turn).
 * - Timing: 0.0025 s × 5 = 0.0125 s per step, 150 steps.
 * - Not reproduced from the NDP release (tasks.md §4): the always-fixed faucet, the ignored
 *   timestep kwarg. Deviation from v2: hand z ≥ 0.05 (v2 allows −0.15, below the table top).
 */
import type { Simulation } from "../../physics/mujoco.js";
import type { BoxSpec } from "../env.js";
import { faucetExpert } from "../experts/faucet-open.js";
import type { Rng } from "../../math/rng.js";
import { reachAndPlaceReward, type ReachAndPlaceRadii } from "../sawyer/reach-and-place-reward.js";
import { loadSawyerModel, sawyerDefaults, sawyerObservationSpec, type SawyerConfig } from "../sawyer/sawyer-rig.js";
import { SawyerTask } from "../sawyer/sawyer-task.js";
import type { TaskSpec } from "../task.js";
import { copy3, dist3, type Vec3 } from "../vec3.js";

/** Distance from the hinge axis to the tip site (m). */
export const LEVER_RADIUS = 0.175;
/** Height of the hinge (and lever) above the table (m). */
export const HINGE_HEIGHT = 0.124;

/** Radii: `successRadius` on ‖tip − goal‖, `reachRadius` on ‖TCP − tip‖ (the lever's "object" is its tip). */
export interface FaucetOpenConfig extends SawyerConfig, ReachAndPlaceRadii {
  /** Randomise the faucet position at reset (false: `defaultBase`). */
  randomize: boolean;
  baseLow: readonly [number, number];
  baseHigh: readonly [number, number];
  defaultBase: readonly [number, number];
}

export function defaultConfig(): FaucetOpenConfig {
  return {
    ...sawyerDefaults(),
    handInit: [0, 0.4, 0.2],
    randomize: true,
    baseLow: [-0.05, 0.8],
    baseHigh: [0.05, 0.85],
    defaultBase: [0, 0.8],
    successRadius: 0.05,
    reachRadius: 0.04,
  };
}

/** The goal (tip position after +90°) for a faucet base at (x, y). */
export function faucetGoal(baseX: number, baseY: number): Vec3 {
  return [baseX + LEVER_RADIUS, baseY, HINGE_HEIGHT];
}

class FaucetOpenTask extends SawyerTask<FaucetOpenConfig> {
  readonly observationSpec: BoxSpec;
  private readonly baseBody: number;
  private readonly tipSite: number;
  private reachMargin = 1;
  private openMargin = 1;

  constructor(sim: Simulation, config: FaucetOpenConfig) {
    super(sim, config, true);
    this.baseBody = sim.id("body", "faucet_base");
    this.tipSite = sim.id("site", "handle_tip");
    const [lx, ly] = config.baseLow;
    const [hx, hy] = config.baseHigh;
    const r = LEVER_RADIUS + 0.01;
    this.observationSpec = sawyerObservationSpec(
      config,
      [lx - r, ly - r, HINGE_HEIGHT - 0.02],
      [hx + r, hy + r, HINGE_HEIGHT + 0.02],
      faucetGoal(lx, ly),
      faucetGoal(hx, hy),
    );
  }

  resetTask(rng: Rng): void {
    const c = this.config;
    const base = c.randomize ? [rng.uniform(c.baseLow[0], c.baseHigh[0]), rng.uniform(c.baseLow[1], c.baseHigh[1])] : c.defaultBase;
    this.rig.resetArm(-1);
    this.sim.bodyPos.set([base[0], base[1], 0], 3 * this.baseBody);
    this.placeGoal(faucetGoal(base[0], base[1]));
    this.rig.settle();
    this.rig.tcp(this.tcp);
    const tip = this.sim.siteXpos;
    this.reachMargin = dist3(this.tcp, 0, tip, 3 * this.tipSite);
    this.openMargin = Math.abs(dist3(tip, 3 * this.tipSite, this.goal, 0) - c.successRadius);
  }

  /** The hand as in every Sawyer task, and action[3] drives the gripper. */
  override applyAction(action: Float64Array): void {
    super.applyAction(action);
    this.rig.setGripper(action[3]);
  }

  observe(out: Float64Array): void {
    this.rig.hand(out, 0);
    copy3(out, 3, this.sim.siteXpos, 3 * this.tipSite);
    out.set(this.goal, 6);
  }

  /** {@link reachAndPlaceReward} of the lever tip, weights (4, 6) = 2·(2·reach + 3·open). */
  evaluate(): { reward: number; success: boolean } {
    const tip = this.sim.siteXpos;
    const t = 3 * this.tipSite;
    this.rig.tcp(this.tcp);
    const state = {
      reachDistance: dist3(this.tcp, 0, tip, t),
      reachMargin: this.reachMargin,
      placeDistance: dist3(tip, t, this.goal, 0),
      placeMargin: this.openMargin,
    };
    return reachAndPlaceReward(state, this.config, [4, 6]);
  }
}

export const faucetOpen: TaskSpec<FaucetOpenConfig> = {
  name: "faucet-open",
  summary: "turn a faucet lever about its vertical axis to the open side",
  robot: "sawyer",
  variant: "NDP-faithful (9-D obs, 4-D action with gripper, 150 steps, success radius 0.05), randomised faucet position",
  successRule: "‖lever tip − goal‖ ≤ 0.05 m (≈ 74° of turn)",
  defaultConfig,
  create: async (config) => new FaucetOpenTask(await loadSawyerModel("sawyer-faucet-open.xml"), config),
  expert: (config) => faucetExpert(config),
};
