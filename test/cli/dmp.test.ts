import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { runNdp } from "../helpers/run-cli.js";
import { runInProcess } from "../helpers/run-in-process.js";
import { dmpConfig, referenceRollout } from "../../src/dmp/index.js";

const dir = mkdtempSync(join(tmpdir(), "ndp-cli-dmp-"));
const write = (name: string, value: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, typeof value === "string" ? value : JSON.stringify(value));
  return p;
};
const request = {
  config: { n_basis: 4, steps: 20, alpha_z: 25, basis: "gaussian" },
  y0: [0, 1],
  dy0: [0, 0.5],
  goal: [1, -1],
  weights: [
    [10, -5, 3, 0],
    [1, 2, 3, 4],
  ],
};

describe("ndp dmp rollout --json (design.md §5 contract)", () => {
  it("prints exactly one JSON object with the (steps + 1) × D trajectory of the reference loop", () => {
    const r = runNdp(["dmp", "rollout", "--input", write("ok.json", request), "--json"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]) as { trajectory: number[][] };
    expect(Object.keys(out)).toEqual(["trajectory"]);
    expect(out.trajectory).toHaveLength(21);
    const ref = referenceRollout(dmpConfig({ nBasis: 4, steps: 20, alphaZ: 25 }), request).position;
    out.trajectory.forEach((row, t) => row.forEach((v, d) => expect(v).toBeCloseTo(ref[t * 2 + d], 12)));
  });

  it("reads standard input with --input - and adds derivatives on request", () => {
    const r = runNdp(["dmp", "rollout", "--input", "-", "--json", "--derivatives", "--method", "reference"], { input: JSON.stringify(request) });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, number[][]>;
    expect(Object.keys(out)).toEqual(["trajectory", "velocity", "acceleration"]);
    expect(out.velocity[0]).toEqual([0, 0.5]);
  });

  it.each([
    ["a missing file", ["--input", join(dir, "nope.json")], /input file .*nope\.json does not exist/],
    ["invalid JSON", ["--input", write("bad.json", "{ not json")], /is not valid JSON/],
    ["n_basis < 1", ["--input", write("n0.json", { ...request, config: { ...request.config, n_basis: 0 } })], /n_basis .* must be an integer/],
    ["steps < 1", ["--input", write("m0.json", { ...request, config: { ...request.config, steps: 0 } })], /steps .* must be an integer/],
    ["an unknown basis", ["--input", write("basis.json", { ...request, config: { ...request.config, basis: "cubic" } })], /unknown basis "cubic"/],
    ["an unknown config key", ["--input", write("key.json", { ...request, config: { ...request.config, nbasis: 3 } })], /unknown key "nbasis" in "config"/],
    ["mismatched weights", ["--input", write("w.json", { ...request, weights: [[1, 2, 3]] })], /weights must have one row per dimension/],
    ["a non-finite goal", ["--input", write("nan.json", JSON.stringify(request).replace('"goal":[1,-1]', '"goal":[1,null]'))], /goal\[1\] must be a number/],
    ["a bad --method", ["--input", write("ok2.json", request), "--method", "rk4"], /expected one of closed, reference/],
  ])("rejects %s with one line on stderr and exit code 2", async (_what, args, message) => {
    // In process (fast); test/cli/malformed-inputs-process.test.ts proves the same end to end.
    const r = await runInProcess(["dmp", "rollout", ...args, "--json"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^ndp: error: /);
    expect(lines[0]).toMatch(message);
  });
});

describe("ndp dmp field / demo / bench", () => {
  it("writes a vector-field figure and prints the grid", () => {
    const out = join(dir, "field");
    const r = runNdp(["dmp", "field", "--input", write("f.json", request), "--phase", "0.4", "--resolution", "5", "--out", out, "--json"]);
    expect(r.code).toBe(0);
    const f = JSON.parse(r.stdout) as { kind: string; a1: number[] };
    expect(f.kind).toBe("position-field");
    expect(f.a1).toHaveLength(25);
    expect(existsSync(`${out}.png`)).toBe(true);
  });

  it("bench dmp --quick reports timings and a float32 error far below 1e-4 relative", () => {
    const r = runNdp(["bench", "dmp", "--quick", "--json"]);
    expect(r.code).toBe(0);
    const b = JSON.parse(r.stdout) as Record<string, number>;
    for (const k of ["reference_ms", "linear_ms", "speedup", "max_abs_err"]) expect(typeof b[k]).toBe("number");
    expect(b.max_rel_err).toBeLessThan(1e-5);
  });
});
