/** `ndp digits ...` — digit-writing imitation learning (data, training, evaluation, Table 2). */
import type { Command } from "commander";
import { registerDigitsGenerate } from "./digits/generate.js";
import { registerDigitsInspect } from "./digits/inspect.js";
import { registerDigitsPretrain } from "./digits/pretrain.js";
import { registerDigitsTrain } from "./digits/train.js";
import { registerDigitsEval } from "./digits/eval.js";
import { registerDigitsTable2 } from "./digits/table2.js";

export function registerDigits(program: Command): void {
  const digits = program
    .command("digits")
    .description("digit-writing imitation learning: generate data, train NDP / CNN / CNN-DMP, Table 2");
  registerDigitsGenerate(digits);
  registerDigitsInspect(digits);
  registerDigitsPretrain(digits);
  registerDigitsTrain(digits);
  registerDigitsEval(digits);
  registerDigitsTable2(digits);
}
