/** `ndp tasks ...` — the MuJoCo task suite (list, run policies, record demonstrations). */
import type { Command } from "commander";

export function registerTasks(program: Command): void {
  program.command("tasks").description("MuJoCo manipulation tasks: list, run random/expert policies, record demonstrations");
}
