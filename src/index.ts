/**
 * ndp — Neural Dynamic Policies in TypeScript. The public API, exported from this one entry point.
 */
export { NdpError, ConfigError, ShapeError, InputFileError } from "./errors.js";
export { initEngine } from "./engine/jax.js";

// The DMP layer (paper §2, §3.1–3.2, §5.4)
export {
  dmpConfig,
  BASIS_KINDS,
  referenceRollout,
  transferPlan,
  planRollout,
  selectPoints,
  sampleIndices,
  DmpLayer,
  swapTimeBatch,
  phasePortrait,
  positionField,
  fitDmp,
  parseDmpRequest,
} from "./dmp/index.js";
export type { DmpConfig, DmpConfigInput, BasisKind, DmpParams, Rollout, TransferPlan, OutputKind, DmpLayerOptions, DmpInputs, DmpLayout, DmpFit } from "./dmp/index.js";
export { makeEnv, listTasks, getTask } from "./envs/registry.js";
export type { Env, BoxSpec, ResetOptions, ResetResult, StepResult, EnvInfo, RobotState, Policy } from "./envs/env.js";
export { makeVectorEnv } from "./envs/vector/make-vector-env.js";
export type { VectorEnv, VectorEnvOptions, VectorResetResult, VectorStepResult } from "./envs/vector/vector-env.js";
export { Rng } from "./envs/rng.js";
