/** `ndp digits generate` — placeholder until it lands (issue: digit-writing imitation learning). */
import type { Command } from "commander";

export function registerDigitsGenerate(_digits: Command): void {}
