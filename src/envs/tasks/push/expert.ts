/** Scripted push expert: the table-push expert (robots/sawyer/table-push-expert.ts) with the puck's radius. */
import type { Policy } from "../../env.js";
import { tablePushExpert } from "../../robots/sawyer/table-push-expert.js";
import { PUCK_RADIUS, type PushConfig } from "./config.js";

export function pushExpert(config: PushConfig): Policy {
  return tablePushExpert(config, { objectRadius: PUCK_RADIUS });
}
