/**
 * `ndp rl defaults --task T --algo A [flags] [--json]`: the full config `ndp rl train` would use —
 * a starting point for `--config FILE` and sweep specs.
 */
import type { Command } from "commander";
import { checkPpoConfig } from "../../rl/ppo.js";
import { printJson, say } from "../output.js";
import { addRlConfigOptions, configFromOptions, type RlConfigCliOptions } from "./config-options.js";

export function registerRlDefaults(rl: Command): void {
  const cmd = rl.command("defaults").description("print the config `ndp rl train` would use for these options").option("--json", "print one JSON object on stdout", false);
  addRlConfigOptions(cmd).action((opts: RlConfigCliOptions & { json: boolean }) => {
    const config = configFromOptions(opts);
    checkPpoConfig(config);
    if (opts.json) return printJson(config);
    say(JSON.stringify(config, null, 2));
  });
}
