/**
 * `ndp start` (what `npm start` runs): the main job on built-in defaults, no downloads.
 * Until the digit-writing pipeline lands this runs the DMP demo.
 */
import type { Command } from "commander";

export function registerStart(program: Command): void {
  program
    .command("start")
    .description("the main job on built-in defaults (what `npm start` runs)")
    .action(async () => {
      process.stdout.write("ndp: the main job is not wired yet\n");
    });
}
