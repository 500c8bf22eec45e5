/** `ndp digits pretrain` — placeholder until it lands (issue: digit-writing imitation learning). */
import type { Command } from "commander";

export function registerDigitsPretrain(_digits: Command): void {}
