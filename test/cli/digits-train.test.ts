import { describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { runNdp } from "../helpers/run-cli.js";
import { runInProcess } from "../helpers/run-in-process.js";

describe("ndp digits train / eval", () => {
  it("train --json prints the Table 2 contract, writes the run directory, and eval reproduces it", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "ndp-digits-")), "run");
    const args = ["digits", "train", "--model", "cnn-dmp", "--count", "150", "--train-count", "100", "--batch-size", "50", "--epochs", "1", "--out", out, "--json"];
    const r = runNdp(args);
    expect(r.code, r.stderr).toBe(0);
    const m = JSON.parse(r.stdout) as Record<string, number | string>;
    for (const k of ["model", "train_mse", "test_mse", "test_jerk", "demo_jerk", "epochs", "seconds"]) expect(m).toHaveProperty(k);
    expect(m.model).toBe("cnn-dmp");
    for (const f of ["config.json", "metrics.json", "metrics.jsonl", "checkpoint.ckpt", "report.md", "traces.png"]) expect(existsSync(join(out, f)), f).toBe(true);
    const e = runNdp(["digits", "eval", "--checkpoint", out, "--json"]);
    expect(e.code, e.stderr).toBe(0);
    const ev = JSON.parse(e.stdout) as Record<string, number>;
    expect(ev.test_mse).toBeCloseTo(m.test_mse as number, 6);
    expect(ev.train_mse).toBeCloseTo(m.train_mse as number, 6);
    // a second run into the same directory must not overwrite it
    const again = runNdp(args);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already holds a training run; pass --resume/);
    // --resume continues to more epochs; it refuses fewer than done, leaving the run as it was
    const more = await runInProcess([...args.map((a) => (a === "1" ? "2" : a)), "--resume"]);
    expect(more.code, more.stderr).toBe(0);
    expect(JSON.parse(more.stdout)).toMatchObject({ epochs: 2 });
    const metrics = readFileSync(join(out, "metrics.json"), "utf8");
    const fewer = await runInProcess([...args, "--resume"]);
    expect(fewer.code).toBe(2);
    expect(fewer.stderr).toMatch(/has already trained 2 epochs, more than --epochs 1; pass --epochs 2 or more/);
    expect(readFileSync(join(out, "metrics.json"), "utf8")).toBe(metrics);
  });
});
