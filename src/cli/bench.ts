/**
 * `ndp bench <name>`: run a benchmark from `bench/<name>.ts` and print its JSON report.
 * Benchmarks measure and report (with ratios against a reference measured in the same run);
 * they never pass or fail on time.
 */
import type { Command } from "commander";
import { printJson, say } from "./output.js";

/** A benchmark module in `bench/` exports `run` returning one JSON-serialisable report. */
export interface BenchModule {
  run(options: { quick: boolean; log: (line: string) => void }): Promise<Record<string, unknown>>;
}

const BENCHES: Record<string, { description: string; load: () => Promise<BenchModule> }> = {
  dmp: { description: "DMP roll-out: reference loop vs linear fast path (B=100, N=30, m=300, D=2, fwd+bwd)", load: () => import("../../bench/dmp.js") },
  digits: { description: "digit-writing CNN/NDP training step and epoch time", load: () => import("../../bench/digits.js") },
  ppo: { description: "PPO update (CleanRL sizes), roll-out with inference vs envs alone, end-to-end training steps/s", load: () => import("../../bench/ppo.js") },
  envs: { description: "MuJoCo task env steps/s for 1 and 2 workers vs raw mj_step", load: () => import("../../bench/envs.js") },
};

export function registerBench(program: Command): void {
  const bench = program.command("bench").description("run a benchmark and report its numbers (JSON with --json)");
  for (const [name, spec] of Object.entries(BENCHES)) {
    bench
      .command(name)
      .description(spec.description)
      .option("--quick", "fewer repetitions (for smoke tests)", false)
      .option("--json", "print one JSON object on stdout", false)
      .action(async (opts: { quick: boolean; json: boolean }) => {
        const mod = await spec.load();
        const report = await mod.run({ quick: opts.quick, log: (line) => process.stderr.write(line + "\n") });
        if (opts.json) printJson(report);
        else for (const [k, v] of Object.entries(report)) say(`${k}: ${typeof v === "object" ? JSON.stringify(v) : v}`);
      });
  }
}
