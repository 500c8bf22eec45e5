/** `ndp rl ...` — reinforcement learning on the task suite: PPO, NDP-PPO, PPO-multi (paper §3.4, §5.2). */
import type { Command } from "commander";
import { registerRlTrain } from "./rl/train.js";
import { registerRlEval } from "./rl/eval.js";
import { registerRlDefaults } from "./rl/defaults.js";
import { registerRlFig5 } from "./rl/fig5.js";

export function registerRl(program: Command): void {
  const rl = program.command("rl").description("reinforcement learning: PPO, NDP-PPO (paper Algorithm 1) and PPO-multi on the task suite");
  registerRlTrain(rl);
  registerRlEval(rl);
  registerRlDefaults(rl);
  registerRlFig5(rl);
}
