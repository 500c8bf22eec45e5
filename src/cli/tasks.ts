/** `ndp tasks ...` — the task suite (list, run policies, record demonstrations, render, check). */
import type { Command } from "commander";
import { registerTasksCheck } from "./tasks/check.js";
import { registerTasksDemos } from "./tasks/demos.js";
import { registerTasksList } from "./tasks/list.js";
import { registerTasksRender } from "./tasks/render.js";
import { registerTasksRun } from "./tasks/run.js";

export function registerTasks(program: Command): void {
  const tasks = program.command("tasks").description("the task suite (MuJoCo manipulation tasks, the point-mass test env): list, run random/expert policies, record demonstrations, render, check");
  registerTasksList(tasks);
  registerTasksRun(tasks);
  registerTasksDemos(tasks);
  registerTasksRender(tasks);
  registerTasksCheck(tasks);
}
