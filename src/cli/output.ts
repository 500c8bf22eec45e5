/**
 * CLI output conventions: with `--json` a command prints exactly one JSON object on stdout;
 * human-readable text and progress go to stderr.
 */
import { SingleBar, Presets } from "cli-progress";
import { NdpError } from "../errors.js";

/**
 * Print the one JSON object of a `--json` command. A non-finite number (NaN, ±Infinity — JSON
 * would print null) is an error naming the field: results are numbers or nothing.
 */
export function printJson(value: unknown): void {
  const text = JSON.stringify(value, (key, v: unknown) => {
    if (typeof v === "number" && !Number.isFinite(v)) {
      throw new NdpError("result", `the result's ${key || "value"} is ${v}: the computation overflowed or diverged; check the inputs (smaller values, a smaller learning rate)`);
    }
    return v;
  });
  process.stdout.write(text + "\n");
}

/**
 * Make a closed stdout or stderr (`ndp tasks list | head -1`: the reader went away) end the
 * process quietly with the exit code so far, instead of an EPIPE stack trace. Installed once.
 */
export function exitQuietlyOnClosedPipe(): void {
  if (pipeHandlerInstalled) return;
  pipeHandlerInstalled = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "EPIPE") process.exit(typeof process.exitCode === "number" ? process.exitCode : 0);
      throw e;
    });
  }
}
let pipeHandlerInstalled = false;

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
 * terminal (logs, CI) it prints a plain status line at most every 10 s instead — synchronously,
 * because training loops do not yield to the event loop that cli-progress's timers need.
 */
export function progressBar(label: string, total: number, fields: string[] = []): Progress {
  if (!process.stderr.isTTY) return lineProgress(label, total, fields);
  const extra = fields.map((f) => ` | ${f} {${f}}`).join("");
  const bar = new SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted}${extra}`,
      stream: process.stderr,
      hideCursor: true,
      etaBuffer: 20,
      synchronousUpdate: true,
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

function lineProgress(label: string, total: number, fields: string[], everyMs = 10_000): Progress {
  const t0 = Date.now();
  let last = 0;
  let lastValue = 0;
  let lastPayload: Record<string, string | number> = {};
  const print = (value: number) => {
    const elapsed = (Date.now() - t0) / 1000;
    const eta = value > 0 ? (elapsed * (total - value)) / value : Number.NaN;
    const extra = fields.map((f) => ` | ${f} ${lastPayload[f] ?? "-"}`).join("");
    process.stderr.write(`${label} ${Math.floor((100 * value) / Math.max(total, 1))}% | ${value}/${total} | ${elapsed.toFixed(0)} s, ETA ${Number.isFinite(eta) ? eta.toFixed(0) + " s" : "-"}${extra}\n`);
  };
  return {
    update: (value, payload) => {
      lastValue = value;
      if (payload) lastPayload = { ...lastPayload, ...payload };
      const now = Date.now();
      if (now - last >= everyMs) {
        last = now;
        print(value);
      }
    },
    stop: () => print(lastValue),
  };
}
