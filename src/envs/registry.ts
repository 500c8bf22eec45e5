/**
 * The task registry: `makeEnv(name, { config })` builds a ready env; `listTasks()` describes them.
 * Each task lives in src/envs/tasks/<name>.ts and exports one TaskSpec; add it to TASKS below.
 */
import { ConfigError, formatValue } from "../errors.js";
import { MujocoEnv } from "./mujoco-env.js";
import type { TaskSpec } from "./task.js";
import { faucetOpen } from "./tasks/faucet-open.js";
import { pick } from "./tasks/pick.js";
import { push } from "./tasks/push.js";
import { reach } from "./tasks/reach.js";
import { soccer } from "./tasks/soccer.js";
import { throwTask } from "./tasks/throw.js";

const TASKS: ReadonlyArray<TaskSpec<any>> = [reach, push, soccer, faucetOpen, throwTask, pick];

export interface MakeEnvOptions {
  /** Overrides of the task's `defaultConfig()` entries (unknown keys are an error). */
  config?: Record<string, unknown>;
}

/** All registered tasks, in display order. */
export function listTasks(): ReadonlyArray<TaskSpec<any>> {
  return TASKS;
}

/** The names of all registered tasks. */
export function taskNames(): string[] {
  return TASKS.map((t) => t.name);
}

/** The task called `name`; throws a ConfigError listing the known names otherwise. */
export function getTask(name: string): TaskSpec<any> {
  const spec = TASKS.find((t) => t.name === name);
  if (spec === undefined) throw new ConfigError(`unknown task ${formatValue(name)}; choose one of ${taskNames().join(", ")}`);
  return spec;
}

/** The task's default config with `overrides` applied (unknown keys throw a ConfigError). */
export function resolveConfig(spec: TaskSpec<any>, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const config = spec.defaultConfig() as Record<string, unknown>;
  for (const [key, value] of Object.entries(overrides)) {
    if (!(key in config)) throw new ConfigError(`task "${spec.name}" has no config entry ${formatValue(key)}; known entries: ${Object.keys(config).join(", ")}`);
    config[key] = value;
  }
  return config;
}

/** Build the env of task `name` (loads the MuJoCo module and the model on first use). */
export async function makeEnv(name: string, options: MakeEnvOptions = {}): Promise<MujocoEnv> {
  const spec = getTask(name);
  const config = resolveConfig(spec, options.config);
  return new MujocoEnv(spec.name, await spec.create(config));
}

/** Build `count` envs of task `name`; if one fails, close those already built and rethrow. */
export async function makeEnvs(name: string, count: number, options: MakeEnvOptions = {}): Promise<MujocoEnv[]> {
  const envs: MujocoEnv[] = [];
  try {
    for (let k = 0; k < count; k++) envs.push(await makeEnv(name, options));
  } catch (e) {
    for (const env of envs) env.close();
    throw e;
  }
  return envs;
}
