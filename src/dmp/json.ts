/**
 * The JSON form of a DMP roll-out request (design.md §5, `ndp dmp rollout --input FILE`):
 *   { "config": { "n_basis", "steps", "alpha_z", "beta_z"?, "a_x"?, "tau"?, "dt"?, "basis"?, "centers"? },
 *     "y0": [..D], "dy0": [..D]?, "goal": [..D], "weights": [[..N] x D]? }
 * Keys are own properties only, arrays real arrays of finite numbers, and the roll-out it asks for
 * must fit the size budget (src/io/size-budget.ts: points × D here, points × (N + 3) in
 * dmpConfig) — checked before anything is allocated.
 */
import { ConfigError, ShapeError } from "../errors.js";
import { checkKeys, jsonObject, numberArray, ownField } from "../io/json-shape.js";
import { checkBudget, SIZE_BUDGET } from "../io/size-budget.js";
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
  const obj = jsonObject(json, "the input", "{\"config\": {...}, \"y0\": [...], \"goal\": [...]}");
  checkKeys(obj, TOP_KEYS, "the input", ConfigError);
  const rawCfg = jsonObject(ownField(obj, "config"), '"config"', '{"n_basis": 30, "steps": 300}', ConfigError);
  checkKeys(rawCfg, Object.keys(CONFIG_KEYS), '"config"', ConfigError);
  const input: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rawCfg)) input[CONFIG_KEYS[k]] = v;
  for (const required of ["y0", "goal"]) {
    if (ownField(obj, required) === undefined) throw new ShapeError(`the input has no "${required}"; give one value per dimension`);
  }
  const cfg = dmpConfig(input as unknown as DmpConfigInput);
  const points = cfg.steps + 1;
  const maxDims = Math.floor(SIZE_BUDGET.dmpPointValues / points);
  const y0 = numberArray(ownField(obj, "y0"), "y0");
  if (y0.length > maxDims) checkBudget("dmpPointValues", points * y0.length, "the roll-out (points × dimensions)", "use fewer steps or dimensions");
  const dims = y0.length;
  const goal = numberArray(ownField(obj, "goal"), "goal", { length: dims, lengthIs: "one per dimension of y0" });
  const rawDy0 = ownField(obj, "dy0");
  const dy0 = rawDy0 === undefined ? undefined : numberArray(rawDy0, "dy0", { length: dims, lengthIs: "one per dimension of y0" });
  const rawWeights = ownField(obj, "weights");
  let weights: number[][] | undefined;
  if (rawWeights !== undefined) {
    if (!Array.isArray(rawWeights) || rawWeights.length !== dims) {
      throw new ShapeError(`weights must have one row per dimension (${dims} rows of ${cfg.nBasis}), got ${Array.isArray(rawWeights) ? `${rawWeights.length} rows` : "no array"}`);
    }
    weights = rawWeights.map((row, d) => numberArray(row, `weights[${d}]`, { length: cfg.nBasis, lengthIs: "n_basis" }));
  }
  const params: DmpParams = { y0, dy0, goal, weights };
  checkParams(cfg, params);
  return { cfg, params };
}

/** A row-major [P][D] array as nested JSON rows. */
export function toRows(values: Float64Array, points: number, dims: number): number[][] {
  return Array.from({ length: points }, (_, t) => Array.from(values.subarray(t * dims, (t + 1) * dims)));
}
