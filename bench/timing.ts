/** Timing helpers for benchmarks: warm up, then the median of repeated runs (ms). */
export interface Timing {
  median: number;
  min: number;
  first: number;
  runs: number;
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

/** Round to 3 significant decimals for reports. */
export const r3 = (x: number) => Math.round(x * 1000) / 1000;
