/** The throw task as registered (config.ts, task.ts, expert.ts). */
import { mujocoTask } from "../../mujoco-env.js";
import { defaultConfig } from "./config.js";
import { throwExpert } from "./expert.js";
import { createThrowTask } from "./task.js";

export const throwTask = mujocoTask({
  name: "throw",
  summary: "pick the cube up and toss it into a bin 1.5 m away (beyond reach)",
  robot: "jaco",
  variant: "NDP-faithful (41-D obs, 9-D joint offsets, 50 steps), joint servos instead of teleport",
  camera: { eye: [0.8, -2.5, 1.2], target: [0.75, 0, 0.42], fovDeg: 42 },
  successRule: "XY distance cube–bin point < 0.19 m",
  defaultConfig,
  createTask: createThrowTask,
  expert: (config) => throwExpert(config),
});
