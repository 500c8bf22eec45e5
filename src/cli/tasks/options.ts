/** Option parsers shared by the `ndp tasks` subcommands. */
import { InvalidArgumentError } from "commander";
import { taskNames } from "../../envs/registry.js";

/** Commander argParser for a registered task name. */
export function taskOption(value: string): string {
  const names = taskNames();
  if (!names.includes(value)) throw new InvalidArgumentError(`expected one of ${names.join(", ")}, got ${JSON.stringify(value)}`);
  return value;
}
