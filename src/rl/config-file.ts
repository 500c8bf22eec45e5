/**
 * A PPO config from JSON (a file given to `ndp rl train --config`, or a sweep's run spec): the
 * defaults of its `task` and `algo` (rl/defaults.ts) with every other entry overriding one of
 * them. Unknown entries, entries of the wrong type and bad values are ConfigErrors naming the
 * entry; `dmp` and `taskConfig` are merged entry by entry.
 */
import { ConfigError, formatValue } from "../errors.js";
import { ppoDefaults } from "./defaults.js";
import { RL_ALGOS, type RlAlgo } from "./algorithms.js";
import type { PpoConfig } from "./ppo.js";

const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Check `value` against the type of the default `reference` (number, boolean, string, number[], null|number). */
function checkType(path: string, value: unknown, reference: unknown): void {
  const fail = (what: string) => {
    throw new ConfigError(`config entry ${path} must be ${what}, got ${formatValue(value)}`);
  };
  if (Array.isArray(reference)) {
    if (!Array.isArray(value) || value.some((x) => typeof x !== "number" || !Number.isFinite(x))) fail("an array of numbers");
  } else if (typeof reference === "number" || reference === null) {
    if (value === null && reference === null) return;
    if (typeof value !== "number" || !Number.isFinite(value)) fail("a finite number");
  } else if (typeof reference !== typeof value) fail(`a ${typeof reference}`);
}

export function ppoConfigFromJson(json: unknown, source = "config"): PpoConfig {
  if (!isPlainObject(json)) throw new ConfigError(`${source} must be a JSON object with at least "task" and "algo"`);
  const task = json.task;
  const algo = json.algo;
  if (typeof task !== "string") throw new ConfigError(`${source}: "task" must be a task name, got ${formatValue(task)}`);
  if (typeof algo !== "string" || !(RL_ALGOS as readonly string[]).includes(algo)) throw new ConfigError(`${source}: "algo" must be one of ${RL_ALGOS.join(", ")}, got ${formatValue(algo)}`);
  const config = ppoDefaults(task, algo as RlAlgo);
  const target = config as unknown as Record<string, unknown>;
  for (const key of Object.keys(json)) {
    if (!own(target, key)) throw new ConfigError(`${source}: unknown entry ${formatValue(key)}; known entries: ${Object.keys(target).join(", ")}`);
    const value = json[key];
    if (key === "taskConfig") {
      if (!isPlainObject(value)) throw new ConfigError(`${source}: taskConfig must be an object of task config overrides`);
      config.taskConfig = { ...value };
    } else if (key === "dmp") {
      if (!isPlainObject(value)) throw new ConfigError(`${source}: dmp must be an object`);
      const dmp = config.dmp as unknown as Record<string, unknown>;
      for (const [k, v] of Object.entries(value)) {
        if (!own(dmp, k)) throw new ConfigError(`${source}: unknown entry dmp.${k}; known: ${Object.keys(dmp).join(", ")}`);
        checkType(`dmp.${k}`, v, dmp[k]);
        dmp[k] = v;
      }
    } else {
      checkType(key, value, target[key]);
      target[key] = value;
    }
  }
  return config;
}
