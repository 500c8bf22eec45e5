/** `ndp digits ...` — digit-writing imitation learning (data, training, evaluation, Table 2). */
import type { Command } from "commander";

export function registerDigits(program: Command): void {
  program.command("digits").description("digit-writing imitation learning: generate data, train NDP / CNN / CNN-DMP, Table 2");
}
