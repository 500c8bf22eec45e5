/**
 * `ndp digits generate --count N --seed S --out FILE [--sheet PNG] [--uncompressed] [--json]`:
 * generate the built-in digit-writing data (40×40 images, 301-point trajectories, labels) and
 * write it as a MAT-file in the layout of the original 40x40-smnist.mat (src/data/digits/digit-file.ts).
 * `--json` prints { "out", "count", "seed", "seconds" }.
 */
import type { Command } from "commander";
import { renderContactSheet } from "../../data/digits/contact-sheet.js";
import { writeDigitFile } from "../../data/digits/digit-file.js";
import { generateDigits } from "../../data/digits/generator.js";
import { DEFAULT_DATA_SEED, PAPER_PROTOCOL } from "../../data/digits/load-digit-data.js";
import { writeFileAtomic } from "../../io/atomic.js";
import { checkOutputFile } from "../../io/path-check.js";
import { SIZE_BUDGET } from "../../io/size-budget.js";
import { intOption } from "../options.js";
import { printJson, progressBar, say } from "../output.js";

/** The defaults of `ndp digits generate`: the paper's 12 000 samples of the built-in data. */
export const GENERATE_DEFAULTS: Readonly<Pick<GenerateOptions, "count" | "seed">> = { count: PAPER_PROTOCOL.count, seed: DEFAULT_DATA_SEED };

interface GenerateOptions {
  count: number;
  seed: number;
  out: string;
  sheet?: string;
  compress: boolean;
  json: boolean;
}

export function registerDigitsGenerate(digits: Command): void {
  digits
    .command("generate")
    .description("generate the built-in digit-writing data set (images + pen trajectories) as a MAT-file")
    .option("--count <n>", `number of samples (at most ${SIZE_BUDGET.digitSamples})`, intOption(1, SIZE_BUDGET.digitSamples), GENERATE_DEFAULTS.count)
    .option("--seed <s>", "random seed (same seed → same file)", intOption(0), GENERATE_DEFAULTS.seed)
    .requiredOption("--out <file>", "MAT-file to write (e.g. data/digits.mat)")
    .option("--sheet <png>", "also write a contact sheet of the first 100 samples with their trajectories")
    .option("--uncompressed", "write an uncompressed (v6) MAT-file instead of zlib-compressed (v7)")
    .option("--json", "print one JSON object on stdout", false)
    .action((opts: Omit<GenerateOptions, "compress"> & { uncompressed?: boolean }) => {
      runGenerate({ ...opts, compress: !opts.uncompressed });
    });
}

function runGenerate(opts: GenerateOptions): void {
  // Both outputs are checked before the (possibly long) generation.
  checkOutputFile(opts.out, "data file", "pass a writable file path for --out");
  if (opts.sheet) checkOutputFile(opts.sheet, "contact sheet", "pass a writable file path for --sheet");
  const start = performance.now();
  const bar = opts.count >= 2000 ? progressBar("generating", opts.count) : undefined;
  let set;
  try {
    set = generateDigits({ count: opts.count, seed: opts.seed, onProgress: (done) => bar?.update(done) });
  } finally {
    bar?.stop();
  }
  writeDigitFile(opts.out, set, { compress: opts.compress });
  if (opts.sheet) writeFileAtomic(opts.sheet, renderContactSheet(set));
  const seconds = (performance.now() - start) / 1000;
  if (opts.json) printJson({ out: opts.out, count: set.count, seed: opts.seed, seconds });
  else say(`wrote ${set.count} samples (seed ${opts.seed}) to ${opts.out} in ${seconds.toFixed(2)} s${opts.sheet ? `; contact sheet ${opts.sheet}` : ""}`);
}
