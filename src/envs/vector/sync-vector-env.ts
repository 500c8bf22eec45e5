/** The in-process vector env: all envs stepped one after another in this thread. */
import type { BoxSpec } from "../env.js";
import { makeEnv } from "../registry.js";
import { allocateVectorBuffers, type VectorBuffers } from "./buffers.js";
import { EnvBatch } from "./env-batch.js";
import {
  checkVectorActions,
  checkVectorOptions,
  readResetResult,
  readStepResult,
  type VectorEnv,
  type VectorEnvOptions,
  type VectorResetResult,
  type VectorStepResult,
} from "./vector-env.js";

export class SyncVectorEnv implements VectorEnv {
  readonly task: string;
  readonly numEnvs: number;
  readonly observationSpec: BoxSpec;
  readonly actionSpec: BoxSpec;
  readonly horizon: number;
  readonly dt: number;
  private readonly batch: EnvBatch;
  private readonly buffers: VectorBuffers;

  private constructor(task: string, batch: EnvBatch, buffers: VectorBuffers) {
    const first = batch.envs[0];
    this.task = task;
    this.numEnvs = batch.envs.length;
    this.observationSpec = first.observationSpec;
    this.actionSpec = first.actionSpec;
    this.horizon = first.horizon;
    this.dt = first.dt;
    this.batch = batch;
    this.buffers = buffers;
  }

  static async create(options: VectorEnvOptions): Promise<SyncVectorEnv> {
    checkVectorOptions(options);
    const envs = [];
    try {
      for (let i = 0; i < options.numEnvs; i++) envs.push(await makeEnv(options.task, { config: options.config }));
    } catch (e) {
      for (const env of envs) env.close();
      throw e;
    }
    const first = envs[0];
    const buffers = allocateVectorBuffers(
      {
        numEnvs: envs.length,
        obsSize: first.observationSpec.shape[0],
        actionSize: first.actionSpec.shape[0],
        robotSize: first.robotStateSize,
      },
      false,
    );
    return new SyncVectorEnv(options.task, new EnvBatch(envs, 0, buffers), buffers);
  }

  reset(seed?: number): VectorResetResult {
    this.batch.reset(seed);
    return readResetResult(this.buffers);
  }

  step(actions: ArrayLike<number>): VectorStepResult {
    checkVectorActions(this.task, actions, this.numEnvs, this.buffers.sizes.actionSize);
    this.buffers.actions.set(actions);
    this.batch.step();
    return readStepResult(this.buffers);
  }

  async close(): Promise<void> {
    this.batch.close();
  }
}
