/**
 * The vector env of an RL run and the task facts a model needs (sizes, the action scale that turns
 * DMP deltas into actions, the seconds per step).
 */
import { ConfigError } from "../errors.js";
import { getTask, resolveConfig } from "../envs/registry.js";
import { makeVectorEnv } from "../envs/vector/make-vector-env.js";
import type { VectorEnv } from "../envs/vector/vector-env.js";
import type { TaskShape } from "./algorithms.js";

export async function openTaskEnv(o: { task: string; numEnvs: number; workers: number; taskConfig: Record<string, unknown> }): Promise<{ vec: VectorEnv; shape: TaskShape }> {
  const taskConfig = resolveConfig(getTask(o.task), o.taskConfig);
  const actionScale = Number(taskConfig.actionScale);
  if (!(actionScale > 0)) throw new ConfigError(`task "${o.task}" has no positive actionScale in its config; a chunked policy needs it to turn DMP deltas into actions`);
  const vec = await makeVectorEnv({ task: o.task, numEnvs: o.numEnvs, workers: o.workers, config: o.taskConfig });
  const robotSize = vec.reset(0).robotPosition.length / o.numEnvs;
  return { vec, shape: { obsSize: vec.observationSpec.shape[0], actionSize: vec.actionSpec.shape[0], robotSize, actionScale, stepSeconds: vec.dt } };
}
