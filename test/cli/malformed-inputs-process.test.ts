/**
 * The hostile inputs that must be proven end to end, as real `ndp` processes with bounded time
 * and memory (test/helpers/spawn-ndp.ts): the former memory bombs (a 6 MB zlib bomb that inflates
 * to 6 GiB, 10⁷ DMP steps, 10⁶ dimensions, /dev/zero and 20 MB on standard input), deep JSON on
 * standard input, an output under /proc (formerly an endless mkdir loop), a misspelled option,
 * a reader that closes the pipe, and bare `ndp`. Each bad input: exit code 2, one stderr line, no
 * stack, peak memory under 400 MB. The cases run concurrently (a few seconds each).
 */
import { mkdtempSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { matZlibBomb } from "../helpers/bad-inputs.js";
import { spawnNdp, type SpawnOptions, type SpawnResult } from "../helpers/spawn-ndp.js";

const D = mkdtempSync(join(tmpdir(), "ndp-hostile-proc-"));
const file = (name: string, content: string | Uint8Array) => {
  writeFileSync(join(D, name), content);
  return join(D, name);
};
const request = (patch: Record<string, unknown>) => JSON.stringify({ config: { n_basis: 3, steps: 10 }, y0: [0], goal: [1], ...patch });

interface ProcCase {
  name: string;
  args: string[];
  options?: SpawnOptions;
  match: RegExp;
}

const BAD: ProcCase[] = [
  { name: "a 6 MB zlib bomb (6 GiB of zeros) as --data", args: ["digits", "inspect", "--data", file("bomb.mat", matZlibBomb(96)), "--json"], match: /inflates to more than the 12\.5 KiB its matrix declares/ },
  { name: "steps 10 000 000 on standard input", args: ["dmp", "rollout", "--input", "-", "--json"], options: { stdin: { text: request({ config: { n_basis: 30, steps: 10_000_000 } }) } }, match: /size budget dmpPlanValues/ },
  { name: "1 000 000 dimensions", args: ["dmp", "rollout", "--input", file("d.json", `{"config":{"n_basis":3,"steps":300},"y0":[${"0,".repeat(999_999)}0],"goal":[0]}`), "--json"], match: /size budget dmpPointValues/ },
  { name: "/dev/zero on standard input", args: ["dmp", "rollout", "--input", "-", "--json"], options: { stdin: { file: "/dev/zero" } }, match: /standard input is not JSON \(it starts with byte 0x00\)/ },
  { name: "20 MB of JSON whitespace on standard input", args: ["dmp", "rollout", "--input", "-", "--json"], options: { stdin: { text: " ".repeat(20 << 20) + request({}) } }, match: /standard input exceeds ndp's limit of 16 MiB/ },
  { name: "200 000-deep arrays on standard input", args: ["dmp", "rollout", "--input", "-", "--json"], options: { stdin: { text: "[".repeat(200_000) + "]".repeat(200_000) } }, match: /standard input nests arrays\/objects 200000 levels deep/ },
  { name: "--out under /proc (was an endless mkdir loop)", args: ["digits", "generate", "--count", "10", "--out", "/proc/ndp-hostile/x/d.mat"], match: /nothing can be created in \/proc/ },
  { name: "a misspelled option", args: ["tasks", "run", "--task", "reach", "--episode", "3"], match: /unknown option '--episode' \(Did you mean --episodes\?\)/ },
];

describe("hostile inputs as real processes (bounded time and memory)", () => {
  // Two at a time (CI has two cores), started at once; each test awaits its own result.
  const results = new Map<string, Promise<SpawnResult>>();
  let queue: Promise<unknown>[] = [Promise.resolve(), Promise.resolve()];
  BAD.forEach((c, i) => {
    const lane = i % 2;
    const r = queue[lane].then(() => spawnNdp(c.args, { timeoutMs: 60_000, heapMb: 256, ...c.options }));
    queue = queue.map((q, k) => (k === lane ? r : q));
    results.set(c.name, r);
  });
  const run = (c: ProcCase) => results.get(c.name)!;

  it.each(BAD.map((c) => [c.name, c] as const))("%s: exit 2, one line, no stack, < 400 MB", async (_name, c) => {
    const r = await run(c);
    expect(r.timedOut, "timed out").toBe(false);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toBe("");
    const lines = r.stderr.split("\n").filter((l) => l !== "");
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^ndp: error: /);
    expect(lines[0]).toMatch(c.match);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.peakMb).toBeLessThan(400);
  });

  it("a reader closing the pipe early ends ndp quietly (no EPIPE stack)", async () => {
    const long = file("long.json", request({ config: { n_basis: 3, steps: 200_000 } }));
    const r = await spawnNdp(["dmp", "rollout", "--input", long], { closeStdoutEarly: true, timeoutMs: 30_000 });
    expect(r.timedOut).toBe(false);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  it("bare `ndp` prints the help on stdout with exit code 0", async () => {
    const r = await spawnNdp([], { timeoutMs: 30_000 });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^Usage: ndp /);
    expect(existsSync(join(D, "bomb.mat"))).toBe(true);
  });
});
