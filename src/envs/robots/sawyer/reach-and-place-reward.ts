/**
 * The shaped reward of the Sawyer object tasks (push, soccer, faucet-open; Meta-World v2 style),
 * at most 10. With e = ‖TCP − object‖, d = the object–goal distance and margins fixed at reset:
 *
 *   reach  = long_tail(e; [0, reachRadius], reachMargin)
 *   place  = long_tail(d; [0, successRadius], placeMargin)
 *   reward = 10 if d ≤ successRadius (success), else wReach · reach + wPlace · place
 *
 * push / soccer use weights (2, 6); faucet-open uses (4, 6), v2's 2·(2·reach + 3·open) — scaling by
 * 2 is exact in floating point, so both forms give the same bits.
 */
import { tolerance } from "../../tolerance.js";

/** The two radii, config entries of the tasks that use this reward. */
export interface ReachAndPlaceRadii {
  /** Success radius on the object–goal distance d (m). */
  successRadius: number;
  /** TCP–object distance that counts as "at the object" for the reach term (m). */
  reachRadius: number;
}

/** Distances now and the margins recorded at reset (m). */
export interface ReachAndPlaceState {
  /** e = ‖TCP − object‖. */
  reachDistance: number;
  reachMargin: number;
  /** d = object–goal distance (each task says which norm). */
  placeDistance: number;
  placeMargin: number;
}

/** The reward and success of `s` (see the module comment); `weights` = [wReach, wPlace]. */
export function reachAndPlaceReward(s: ReachAndPlaceState, radii: ReachAndPlaceRadii, weights: readonly [number, number]): { reward: number; success: boolean } {
  const success = s.placeDistance <= radii.successRadius;
  if (success) return { reward: 10, success };
  const reach = tolerance(s.reachDistance, 0, radii.reachRadius, s.reachMargin);
  const place = tolerance(s.placeDistance, 0, radii.successRadius, s.placeMargin);
  return { reward: weights[0] * reach + weights[1] * place, success };
}
