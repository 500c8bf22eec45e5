/** The in-process vector env: all envs stepped one after another in this thread. */
import type { EnvSpaces } from "../env.js";
import { BufferedVectorEnv } from "./buffered-vector-env.js";
import { allocateVectorBuffers, vectorSizes, type VectorBuffers } from "./buffers.js";
import { buildEnvs } from "./build-envs.js";
import { EnvBatch } from "./env-batch.js";
import { checkSameSpaces, checkVectorOptions, envFactory, type VectorEnvOptions } from "./vector-env.js";

export class SyncVectorEnv extends BufferedVectorEnv {
  private constructor(
    task: string,
    spaces: EnvSpaces,
    buffers: VectorBuffers,
    private readonly batch: EnvBatch,
  ) {
    super(task, spaces, buffers);
  }

  /** `numEnvs` envs of a registered task, or from a factory. */
  static async create(options: VectorEnvOptions): Promise<SyncVectorEnv> {
    checkVectorOptions(options);
    const envs = await buildEnvs(options.numEnvs, envFactory(options));
    try {
      checkSameSpaces(envs);
    } catch (e) {
      for (const env of envs) env.close();
      throw e;
    }
    const first = envs[0];
    const buffers = allocateVectorBuffers(vectorSizes(envs.length, first, first.robotStateSize), false);
    return new SyncVectorEnv("task" in options ? options.task : first.name, first, buffers, new EnvBatch(envs, 0, buffers));
  }

  protected override runReset(seed: number | undefined): void {
    this.batch.reset(seed);
  }

  protected override runStep(): void {
    this.batch.step();
  }

  override async close(): Promise<void> {
    this.batch.close();
  }
}
