// Sweep specs: parsing JSON and YAML, and every kind of bad spec ending in one line naming the problem.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { oneLineError } from "../helpers/one-line-error.js";
import { loadSweepSpec, paperSpecNames, parseSweepSpec } from "../../src/experiments/spec.js";
import { planSweep } from "../../src/experiments/sweep-plan.js";

const ok = { name: "s", kind: "rl", base: { task: "reach", algo: "ppo" }, grid: { learningRate: [1e-3, 3e-4] }, seeds: 2 };

const message = (f: () => unknown) => oneLineError(f);

describe("parseSweepSpec", () => {
  it("reads base, grid, seeds (a count or a list), variants, dotted entries", () => {
    const s = parseSweepSpec({ ...ok, base: { task: "push", algo: "ndp-ppo", "dmp.alphaZ": 5 }, variants: { a: {}, b: { "dmp.onlyGoal": true } } });
    expect(s.base).toEqual({ task: "push", algo: "ndp-ppo", dmp: { alphaZ: 5 } });
    expect(s.grid).toEqual([{ path: "learningRate", values: [1e-3, 3e-4] }]);
    expect(s.seeds).toEqual([0, 1]);
    expect(s.design).toBe("product");
    expect(s.variants).toEqual([{ name: "a", entries: {} }, { name: "b", entries: { dmp: { onlyGoal: true } } }]);
    expect(parseSweepSpec({ ...ok, seeds: [4, 7] }).seeds).toEqual([4, 7]);
  });

  it.each([
    [{ ...ok, kind: "nope" }, /kind "nope" is not a sweep job kind; use one of rl/],
    [{ ...ok, kind: undefined }, /kind nothing is not a sweep job kind/],
    [{ ...ok, grid: { k: [] } }, /grid axis "k" has no values/],
    [{ ...ok, grid: { k: 3 } }, /grid axis "k" must be a list of values/],
    [{ ...ok, grid: { k: [3, 3] } }, /lists a value twice/],
    [{ ...ok, grid: { "dmp..x": [1] } }, /is not an entry path/],
    [{ ...ok, seeds: 0 }, /seeds must be a count in 1..1000 or a list/],
    [{ ...ok, seeds: [1, 1] }, /seeds must be a count/],
    [{ ...ok, seeds: [-1] }, /seeds must be a count/],
    [{ ...ok, seeds: "3" }, /seeds must be a count/],
    [{ ...ok, seeds: undefined }, /seeds is missing/],
    [{ ...ok, extra: 1 }, /unknown entry "extra"/],
    [{ ...ok, name: "a b" }, /name must be letters/],
    [{ ...ok, design: "latin" }, /design must be one of product, one-at-a-time/],
    [{ ...ok, lines: "k" }, /lines must be one of learningRate/],
    [{ ...ok, variants: {} }, /variants must map names to config entries/],
    [{ ...ok, quick: { base: { learningRate: 1 } } }, /quick.base sets learningRate, which the sweep varies/],
    [{ ...ok, quick: { grid: { k: [1] } } }, /quick.grid axis "k" is not an axis of grid/],
    [{ ...ok, quick: { steps: 1 } }, /unknown entry quick.steps/],
    [[1, 2], /must be an object/],
  ])("rejects a bad spec with one line (%#)", (spec, pattern) => {
    const m = message(() => parseSweepSpec(spec, "x.yaml"));
    expect(m).toMatch(/^sweep spec x.yaml: /);
    expect(m).toMatch(pattern);
  });

  it("rejects runs whose config the rl kind refuses, naming the run", () => {
    const plan = (s: object) => planSweep(parseSweepSpec(s, "x.yaml"));
    expect(message(() => plan({ ...ok, base: { task: "reach", algo: "ppo", bogus: 1 } }))).toMatch(/^sweep spec x.yaml: run learningRate=0.001 seed 0: unknown entry "bogus"/);
    expect(message(() => plan({ ...ok, base: { task: "mars", algo: "ppo" } }))).toMatch(/unknown task "mars"/);
    expect(message(() => plan({ ...ok, base: { algo: "ppo" } }))).toMatch(/"task" must be a task name/);
    expect(message(() => plan({ ...ok, grid: { gamma: [0.9, 2] } }))).toMatch(/run gamma=2 seed 0: gamma must be a number in \[0, 1\]/);
    expect(message(() => plan({ ...ok, base: { task: "push", algo: "ndp-ppo" }, grid: { k: [5, 40] }, design: "one-at-a-time" }))).toMatch(/run k=40 seed 0: k = 40 points cannot be sampled from 35 integration steps/);
    expect(message(() => plan({ ...ok, base: { task: "push", algo: "ndp-ppo", "dmp.basis": "cubic" } }))).toMatch(/basis/);
    expect(message(() => plan({ ...ok, base: { task: "reach", algo: "ppo", seed: 3 } }))).toMatch(/set seeds with the spec's "seeds"/);
  });

  it("refuses --quick for a spec without a quick scale", () => {
    expect(() => planSweep(parseSweepSpec(ok), { quick: true })).toThrow(ConfigError);
  });
});

describe("loadSweepSpec", () => {
  const dir = mkdtempSync(join(tmpdir(), "ndp-spec-"));

  it("reads YAML and JSON files alike", () => {
    writeFileSync(join(dir, "s.yaml"), "name: s\nkind: rl\nbase: { task: reach, algo: ppo }\ngrid:\n  learningRate: [0.001, 0.0003]\nseeds: 2\n");
    writeFileSync(join(dir, "s.json"), JSON.stringify(ok));
    const { source: _a, ...fromYaml } = loadSweepSpec(join(dir, "s.yaml"));
    const { source: _b, ...fromJson } = loadSweepSpec(join(dir, "s.json"));
    expect(fromYaml).toEqual(fromJson);
  });

  it("turns unreadable files into one line", () => {
    writeFileSync(join(dir, "bad.yaml"), "name: [unclosed\n");
    writeFileSync(join(dir, "bad.json"), "{ name: ");
    expect(message(() => loadSweepSpec(join(dir, "bad.yaml")))).toMatch(/is not valid YAML/);
    expect(message(() => loadSweepSpec(join(dir, "bad.json")))).toMatch(/is not valid JSON/);
    expect(message(() => loadSweepSpec(join(dir, "missing.yaml")))).toMatch(/does not exist/);
    expect(message(() => loadSweepSpec("paper:fig99"))).toMatch(/unknown built-in spec "paper:fig99"; use one of paper:fig5, paper:fig6, paper:fig7/);
  });

  it("has valid built-in specs at both scales", () => {
    expect(paperSpecNames()).toEqual(expect.arrayContaining(["fig5", "fig6", "fig7"]));
    for (const name of paperSpecNames()) {
      const spec = loadSweepSpec(`paper:${name}`);
      expect(planSweep(spec).runs.length).toBeGreaterThan(planSweep(spec, { quick: true }).runs.length);
    }
  });
});
