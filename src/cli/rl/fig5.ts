/**
 * `ndp rl fig5 [--quick] [--out DIR] [--parallel P] [--threads T] [--json]`: the paper's Fig. 5 —
 * PPO, PPO-multi and NDP-PPO on throw, pick, push, soccer and faucet-open × 3 seeds (the sweep
 * `paper:fig5`, assets/sweeps/fig5.yaml) — with its report: success vs environment samples per
 * task (mean ± std band over seeds), success at fixed sample counts, the reward delay of every
 * curve, and the paper's §5.2 claims per task as holds / partly / does not hold, computed from
 * the numbers. Shares runs with `ndp sweep --spec paper:fig5` given the same --out.
 * `--json` adds `claims: [{ task, claim, verdict, evidence }]` and `reward_delay` to the sweep's object.
 */
import type { Command } from "commander";
import { fig5Section } from "../../experiments/fig5-report.js";
import { loadSweepSpec } from "../../experiments/spec.js";
import { planSweep } from "../../experiments/sweep-plan.js";
import { writeSweepReport } from "../../experiments/sweep-report.js";
import { printJson, say } from "../output.js";
import { addSweepOptions, executeSweep, printSweepSummary, sweepJson, type SweepCliOptions } from "../sweep.js";

export function registerRlFig5(rl: Command): void {
  const cmd = rl.command("fig5").description("paper Fig. 5: PPO vs PPO-multi vs NDP-PPO on five tasks × 3 seeds, with the paper's claims checked");
  addSweepOptions(cmd).action(async (opts: SweepCliOptions) => {
    const plan = planSweep(loadSweepSpec("paper:fig5"), { quick: opts.quick });
    const outcome = await executeSweep(plan, opts);
    const section = fig5Section(outcome);
    const report = await writeSweepReport(outcome, section.markdown);
    if (opts.json) return printJson({ ...sweepJson(outcome, report), claims: section.claims, reward_delay: section.rewardDelay });
    printSweepSummary(outcome, report);
    for (const c of section.claims) say(`  ${c.verdict.padEnd(13)} ${c.task}: ${c.claim} — ${c.evidence}`);
  });
}
