/**
 * The PPO objective (Schulman et al. 2017) as CleanRL computes it, for a minibatch of decision
 * chunks: every chunk holds k sub-steps (k = 1 for plain PPO), each with its own executed action,
 * old log-probability, old value, advantage and return; `mask` marks the sub-steps that were
 * really executed (a chunk cut short by an episode end has fewer). With masked means
 * ⟨x⟩ = Σ mask·x / Σ mask:
 *
 *   Â        = (A − ⟨A⟩) / (std(A) + 1e-8)                          (per minibatch)
 *   ρ        = exp(log π(a|s) − log π_old(a|s))
 *   L_clip   = −⟨ min(ρ Â, clip(ρ, 1 − ε, 1 + ε) Â) ⟩
 *   L_V      = ½ ⟨ max((V − R)², (V_old + clip(V − V_old, −ε_V, ε_V) − R)²) ⟩   (or ½⟨(V − R)²⟩ unclipped)
 *   L        = L_clip − c_H H + c_V L_V
 * plus the diagnostics approx-KL ⟨(ρ − 1) − log ρ⟩ and clip fraction ⟨|ρ − 1| > ε⟩.
 */
import { np, type Array } from "../engine/jax.js";
import { gaussianEntropy, gaussianLogProb } from "../nn/gaussian.js";
import { createTrainer, type Trainer } from "../nn/train-step.js";
import type { ActorCritic, ActorCriticParams } from "../models/rl/actor-critic.js";

/** ⟨x⟩ over the mask: Σ mask·x / Σ mask. Consumes x (not mask: pass mask.ref). */
export function maskedMean(x: Array, mask: Array): Array {
  return np.sum(x.mul(mask.ref)).div(np.maximum(np.sum(mask), 1));
}

/** Â = (A − ⟨A⟩) / (std(A) + 1e-8) over the mask (masked entries become 0). Consumes adv and mask. */
export function normaliseAdvantages(adv: Array, mask: Array): Array {
  const mean = maskedMean(adv.ref, mask.ref);
  const centred = adv.sub(mean).mul(mask.ref);
  const std = np.sqrt(maskedMean(np.square(centred.ref), mask));
  return centred.div(std.add(1e-8));
}

/** L_clip (see the file header) from log-ratios and normalised advantages. Consumes all three. */
export function clippedSurrogate(logRatio: Array, advantages: Array, mask: Array, clip: number): Array {
  const ratio = np.exp(logRatio);
  const unclipped = ratio.ref.mul(advantages.ref);
  const clipped = np.clip(ratio, 1 - clip, 1 + clip).mul(advantages);
  return maskedMean(np.minimum(unclipped, clipped), mask).mul(-1);
}

/** L_V (see the file header); `clip` undefined = unclipped. Consumes values, oldValues, returns, mask. */
export function valueLoss(values: Array, oldValues: Array, returns: Array, mask: Array, clip: number | undefined): Array {
  if (clip === undefined) {
    oldValues.dispose();
    return maskedMean(np.square(values.sub(returns)), mask).mul(0.5);
  }
  const clippedValues = oldValues.ref.add(np.clip(values.ref.sub(oldValues), -clip, clip));
  const worst = np.maximum(np.square(values.sub(returns.ref)), np.square(clippedValues.sub(returns)));
  return maskedMean(worst, mask).mul(0.5);
}

/** [approx KL ⟨(ρ − 1) − log ρ⟩, clip fraction ⟨|ρ − 1| > ε⟩] as a [2] array. Consumes logRatio and mask. */
export function policyDiagnostics(logRatio: Array, mask: Array, clip: number): Array {
  const ratio = np.exp(logRatio.ref);
  const kl = maskedMean(ratio.ref.sub(1).sub(logRatio), mask.ref);
  const clipped = maskedMean(np.greater(np.abs(ratio.sub(1)), clip).astype(np.float32), mask);
  return np.stack([kl, clipped]);
}

/**
 * A minibatch of B chunks: obs [B,O] (at the decision), y0 and ẏ0 [B,R], actions [B,k,A], the
 * critic's input — [B,O] (V_j of the decision's observation, the paper's critic) or [B,k,O] (V_j of
 * each sub-step's own observation) — and the rest [B,k].
 */
export type PpoBatch = [obs: Array, y0: Array, dy0: Array, actions: Array, logProbs: Array, values: Array, advantages: Array, returns: Array, mask: Array, criticObs: Array];

/**
 * The values V_j the k-head critic gives each sub-step j: head j of the decision's observation
 * (criticObs [B,O] → [B,k]), or head j of sub-step j's observation (criticObs [B,k,O]: all heads
 * of all B·k observations, then the diagonal). Consumes both arguments.
 */
export function subStepValues(model: ActorCritic<any>, critic: ActorCriticParams["critic"], criticObs: Array): Array {
  if (criticObs.ndim === 2) return model.criticValues(critic, criticObs);
  const [b, k, o] = criticObs.shape;
  const all = model.criticValues(critic, criticObs.reshape([b * k, o])).reshape([b, k, k]);
  return np.sum(all.mul(np.eye(k)), -1);
}

/** The coefficients of the objective and of its optimiser. */
export interface PpoLossSettings {
  clip: number;
  valueClip: number | null;
  valueCoef: number;
  entropyCoef: number;
  adamEps: number;
  maxGradNorm: number;
}

/**
 * L (file header) for `model` as a function of the parameters and a minibatch; aux = [L_clip, L_V,
 * H, approx-KL, clip fraction].
 */
export function ppoObjective(model: ActorCritic<any>, s: PpoLossSettings) {
  return (p: ActorCriticParams<any>, ...[obs, y0, dy0, actions, oldLogProbs, oldValues, advantages, returns, mask, criticObs]: PpoBatch): [Array, Array] => {
    const means = model.actorMeans(p.actor, obs, y0, dy0);
    const logProbs = gaussianLogProb(means, p.logStd.ref, actions);
    const entropy = gaussianEntropy(p.logStd);
    const logRatio = logProbs.sub(oldLogProbs).mul(mask.ref); // 0 where a chunk never got
    const normAdv = normaliseAdvantages(advantages, mask.ref);
    const policyLoss = clippedSurrogate(logRatio.ref, normAdv, mask.ref, s.clip);
    const values = subStepValues(model, p.critic, criticObs);
    const vLoss = valueLoss(values, oldValues, returns, mask.ref, s.valueClip ?? undefined);
    const diagnostics = policyDiagnostics(logRatio, mask, s.clip);
    const total = policyLoss.ref.add(vLoss.ref.mul(s.valueCoef)).sub(entropy.ref.mul(s.entropyCoef));
    return [total, np.concatenate([np.stack([policyLoss, vLoss, entropy]), diagnostics])];
  };
}

/** One compiled minibatch step of the objective: loss → gradients → global-norm clip → Adam (ε). */
export function createPpoTrainer(model: ActorCritic<any>, s: PpoLossSettings): Trainer<ActorCriticParams<any>, PpoBatch> {
  return createTrainer<ActorCriticParams<any>, PpoBatch>({ loss: ppoObjective(model, s), hasAux: true, adam: { eps: s.adamEps, maxGradNorm: s.maxGradNorm } });
}
