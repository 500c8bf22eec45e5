/**
 * The Fig. 5 section of a sweep report: the reward-delay setting behind every curve, and the
 * paper's §5.2 claims per task as holds / partly / does not hold, computed from the measured
 * curves (fig5-claims.ts). Works on any rl sweep whose points are (task, algo) pairs.
 */
import type { PpoConfig } from "../rl/ppo.js";
import { fig5Claims, FIG5_ALGOS, FIG5_TASKS, type Claim, type Fig5Curve } from "./fig5-claims.js";
import type { SweepOutcome } from "./sweep.js";

export interface Fig5Section {
  claims: Claim[];
  /** Reward delay (1 = off) of every (task, algo) curve. */
  rewardDelay: Record<string, Record<string, number>>;
  markdown: string;
}

/** Claims and reward delays of the outcome's (task, algo) points (the first point of each pair). */
export function fig5Section(o: SweepOutcome): Fig5Section {
  const configs = new Map(o.plan.runs.map((r) => [r.id, r.config as unknown as PpoConfig]));
  const curves = new Map<string, Fig5Curve>();
  const rewardDelay: Record<string, Record<string, number>> = {};
  for (const p of o.plan.points) {
    const c = configs.get(p.runIds[0])!;
    const key = `${c.task}/${c.algo}`;
    (rewardDelay[c.task] ??= {})[c.algo] ??= c.rewardDelay;
    const a = o.aggregates.get(p.label);
    if (a && !curves.has(key)) curves.set(key, { curve: a.curve, finalSuccess: a.final.success_rate?.mean ?? Number.NaN });
  }
  const tasks = FIG5_TASKS.filter((t) => rewardDelay[t]);
  const claims = fig5Claims((t, a) => curves.get(`${t}/${a}`), tasks);
  const delay = (d: number | undefined) => (d === undefined ? "–" : d === 1 ? "off" : `every ${d} steps`);
  const markdown = [
    "## The paper's claims (§5.2), checked on these numbers",
    "",
    ...(o.plan.quick ? ["At the quick scale the verdicts say nothing about the methods; run the full scale for them.", ""] : []),
    "| claim | task | verdict | evidence |",
    "|---|---|---|---|",
    ...claims.map((c) => `| ${c.claim} | ${c.task} | **${c.verdict}** | ${c.evidence} |`),
    "",
    "Tests behind the verdicts (thresholds ours; the paper states the claims in words): see `src/experiments/fig5-claims.ts`. Efficiency is the mean success over the run (area under the mean curve); performance is the final deterministic success rate.",
    "",
    "### Reward delay of each curve",
    "",
    "The paper refreshed the reward's world state only every k steps for NDP and PPO-multi (its fairness setting); `rewardDelay` in a run's config says what ours did.",
    "",
    `| task | ${FIG5_ALGOS.join(" | ")} |`,
    `|---|${FIG5_ALGOS.map(() => "---").join("|")}|`,
    ...tasks.map((t) => `| ${t} | ${FIG5_ALGOS.map((a) => delay(rewardDelay[t]?.[a])).join(" | ")} |`),
  ].join("\n");
  return { claims, rewardDelay, markdown };
}
