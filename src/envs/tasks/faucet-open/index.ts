/** The faucet-open task as registered (config.ts, task.ts, expert.ts). */
import { mujocoTask } from "../../mujoco-env.js";
import { defaultConfig } from "./config.js";
import { faucetExpert } from "./expert.js";
import { createFaucetOpenTask } from "./task.js";

export const faucetOpen = mujocoTask({
  name: "faucet-open",
  summary: "turn a faucet lever about its vertical axis to the open side",
  robot: "sawyer",
  variant: "NDP-faithful (9-D obs, 4-D action with gripper, 150 steps, success radius 0.05), randomised faucet position",
  successRule: "‖lever tip − goal‖ ≤ 0.05 m (≈ 74° of turn)",
  defaultConfig,
  createTask: createFaucetOpenTask,
  expert: (config) => faucetExpert(config),
});
