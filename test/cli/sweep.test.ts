// `ndp sweep` end to end with real `ndp rl train` children on tiny runs (one update of 2 envs on
// point-mass): --json output, the run directories, a restart that skips finished runs and re-runs a
// dead one; bad specs end with one line and exit code 2.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { runNdp } from "../helpers/run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "ndp-sweep-cli-"));

describe("ndp sweep", () => {
  it("rejects a bad spec with one line and exit code 2", () => {
    writeFileSync(join(dir, "bad.yaml"), "name: bad\nkind: rl\nbase: { task: reach, algo: ppo }\ngrid: { learningRate: [] }\nseeds: 1\n");
    const r = runNdp(["sweep", "--spec", join(dir, "bad.yaml")]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`ndp: error: sweep spec ${join(dir, "bad.yaml")}: grid axis "learningRate" has no values; give at least one`);
    const p = runNdp(["sweep", "--spec", "paper:fig5", "--parallel", "0"]);
    expect(p.code).toBe(2);
  });

  it("runs a 2-run spec, then skips finished runs and re-runs one whose process died", () => {
    const spec = join(dir, "tiny.yaml");
    writeFileSync(spec, "name: tiny\nkind: rl\nbase: { task: point-mass, algo: ppo, totalSteps: 1, numEnvs: 2, evaluations: 1, evalEpisodes: 2 }\ngrid:\n  hidden: [[8], [16]]\nseeds: 1\n");
    const out = join(dir, "out");
    const r = runNdp(["sweep", "--spec", spec, "--out", out, "--parallel", "2", "--json"], { timeoutMs: 300_000 });
    expect(r.code, r.stderr).toBe(0);
    const o = JSON.parse(r.stdout);
    expect(o).toMatchObject({ spec: "tiny", runs: 2, finished: 2, skipped: 0, failed: 0 });
    expect(o.figures).toEqual([join(out, "figures/tiny.png"), join(out, "figures/tiny.svg")]);
    expect(o.table.map((t: { point: string; budget: number }) => [t.point, t.budget])).toEqual([["hidden=[8]", 100], ["hidden=[16]", 100]]); // one update: 2 envs × 50 steps
    expect(r.stderr).toMatch(/\[2\/2\] hidden=\[\d+\] seed 0: finished in \d+ s, success rate/);
    for (const f of ["sweep.json", "table.md", "report.md"]) expect(existsSync(join(out, f)), f).toBe(true);

    // the first run "died" after its checkpoint: no metrics, a lock naming a dead process
    const runs = JSON.parse(readFileSync(join(out, "sweep.json"), "utf8")).runs as { id: string }[];
    const dead = join(out, "runs", runs[0].id);
    rmSync(join(dead, "metrics.json"));
    writeFileSync(join(dead, "run.lock"), JSON.stringify({ pid: spawnSync(process.execPath, ["-e", ""]).pid, host: hostname(), since: "" }));
    const again = runNdp(["sweep", "--spec", spec, "--out", out, "--parallel", "2", "--json"], { timeoutMs: 300_000 });
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ runs: 2, finished: 1, skipped: 1, failed: 0 });
    expect(again.stderr).toContain(`resume hidden=[8] seed 0 (runs/${runs[0].id})`);
    expect(again.stderr).toContain("hidden=[16] seed 0: finished earlier");
    expect(existsSync(join(dead, "metrics.json"))).toBe(true);
  }, 600_000);
});
