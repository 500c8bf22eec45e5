/**
 * The NDP actor (paper §3.2, §3.4, Algorithm 1): π(s) = Ω(DE(Φ(s))).
 *
 * Φ is an MLP from the normalised observation to the DMP's goal and weights; DE is the DMP layer
 * (dmp/layer.ts) started at the robot's current state (y0, ẏ0) — the hand position for the
 * Sawyer-like tasks, the joint angles for the Jaco-like ones — integrated over `steps` Euler
 * steps of one τ and sampled at k + 1 equally spaced points y_0 … y_k (y_0 = y0); Ω turns them
 * into the k actions of the chunk:
 *
 *   g      = y0 + goalScale · o_g                      (o = Φ(s); goalScale = k · actionScale)
 *   w      = weightScale · o_w                         (weightScale = 1 / max_{t,i} |K[t, i]|)
 *   ẏ0     = v · k · Δt                                (v per second → per τ: τ spans k env steps of Δt)
 *   a_j    = (y_j − y_{j−1}) / actionScale,  j = 1..k  (position deltas in action units)
 *
 * goalScale makes a unit output a goal as far away as k steps at unit action; weightScale makes a
 * unit weight bend the path by up to |g − y0| (the forcing term is f = (g − y0) φ·w, paper Eq. 3).
 * Action entries beyond the DMP's dimensions (the faucet's gripper) come from a linear head: k
 * more outputs of Φ's last layer, one per sub-step. Options (paper §5.2.1): N, integration steps,
 * αz fixed or learned (αz = exp(θ), βz = αz/4 tied), only-g (w ≡ 0), the basis and centre rule.
 */
import { np, type Array } from "../../engine/jax.js";
import { ConfigError } from "../../errors.js";
import { dmpConfig, type BasisKind, type CenterRule, type DmpConfig } from "../../dmp/config.js";
import { DmpLayer } from "../../dmp/layer.js";
import { sampleIndices } from "../../dmp/sampling.js";
import { selectPoints, transferPlan } from "../../dmp/transfer.js";
import { splitKey, type Key } from "../../nn/init.js";
import { initMlp, mlp, type MlpParams } from "../../nn/mlp.js";
import type { ActorCritic, ActorCriticParams } from "./actor-critic.js";
import { criticValues, initCritic } from "./critic.js";
import type { MlpActorCriticOptions } from "./mlp-actor.js";

/** The DMP settings of an NDP policy. */
export interface NdpDmpOptions {
  /** N basis functions per dimension. */
  nBasis: number;
  /** Euler integration steps per decision (the paper's ablation: 15–45). */
  steps: number;
  alphaZ: number;
  learnAlpha: boolean;
  /** Only the goal is learnt; the forcing weights are 0. */
  onlyGoal: boolean;
  basis: BasisKind;
  centers: CenterRule;
}

/** The MLP actor's options (robotSize = the DMP's dimensions: the first robotSize action entries are DMP deltas), plus the DMP's. */
export interface NdpActorCriticOptions extends MlpActorCriticOptions {
  dmp: NdpDmpOptions;
  /** Robot-state units per action unit (0.01 m Sawyer, 0.05 rad Jaco). */
  actionScale: number;
  /** Seconds per env step (to express ẏ0 per τ). */
  stepSeconds: number;
}

export interface NdpActorParams {
  trunk: MlpParams;
  /** θ with αz = exp(θ), when αz is learnt. */
  logAlpha?: Array;
}

export function ndpActorCritic(o: NdpActorCriticOptions): ActorCritic<NdpActorParams> {
  const D = o.robotSize;
  const N = o.dmp.nBasis;
  const extra = o.actionSize - D;
  if (extra < 0) throw new ConfigError(`NDP needs at least as many action entries (${o.actionSize}) as DMP dimensions (${D})`);
  if (!(Number.isInteger(o.k) && o.k >= 1 && o.k <= o.dmp.steps)) throw new ConfigError(`k must be an integer in 1..steps (${o.dmp.steps}), got ${o.k}`);
  if (!(o.actionScale > 0 && o.stepSeconds > 0)) throw new ConfigError(`actionScale and stepSeconds must be > 0, got ${o.actionScale}, ${o.stepSeconds}`);
  const cfg: DmpConfig = dmpConfig({ nBasis: N, steps: o.dmp.steps, alphaZ: o.dmp.alphaZ, basis: o.dmp.basis, centers: o.dmp.centers });
  const indices = sampleIndices(cfg.steps, o.k, { includeStart: true });
  const layer = new DmpLayer(cfg, { indices, learnAlpha: o.dmp.learnAlpha, onlyGoal: o.dmp.onlyGoal });
  const forcing = selectPoints(transferPlan(cfg), indices).position.forcing;
  const weightScale = 1 / Math.max(...Array.from(forcing, Math.abs), 1e-12);
  const goalScale = o.k * o.actionScale;
  const weightOutputs = o.dmp.onlyGoal ? 0 : D * N;
  const outputs = D + weightOutputs + extra * o.k;
  return {
    spec: { kind: "ndp", ...o },
    k: o.k,
    obsSize: o.obsSize,
    actionSize: o.actionSize,
    robotSize: D,
    init(key: Key): ActorCriticParams<NdpActorParams> {
      const [ka, kc] = splitKey(key, 2);
      const trunk = initMlp(ka, [o.obsSize, ...o.hidden, outputs], {
        hidden: { weight: "orthogonal", gain: Math.SQRT2, bias: 0 },
        output: { weight: "orthogonal", gain: 0.01, bias: 0 },
      });
      const actor: NdpActorParams = { trunk };
      if (o.dmp.learnAlpha) actor.logAlpha = np.array(Math.log(o.dmp.alphaZ));
      return { actor, critic: initCritic(kc, o.obsSize, o.hidden, o.k), logStd: np.zeros([o.actionSize]) };
    },
    actorMeans(actor, obs, y0, dy0) {
      const B = obs.shape[0];
      const out = mlp(actor.trunk, obs, o.activation);
      const goal = y0.ref.add(out.ref.slice([], [0, D]).mul(goalScale));
      const weights = o.dmp.onlyGoal ? undefined : out.ref.slice([], [D, D + weightOutputs]).mul(weightScale).reshape([B, D, N]);
      const alphaZ = actor.logAlpha ? np.exp(actor.logAlpha) : undefined;
      const path = layer.rollout({ weights, goal, y0, dy0: dy0.mul(o.k * o.stepSeconds), alphaZ }); // [k + 1, B, D]
      const deltas = path.ref.slice([1, o.k + 1]).sub(path.slice([0, o.k])).mul(1 / o.actionScale);
      const means = np.transpose(deltas, [1, 0, 2]); // [B, k, D]
      if (extra === 0) {
        out.dispose();
        return means;
      }
      const head = out.slice([], [D + weightOutputs, outputs]).reshape([B, o.k, extra]);
      return np.concatenate([means, head], 2);
    },
    criticValues: (critic, obs): Array => criticValues(critic, obs, o.activation),
    dispose() {
      layer.dispose();
    },
  };
}
