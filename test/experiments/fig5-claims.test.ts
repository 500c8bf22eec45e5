// The §5.2 claims as verdicts computed from curves: made-up curves with known answers.
import { describe, expect, it } from "vitest";
import type { MeanCurve } from "../../src/experiments/aggregate.js";
import { commonAreas, fig5Claims, type Fig5Curve } from "../../src/experiments/fig5-claims.js";

const X = [100, 200, 300, 400];
const curve = (mean: number[]): Fig5Curve => ({ curve: { x: X, mean, std: mean.map(() => 0), n: 1 } as MeanCurve, finalSuccess: mean.at(-1)! });

describe("fig5Claims", () => {
  const table: Record<string, Record<string, Fig5Curve>> = {
    // NDP faster and higher: holds
    throw: { ppo: curve([0, 0.2, 0.4, 0.6]), "ppo-multi": curve([0, 0.1, 0.2, 0.3]), "ndp-ppo": curve([0.2, 0.6, 0.8, 0.9]) },
    // PPO-multi never succeeds on pick
    pick: { ppo: curve([0, 0.1, 0.3, 0.5]), "ppo-multi": curve([0, 0, 0.02, 0]), "ndp-ppo": curve([0.1, 0.4, 0.6, 0.7]) },
    // NDP faster but lower: partly; PPO-multi the best here
    push: { ppo: curve([0, 0.2, 0.8, 1]), "ppo-multi": curve([0.3, 0.9, 1, 1]), "ndp-ppo": curve([0.6, 0.8, 0.9, 0.9]) },
    // soccer: PPO ends higher; NDP reaches 0.35 (half of min(0.9, 0.7)) at 100 + 100·0.15/0.4 = 137.5, PPO at 200 + 100·0.15/0.3 = 250 → 1.82×
    soccer: { ppo: curve([0, 0.2, 0.5, 0.9]), "ppo-multi": curve([0, 0.1, 0.1, 0.1]), "ndp-ppo": curve([0.2, 0.6, 0.7, 0.7]) },
    // PPO better everywhere: does not hold
    "faucet-open": { ppo: curve([0.5, 0.9, 1, 1]), "ppo-multi": curve([0.4, 0.8, 0.9, 0.95]), "ndp-ppo": curve([0, 0.1, 0.3, 0.5]) },
  };
  const claims = fig5Claims((t, a) => table[t]?.[a]);
  const find = (task: string, text: string) => claims.find((c) => c.task === task && c.claim.includes(text))!;

  it("judges NDP-PPO's gains per task and over the tasks", () => {
    expect(find("throw", "gains").verdict).toBe("holds");
    expect(find("pick", "gains").verdict).toBe("holds");
    expect(find("push", "gains").verdict).toBe("partly");
    expect(find("soccer", "gains").verdict).toBe("partly");
    expect(find("faucet-open", "gains").verdict).toBe("does not hold");
    // holds on 2 of 5: not "most"
    expect(find("all", "most tasks")).toMatchObject({ verdict: "does not hold", evidence: "holds on 2 of 5 measured tasks (throw, pick)" });
  });

  it("measures soccer's efficiency ratio", () => {
    const c = find("soccer", "2×");
    expect(c.verdict).toBe("holds");
    expect(c.evidence).toContain("250 (PPO) vs 138 (NDP-PPO), ratio 1.82");
  });

  it("checks PPO-multi's failure on pick and its inconsistency", () => {
    expect(find("pick", "fails completely").verdict).toBe("holds");
    const c = find("all", "inconsistent");
    expect(c.verdict).toBe("holds");
    expect(c.evidence).toContain("push 0.00"); // the best on push
    expect(c.evidence).toContain("pick 0.70");
  });

  it("says 'not measured' for missing curves instead of guessing", () => {
    const none = fig5Claims(() => undefined);
    expect(none.every((c) => c.verdict === "not measured")).toBe(true);
    const onlyPush = fig5Claims((t, a) => table[t]?.[a], ["push"]);
    expect(onlyPush.map((c) => c.task)).toEqual(["all", "push", "all"]);
  });

  it("compares areas over the range both curves cover", () => {
    const a = { x: [0, 10, 20], mean: [0, 1, 1], std: [0, 0, 0], n: 1 };
    const b = { x: [10, 30], mean: [0, 1], std: [0, 0], n: 1 };
    // common range [10, 20]: a = 1 throughout; b goes 0 → 0.5
    expect(commonAreas(a, b)).toEqual([1, 0.25]);
  });
});
