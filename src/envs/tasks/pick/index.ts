/** The pick task as registered (config.ts, task.ts, expert.ts). */
import { mujocoTask } from "../../mujoco-env.js";
import { defaultConfig } from "./config.js";
import { pickExpert } from "./expert.js";
import { createPickTask } from "./task.js";

export const pick = mujocoTask({
  name: "pick",
  summary: "pick the cube up from the ground and lift it as high as possible",
  robot: "jaco",
  variant: "NDP-faithful (34-D obs, 9-D joint offsets, 50 steps), joint servos instead of teleport",
  camera: { eye: [1.55, -1.25, 1.05], target: [0.35, 0.05, 0.45], fovDeg: 45 },
  successRule: "‖cube − finger centroid‖ < 0.15 m and cube z > 0.08 m",
  defaultConfig,
  createTask: createPickTask,
  expert: (config) => pickExpert(config),
});
