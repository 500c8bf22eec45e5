/**
 * `makeVectorEnv(options)`: the in-process vector env for `workers` 0 or 1 (and for every env
 * factory), worker threads beyond (see vector-env.ts for the options).
 */
import { SyncVectorEnv } from "./sync-vector-env.js";
import { checkVectorOptions, type VectorEnv, type VectorEnvOptions } from "./vector-env.js";
import { WorkerVectorEnv } from "./worker-vector-env.js";

export async function makeVectorEnv(options: VectorEnvOptions): Promise<VectorEnv> {
  const workers = checkVectorOptions(options);
  return workers <= 1 || "factory" in options ? SyncVectorEnv.create(options) : WorkerVectorEnv.create(options);
}
