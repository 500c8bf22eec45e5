/** The reach task as registered (config.ts, task.ts, expert.ts). */
import { mujocoTask } from "../../mujoco-env.js";
import { defaultConfig } from "./config.js";
import { reachExpert } from "./expert.js";
import { createReachTask } from "./task.js";

export const reach = mujocoTask({
  name: "reach",
  summary: "move the gripper centre to a random goal point in the air",
  robot: "sawyer",
  variant: "NDP-faithful layout (9-D obs, 3-D action, 150 steps), Meta-World v2 goal ranges and reward",
  successRule: "‖TCP − goal‖ ≤ 0.05 m",
  defaultConfig,
  createTask: createReachTask,
  expert: reachExpert,
});
