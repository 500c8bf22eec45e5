/**
 * `ndp start` (what `npm start` runs): the main job on built-in defaults, no downloads.
 * Until the digit-writing pipeline lands this runs the DMP demo.
 */
import type { Command } from "commander";
import { join } from "node:path";
import { writeDmpDemo } from "../dmp/demo.js";
import { printJson, say } from "./output.js";

export function registerStart(program: Command): void {
  program
    .command("start")
    .description("the main job on built-in defaults (what `npm start` runs)")
    .option("--out <dir>", "run directory", join("runs", "dmp-demo"))
    .option("--json", "print one JSON object on stdout", false)
    .action(async (opts: { out: string; json: boolean }) => {
      const result = await writeDmpDemo(opts.out);
      if (opts.json) return printJson(result);
      say(`ndp: DMP demo written to ${result.report}`);
      for (const [k, v] of Object.entries(result.summary)) say(`  ${k}: ${v.toFixed(4)}`);
    });
}
