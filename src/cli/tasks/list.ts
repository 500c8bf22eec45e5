/** `ndp tasks list` — the registered tasks with their sizes, horizon and success rule. */
import type { Command } from "commander";
import { listTasks, makeEnv, resolveConfig } from "../../envs/registry.js";
import { printJson, say } from "../output.js";

export function registerTasksList(tasks: Command): void {
  tasks
    .command("list")
    .description("list the tasks: observation/action sizes, horizon, step time, success rule")
    .option("--json", "print one JSON object on stdout", false)
    .action(async (opts: { json: boolean }) => {
      const rows = [];
      for (const spec of listTasks()) {
        const env = await makeEnv(spec.name);
        try {
          rows.push({
            task: spec.name,
            robot: spec.robot,
            obs_size: env.observationSpec.shape[0],
            action_size: env.actionSpec.shape[0],
            horizon: env.horizon,
            dt: env.dt,
            success_rule: spec.successRule,
            variant: spec.variant,
            summary: spec.summary,
            has_expert: spec.expert !== undefined,
            config: resolveConfig(spec),
          });
        } finally {
          env.close();
        }
      }
      if (opts.json) return printJson({ tasks: rows });
      say("task         robot   obs  act  horizon  dt (s)   success rule");
      for (const r of rows) {
        say(`${r.task.padEnd(12)} ${r.robot.padEnd(7)} ${String(r.obs_size).padStart(3)}  ${String(r.action_size).padStart(3)}  ${String(r.horizon).padStart(7)}  ${r.dt.toFixed(4)}   ${r.success_rule}`);
      }
    });
}
