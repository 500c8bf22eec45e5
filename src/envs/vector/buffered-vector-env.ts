/**
 * The part of a vector env that does not depend on where its envs run: the task's spaces, the
 * result buffers (buffers.ts), and `reset`/`step` as "check the input → write it into the buffers
 * → run the command → copy the results out" (fresh arrays). {@link SyncVectorEnv} runs the commands
 * in this thread, {@link WorkerVectorEnv} in worker threads; both fill the same buffers through
 * {@link EnvBatch}, so both give the same numbers.
 */
import type { BoxSpec, EnvSpaces } from "../env.js";
import type { VectorBuffers } from "./buffers.js";
import { checkVectorActions, readResetResult, readStepResult, type VectorEnv, type VectorResetResult, type VectorStepResult } from "./vector-env.js";

export abstract class BufferedVectorEnv implements VectorEnv {
  readonly numEnvs: number;
  readonly observationSpec: BoxSpec;
  readonly actionSpec: BoxSpec;
  readonly horizon: number;
  readonly dt: number;

  protected constructor(
    readonly task: string,
    spaces: EnvSpaces,
    protected readonly buffers: VectorBuffers,
  ) {
    this.numEnvs = buffers.sizes.numEnvs;
    this.observationSpec = spaces.observationSpec;
    this.actionSpec = spaces.actionSpec;
    this.horizon = spaces.horizon;
    this.dt = spaces.dt;
  }

  reset(seed?: number): VectorResetResult {
    this.runReset(seed);
    return readResetResult(this.buffers);
  }

  step(actions: ArrayLike<number>): VectorStepResult {
    checkVectorActions(this.task, actions, this.numEnvs, this.buffers.sizes.actionSize);
    this.buffers.actions.set(actions);
    this.runStep();
    return readStepResult(this.buffers);
  }

  abstract close(): Promise<void>;

  /** Reset every env into the buffers; with a seed, env i gets stream i of it (see env-batch.ts). */
  protected abstract runReset(seed: number | undefined): void;

  /** Step every env with its row of `buffers.actions` into the buffers, auto-resetting (see env-batch.ts). */
  protected abstract runStep(): void;
}
