/**
 * Scripted point-mass expert: straight to the goal at full speed, a = v / max(1, ‖v‖∞) with
 * v = (goal − position) / actionScale — the largest step along the straight line that stays in
 * [−1, 1]^D, so the point lands exactly on the goal and then holds still.
 */
import type { Policy } from "../../env.js";
import { pointMassObs, type PointMassConfig } from "./config.js";

export function pointMassExpert(config: PointMassConfig): Policy {
  const { position, goal } = pointMassObs(config.dims);
  return {
    act(obs) {
      const v = Float64Array.from({ length: config.dims }, (_, k) => (obs[goal + k] - obs[position + k]) / config.actionScale);
      const scale = Math.max(1, ...v.map(Math.abs));
      return v.map((x) => x / scale);
    },
  };
}
