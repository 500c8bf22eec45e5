// Run identity: stable across versions and key order, blind to entries that do not change the numbers.
import { describe, expect, it } from "vitest";
import { canonicalJson, runId } from "../../src/experiments/run-id.js";
import { rlJob } from "../../src/experiments/rl-job.js";

describe("canonicalJson", () => {
  it("sorts keys at every level and drops undefined entries", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: "s" }, u: undefined })).toBe('{"a":{"c":"s","d":[1,{"x":1,"y":2}]},"b":1}');
  });

  it("refuses non-finite numbers", () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/non-finite/);
  });
});

describe("runId", () => {
  it("is stable: a fixed config always gets the same id (changing this breaks every existing sweep directory)", () => {
    // sha256('{"config":{"algo":"ppo","task":"reach"},"kind":"rl","seed":0}') = f2c959c8… (sha256sum)
    expect(runId("rl", { task: "reach", algo: "ppo" }, 0)).toBe("f2c959c8fe335bb6");
  });

  it("does not depend on key order, and does on the kind, the config and the seed", () => {
    const id = runId("rl", { a: 1, b: { c: 2, d: 3 } }, 1);
    expect(runId("rl", { b: { d: 3, c: 2 }, a: 1 }, 1)).toBe(id);
    expect(runId("rl", { a: 1, b: { c: 2, d: 3 } }, 2)).not.toBe(id);
    expect(runId("rl", { a: 1, b: { c: 2, d: 4 } }, 1)).not.toBe(id);
    expect(runId("il", { a: 1, b: { c: 2, d: 3 } }, 1)).not.toBe(id);
    expect(id).toMatch(/^[0-9a-f]{16}$/);
  });

  it("leaves out the kind's identity-free entries (rl: workers)", () => {
    const config = rlJob.resolve({ task: "reach", algo: "ppo" }, 0, "test");
    expect(runId("rl", { ...config, workers: 1 }, 0, rlJob.identityFree)).toBe(runId("rl", { ...config, workers: 2 }, 0, rlJob.identityFree));
  });
});
