// The local runner with a stubbed process launcher: skip finished runs, resume checkpointed ones,
// re-run dead ones, respect live locks, keep going after failures, bound the parallelism.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LocalRunner, lastErrorLine, type Launcher, type ProcessExit } from "../../src/experiments/local-runner.js";
import { acquireRunLock, LOCK_FILE, runState } from "../../src/experiments/run-state.js";
import { rlJob } from "../../src/experiments/rl-job.js";
import type { RunSpec } from "../../src/experiments/job.js";
import { runId } from "../../src/experiments/run-id.js";

const metrics = (steps: number) => ({ task: "reach", algo: "ppo", seed: 0, env_steps: steps, seconds: 1, final_success_rate: 0.5, final_return: 3, curve: [[steps, 0.5, 3]] });

function run(seed: number, totalSteps = 300): RunSpec {
  const config = rlJob.resolve({ task: "reach", algo: "ppo", totalSteps }, seed, "test");
  return { id: runId("rl", config, seed, rlJob.identityFree), kind: "rl", config, seed, label: `seed ${seed}` };
}

type Behaviour = "finish" | "fail" | "kill" | "garbage";

/** A launcher that acts like `ndp rl train` per the seed in the config: finishes, fails or dies. */
function stub(behaviour: (seed: number) => Behaviour) {
  const calls: { args: string[]; seed: number; resume: boolean }[] = [];
  let running = 0;
  let maxRunning = 0;
  const launch: Launcher = (args) => {
    const config = JSON.parse(readFileSync(args[args.indexOf("--config") + 1], "utf8"));
    const dir = args[args.indexOf("--out") + 1];
    calls.push({ args, seed: config.seed, resume: args.includes("--resume") });
    running++;
    maxRunning = Math.max(maxRunning, running);
    const exit = new Promise<ProcessExit>((done) =>
      setTimeout(() => {
        running--;
        const b = behaviour(config.seed);
        writeFileSync(join(dir, "checkpoint.ckpt"), "ckpt");
        if (b === "finish") {
          writeFileSync(join(dir, "metrics.json"), JSON.stringify(metrics(config.totalSteps)));
          done({ code: 0, signal: null, stdout: JSON.stringify(metrics(config.totalSteps)) + "\n", lastError: "" });
        } else if (b === "fail") done({ code: 2, signal: null, stdout: "", lastError: "ndp: error: boom" });
        else if (b === "kill") done({ code: null, signal: "SIGKILL", stdout: "", lastError: "ppo reach 50%" });
        else done({ code: 0, signal: null, stdout: "not json", lastError: "" });
      }, 20),
    );
    return { pid: process.pid, exit, kill: () => {} };
  };
  return { launch, calls, maxRunning: () => maxRunning };
}

const tmp = () => mkdtempSync(join(tmpdir(), "ndp-runner-"));

/** The pid of a process that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ["-e", ""]).pid!;
}

describe("LocalRunner", () => {
  it("runs each run once, in its own directory, with the job config and the threads per run", async () => {
    const s = stub(() => "finish");
    const runner = new LocalRunner({ root: tmp(), parallel: 2, threads: 1, launch: s.launch });
    const r = await runner.submit(run(0));
    expect(r).toMatchObject({ status: "finished", metrics: metrics(300), resumed: false });
    const dir = runner.runDir(r.id);
    expect(s.calls[0].args).toEqual(["rl", "train", "--config", join(dir, "job.json"), "--out", dir, "--json"]);
    expect(JSON.parse(readFileSync(join(dir, "job.json"), "utf8"))).toMatchObject({ task: "reach", workers: 1, seed: 0 });
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    // finished: skipped with its metrics, not launched again
    expect(await runner.submit(run(0))).toMatchObject({ status: "skipped", metrics: metrics(300), seconds: 0 });
    expect(s.calls).toHaveLength(1);
  });

  it("records a failure with its last error line and goes on with the other runs", async () => {
    const s = stub((seed) => (seed === 1 ? "fail" : seed === 2 ? "garbage" : "finish"));
    const runner = new LocalRunner({ root: tmp(), parallel: 1, launch: s.launch });
    const results = await Promise.all([0, 1, 2, 3].map((seed) => runner.submit(run(seed))));
    expect(results.map((r) => r.status)).toEqual(["finished", "failed", "failed", "finished"]);
    expect(results[1].error).toBe("ndp: error: boom");
    expect(results[2].error).toMatch(/^its output is not the job's metrics/);
  });

  it("re-runs a run whose process died, resuming its checkpoint", async () => {
    const root = tmp();
    let attempt = 0;
    const s = stub(() => (attempt++ === 0 ? "kill" : "finish"));
    const first = await new LocalRunner({ root, launch: s.launch }).submit(run(0));
    expect(first).toMatchObject({ status: "failed", error: "killed by SIGKILL (last line: ppo reach 50%)" });
    const again = await new LocalRunner({ root, launch: s.launch }).submit(run(0));
    expect(again).toMatchObject({ status: "finished", resumed: true });
    expect(s.calls.map((c) => c.resume)).toEqual([false, true]);
  });

  it("takes over the lock of a dead process, deleting stale logs when starting afresh", async () => {
    const root = tmp();
    const r = run(0);
    const dir = join(root, r.id);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: deadPid(), host: hostname(), since: "" }));
    writeFileSync(join(dir, "metrics.jsonl"), "{\"update\":1}\n");
    expect(runState(dir, rlJob)).toEqual({ state: "fresh" });
    const s = stub(() => "finish");
    expect(await new LocalRunner({ root, launch: s.launch }).submit(r)).toMatchObject({ status: "finished", resumed: false });
    expect(existsSync(join(dir, "metrics.jsonl"))).toBe(false);
  });

  it("never runs a run that a live process holds", async () => {
    const root = tmp();
    const r = run(0);
    const dir = join(root, r.id);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: process.ppid, host: hostname(), since: "" }));
    expect(runState(dir, rlJob)).toMatchObject({ state: "busy", pid: process.ppid });
    expect(acquireRunLock(dir)).toBe(false);
    const s = stub(() => "finish");
    const result = await new LocalRunner({ root, launch: s.launch }).submit(r);
    expect(result.status).toBe("skipped");
    expect(result.error).toMatch(/^running in another process \(pid \d+ on .+\); re-run the sweep once it has finished$/);
    expect(s.calls).toHaveLength(0);
  });

  it("runs at most `parallel` at once and splits the cores between them", async () => {
    const s = stub(() => "finish");
    const runner = new LocalRunner({ root: tmp(), parallel: 2, launch: s.launch });
    await Promise.all([0, 1, 2, 3, 4].map((seed) => runner.submit(run(seed))));
    expect(s.maxRunning()).toBe(2);
    expect(runner.threads).toBeGreaterThanOrEqual(1);
  });

  it("does not count an invalid metrics.json as finished", async () => {
    const root = tmp();
    const r = run(0);
    mkdirSync(join(root, r.id), { recursive: true });
    writeFileSync(join(root, r.id, "metrics.json"), "{\"task\":\"reach\"}");
    const s = stub(() => "finish");
    expect(await new LocalRunner({ root, launch: s.launch }).submit(r)).toMatchObject({ status: "finished" });
    expect(s.calls).toHaveLength(1);
  });
});

describe("lastErrorLine", () => {
  it("prefers the ndp error line over the bug-report hint and progress lines", () => {
    expect(lastErrorLine("ppo 10%\nndp: internal error: x is undefined\nndp: this is a bug; rerun with NDP_DEBUG=1\n")).toBe("ndp: internal error: x is undefined");
    expect(lastErrorLine("a\nb\n\n")).toBe("b");
    expect(lastErrorLine("")).toBe("");
  });
});
