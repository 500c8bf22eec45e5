/**
 * Config entries of a sweep: plain JSON objects addressed by dotted paths ("dmp.nBasis" is
 * `{ dmp: { nBasis } }`). A run's entries are layers merged in order —
 *
 *   base ← variant ← grid point ← scale (the `--quick` overrides)
 *
 * where a later layer replaces a leaf of an earlier one and nested objects merge key by key.
 */
import { ConfigError, formatValue } from "../errors.js";

export type Entries = Record<string, unknown>;

export function isPlainObject(v: unknown): v is Entries {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const SEGMENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The segments of a dotted entry path; a ConfigError naming `source` for a malformed one. */
export function entryPath(path: string, source: string): string[] {
  const parts = path.split(".");
  if (parts.some((p) => !SEGMENT.test(p))) throw new ConfigError(`${source}: ${formatValue(path)} is not an entry path (names joined by dots, e.g. dmp.nBasis)`);
  return parts;
}

/** A copy of `entries` with `value` at the dotted `path` (intermediate objects created). */
export function withEntry(entries: Entries, path: string, value: unknown, source = "entry"): Entries {
  const [head, ...rest] = entryPath(path, source);
  if (rest.length === 0) return { ...entries, [head]: value };
  const inner = entries[head];
  if (inner !== undefined && !isPlainObject(inner)) throw new ConfigError(`${source}: ${head} is ${formatValue(inner)}, not an object, so ${path} cannot be set`);
  return { ...entries, [head]: withEntry(inner ?? {}, rest.join("."), value, source) };
}

/** `b` merged over `a`: objects merge key by key, anything else in `b` replaces what `a` had. */
export function mergeEntries(a: Entries, b: Entries): Entries {
  const out: Entries = { ...a };
  for (const [key, value] of Object.entries(b)) out[key] = isPlainObject(value) && isPlainObject(out[key]) ? mergeEntries(out[key] as Entries, value) : value;
  return out;
}

/** Entries given with dotted keys (`{"dmp.nBasis": 6}`) as nested objects (`{dmp: {nBasis: 6}}`). */
export function nestEntries(flat: Entries, source: string): Entries {
  let out: Entries = {};
  for (const [key, value] of Object.entries(flat)) out = key.includes(".") ? mergeEntries(out, withEntry({}, key, value, source)) : mergeEntries(out, { [key]: value });
  return out;
}

/** The value at a dotted `path` (undefined when absent). */
export function entryAt(entries: Entries, path: string): unknown {
  let v: unknown = entries;
  for (const p of path.split(".")) v = isPlainObject(v) ? v[p] : undefined;
  return v;
}
