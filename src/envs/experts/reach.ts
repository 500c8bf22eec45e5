/** Scripted reach expert: move the hand so that the TCP (TCP_BELOW_HAND under it) lands on the goal. */
import type { Policy } from "../env.js";
import { TCP_BELOW_HAND } from "../sawyer/sawyer-rig.js";
import type { ReachConfig } from "../tasks/reach.js";
import { moveToward } from "./move-toward.js";

export function reachExpert(config: ReachConfig): Policy {
  return {
    act(obs) {
      const target = [obs[6], obs[7], obs[8] + TCP_BELOW_HAND] as const;
      return Float64Array.from(moveToward(obs, target, config.actionScale));
    },
  };
}
