/**
 * Run identity: a run is named by what it computes, so the same run always lands in the same
 * directory and a restarted (or a second, overlapping) sweep finds it again:
 *
 *   id = first 16 hex digits of sha256(canonicalJson({ kind, config, seed }))
 *
 * where `config` is the job's full resolved config (every default filled in) without the entries
 * that do not change the numbers (rl: `workers`), and canonical JSON sorts object keys at every
 * level and has no whitespace. Changing a default in the code changes the ids of the runs it
 * affects, which is what should happen: they compute something else now.
 */
import { createHash } from "node:crypto";
import { ConfigError } from "../errors.js";
import { isPlainObject } from "./entries.js";

/** JSON with object keys sorted at every level, no whitespace; non-finite numbers are refused. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(",")}}`;
  }
  if (typeof value === "number" && !Number.isFinite(value)) throw new ConfigError(`a run config holds the non-finite number ${value}; configs must be plain JSON`);
  return JSON.stringify(value);
}

/** The id (16 hex digits) of the run of `kind` with `config` and `seed`, minus the `free` entries. */
export function runId(kind: string, config: unknown, seed: number, free: readonly string[] = []): string {
  const identity = isPlainObject(config) ? Object.fromEntries(Object.entries(config).filter(([k]) => !free.includes(k))) : config;
  return createHash("sha256").update(canonicalJson({ kind, config: identity, seed })).digest("hex").slice(0, 16);
}
