/**
 * The paper's Fig. 5 claims (§5.2), each turned into a test on the measured curves (pure):
 *
 * 1. "NDP sees gains in both efficiency and performance in most tasks" — per task, efficiency:
 *    NDP-PPO's mean success over the run (area under the mean curve, on the range both cover)
 *    is higher than PPO's; performance: its final success is at least PPO's (and not both 0).
 *    Both → holds, one → partly, neither → does not hold. Over the tasks: holds when it holds on
 *    more than half of the measured tasks.
 * 2. Soccer: "PPO reaches a higher final performance, but our method shows twice the efficiency":
 *    PPO's final success > NDP-PPO's, and PPO needs ≥ 1.5× the samples NDP-PPO needs to reach
 *    half of the smaller of the two final success rates (both must reach a level ≥ 0.05).
 * 3. PPO-multi "fails completely at times (Picking etc.)": on pick its mean success never
 *    exceeds 0.05 at any evaluation.
 * 4. PPO-multi "tends to perform well in some cases (Faucet Opening, Pushing etc) but is
 *    inconsistent": its final success is within 0.1 of the best of the three on at least one
 *    task and more than 0.3 below it on at least one other.
 *
 * Thresholds (0.05, 0.1, 0.3, 1.5×) are ours: the paper states these claims in words only.
 */
import { curveArea, firstReach, interpolate, type MeanCurve } from "./aggregate.js";

export const FIG5_TASKS = ["throw", "pick", "push", "soccer", "faucet-open"] as const;
export const FIG5_ALGOS = ["ppo", "ppo-multi", "ndp-ppo"] as const;

export type Verdict = "holds" | "partly" | "does not hold" | "not measured";

export interface Claim {
  /** A task, or "all" for a claim over the tasks. */
  task: string;
  claim: string;
  verdict: Verdict;
  /** The numbers behind the verdict, one line. */
  evidence: string;
}

/** What a claim needs of one (task, algo) curve: the mean success curve over seeds and the final mean. */
export interface Fig5Curve {
  curve: MeanCurve;
  finalSuccess: number;
}

export type Fig5Lookup = (task: string, algo: string) => Fig5Curve | undefined;

const f2 = (x: number) => x.toFixed(2);
const steps = (x: number) => Math.round(x).toLocaleString("en-US");

/** Mean success of two curves over the x range both cover (trapezoidal, on the union of their points). */
export function commonAreas(a: MeanCurve, b: MeanCurve): [number, number] | undefined {
  if (!a.x.length || !b.x.length) return undefined;
  const lo = Math.max(a.x[0], b.x[0]);
  const hi = Math.min(a.x.at(-1)!, b.x.at(-1)!);
  if (hi < lo) return undefined;
  const x = [...new Set([...a.x, ...b.x])].filter((v) => v >= lo && v <= hi).sort((p, q) => p - q);
  const ya = x.map((v) => interpolate(a.x.map((xi, i) => [xi, a.mean[i]]), v)!);
  const yb = x.map((v) => interpolate(b.x.map((xi, i) => [xi, b.mean[i]]), v)!);
  return [curveArea(x, ya), curveArea(x, yb)];
}

function ndpGains(task: string, ndp: Fig5Curve | undefined, ppo: Fig5Curve | undefined): Claim {
  const claim = "NDP-PPO gains in efficiency and performance over PPO";
  const areas = ndp && ppo ? commonAreas(ndp.curve, ppo.curve) : undefined;
  if (!ndp || !ppo || !areas) return { task, claim, verdict: "not measured", evidence: `missing curves (${!ndp ? "ndp-ppo" : ""}${!ndp && !ppo ? ", " : ""}${!ppo ? "ppo" : ""})` };
  const efficiency = areas[0] > areas[1];
  const performance = ndp.finalSuccess >= ppo.finalSuccess && ndp.finalSuccess > 0;
  const verdict: Verdict = efficiency && performance ? "holds" : efficiency || performance ? "partly" : "does not hold";
  return { task, claim, verdict, evidence: `mean success over the run ${f2(areas[0])} (NDP-PPO) vs ${f2(areas[1])} (PPO); final ${f2(ndp.finalSuccess)} vs ${f2(ppo.finalSuccess)}` };
}

function soccerTradeOff(ndp: Fig5Curve | undefined, ppo: Fig5Curve | undefined): Claim {
  const task = "soccer";
  const claim = "PPO reaches a higher final success, NDP-PPO is ≈ 2× as sample-efficient";
  if (!ndp || !ppo) return { task, claim, verdict: "not measured", evidence: "missing curves" };
  const higher = ppo.finalSuccess > ndp.finalSuccess;
  const level = Math.min(ppo.finalSuccess, ndp.finalSuccess) / 2;
  const final = `final ${f2(ppo.finalSuccess)} (PPO) vs ${f2(ndp.finalSuccess)} (NDP-PPO)`;
  if (level < 0.05) return { task, claim, verdict: higher ? "partly" : "does not hold", evidence: `${final}; efficiency not measurable (a method's final success is below 0.1)` };
  const sNdp = firstReach(ndp.curve.x, ndp.curve.mean, level) ?? Number.POSITIVE_INFINITY;
  const sPpo = firstReach(ppo.curve.x, ppo.curve.mean, level) ?? Number.POSITIVE_INFINITY;
  const ratio = sPpo / sNdp;
  const efficient = ratio >= 1.5;
  return { task, claim, verdict: higher && efficient ? "holds" : higher || efficient ? "partly" : "does not hold", evidence: `${final}; samples to reach success ${f2(level)}: ${steps(sPpo)} (PPO) vs ${steps(sNdp)} (NDP-PPO), ratio ${ratio.toFixed(2)}` };
}

function multiFailsOnPick(multi: Fig5Curve | undefined): Claim {
  const claim = "PPO-multi fails completely";
  if (!multi || !multi.curve.x.length) return { task: "pick", claim, verdict: "not measured", evidence: "missing curve" };
  const best = Math.max(...multi.curve.mean);
  return { task: "pick", claim, verdict: best <= 0.05 ? "holds" : "does not hold", evidence: `PPO-multi's best mean success at any evaluation ${f2(best)} (fails completely: ≤ 0.05)` };
}

function multiInconsistent(look: Fig5Lookup, tasks: readonly string[]): Claim {
  const claim = "PPO-multi does well on some tasks but is inconsistent";
  const gaps: [string, number][] = [];
  for (const t of tasks) {
    const finals = FIG5_ALGOS.map((a) => look(t, a)?.finalSuccess);
    if (finals.some((f) => f === undefined)) continue;
    gaps.push([t, Math.max(...(finals as number[])) - finals[1]!]);
  }
  if (gaps.length < 2) return { task: "all", claim, verdict: "not measured", evidence: "fewer than two tasks with all three algorithms" };
  const well = gaps.some(([, g]) => g <= 0.1);
  const poor = gaps.some(([, g]) => g > 0.3);
  return { task: "all", claim, verdict: well && poor ? "holds" : "does not hold", evidence: `final success below the best of the three: ${gaps.map(([t, g]) => `${t} ${f2(g)}`).join(", ")} (well: ≤ 0.1 somewhere; inconsistent: > 0.3 elsewhere)` };
}

/** Every claim of §5.2 on the tasks measured, computed from the curves. */
export function fig5Claims(look: Fig5Lookup, tasks: readonly string[] = FIG5_TASKS): Claim[] {
  const perTask = tasks.map((t) => ndpGains(t, look(t, "ndp-ppo"), look(t, "ppo")));
  const measured = perTask.filter((c) => c.verdict !== "not measured");
  const holding = measured.filter((c) => c.verdict === "holds").length;
  const most: Claim = {
    task: "all",
    claim: "NDP-PPO gains in efficiency and performance in most tasks",
    verdict: measured.length === 0 ? "not measured" : holding > measured.length / 2 ? "holds" : "does not hold",
    evidence: `holds on ${holding} of ${measured.length} measured tasks${measured.length ? ` (${measured.filter((c) => c.verdict === "holds").map((c) => c.task).join(", ") || "none"})` : ""}`,
  };
  const claims = [most, ...perTask];
  if (tasks.includes("soccer")) claims.push(soccerTradeOff(look("soccer", "ndp-ppo"), look("soccer", "ppo")));
  if (tasks.includes("pick")) claims.push(multiFailsOnPick(look("pick", "ppo-multi")));
  claims.push(multiInconsistent(look, tasks));
  return claims;
}
