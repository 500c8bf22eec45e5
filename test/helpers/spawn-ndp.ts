/**
 * Run the real `ndp` launcher as a child process with bounded time and memory: V8's heap capped
 * (--max-old-space-size), killed after `timeoutMs`, and its peak resident memory (all of it:
 * heap, typed arrays, wasm) reported through a preloaded module. Asynchronous, so several can run
 * at once.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, openSync, readFileSync, closeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../bin/ndp.js", import.meta.url));
const PRELOAD = fileURLToPath(new URL("./report-peak-rss.mjs", import.meta.url));

export interface SpawnResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** Peak resident memory of the child, MB (NaN if it died before reporting). */
  peakMb: number;
  timedOut: boolean;
}

export interface SpawnOptions {
  /** Text for stdin, or a file (e.g. /dev/zero) to connect to it. Default: no input. */
  stdin?: { text: string } | { file: string };
  timeoutMs?: number;
  heapMb?: number;
  /** Close our end of stdout after the first chunk (the reader of a pipe going away). */
  closeStdoutEarly?: boolean;
}

export function spawnNdp(args: string[], o: SpawnOptions = {}): Promise<SpawnResult> {
  const peakFile = join(mkdtempSync(join(tmpdir(), "ndp-peak-")), "peak");
  const stdinFd = o.stdin && "file" in o.stdin ? openSync(o.stdin.file, "r") : undefined;
  const child = spawn(process.execPath, [`--max-old-space-size=${o.heapMb ?? 512}`, "--import", PRELOAD, BIN, ...args], {
    stdio: [stdinFd ?? "pipe", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1", NDP_TEST_PEAK_RSS_FILE: peakFile },
  });
  if (stdinFd !== undefined) closeSync(stdinFd);
  else {
    child.stdin!.on("error", () => {}); // the child may stop reading early (that is the point)
    child.stdin!.end(o.stdin && "text" in o.stdin ? o.stdin.text : "");
  }
  const t0 = performance.now();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout!.on("data", (b: Buffer) => {
    out.push(b);
    if (o.closeStdoutEarly) child.stdout!.destroy();
  });
  child.stderr!.on("data", (b: Buffer) => err.push(b));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill("SIGKILL");
  }, o.timeoutMs ?? 60_000);
  return new Promise((resolve) => {
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      let peakMb = Number.NaN;
      try {
        peakMb = Number(readFileSync(peakFile, "utf8")) / 1024;
      } catch {
        // killed before the exit hook ran
      }
      resolve({ code, signal, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString(), ms: performance.now() - t0, peakMb, timedOut });
    });
  });
}
