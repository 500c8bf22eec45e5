import { describe, expect, it } from "vitest";
import { runNdp } from "../helpers/run-cli.js";
import { runInProcess } from "../helpers/run-in-process.js";

describe("ndp CLI", () => {
  it("prints help with exit code 0", () => {
    const r = runNdp(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: ndp");
  });

  it("turns an unknown command into one line on stderr and exit code 2", async () => {
    const r = await runInProcess(["no-such-command"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")[0]).toMatch(/^ndp: error: unknown command/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
