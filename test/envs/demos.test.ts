import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readDemos, recordDemos, writeDemos } from "../../src/envs/demos.js";
import { builtinPolicies } from "../../src/envs/evaluate.js";
import { makeEnv } from "../../src/envs/registry.js";
import { InputFileError } from "../../src/errors.js";

describe("demonstrations file", () => {
  it("records, writes and reads back expert episodes; episode k replays from its seed", async () => {
    const env = await makeEnv("reach", { config: { horizon: 20 } });
    const dir = mkdtempSync(join(tmpdir(), "ndp-demos-"));
    const path = join(dir, "reach.jsonl");
    try {
      const policy = builtinPolicies("reach", "expert", env.actionSpec, 1, 0, { horizon: 20 })[0];
      const demos = recordDemos(env, policy, { task: "reach", variant: "v", policy: "expert", seed: 9, config: {} }, 2);
      writeDemos(path, demos);
      const back = readDemos(path);
      expect(back.header).toMatchObject({ format: "ndp-demos", task: "reach", episodes: 2, horizon: 20, robot_state: "end-effector", robot_state_size: 3 });
      expect(back.header.obs_labels).toHaveLength(9);
      expect(back.episodes).toHaveLength(2);
      const ep = back.episodes[1];
      expect(ep.length).toBe(20);
      expect(ep.observations).toHaveLength(21);
      expect(ep.actions).toHaveLength(20);
      expect(ep.robot_position[0]).toEqual(ep.observations[0].slice(0, 3)); // the DMP state is the hand
      expect(ep.return).toBeCloseTo(ep.rewards.reduce((a, b) => a + b, 0), 9);
      // Replaying episode 1's actions from its seed gives its observations again.
      env.reset({ seed: ep.seed });
      ep.actions.forEach((a, t) => expect(Array.from(env.step(a).obs)).toEqual(ep.observations[t + 1]));
    } finally {
      env.close();
    }
  });

  it("rejects missing, foreign, malformed and truncated files with one clear InputFileError", () => {
    const dir = mkdtempSync(join(tmpdir(), "ndp-demos-"));
    const path = join(dir, "bad.jsonl");
    expect(() => readDemos(join(dir, "missing.jsonl"))).toThrow(InputFileError);
    writeFileSync(path, '{"format":"other"}\n');
    expect(() => readDemos(path)).toThrow(/not an ndp-demos v1 header/);
    const header = { format: "ndp-demos", version: 1, episodes: 2, obs_labels: ["a"], action_labels: ["b"], robot_state_size: 1 };
    const ep = { episode: 0, length: 1, success: true, observations: [[0], [1]], actions: [[0]], rewards: [0], robot_position: [[0], [1]], robot_velocity: [[0], [0]] };
    writeFileSync(path, [header, ep].map((x) => JSON.stringify(x)).join("\n"));
    expect(() => readDemos(path)).toThrow(/truncated/);
    writeFileSync(path, [header, ep, { ...ep, actions: [[0, 1]] }].map((x) => JSON.stringify(x)).join("\n"));
    expect(() => readDemos(path)).toThrow(/line 3: episode arrays/);
    writeFileSync(path, JSON.stringify(header) + "\n{oops\n");
    expect(() => readDemos(path)).toThrow(/line 2 is not valid JSON/);
    writeFileSync(path, [header, ep, { ...ep, success: false }].map((x) => JSON.stringify(x)).join("\n"));
    expect(readDemos(path, { successfulOnly: true }).episodes).toHaveLength(1);
    expect(readFileSync(path, "utf8")).toContain("ndp-demos");
  });
});
