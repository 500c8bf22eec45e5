/**
 * `ndp start` (what `npm start` runs): the main job on built-in defaults, no downloads.
 * Generates the built-in digit-writing data, trains NDP and the two baselines (CNN, CNN-DMP) with
 * the same backbone and a short budget, writes the Table 2-style report with Fig. 4, and prints
 * its path and the key numbers. The full paper protocol is `ndp digits table2` (71 epochs).
 */
import type { Command } from "commander";
import { initEngine } from "../engine/jax.js";
import { DIGITS_RUN_DEFAULTS } from "../il/digits-run.js";
import { PAPER_TABLE2, runTable2 } from "../il/table2.js";
import { printJson, say } from "./output.js";
import { intOption } from "./options.js";
import { trainingProgress } from "./digits/train.js";

/** The defaults of `ndp start`; every other setting is DIGITS_RUN_DEFAULTS, without pretraining. */
export const START_DEFAULTS: { readonly epochs: number; readonly out: string } = { epochs: 6, out: "runs/start" };

export function registerStart(program: Command): void {
  program
    .command("start")
    .description("the main job (what `npm start` runs): train NDP, CNN and CNN-DMP on built-in digit data, write Table 2 + Fig. 4")
    .option("--epochs <n>", `epochs per model (the paper's full run is ${DIGITS_RUN_DEFAULTS.epochs}: \`ndp digits table2\`)`, intOption(1, 10_000), START_DEFAULTS.epochs)
    .option("--out <dir>", "run directory (re-running resumes it)", START_DEFAULTS.out)
    .option("--json", "print one JSON object on stdout", false)
    .action(async (opts: { epochs: number; out: string; json: boolean }) => {
      await initEngine({ threads: "auto" });
      const t0 = performance.now();
      const result = await runTable2({
        onChecked: () => process.stderr.write(`ndp start: digit writing (paper §5.1), built-in data, ${opts.epochs} epochs per model → ${opts.out}\n`),
        base: { ...DIGITS_RUN_DEFAULTS, epochs: opts.epochs },
        pretrained: "none",
        out: opts.out,
        hooks: (label) => trainingProgress(label, opts.epochs),
      });
      const seconds = (performance.now() - t0) / 1000;
      if (opts.json) return printJson({ report: result.report, seconds, runs: result.runs });
      say(`\nDigit writing, ${opts.epochs} epochs each (${seconds.toFixed(0)} s). Test MSE in px² (paper Table 2 in brackets):`);
      for (const r of result.runs) say(`  ${r.label.padEnd(28)} test ${r.test_mse.toFixed(3)} (${PAPER_TABLE2[r.model].test[0]})   train ${r.train_mse.toFixed(3)}   jerk ${r.test_jerk.toExponential(1)}`);
      say(`report: ${result.report}`);
    });
}
