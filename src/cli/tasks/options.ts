/** Option parsers shared by the `ndp tasks` subcommands. */
import { InvalidArgumentError } from "commander";
import { mujocoTaskNames, taskNames } from "../../envs/registry.js";

/** Commander argParser for a registered task name. */
export function taskOption(value: string): string {
  const names = taskNames();
  if (!names.includes(value)) throw new InvalidArgumentError(`expected one of ${names.join(", ")}, got ${JSON.stringify(value)}`);
  return value;
}

/** Commander argParser for a task simulated by MuJoCo (render, raw physics). */
export function mujocoTaskOption(value: string): string {
  const names = mujocoTaskNames();
  if (!names.includes(value)) {
    const why = taskNames().includes(value) ? ` (${JSON.stringify(value)} is plain TypeScript, with no MuJoCo model)` : `, got ${JSON.stringify(value)}`;
    throw new InvalidArgumentError(`expected a MuJoCo task, one of ${names.join(", ")}${why}`);
  }
  return value;
}
