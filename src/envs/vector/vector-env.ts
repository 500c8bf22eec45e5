/**
 * Vector envs: n copies of one env stepped together, with auto-reset (see env-batch.ts).
 *
 * `makeVectorEnv({ task, numEnvs, workers, config })` builds n envs of a registered task:
 * - `workers` is the number of threads that step envs: 0 (default) or 1 steps all envs in this
 *   thread ({@link SyncVectorEnv}); `workers: W >= 2` spreads them in contiguous blocks over this
 *   thread and W − 1 worker_threads, exchanging actions and results through shared memory
 *   ({@link WorkerVectorEnv}); each worker builds its envs by task name. Use W = the number of free
 *   cores. For the same seed both give identical numbers, whatever W (env i always draws from
 *   stream i).
 * `makeVectorEnv({ factory, numEnvs })` builds the n envs by calling `factory()` n times instead
 * (any Env, e.g. a wrapped one), in this thread only: a factory cannot be sent to a worker.
 *
 * Arrays are flat, env-major: obs is n × O, actions n × A. Results are fresh copies.
 */
import { ConfigError, NdpError, assertInt } from "../../errors.js";
import type { Env, EnvSpaces } from "../env.js";
import { getTask, makeEnv } from "../registry.js";
import { readReason, type VectorBuffers } from "./buffers.js";

/** n envs of a registered task, stepped in this thread or spread over worker threads. */
export interface TaskVectorEnvOptions {
  /** Registered task name. */
  task: string;
  numEnvs: number;
  /** Overrides of the task's default config. */
  config?: Record<string, unknown>;
  /** Threads stepping envs, this one included (0 or 1 = only this thread; W ≥ 2 adds W − 1 workers). */
  workers?: number;
}

/** n envs built by a factory, stepped in this thread. */
export interface FactoryVectorEnvOptions {
  /** Called numEnvs times; every env must have the same spaces. */
  factory: () => Env | Promise<Env>;
  numEnvs: number;
  /** 0 or 1 only: envs from a factory are stepped in this thread. */
  workers?: number;
}

export type VectorEnvOptions = TaskVectorEnvOptions | FactoryVectorEnvOptions;

export interface VectorResetResult {
  /** n × O observations. */
  obs: Float64Array;
  /** n × R robot states (see Env.robotState). */
  robotPosition: Float64Array;
  robotVelocity: Float64Array;
}

export interface VectorStepResult extends VectorResetResult {
  /** n rewards of this step. */
  rewards: Float64Array;
  /** n flags (0/1) of this step; where either is 1 the env was auto-reset. */
  terminated: Uint8Array;
  truncated: Uint8Array;
  /** n flags: the success rule held at the end of this step (before any auto-reset). */
  success: Uint8Array;
  /** n counts of clipped action entries. */
  clipped: Int32Array;
  /** n × O: the last observation of episodes that ended in this step (other rows are stale). */
  finalObs: Float64Array;
  /** Per env: the instability reason if its episode was cut short by the physics, else undefined. */
  reasons: (string | undefined)[];
}

/** n copies of one task; the spaces are those of one env (observations and actions are n rows of them). */
export interface VectorEnv extends EnvSpaces {
  /** The task name (with a factory: the name of its envs). */
  readonly task: string;
  readonly numEnvs: number;
  /** Reset all envs; with a seed, env i is reseeded with stream i of it. */
  reset(seed?: number): VectorResetResult;
  /** Step all envs with `actions` (n × A, flat). Bad shapes or non-finite values throw an NdpError. */
  step(actions: ArrayLike<number>): VectorStepResult;
  close(): Promise<void>;
}

/** Check a flat n × A action array (length, finiteness) before it is handed to the envs. */
export function checkVectorActions(task: string, actions: ArrayLike<number>, numEnvs: number, actionSize: number): void {
  if (actions == null || actions.length !== numEnvs * actionSize) {
    throw new NdpError("action", `vector env "${task}" expects ${numEnvs} × ${actionSize} = ${numEnvs * actionSize} action values (env-major), got ${actions?.length ?? "none"}`);
  }
  for (let j = 0; j < actions.length; j++) {
    if (typeof actions[j] !== "number" || !Number.isFinite(actions[j])) {
      throw new NdpError("action", `action of env ${Math.floor(j / actionSize)} entry ${j % actionSize} is ${actions[j]}; actions must be finite numbers`);
    }
  }
}

/** Check the options (before any env or worker exists); returns the worker count. */
export function checkVectorOptions(options: VectorEnvOptions): number {
  const workers = options.workers ?? 0;
  if ("factory" in options) {
    if ("task" in options) throw new ConfigError("makeVectorEnv takes either a task name or an env factory, not both");
    if (typeof options.factory !== "function") throw new ConfigError("makeVectorEnv: factory must be a function returning an Env (or a promise of one)");
    if (workers >= 2) throw new ConfigError(`makeVectorEnv: envs from a factory are stepped in this thread only, got workers ${workers}; pass workers 0 or 1, or a registered task name to use worker threads`);
  } else {
    getTask(options.task); // unknown names fail here, before any worker starts
  }
  assertInt(options.numEnvs, "numEnvs", 1, 4096);
  assertInt(workers, "workers", 0, 64);
  return workers;
}

/** The env factory of in-process vector env options: the given factory, or the task's makeEnv. */
export function envFactory(options: VectorEnvOptions): () => Env | Promise<Env> {
  if ("factory" in options) return options.factory;
  return () => makeEnv(options.task, { config: options.config });
}

/** Throw a ConfigError unless every env has the spaces and robot-state size of the first. */
export function checkSameSpaces(envs: readonly Env[]): void {
  const size = (e: Env) => [e.observationSpec.shape[0], e.actionSpec.shape[0], e.robotStateSize, e.horizon].join(" × ");
  const first = size(envs[0]);
  envs.forEach((env, i) => {
    if (size(env) !== first) throw new ConfigError(`vector env: env ${i} ("${env.name}") has obs × action × robot-state sizes × horizon ${size(env)}, env 0 has ${first}; the factory must build envs of one kind`);
  });
}

/** Copy the reset part of the buffers into a result. */
export function readResetResult(b: VectorBuffers): VectorResetResult {
  return { obs: b.obs.slice(), robotPosition: b.robotPosition.slice(), robotVelocity: b.robotVelocity.slice() };
}

/** Copy the buffers into a step result. */
export function readStepResult(b: VectorBuffers): VectorStepResult {
  const n = b.sizes.numEnvs;
  return {
    ...readResetResult(b),
    rewards: b.rewards.slice(),
    terminated: b.terminated.slice(),
    truncated: b.truncated.slice(),
    success: b.success.slice(),
    clipped: b.clipped.slice(),
    finalObs: b.finalObs.slice(),
    reasons: Array.from({ length: n }, (_, i) => readReason(b, i)),
  };
}
