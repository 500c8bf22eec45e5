// The PPO objective's pieces against hand-computed cases, and the Gaussian against closed forms.
import { beforeAll, describe, expect, it } from "vitest";
import { initEngine, np } from "../../src/engine/jax.js";
import { clippedSurrogate, maskedMean, normaliseAdvantages, policyDiagnostics, valueLoss } from "../../src/rl/ppo-loss.js";
import { gaussianEntropy, gaussianLogProb, gaussianLogProbHost } from "../../src/nn/gaussian.js";
import { f32, host } from "../nn/reference-ops.js";

beforeAll(async () => {
  await initEngine();
});

const scalar = (a: ReturnType<typeof np.array>) => host(a)[0];

describe("PPO loss pieces", () => {
  it("maskedMean ignores masked entries", () => {
    expect(scalar(maskedMean(f32([1, 100, 3], [3]), f32([1, 0, 1], [3])))).toBeCloseTo(2, 6);
  });

  it("normaliseAdvantages standardises over the mask and zeroes the rest", () => {
    const out = host(normaliseAdvantages(f32([1, 3, 50], [3]), f32([1, 1, 0], [3])));
    // mean 2, population std 1 → (−1, 1), masked 0
    expect(out[0]).toBeCloseTo(-1 / (1 + 1e-8), 5);
    expect(out[1]).toBeCloseTo(1 / (1 + 1e-8), 5);
    expect(out[2]).toBe(0);
  });

  it("clippedSurrogate = −⟨min(ρ A, clip(ρ, 1 ± ε) A)⟩", () => {
    // ρ = e^{logr}: 1.5 with A = +1 → clipped to 1.2; 0.5 with A = −1 → min(−0.5, −0.8) = −0.8; 1 with A = 2 → 2
    const logr = f32([Math.log(1.5), Math.log(0.5), 0], [3]);
    const loss = scalar(clippedSurrogate(logr, f32([1, -1, 2], [3]), f32([1, 1, 1], [3]), 0.2));
    expect(loss).toBeCloseTo(-(1.2 - 0.8 + 2) / 3, 5);
  });

  it("valueLoss = ½⟨max((V − R)², (V_old + clip(V − V_old, ±ε) − R)²)⟩, or ½⟨(V − R)²⟩ unclipped", () => {
    // V 2, V_old 0, R 0: clipped value 0.2 → max(4, 0.04) = 4;  V 1, V_old 0, R 2: clipped 0.2 → max(1, 3.24) = 3.24
    const v = () => f32([2, 1], [2]);
    const old = () => f32([0, 0], [2]);
    const ret = () => f32([0, 2], [2]);
    const mask = () => f32([1, 1], [2]);
    expect(scalar(valueLoss(v(), old(), ret(), mask(), 0.2))).toBeCloseTo(0.5 * (4 + 3.24) / 2, 5);
    expect(scalar(valueLoss(v(), old(), ret(), mask(), undefined))).toBeCloseTo(0.5 * (4 + 1) / 2, 5);
  });

  it("policyDiagnostics: approx-KL ⟨(ρ − 1) − log ρ⟩ and the clip fraction", () => {
    const d = host(policyDiagnostics(f32([Math.log(1.5), 0, Math.log(0.9)], [3]), f32([1, 1, 1], [3]), 0.2));
    expect(d[0]).toBeCloseTo((0.5 - Math.log(1.5) + (-0.1 - Math.log(0.9))) / 3, 5);
    expect(d[1]).toBeCloseTo(1 / 3, 6);
  });
});

describe("diagonal Gaussian", () => {
  it("log-prob and entropy match the closed forms; the host version agrees", () => {
    const mean = [0.5, -1, 2];
    const logStd = [0, -0.5, 0.3];
    const a = [1, -1.2, 0];
    let ref = 0;
    for (let d = 0; d < 3; d++) ref += -0.5 * ((a[d] - mean[d]) / Math.exp(logStd[d])) ** 2 - logStd[d] - 0.5 * Math.log(2 * Math.PI);
    expect(scalar(gaussianLogProb(f32(mean, [1, 3]), f32(logStd, [3]), f32(a, [1, 3])))).toBeCloseTo(ref, 5);
    expect(gaussianLogProbHost(mean, logStd, a)).toBeCloseTo(ref, 12);
    const ent = logStd.reduce((s, l) => s + 0.5 + 0.5 * Math.log(2 * Math.PI) + l, 0);
    expect(scalar(gaussianEntropy(f32(logStd, [3])))).toBeCloseTo(ent, 5);
  });
});
