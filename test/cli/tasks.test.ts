import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readDemos } from "../../src/envs/demos.js";
import { runNdp } from "../helpers/run-cli.js";
import { runInProcess } from "../helpers/run-in-process.js";

describe("ndp tasks", () => {
  it("list --json describes every task", () => {
    const r = runNdp(["tasks", "list", "--json"]);
    expect(r.code).toBe(0);
    const { tasks } = JSON.parse(r.stdout);
    const push = tasks.find((t: { task: string }) => t.task === "push");
    expect(push).toMatchObject({ obs_size: 9, action_size: 3, horizon: 150, dt: 0.0125, success_rule: "XY ‖puck − goal‖ ≤ 0.07 m" });
    expect(tasks.map((t: { task: string }) => t.task)).toEqual(expect.arrayContaining(["reach", "push", "soccer", "faucet-open"]));
  });

  it("run --json prints exactly one JSON object with the documented keys", () => {
    const r = runNdp(["tasks", "run", "--task", "reach", "--policy", "expert", "--episodes", "2", "--seed", "1", "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(expect.arrayContaining(["task", "episodes", "success_rate", "mean_return", "steps_per_second"]));
    expect(out).toMatchObject({ task: "reach", episodes: 2, success_rate: 1 });
  });

  it("demos writes a readable demonstrations file", () => {
    const out = join(mkdtempSync(join(tmpdir(), "ndp-cli-demos-")), "push.jsonl");
    const r = runNdp(["tasks", "demos", "--task", "push", "--episodes", "2", "--seed", "4", "--out", out, "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ task: "push", episodes: 2 });
    expect(existsSync(out)).toBe(true);
    expect(readDemos(out).episodes).toHaveLength(2);
  });

  it("rejects an unknown task and a bad output name with one line and exit code 2", async () => {
    const a = await runInProcess(["tasks", "run", "--task", "nope"]);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/expected one of reach, push/);
    const b = await runInProcess(["tasks", "render", "--task", "reach", "--out", "x.gif"]);
    expect(b.code).toBe(2);
    expect(b.stderr.trim().split("\n")).toHaveLength(1);
    expect(b.stderr).toMatch(/--out must end in .png or .svg/);
  });
});
