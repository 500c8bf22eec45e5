/** `ndp dmp ...` — DMP layer commands (roll-out from a JSON file, demo). */
import type { Command } from "commander";

export function registerDmp(program: Command): void {
  program.command("dmp").description("roll out DMPs and inspect the DMP layer");
}
