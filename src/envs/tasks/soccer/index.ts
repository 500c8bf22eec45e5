/** The soccer task as registered (config.ts, task.ts, expert.ts). */
import { mujocoTask } from "../../mujoco-env.js";
import { defaultConfig } from "./config.js";
import { soccerExpert } from "./expert.js";
import { createSoccerTask } from "./task.js";

export const soccer = mujocoTask({
  name: "soccer",
  summary: "push a ball into a small goal at a random place",
  robot: "sawyer",
  variant: "NDP-faithful (9-D obs, 3-D action, 150 steps, XY success radius 0.07), randomised ball and goal",
  successRule: "XY ‖ball − goal‖ ≤ 0.07 m",
  defaultConfig,
  createTask: createSoccerTask,
  expert: soccerExpert,
});
