/** `ndp digits eval` — placeholder until it lands (issue: digit-writing imitation learning). */
import type { Command } from "commander";

export function registerDigitsEval(_digits: Command): void {}
