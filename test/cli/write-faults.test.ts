/**
 * Output paths that cannot be written, for every command that writes: a file where a directory
 * belongs (ENOTDIR), a directory where a file belongs (EISDIR), an existing run (EEXIST), an
 * unwritable directory (/sys; plus a mode-555 directory when not running as root, which ignores
 * modes), a full path under /proc (mkdir fails with ENOENT there — formerly an endless loop), and
 * a path under a file. Each must end before any work with exit code 2, one stderr line and
 * nothing created.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { headerOnlyTrainState } from "../helpers/bad-inputs.js";
import { runInProcess } from "../helpers/run-in-process.js";

const D = mkdtempSync(join(tmpdir(), "ndp-write-faults-"));
const FILE = join(D, "a-file");
writeFileSync(FILE, "x");
const DIR = join(D, "a-dir");
mkdirSync(DIR);
const REQ = join(D, "req.json");
writeFileSync(REQ, JSON.stringify({ config: { n_basis: 3, steps: 10 }, y0: [0, 1], goal: [1, 0] }));
const MAT_OK = join(D, "ok.mat"); // written by `digits generate` below
const isRoot = process.getuid?.() === 0;
const READ_ONLY = join(D, "read-only");
mkdirSync(READ_ONLY);
chmodSync(READ_ONLY, 0o555);
const EXISTING_RUN = join(D, "existing-run");
mkdirSync(EXISTING_RUN);
writeFileSync(join(EXISTING_RUN, "checkpoint.ckpt"), headerOnlyTrainState({ iteration: 1, history: [{ iteration: 1, seconds: 1 }] }));

type Target = "file" | "dir";
/** The commands that write, with where their output goes and what it is. */
const WRITERS: { name: string; target: Target; file?: string; argv: (out: string) => string[] }[] = [
  { name: "dmp field --out", target: "file", argv: (out) => ["dmp", "field", "--input", REQ, "--out", out.replace(/\.svg$/, ""), "--json"] },
  { name: "dmp demo --out", target: "dir", argv: (out) => ["dmp", "demo", "--out", out, "--json"] },
  { name: "digits generate --out", target: "file", argv: (out) => ["digits", "generate", "--count", "10", "--out", out, "--json"] },
  { name: "digits generate --sheet", target: "file", argv: (out) => ["digits", "generate", "--count", "10", "--out", join(D, "g.mat"), "--sheet", out, "--json"] },
  { name: "digits inspect --sheet", target: "file", argv: (out) => ["digits", "inspect", "--data", MAT_OK, "--sheet", out, "--json"] },
  { name: "digits train --out", target: "dir", argv: (out) => ["digits", "train", "--model", "cnn", "--count", "20", "--train-count", "10", "--batch-size", "5", "--epochs", "1", "--out", out, "--json"] },
  { name: "digits pretrain --out", target: "dir", argv: (out) => ["digits", "pretrain", "--epochs", "1", "--limit", "300", "--test-count", "100", "--out", out, "--json"] },
  { name: "digits table2 --out", target: "dir", argv: (out) => ["digits", "table2", "--pretrained", "none", "--epochs", "1", "--count", "20", "--train-count", "10", "--batch-size", "5", "--out", out, "--json"] },
  { name: "start --out", target: "dir", argv: (out) => ["start", "--epochs", "1", "--out", out, "--json"] },
  { name: "rl train --out", target: "dir", argv: (out) => ["rl", "train", "--task", "reach", "--algo", "ppo", "--steps", "100", "--out", out, "--json"] },
  { name: "sweep --out", target: "dir", argv: (out) => ["sweep", "--spec", "paper:fig5", "--quick", "--out", out, "--json"] },
  { name: "rl fig5 --out", target: "dir", argv: (out) => ["rl", "fig5", "--quick", "--out", out, "--json"] },
  { name: "tasks demos --out", target: "file", file: "out.jsonl", argv: (out) => ["tasks", "demos", "--task", "reach", "--episodes", "1", "--out", out, "--json"] },
  { name: "tasks render --out", target: "file", file: "out.png", argv: (out) => ["tasks", "render", "--task", "reach", "--out", out, "--json"] },
];

/** Failing output paths: the path given to the command and what the error line must say. */
function faults(w: (typeof WRITERS)[number]): { fault: string; out: string; match: RegExp; absent?: string }[] {
  const name = w.target === "file" ? (w.file ?? "out.svg") : "run";
  const list = [
    { fault: "a path under /proc", out: join("/proc/ndp-write-fault/deeper", name), match: /nothing can be created in \/proc \(ENOENT/, absent: "/proc/ndp-write-fault" },
    { fault: "an unwritable directory (/sys)", out: join("/sys/ndp-write-fault", name), match: /nothing can be created in \/sys \((EACCES|EPERM)/, absent: "/sys/ndp-write-fault" },
    { fault: "a path under a file", out: join(FILE, name), match: /a-file is a file, not a directory \(ENOTDIR\)/ },
  ];
  if (!isRoot) list.push({ fault: "a mode-555 directory", out: join(READ_ONLY, name), match: /nothing can be created in .*read-only \((EACCES|EPERM)/, absent: join(READ_ONLY, name) });
  if (w.target === "dir") list.push({ fault: "an existing file", out: FILE, match: /is an existing file, not a directory \(ENOTDIR\)/ });
  else list.push({ fault: "an existing directory", out: (() => { const d = join(D, `dir-${w.name.replace(/\W+/g, "-")}-${name}`); mkdirSync(d); return d; })(), match: /is a directory \(EISDIR\)/ });
  return list;
}

const CASES = WRITERS.flatMap((w) => faults(w).map((f) => ({ label: `${w.name} → ${f.fault}`, argv: w.argv(f.out), ...f })));
CASES.push(
  { label: "digits train --out → an existing run (EEXIST)", argv: WRITERS[5].argv(EXISTING_RUN), out: EXISTING_RUN, match: /already holds a training run; pass --resume/, fault: "existing run" },
  { label: "digits pretrain --out → an existing run (EEXIST)", argv: WRITERS[6].argv(EXISTING_RUN), out: EXISTING_RUN, match: /already holds a training run; pass --resume/, fault: "existing run" },
);

afterAll(() => {
  chmodSync(READ_ONLY, 0o755);
  rmSync(D, { recursive: true, force: true });
});

describe("commands that write refuse unwritable outputs before any work", () => {
  it("has a valid MAT-file for inspect", async () => {
    const r = await runInProcess(["digits", "generate", "--count", "3", "--out", MAT_OK, "--json"]);
    expect(r.code, r.stderr).toBe(0);
  });

  it.each(CASES.map((c) => [c.label, c] as const))("%s", async (_label, c) => {
    const r = await runInProcess(c.argv);
    const lines = r.stderr.split("\n").filter((l) => l !== "");
    expect({ code: r.code, lines }, r.stderr).toMatchObject({ code: 2, lines: [expect.stringMatching(/^ndp: error: /)] });
    expect(lines[0]).toMatch(c.match);
    expect(r.stdout).toBe("");
    expect(r.ms).toBeLessThan(3000);
    if (c.absent) expect(existsSync(c.absent), `${c.absent} exists`).toBe(false);
  });

  it("covers every writing command with every fault", () => {
    for (const w of WRITERS) expect(CASES.filter((c) => c.label.startsWith(`${w.name} →`)).length).toBeGreaterThanOrEqual(4);
  });
});
