/**
 * The `rl` job kind: one `ndp rl train --config FILE --out DIR [--resume] --json` run. Its config
 * is a PPO config (rl/ppo.ts) — the defaults of its task and algo (rl/defaults.ts) with the
 * sweep's entries over them, validated by `ppoConfigFromJson` + `checkPpoConfig`, and for
 * ndp-ppo the DMP (dmpConfig) and k ≤ integration steps (k points are sampled from the roll-out).
 * Finished = a metrics.json with a learning curve; resumable = a checkpoint.ckpt.
 */
import { ConfigError, InputFileError, formatValue } from "../errors.js";
import { dmpConfig } from "../dmp/config.js";
import { ppoConfigFromJson } from "../rl/config-file.js";
import { checkPpoConfig, type PpoConfig } from "../rl/ppo.js";
import type { RlRunMetrics } from "../rl/rl-run.js";
import type { Entries } from "./entries.js";
import type { JobKind, RunSummary } from "./job-kind.js";

function resolve(entries: Entries, seed: number, source: string): Record<string, unknown> {
  if (entries.seed !== undefined) throw new ConfigError(`${source}: set seeds with the spec's "seeds", not a "seed" entry`);
  try {
    const c = ppoConfigFromJson({ ...entries, seed }, "config");
    checkPpoConfig(c);
    if (c.algo === "ndp-ppo") {
      dmpConfig({ nBasis: c.dmp.nBasis, steps: c.dmp.steps, alphaZ: c.dmp.alphaZ, basis: c.dmp.basis, centers: c.dmp.centers });
      if (c.k > c.dmp.steps) throw new ConfigError(`k = ${c.k} points cannot be sampled from ${c.dmp.steps} integration steps (dmp.steps); use k ≤ dmp.steps`);
    }
    return c as unknown as Record<string, unknown>;
  } catch (e) {
    throw e instanceof ConfigError ? new ConfigError(`${source}: ${e.message.replace(/^config: /, "")}`) : e;
  }
}

function isCurve(v: unknown): v is [number, number, number][] {
  return Array.isArray(v) && v.every((p) => Array.isArray(p) && p.length >= 2 && p.every((x) => typeof x === "number" && Number.isFinite(x)));
}

function summarise(metrics: unknown): RunSummary {
  const m = metrics as Partial<RlRunMetrics> | null;
  const numbers = ["env_steps", "seconds", "final_success_rate", "final_return"] as const;
  if (typeof m !== "object" || m === null || !isCurve(m.curve) || numbers.some((k) => typeof m[k] !== "number")) {
    throw new InputFileError(`rl metrics must be the \`ndp rl train --json\` object (${numbers.join(", ")}, curve), got ${formatValue(metrics)}`);
  }
  return {
    budget: m.env_steps!,
    curve: m.curve.map((p) => [p[0], p[1]]),
    final: { success_rate: m.final_success_rate!, return: m.final_return!, env_steps: m.env_steps!, seconds: m.seconds! },
  };
}

function settings(config: Record<string, unknown>): string {
  const c = config as unknown as PpoConfig;
  const delay = c.rewardDelay === 1 ? "reward delay off" : `reward delay ${c.rewardDelay}`;
  const dmp = c.algo === "ndp-ppo" ? `, N ${c.dmp.nBasis}, ${c.dmp.steps} integration steps, αz ${c.dmp.alphaZ}${c.dmp.learnAlpha ? " learnt" : ""}, ${c.dmp.basis}${c.dmp.onlyGoal ? ", only-g" : ""}` : "";
  return `${c.totalSteps.toLocaleString("en-US")} steps, k ${c.k}, ${delay}${dmp}`;
}

export const rlJob: JobKind = {
  name: "rl",
  measures: { x: "environment steps", score: "success rate", scoreDomain: [0, 1], finals: [["return", "final return"], ["seconds", "training seconds"]] },
  identityFree: ["workers"],
  metricsFile: "metrics.json",
  checkpointFile: "checkpoint.ckpt",
  staleFiles: ["metrics.jsonl"],
  resolve,
  withThreads: (config, threads) => ({ ...config, workers: threads }),
  command: (configFile, runDir, resume) => ["rl", "train", "--config", configFile, "--out", runDir, ...(resume ? ["--resume"] : []), "--json"],
  summarise,
  settings,
};
