// The NDP actor against a host pipeline built from the reference DMP loop: MLP → (g, w) →
// Euler roll-out from (y0, ẏ0) → k + 1 sampled points → deltas / actionScale.
import { beforeAll, describe, expect, it } from "vitest";
import { initEngine } from "../../src/engine/jax.js";
import { dmpConfig } from "../../src/dmp/config.js";
import { referenceRollout } from "../../src/dmp/reference.js";
import { sampleIndices } from "../../src/dmp/sampling.js";
import { selectPoints, transferPlan } from "../../src/dmp/transfer.js";
import { keyFromSeed } from "../../src/nn/init.js";
import { treeToHost } from "../../src/nn/params.js";
import { ndpActorCritic, type NdpActorCriticOptions } from "../../src/models/rl/ndp-actor.js";
import { mlpActorCritic } from "../../src/models/rl/mlp-actor.js";
import { denseDirect, f32, host, randn } from "../nn/reference-ops.js";

beforeAll(async () => {
  await initEngine();
});

const B = 3, O = 5, D = 2, N = 4, K = 5, STEPS = 35;

function options(overrides: Partial<NdpActorCriticOptions> = {}): NdpActorCriticOptions {
  return {
    obsSize: O, actionSize: D + 1, robotSize: D, k: K, hidden: [8], activation: "tanh",
    dmp: { nBasis: N, steps: STEPS, alphaZ: 10, learnAlpha: false, onlyGoal: false, basis: "gaussian", centers: "release" },
    actionScale: 0.01, stepSeconds: 0.0125, ...overrides,
  };
}

/** MLP [O → 8 tanh → out] on the host from the engine parameters. */
function hostMlp(leaves: { path: string; data: Float32Array }[], x: Float64Array, outputs: number): Float64Array {
  const get = (p: string) => leaves.find((l) => l.path === p)!.data;
  const h = denseDirect(x, B, get("actor.trunk.0.w"), O, 8, get("actor.trunk.0.b")).map(Math.tanh);
  return denseDirect(h, B, get("actor.trunk.1.w"), 8, outputs, get("actor.trunk.1.b"));
}

describe("ndpActorCritic", () => {
  it("equals MLP → (g, w) → reference Euler loop → deltas / actionScale, with the gripper head appended", () => {
    const o = options();
    const model = ndpActorCritic(o);
    const params = model.init(keyFromSeed(4));
    // make the output layer large enough that the DMP part matters
    params.actor.trunk[1].w = params.actor.trunk[1].w.mul(300);
    const obs = randn(B * O, 1);
    const y0 = randn(B * D, 2).map((v) => 0.3 * v);
    const dy0 = randn(B * D, 3).map((v) => 0.2 * v);
    const leaves = treeToHost(params);
    const means = host(model.actorMeans(params.actor, f32(obs, [B, O]), f32(y0, [B, D]), f32(dy0, [B, D])));
    expect(means.length).toBe(B * K * (D + 1));

    const cfg = dmpConfig({ nBasis: N, steps: STEPS, alphaZ: 10 });
    const idx = sampleIndices(STEPS, K, { includeStart: true });
    const forcing = selectPoints(transferPlan(cfg), idx).position.forcing;
    const weightScale = 1 / Math.max(...Array.from(forcing, Math.abs));
    const goalScale = K * o.actionScale;
    const outputs = D + D * N + K;
    const out = hostMlp(leaves, obs, outputs);
    for (let b = 0; b < B; b++) {
      const row = out.subarray(b * outputs, (b + 1) * outputs);
      const ys = [y0[b * D], y0[b * D + 1]];
      const goal = ys.map((y, d) => y + goalScale * row[d]);
      const weights = [0, 1].map((d) => Array.from({ length: N }, (_, i) => weightScale * row[D + d * N + i]));
      const dys = [0, 1].map((d) => dy0[b * D + d] * K * o.stepSeconds);
      const ref = referenceRollout(cfg, { y0: ys, dy0: dys, goal, weights }).position;
      for (let j = 0; j < K; j++) {
        for (let d = 0; d < D; d++) {
          const delta = (ref[idx[j + 1] * D + d] - ref[idx[j] * D + d]) / o.actionScale;
          expect(means[(b * K + j) * (D + 1) + d]).toBeCloseTo(delta, 3);
        }
        expect(means[(b * K + j) * (D + 1) + D]).toBeCloseTo(row[D + D * N + j], 4); // the gripper head
      }
    }
    model.dispose();
  });

  it("only-g ignores the weights; a zero output holds the start (deltas from ẏ0 only)", () => {
    const model = ndpActorCritic(options({ actionSize: D, dmp: { ...options().dmp, onlyGoal: true } }));
    const params = model.init(keyFromSeed(1));
    params.actor.trunk[1].w = params.actor.trunk[1].w.mul(0);
    const means = host(model.actorMeans(params.actor, f32(randn(B * O, 5), [B, O]), f32(randn(B * D, 6), [B, D]), f32(new Float64Array(B * D), [B, D])));
    for (const m of means) expect(Math.abs(m)).toBeLessThan(1e-4);
    model.dispose();
  });

  it("learnable αz: the actor owns log αz, starting at the configured αz", () => {
    const model = ndpActorCritic(options({ dmp: { ...options().dmp, learnAlpha: true } }));
    const params = model.init(keyFromSeed(1));
    expect(Math.exp(host(params.actor.logAlpha!)[0])).toBeCloseTo(10, 4);
    model.dispose();
  });

  it("the k-head critic and the PPO-multi actor have the documented shapes", () => {
    const multi = mlpActorCritic({ obsSize: O, actionSize: 3, robotSize: D, k: K, hidden: [8], activation: "tanh" });
    const p = multi.init(keyFromSeed(2));
    expect(multi.actorMeans(p.actor, f32(randn(B * O, 1), [B, O]), f32(new Float64Array(B * D), [B, D]), f32(new Float64Array(B * D), [B, D])).shape).toEqual([B, K, 3]);
    expect(multi.criticValues(p.critic, f32(randn(B * O, 1), [B, O])).shape).toEqual([B, K]);
  });
});
