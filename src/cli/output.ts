/**
 * CLI output conventions: with `--json` a command prints exactly one JSON object on stdout;
 * human-readable text and progress go to stderr.
 */
import { SingleBar, Presets } from "cli-progress";

/** Print the one JSON object of a `--json` command. */
export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value) + "\n");
}

/** Print a human-readable line (stderr when `json` mode keeps stdout clean, else stdout). */
export function say(text: string, json = false): void {
  (json ? process.stderr : process.stdout).write(text + "\n");
}

export interface Progress {
  update(value: number, payload?: Record<string, string | number>): void;
  stop(): void;
}

/**
 * A progress bar on stderr: `label [=====   ] 45% | ETA 12s | {payload}`. When stderr is not a
 * terminal it prints a plain status line every few seconds instead of redrawing.
 */
export function progressBar(label: string, total: number, fields: string[] = []): Progress {
  const extra = fields.map((f) => ` | ${f} {${f}}`).join("");
  const bar = new SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted}${extra}`,
      stream: process.stderr,
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 5000,
      etaBuffer: 20,
    },
    Presets.shades_classic,
  );
  const empty: Record<string, string> = Object.fromEntries(fields.map((f) => [f, "-"]));
  bar.start(total, 0, empty);
  return {
    update: (value, payload) => bar.update(value, payload ?? {}),
    stop: () => bar.stop(),
  };
}
