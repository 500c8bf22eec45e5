import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { writeMat } from "../../../src/data/mat/mat-writer.js";
import { runNdp } from "../../helpers/run-cli.js";
import { runInProcess } from "../../helpers/run-in-process.js";

const FIXTURES = fileURLToPath(new URL("../../fixtures/mat/", import.meta.url));

describe("ndp digits inspect", () => {
  const dir = mkdtempSync(join(tmpdir(), "ndp-inspect-"));

  it("reports what an original-layout file holds", () => {
    const r = runNdp(["digits", "inspect", "--data", FIXTURES + "octave-data-v7.mat", "--json"]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ count: 3, imageSize: 40, points: 301, labels: [0, 1, 0, 1, 1, 0, 0, 0, 0, 0] });
    expect(report.trajectoryRange.x[0]).toBeCloseTo(5, 5);
  });

  it("exits with code 2 and one line for bad files (not MAT, truncated, missing field, NaN; the rest in test/data)", async () => {
    const notMat = join(dir, "notmat.mat");
    writeFileSync(notMat, "x,y\n".repeat(100));
    const truncated = join(dir, "truncated.mat");
    writeFileSync(truncated, readFileSync(FIXTURES + "scipy-data-v5.mat").subarray(0, 4000));
    const num = (dims: number[], data: number[]) => ({ kind: "numeric" as const, class: "double" as const, logical: false, dims, data });
    const struct = (fields: Record<string, ReturnType<typeof num>>) => new Map([["Data", { kind: "struct" as const, dims: [1, 1], fieldNames: Object.keys(fields), elements: [fields] }]]);
    const img = Array.from({ length: 1600 }, () => 0);
    const trj = Array.from({ length: 602 }, (_, i) => i / 30);
    const missing = join(dir, "missing.mat");
    writeFileSync(missing, writeMat(struct({ imageArray: num([40, 40], img) })));
    const nan = join(dir, "nan.mat");
    writeFileSync(nan, writeMat(struct({ imageArray: num([40, 40], img), trajArray: num([301, 2], trj.map((v, i) => (i === 5 ? NaN : v))) })));
    const cases: [string, RegExp][] = [
      [notMat, /is not a level-5 MAT-file/],
      [truncated, /is truncated/],
      [missing, /has no field `trajArray`/],
      [nan, /contains NaN/],
    ];
    for (const [file, pattern] of cases) {
      const r = await runInProcess(["digits", "inspect", "--data", file, "--json"]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      const lines = r.stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^ndp: error: /);
      expect(lines[0]).toMatch(pattern);
    }
  });
});
