/**
 * faucet-open — turn a faucet lever about its vertical axis to the "open" side (paper §4,
 * Meta-World faucet-open).
 *
 * Variant: "NDP-faithful" (tasks.md §11) on our Sawyer-like arm (sawyer-faucet-open.xml), with the
 * faucet position randomised as the paper says (the NDP release always used a fixed faucet);
 * observation and action: config.ts.
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
import type { Simulation } from "../../../physics/mujoco.js";
import type { Rng } from "../../../math/rng.js";
import type { BoxSpec } from "../../env.js";
import { reachAndPlaceReward } from "../../robots/sawyer/reach-and-place-reward.js";
import { loadSawyerModel, sawyerObservationSpec } from "../../robots/sawyer/sawyer-rig.js";
import { SawyerTask } from "../../robots/sawyer/sawyer-task.js";
import { copy3, dist3 } from "../../vec3.js";
import { faucetGoal, HINGE_HEIGHT, LEVER_RADIUS, MODEL_FILE, OBS, type FaucetOpenConfig } from "./config.js";

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
    this.rig.hand(out, OBS.hand);
    copy3(out, OBS.object, this.sim.siteXpos, 3 * this.tipSite);
    out.set(this.goal, OBS.goal);
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

export async function createFaucetOpenTask(config: FaucetOpenConfig): Promise<FaucetOpenTask> {
  return new FaucetOpenTask(await loadSawyerModel(MODEL_FILE), config);
}
