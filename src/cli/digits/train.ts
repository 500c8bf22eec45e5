/** `ndp digits train` — placeholder until it lands (issue: digit-writing imitation learning). */
import type { Command } from "commander";

export function registerDigitsTrain(_digits: Command): void {}
