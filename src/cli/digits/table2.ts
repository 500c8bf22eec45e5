/** `ndp digits table2` — placeholder until it lands (issue: digit-writing imitation learning). */
import type { Command } from "commander";

export function registerDigitsTable2(_digits: Command): void {}
