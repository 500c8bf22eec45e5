/**
 * The task registry: `makeEnv(name, { config })` builds a ready env; `listTasks()` describes them.
 * Each task lives in src/envs/tasks/<name>/ and its index.ts exports one TaskSpec; add it to TASKS
 * below. MuJoCo tasks build a {@link MujocoEnv} (`makeMujocoEnv` when the caller needs the
 * simulation: rendering, benchmarks); `point-mass` is plain TypeScript.
 */
import { ConfigError, formatValue } from "../errors.js";
import type { Env } from "./env.js";
import { MujocoEnv } from "./mujoco-env.js";
import type { TaskSpec } from "./task.js";
import { faucetOpen } from "./tasks/faucet-open/index.js";
import { pick } from "./tasks/pick/index.js";
import { pointMass } from "./tasks/point-mass/index.js";
import { push } from "./tasks/push/index.js";
import { reach } from "./tasks/reach/index.js";
import { soccer } from "./tasks/soccer/index.js";
import { throwTask } from "./tasks/throw/index.js";

const TASKS: ReadonlyArray<TaskSpec<any>> = [reach, push, soccer, faucetOpen, throwTask, pick, pointMass];

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

/** The names of the tasks simulated by MuJoCo (the ones `makeMujocoEnv` builds). */
export function mujocoTaskNames(): string[] {
  return TASKS.filter((t) => t.physics === "mujoco").map((t) => t.name);
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

/** Build the env of task `name` (a MuJoCo task loads the MuJoCo module and the model on first use). */
export async function makeEnv(name: string, options: MakeEnvOptions = {}): Promise<Env> {
  const spec = getTask(name);
  return spec.createEnv(resolveConfig(spec, options.config));
}

/** Build the env of MuJoCo task `name`, with its simulation reachable; a non-MuJoCo task is a ConfigError. */
export async function makeMujocoEnv(name: string, options: MakeEnvOptions = {}): Promise<MujocoEnv> {
  if (getTask(name).physics !== "mujoco") {
    throw new ConfigError(`task "${name}" is not simulated by MuJoCo (it has no model to render or step raw); choose one of ${mujocoTaskNames().join(", ")}`);
  }
  const env = await makeEnv(name, options);
  if (!(env instanceof MujocoEnv)) throw new Error(`task "${name}" declares MuJoCo physics but built a ${env.constructor.name}`);
  return env;
}
