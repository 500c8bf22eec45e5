/** `makeVectorEnv(options)`: the in-process vector env for `workers: 0`, worker threads otherwise. */
import { SyncVectorEnv } from "./sync-vector-env.js";
import { checkVectorOptions, type VectorEnv, type VectorEnvOptions } from "./vector-env.js";
import { WorkerVectorEnv } from "./worker-vector-env.js";

export async function makeVectorEnv(options: VectorEnvOptions): Promise<VectorEnv> {
  const workers = checkVectorOptions(options);
  return workers === 0 ? SyncVectorEnv.create(options) : WorkerVectorEnv.create(options);
}
