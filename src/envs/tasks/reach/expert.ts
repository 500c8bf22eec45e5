/** Scripted reach expert: move the hand so that the TCP (TCP_BELOW_HAND under it) lands on the goal. */
import type { Policy } from "../../env.js";
import { moveToward } from "../../robots/sawyer/move-toward.js";
import { sawyerPoints, TCP_BELOW_HAND } from "../../robots/sawyer/sawyer-rig.js";
import type { ReachConfig } from "./config.js";

export function reachExpert(config: ReachConfig): Policy {
  return {
    act(obs) {
      const { hand, goal } = sawyerPoints(obs);
      const target = [goal[0], goal[1], goal[2] + TCP_BELOW_HAND] as const;
      return Float64Array.from(moveToward(hand, target, config.actionScale));
    },
  };
}
