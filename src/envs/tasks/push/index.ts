/** The push task as registered (config.ts, task.ts, expert.ts). */
import { mujocoTask } from "../../mujoco-env.js";
import { defaultConfig } from "./config.js";
import { pushExpert } from "./expert.js";
import { createPushTask } from "./task.js";

export const push = mujocoTask({
  name: "push",
  summary: "push a puck across the table to a random goal",
  robot: "sawyer",
  variant: "NDP-faithful (9-D obs, 3-D action, 150 steps, XY success radius 0.07), randomised puck and goal",
  successRule: "XY ‖puck − goal‖ ≤ 0.07 m",
  defaultConfig,
  createTask: createPushTask,
  expert: pushExpert,
});
