/** `ndp tasks render` — a schematic picture of a task (start, and the end of an expert episode). */
import type { Command } from "commander";
import { renderTaskImage } from "../../envs/render/task-image.js";
import { writeFileAtomic } from "../../io/atomic.js";
import { checkOutputFile } from "../../io/path-check.js";
import { svgToPng } from "../../report/figure.js";
import { NdpError } from "../../errors.js";
import { printJson, say } from "../output.js";
import { intOption } from "../options.js";
import { mujocoTaskOption } from "./options.js";

/** The defaults of `ndp tasks render`. */
export const TASKS_RENDER_DEFAULTS: { readonly seed: number } = { seed: 0 };

export function registerTasksRender(tasks: Command): void {
  tasks
    .command("render")
    .description("draw a task as a PNG (or SVG): the start state and the end of one expert episode")
    .requiredOption("--task <name>", "MuJoCo task name (see `ndp tasks list`)", mujocoTaskOption)
    .requiredOption("--out <file>", "output file ending in .png or .svg")
    .option("--seed <s>", "seed of the episode shown", intOption(0), TASKS_RENDER_DEFAULTS.seed)
    .option("--json", "print one JSON object on stdout", false)
    .action(async (opts: { task: string; out: string; seed: number; json: boolean }) => {
      const isPng = opts.out.endsWith(".png");
      if (!isPng && !opts.out.endsWith(".svg")) throw new NdpError("option", `--out must end in .png or .svg, got "${opts.out}"`);
      checkOutputFile(opts.out, "picture", "pass a writable file path for --out");
      const svg = await renderTaskImage(opts.task, { seed: opts.seed });
      writeFileAtomic(opts.out, isPng ? svgToPng(svg, 1) : svg);
      if (opts.json) return printJson({ task: opts.task, out: opts.out });
      say(`wrote ${opts.out}`);
    });
}
