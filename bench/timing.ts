/**
 * Timing helpers for benchmarks: warm-up, repeated runs, round-robin interleaving (so that load
 * from other processes on a shared machine hits every variant alike), CPU time beside wall time,
 * and the facts about the machine that every report carries (CPU model, cores, load average, and
 * the parallel capacity left right now).
 */
import { availableParallelism, cpus, loadavg } from "node:os";
import { Worker } from "node:worker_threads";

export interface Timing {
  median: number;
  min: number;
  first: number;
  runs: number;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Time `fn` (which must finish its work before returning, e.g. by reading results). */
export function timeIt(fn: () => void, { warmup = 3, runs = 20 } = {}): Timing {
  const t0 = performance.now();
  fn();
  const first = performance.now() - t0;
  for (let i = 1; i < warmup; i++) fn();
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    fn();
    ts.push(performance.now() - s);
  }
  ts.sort((a, b) => a - b);
  return { median: ts[Math.floor(ts.length / 2)], min: ts[0], first, runs };
}

/** Median wall and process-CPU milliseconds of one call, and the first call (compilation included). */
export interface RoundRobinTiming {
  median: number;
  min: number;
  cpu: number;
  first: number;
}

/**
 * Time several closures round-robin (one call of each per round, after `warmup` calls each), so
 * that load from other processes hits all of them alike. `before(name)` runs untimed before each
 * call (e.g. to switch a setting). CPU time is the whole process's (all its threads).
 */
export function timeRoundRobin(fns: Record<string, () => void>, warmup: number, rounds: number, before?: (name: string) => void): Record<string, RoundRobinTiming> {
  const out: Record<string, RoundRobinTiming> = {};
  const wall: Record<string, number[]> = {};
  const cpu: Record<string, number[]> = {};
  for (const [name, fn] of Object.entries(fns)) {
    before?.(name);
    const t0 = performance.now();
    fn();
    out[name] = { median: 0, min: 0, cpu: 0, first: performance.now() - t0 };
    for (let i = 1; i < warmup; i++) fn();
    wall[name] = [];
    cpu[name] = [];
  }
  for (let r = 0; r < rounds; r++) {
    for (const [name, fn] of Object.entries(fns)) {
      before?.(name);
      const c = process.cpuUsage();
      const t = performance.now();
      fn();
      wall[name].push(performance.now() - t);
      const u = process.cpuUsage(c);
      cpu[name].push((u.user + u.system) / 1000);
    }
  }
  for (const name of Object.keys(fns)) Object.assign(out[name], { median: median(wall[name]), min: Math.min(...wall[name]), cpu: median(cpu[name]) });
  return out;
}

/** Round to 3 decimals for reports. */
export const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** The machine, for every report: CPU model, logical cores, 1-minute load average now. */
export function machine(): { cpu: string; cores: number; load_average_1min: number } {
  return { cpu: cpus()[0]?.model ?? "unknown", cores: availableParallelism(), load_average_1min: r3(loadavg()[0]) };
}

/** Seconds for `threads` workers each running the same pure-JS loop concurrently. */
async function spin(threads: number, iterations: number): Promise<number> {
  const code = `const { parentPort, workerData } = require("node:worker_threads");
let x = 0; for (let i = 0; i < workerData; i++) x = (x + Math.sqrt(i)) % 1e6;
parentPort.postMessage(x);`;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: threads }, () => new Promise((resolve, reject) => {
      const w = new Worker(code, { eval: true, workerData: iterations });
      w.once("message", resolve);
      w.once("error", reject);
    })),
  );
  return (performance.now() - start) / 1000;
}

/**
 * Throughput of 2 threads over 1 thread for a pure compute loop, measured now: 2.0 on two idle
 * cores, less when other processes hold them — the ceiling for any 2-thread speedup in this run.
 */
export async function parallelCapacity(quick: boolean): Promise<number> {
  const n = quick ? 2e7 : 1e8;
  const one = await spin(1, n);
  const two = await spin(2, n);
  return (2 * one) / two;
}
