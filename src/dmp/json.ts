/**
 * The JSON form of a DMP roll-out request (design.md §5, `ndp dmp rollout --input FILE`):
 *   { "config": { "n_basis", "steps", "alpha_z", "beta_z"?, "a_x"?, "tau"?, "dt"?, "basis"?, "centers"? },
 *     "y0": [..D], "dy0": [..D]?, "goal": [..D], "weights": [[..N] x D]? }
 */
import { ConfigError, ShapeError, formatValue } from "../errors.js";
import { dmpConfig, type DmpConfig, type DmpConfigInput } from "./config.js";
import { checkParams, type DmpParams } from "./params.js";

const CONFIG_KEYS: Record<string, keyof DmpConfigInput> = {
  n_basis: "nBasis",
  steps: "steps",
  alpha_z: "alphaZ",
  beta_z: "betaZ",
  a_x: "aX",
  tau: "tau",
  dt: "dt",
  basis: "basis",
  centers: "centers",
};
const TOP_KEYS = ["config", "y0", "dy0", "goal", "weights"];

/** Parse and validate a roll-out request; every problem is a one-line ConfigError/ShapeError. */
export function parseDmpRequest(json: unknown): { cfg: DmpConfig; params: DmpParams } {
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    throw new ShapeError(`the input must be a JSON object with config, y0, goal and weights, got ${formatValue(json)}`);
  }
  const obj = json as Record<string, unknown>;
  for (const k of Object.keys(obj)) {
    if (!TOP_KEYS.includes(k)) throw new ConfigError(`unknown key "${k}" in the input; expected ${TOP_KEYS.join(", ")}`);
  }
  const rawCfg = obj.config;
  if (rawCfg === null || typeof rawCfg !== "object" || Array.isArray(rawCfg)) {
    throw new ConfigError(`"config" must be an object like {"n_basis": 30, "steps": 300}, got ${formatValue(rawCfg)}`);
  }
  const input: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rawCfg as Record<string, unknown>)) {
    const key = CONFIG_KEYS[k];
    if (key === undefined) throw new ConfigError(`unknown config key "${k}"; known keys: ${Object.keys(CONFIG_KEYS).join(", ")}`);
    input[key] = v;
  }
  for (const required of ["y0", "goal"]) {
    if (obj[required] === undefined) throw new ShapeError(`the input has no "${required}"; give one value per dimension`);
  }
  const cfg = dmpConfig(input as unknown as DmpConfigInput);
  const params: DmpParams = {
    y0: obj.y0 as number[],
    dy0: obj.dy0 as number[] | undefined,
    goal: obj.goal as number[],
    weights: obj.weights as number[][] | undefined,
  };
  checkParams(cfg, params);
  return { cfg, params };
}

/** A row-major [P][D] array as nested JSON rows. */
export function toRows(values: Float64Array, points: number, dims: number): number[][] {
  return Array.from({ length: points }, (_, t) => Array.from(values.subarray(t * dims, (t + 1) * dims)));
}
