/**
 * The env checker (after Gymnasium's): runs seeded random-action episodes and lists every broken
 * promise of the API — spec shapes, observations finite and inside their declared bounds, rewards
 * finite, info fields present, the horizon honoured, robot state sizes. Applied to every registered
 * task by the tests.
 */
import type { Env } from "./env.js";
import { Rng } from "../math/rng.js";

export interface CheckOptions {
  episodes?: number;
  /** Stop each episode after this many steps (default: the horizon). */
  maxSteps?: number;
  seed?: number;
  /** Slack on the observation bounds. */
  boundsTolerance?: number;
}

/** Problems found (empty when the env keeps every promise). */
export function checkEnv(env: Env, options: CheckOptions = {}): string[] {
  const { episodes = 2, seed = 0, boundsTolerance = 1e-6 } = options;
  const maxSteps = options.maxSteps ?? env.horizon;
  const problems: string[] = [];
  const nObs = env.observationSpec.shape[0];
  const nAct = env.actionSpec.shape[0];
  const specOk = (name: string, spec: Env["observationSpec"]) => {
    const n = spec.shape[0];
    if (spec.low.length !== n || spec.high.length !== n || spec.labels.length !== n) problems.push(`${name}: low/high/labels do not have ${n} entries`);
    for (let i = 0; i < n; i++) if (!(spec.low[i] <= spec.high[i])) problems.push(`${name}[${i}]: low > high`);
  };
  specOk("observationSpec", env.observationSpec);
  specOk("actionSpec", env.actionSpec);
  if (!(env.dt > 0) || !(env.horizon > 0)) problems.push(`dt (${env.dt}) and horizon (${env.horizon}) must be positive`);
  const checkObs = (obs: Float64Array, where: string) => {
    if (obs.length !== nObs) {
      problems.push(`${where}: observation has ${obs.length} entries, spec says ${nObs}`);
      return;
    }
    for (let i = 0; i < nObs; i++) {
      const v = obs[i];
      if (!Number.isFinite(v)) problems.push(`${where}: obs[${i}] is ${v}`);
      else if (v < env.observationSpec.low[i] - boundsTolerance || v > env.observationSpec.high[i] + boundsTolerance) {
        problems.push(`${where}: obs[${i}] (${env.observationSpec.labels[i]}) = ${v.toFixed(4)} outside [${env.observationSpec.low[i]}, ${env.observationSpec.high[i]}]`);
      }
    }
  };
  const checkRobot = (where: string) => {
    const s = env.robotState();
    if (s.position.length !== env.robotStateSize || s.velocity.length !== env.robotStateSize) problems.push(`${where}: robot state size differs from robotStateSize`);
    for (const v of [...s.position, ...s.velocity]) if (!Number.isFinite(v)) problems.push(`${where}: robot state has ${v}`);
  };
  const rng = new Rng(seed, 1);
  for (let e = 0; e < episodes && problems.length < 20; e++) {
    const { obs, info } = env.reset({ seed: seed + e });
    checkObs(obs, `episode ${e} reset`);
    if (typeof info.success !== "boolean") problems.push("reset info.success is not a boolean");
    checkRobot(`episode ${e} reset`);
    for (let t = 1; t <= maxSteps && problems.length < 20; t++) {
      const action = Float64Array.from({ length: nAct }, (_, i) => rng.uniform(env.actionSpec.low[i], env.actionSpec.high[i]));
      const r = env.step(action);
      const where = `episode ${e} step ${t}`;
      if (r.info.reason !== undefined) problems.push(`${where}: ${r.info.reason}`);
      checkObs(r.obs, where);
      checkRobot(where);
      if (!Number.isFinite(r.reward)) problems.push(`${where}: reward is ${r.reward}`);
      if (typeof r.info.success !== "boolean" || r.info.t !== t) problems.push(`${where}: info.success/info.t malformed`);
      if (r.info.clipped !== 0) problems.push(`${where}: an in-range action was counted as clipped`);
      if (r.truncated !== (t >= env.horizon)) problems.push(`${where}: truncated=${r.truncated} but the horizon is ${env.horizon}`);
      if (r.terminated || r.truncated) break;
    }
  }
  return problems;
}
