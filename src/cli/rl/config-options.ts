/**
 * The `ndp rl` options that set a PPO config entry, derived from one table: each flag names the
 * `PpoConfig` (or DMP) entry it sets. Defaults come from `ppoDefaults(task, algo)` (src/rl/defaults.ts)
 * and are shown in `--help` where they do not depend on the task; a flag that is not given leaves
 * the default in place.
 */
import type { Command } from "commander";
import { ConfigError } from "../../errors.js";
import { BASIS_KINDS, CENTER_RULES } from "../../dmp/config.js";
import { ACTIVATIONS } from "../../nn/activations.js";
import { PPO_BASE, DEFAULT_K, ppoDefaults } from "../../rl/defaults.js";
import { RL_ALGOS, type RlAlgo } from "../../rl/algorithms.js";
import type { PpoConfig } from "../../rl/ppo.js";
import type { NdpDmpOptions } from "../../models/rl/ndp-actor.js";
import { choiceOption, floatOption, intOption } from "../options.js";
import { readJsonInput } from "../../io/json-input.js";
import { SIZE_BUDGET } from "../../io/size-budget.js";
import { ppoConfigFromJson } from "../../rl/config-file.js";

type Parser = (value: string) => unknown;

interface Flag {
  flag: string;
  help: string;
  parse: Parser;
  /** Set the parsed value into the config. */
  set(c: PpoConfig, v: unknown): void;
}

const top = <K extends keyof PpoConfig>(key: K) => (c: PpoConfig, v: unknown) => {
  c[key] = v as PpoConfig[K];
};
const dmp = <K extends keyof NdpDmpOptions>(key: K) => (c: PpoConfig, v: unknown) => {
  c.dmp[key] = v as NdpDmpOptions[K];
};

function widths(value: string): number[] {
  const parts = value.split(",").map((s) => Number(s.trim()));
  if (parts.length === 0 || parts.some((n) => !Number.isInteger(n) || n < 1 || n > 4096)) throw new ConfigError(`--hidden expects comma-separated layer widths such as 64,64, got ${JSON.stringify(value)}`);
  return parts;
}

const B = PPO_BASE;
export const RL_FLAGS: Flag[] = [
  { flag: "--steps <n>", help: "environment steps to train (default: per task and algorithm, `ndp rl defaults`)", parse: intOption(1, 1e10), set: top("totalSteps") },
  { flag: "--envs <n>", help: `envs stepped together (default ${B.numEnvs}, at most ${SIZE_BUDGET.rlEnvs})`, parse: intOption(1, SIZE_BUDGET.rlEnvs), set: top("numEnvs") },
  { flag: "--episodes-per-rollout <n>", help: `episodes per env in each roll-out (default ${B.episodesPerRollout})`, parse: intOption(1, 1000), set: top("episodesPerRollout") },
  { flag: "--lr <x>", help: `Adam learning rate (default ${B.learningRate}, annealed to 0)`, parse: floatOption(1e-9, 1), set: top("learningRate") },
  { flag: "--epochs <n>", help: `passes over each roll-out (default ${B.epochs})`, parse: intOption(1, 1000), set: top("epochs") },
  { flag: "--minibatches <n>", help: `minibatches per pass (default ${B.minibatches})`, parse: intOption(1, 10_000), set: top("minibatches") },
  { flag: "--gamma <x>", help: `discount (default ${B.gamma})`, parse: floatOption(0, 1), set: top("gamma") },
  { flag: "--gae-lambda <x>", help: `GAE λ (default ${B.gaeLambda})`, parse: floatOption(0, 1), set: top("gaeLambda") },
  { flag: "--clip <x>", help: `surrogate clip ε (default ${B.clip})`, parse: floatOption(1e-6, 10), set: top("clip") },
  { flag: "--entropy-coef <x>", help: `entropy bonus (default ${B.entropyCoef})`, parse: floatOption(0, 10), set: top("entropyCoef") },
  { flag: "--hidden <widths>", help: `hidden widths of actor and critic (default ${B.hidden.join(",")})`, parse: widths, set: top("hidden") },
  { flag: "--activation <f>", help: `hidden activation (default ${B.activation})`, parse: choiceOption(ACTIVATIONS), set: top("activation") },
  { flag: "--k <n>", help: `actions per decision of ndp-ppo and ppo-multi (default ${DEFAULT_K}; ppo: 1)`, parse: intOption(1, 1000), set: top("k") },
  { flag: "--n-basis <n>", help: "DMP basis functions N (default: per task)", parse: intOption(1, 1000), set: dmp("nBasis") },
  { flag: "--integration-steps <n>", help: "DMP Euler steps per decision (default 35)", parse: intOption(1, 100_000), set: dmp("steps") },
  { flag: "--alpha-z <x>", help: "DMP αz (default: per task)", parse: floatOption(1e-6, 1e6), set: dmp("alphaZ") },
  { flag: "--learn-alpha", help: "learn αz (βz = αz/4 tied)", parse: () => true, set: dmp("learnAlpha") },
  { flag: "--only-g", help: "the only-g ablation: learn the goal, forcing weights fixed at 0", parse: () => true, set: dmp("onlyGoal") },
  { flag: "--basis <kind>", help: "DMP basis (default gaussian)", parse: choiceOption(BASIS_KINDS), set: dmp("basis") },
  { flag: "--centers <rule>", help: "DMP centre/width rule (default release)", parse: choiceOption(CENTER_RULES), set: dmp("centers") },
  { flag: "--reward-delay <k>", help: "refresh the reward's world state every k steps (the paper's setting for NDP and PPO-multi; default 1 = off)", parse: intOption(1, 1000), set: top("rewardDelay") },
  { flag: "--evaluations <n>", help: `deterministic evaluations over the run (default ${B.evaluations})`, parse: intOption(1, 1e6), set: top("evaluations") },
  { flag: "--eval-episodes <n>", help: `episodes per evaluation (default ${B.evalEpisodes})`, parse: intOption(1, 100_000), set: top("evalEpisodes") },
];

/** Commander's property name of a flag (`--n-basis <n>` → `nBasis`). */
function property(flag: string): string {
  return flag.split(" ")[0].slice(2).replace(/-([a-z])/g, (_, ch: string) => ch.toUpperCase());
}

/** Add every flag of the table to `cmd` (no commander defaults: unset flags keep the config's). */
export function addRlConfigOptions(cmd: Command): Command {
  for (const f of RL_FLAGS) {
    if (f.flag.includes("<")) cmd.option(f.flag, f.help, f.parse as (v: string) => unknown);
    else cmd.option(f.flag, f.help);
  }
  return cmd
    .option("--task <name>", "task name (see `ndp tasks list`)")
    .option("--algo <algo>", `one of ${RL_ALGOS.join(", ")}`, choiceOption(RL_ALGOS))
    .option("--config <file>", "a JSON config (entries of `ndp rl defaults --json`; task and algo included); flags override it")
    .option("--seed <s>", "seed of the initialisation, the env resets and the exploration noise", intOption(0))
    .option("--workers <w>", `threads stepping envs (default ${B.workers}); results do not depend on it`, intOption(0, 64));
}

/** The options every command with the config flags receives. */
export interface RlConfigCliOptions extends Record<string, unknown> {
  task?: string;
  algo?: RlAlgo;
  config?: string;
  seed?: number;
  workers?: number;
}

/** The config for the parsed options: the --config file or the defaults of (task, algo), then every flag given. */
export function configFromOptions(opts: RlConfigCliOptions): PpoConfig {
  let c: PpoConfig;
  if (opts.config !== undefined) {
    c = ppoConfigFromJson(readJsonInput(opts.config, "config file", "fix it or start from `ndp rl defaults --json`"), opts.config === "-" ? "standard input" : `config file ${opts.config}`);
    if (opts.task !== undefined && opts.task !== c.task) throw new ConfigError(`--task ${opts.task} disagrees with the config file's task ${c.task}; drop one`);
    if (opts.algo !== undefined && opts.algo !== c.algo) throw new ConfigError(`--algo ${opts.algo} disagrees with the config file's algo ${c.algo}; drop one`);
  } else {
    if (opts.task === undefined || opts.algo === undefined) throw new ConfigError("pass --task and --algo (or a --config file that names them)");
    c = ppoDefaults(opts.task, opts.algo);
  }
  if (opts.seed !== undefined) c.seed = opts.seed;
  if (opts.workers !== undefined) c.workers = opts.workers;
  for (const f of RL_FLAGS) {
    const v = opts[property(f.flag)];
    if (v !== undefined) f.set(c, v);
  }
  if (c.algo === "ppo" && opts.k !== undefined && opts.k !== 1) throw new ConfigError(`--k ${String(opts.k)}: ppo acts once per step; use --algo ppo-multi or ndp-ppo for k > 1`);
  return c;
}
