/** Scripted soccer expert: the table-push expert (robots/sawyer/table-push-expert.ts) with the ball's radius. */
import type { Policy } from "../../env.js";
import { tablePushExpert } from "../../robots/sawyer/table-push-expert.js";
import { BALL_RADIUS, type SoccerConfig } from "./config.js";

export function soccerExpert(config: SoccerConfig): Policy {
  return tablePushExpert(config, { objectRadius: BALL_RADIUS });
}
