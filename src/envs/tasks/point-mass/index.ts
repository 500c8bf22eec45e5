/** The point-mass task as registered (config.ts, task.ts, expert.ts): the pure-TypeScript test env. */
import type { TaskSpec } from "../../task.js";
import { defaultConfig, type PointMassConfig } from "./config.js";
import { pointMassExpert } from "./expert.js";
import { PointMassEnv } from "./task.js";

export const pointMass: TaskSpec<PointMassConfig> = {
  name: "point-mass",
  summary: "move a point in D dimensions (default 2) to a random goal (pure TypeScript, for tests)",
  robot: "point",
  physics: "none",
  variant: "ours: 2D obs (position, goal), D-D position deltas × 0.1, 50 steps, reach-style reward",
  successRule: "‖position − goal‖ ≤ 0.05",
  defaultConfig,
  createEnv: async (config) => new PointMassEnv(config),
  expert: pointMassExpert,
};
