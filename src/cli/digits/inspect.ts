/**
 * `ndp digits inspect --data FILE [--sheet PNG] [--json]`: read a digit data set file (ours from
 * `ndp digits generate`, or the original 40x40-smnist.mat) exactly as training will, report what
 * it holds and optionally draw a contact sheet of its first samples with their trajectories.
 * `--json` prints { "data", "count", "imageSize", "points", "labels", "trajectoryRange" }.
 */
import type { Command } from "commander";
import { renderContactSheet } from "../../data/digits/contact-sheet.js";
import { readDigitFile } from "../../data/digits/digit-file.js";
import { writeFileAtomic } from "../../io/atomic.js";
import { checkOutputFile } from "../../io/path-check.js";
import { printJson, say } from "../output.js";

export function registerDigitsInspect(digits: Command): void {
  digits
    .command("inspect")
    .description("read a digit data set file (ours or 40x40-smnist.mat), report its contents, optionally draw a contact sheet")
    .requiredOption("--data <file>", "MAT-file to read")
    .option("--sheet <png>", "write a contact sheet of the first 100 samples with their trajectories")
    .option("--json", "print one JSON object on stdout", false)
    .action((opts: { data: string; sheet?: string; json: boolean }) => {
      if (opts.sheet) checkOutputFile(opts.sheet, "contact sheet", "pass a writable file path for --sheet");
      const set = readDigitFile(opts.data);
      let lo = [Infinity, Infinity];
      let hi = [-Infinity, -Infinity];
      for (let i = 0; i < set.trajectories.length; i += 2) {
        lo = [Math.min(lo[0], set.trajectories[i]), Math.min(lo[1], set.trajectories[i + 1])];
        hi = [Math.max(hi[0], set.trajectories[i]), Math.max(hi[1], set.trajectories[i + 1])];
      }
      const counts = set.labels ? Array.from({ length: 10 }, (_, d) => set.labels!.reduce((n, l) => n + (l === d ? 1 : 0), 0)) : null;
      if (opts.sheet) writeFileAtomic(opts.sheet, renderContactSheet(set));
      const report = {
        data: opts.data,
        count: set.count,
        imageSize: set.imageSize,
        points: set.points,
        labels: counts,
        trajectoryRange: { x: [lo[0], hi[0]], y: [lo[1], hi[1]] },
      };
      if (opts.json) printJson(report);
      else {
        say(`${opts.data}: ${set.count} samples, ${set.imageSize}×${set.imageSize} images, ${set.points}-point trajectories`);
        say(`trajectories span x ${lo[0].toFixed(1)}..${hi[0].toFixed(1)}, y ${lo[1].toFixed(1)}..${hi[1].toFixed(1)} px`);
        say(counts ? `samples per digit 0-9: ${counts.join(" ")}` : "no labels in the file");
        if (opts.sheet) say(`contact sheet: ${opts.sheet}`);
      }
    });
}
