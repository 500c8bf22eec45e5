import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readDigitFile } from "../../../src/data/digits/digit-file.js";
import { runNdp } from "../../helpers/run-cli.js";
import { runInProcess } from "../../helpers/run-in-process.js";

describe("ndp digits generate", () => {
  const dir = mkdtempSync(join(tmpdir(), "ndp-gen-"));

  it("writes a readable, deterministic data set file and prints one JSON object", () => {
    const a = runNdp(["digits", "generate", "--count", "20", "--seed", "5", "--out", join(dir, "a.mat"), "--sheet", join(dir, "a.png"), "--json"]);
    expect(a.code).toBe(0);
    const report = JSON.parse(a.stdout);
    expect(Object.keys(report).sort()).toEqual(["count", "out", "seconds", "seed"]);
    expect(report).toMatchObject({ out: join(dir, "a.mat"), count: 20, seed: 5 });
    const b = runNdp(["digits", "generate", "--count", "20", "--seed", "5", "--out", join(dir, "b.mat"), "--uncompressed"]);
    expect(b.code).toBe(0);
    const set = readDigitFile(join(dir, "a.mat"));
    expect(set).toMatchObject({ count: 20, imageSize: 40, points: 301 });
    expect(readDigitFile(join(dir, "b.mat")).trajectories).toEqual(set.trajectories);
    expect(readFileSync(join(dir, "a.png")).subarray(1, 4).toString()).toBe("PNG");
  });

  it("turns bad options into one line on stderr and exit code 2", async () => {
    writeFileSync(join(dir, "file"), "");
    for (const args of [
      ["--count", "abc", "--out", join(dir, "x.mat")],
      ["--count", "5"],
      ["--count", "5", "--out", join(dir, "file", "x.mat")], // a directory that is a file
    ]) {
      const r = await runInProcess(["digits", "generate", ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(/^ndp: error: /);
    }
  });
});
