/**
 * Run the CLI in this process (`runCli`, no child process: milliseconds per case) and capture what
 * it writes to stdout and stderr, its exit code, its wall time and how much it raised the
 * process's peak resident memory (maxRSS) — the bound for "no runaway memory".
 */
import { runCli } from "../../src/cli/main.js";

export interface InProcessResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
  /** Growth of the process's peak RSS during the run, in MB (0 when the old peak was not passed). */
  peakGrowthMb: number;
}

export async function runInProcess(argv: string[]): Promise<InProcessResult> {
  const out: string[] = [];
  const err: string[] = [];
  const write = process.stdout.write;
  const writeErr = process.stderr.write;
  const capture = (sink: string[]) => ((chunk: string | Uint8Array) => (sink.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8")), true)) as typeof process.stdout.write;
  const peak0 = process.resourceUsage().maxRSS;
  const t0 = performance.now();
  process.stdout.write = capture(out);
  process.stderr.write = capture(err);
  let code: number;
  try {
    code = await runCli(argv);
  } finally {
    process.stdout.write = write;
    process.stderr.write = writeErr;
  }
  return { code, stdout: out.join(""), stderr: err.join(""), ms: performance.now() - t0, peakGrowthMb: (process.resourceUsage().maxRSS - peak0) / 1024 };
}
