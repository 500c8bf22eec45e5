/**
 * Sweep specs: a base config × a grid (× named variants) × seeds, as JSON or YAML.
 *
 * ```yaml
 * name: fig7                    # letters, digits, . _ - (default output: runs/sweep-<name>)
 * kind: rl                      # the job kind (experiments/job-kinds.ts)
 * description: one line for the report
 * base: { task: push, algo: ndp-ppo }      # entries of the kind's config (dotted keys allowed)
 * grid:                         # axes: entry path → values
 *   dmp.nBasis: [2, 6, 10]
 * design: product               # product (every combination) or one-at-a-time (each axis varied
 *                               # alone around base; one figure per axis)
 * variants:                     # optional named alternatives, crossed with the grid
 *   ndp-ppo: {}
 *   only-g: { dmp.onlyGoal: true }
 * seeds: 3                      # n (= seeds 0..n-1) or a list [0, 1, 2]
 * lines: variant                # product design: the axis drawn as lines ("variant" or a grid
 *                               # path; default variant, else the last axis); the other axes
 *                               # make one figure per combination
 * axisNames: { dmp.nBasis: N }  # optional display names
 * quick:                        # the --quick scale: base entries applied last, shorter grid
 *   base: { totalSteps: 4800 }  # axes (same paths), fewer seeds
 *   seeds: 1
 * ```
 *
 * A run's entries: base ← variant ← grid point ← quick.base (entries.ts); `seeds` sets the
 * config's seed. Every run is then resolved and validated by its kind (sweep-plan.ts).
 * Built-in specs: `paper:NAME` reads assets/sweeps/NAME.yaml.
 */
import { readdirSync } from "node:fs";
import { extname } from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError, formatValue } from "../errors.js";
import { parseJson } from "../io/json-input.js";
import { readBounded } from "../io/read-bounded.js";
import { parseYaml } from "../io/yaml-input.js";
import { entryPath, isPlainObject, nestEntries, type Entries } from "./entries.js";
import { getJobKind } from "./job-kinds.js";
import { canonicalJson } from "./run-id.js";

export const SWEEP_DESIGNS = ["product", "one-at-a-time"] as const;
export type SweepDesign = (typeof SWEEP_DESIGNS)[number];

/** The pseudo-axis of the named variants. */
export const VARIANT_AXIS = "variant";

export interface GridAxis {
  /** Dotted entry path, e.g. dmp.nBasis. */
  path: string;
  values: unknown[];
}

export interface Variant {
  name: string;
  entries: Entries;
}

export interface SweepSpec {
  name: string;
  kind: string;
  description: string;
  /** Where it came from: a file path or paper:NAME (for messages and the report). */
  source: string;
  base: Entries;
  grid: GridAxis[];
  design: SweepDesign;
  /** Empty: no variants. */
  variants: Variant[];
  seeds: number[];
  /** The axis drawn as lines in product designs (VARIANT_AXIS or a grid path). */
  lines?: string;
  axisNames: Record<string, string>;
  quick?: { base: Entries; grid: GridAxis[]; seeds?: number[] };
}

const SPEC_KEYS = ["name", "kind", "description", "base", "grid", "design", "variants", "seeds", "lines", "axisNames", "quick"];
const QUICK_KEYS = ["base", "grid", "seeds"];
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const PAPER_DIR = fileURLToPath(new URL("../../assets/sweeps/", import.meta.url));

/** Names of the built-in specs (`paper:NAME`). */
export function paperSpecNames(): string[] {
  return readdirSync(PAPER_DIR)
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** Read a spec from a file (.json as JSON, anything else as YAML) or `paper:NAME`, and validate it. */
export function loadSweepSpec(ref: string): SweepSpec {
  let path = ref;
  if (ref.startsWith("paper:")) {
    const name = ref.slice(6);
    if (!paperSpecNames().includes(name)) throw new ConfigError(`unknown built-in spec ${formatValue(ref)}; use one of ${paperSpecNames().map((n) => `paper:${n}`).join(", ")}`);
    path = `${PAPER_DIR}${name}.yaml`;
  }
  // Bounded reads and nesting-limited parsers (src/io/): a spec is a small hand-written file.
  const text = readBounded(path, { budget: "jsonBytes", what: "sweep spec", fix: `pass a JSON or YAML file or paper:NAME (${paperSpecNames().map((n) => `paper:${n}`).join(", ")})` }).toString("utf8");
  return parseSweepSpec(extname(path) === ".json" ? parseJson(text, `sweep spec ${ref}`, "fix the file") : parseYaml(text, `sweep spec ${ref}`, "fix the file"), ref);
}

/** Validate a parsed spec; every problem is a one-line ConfigError starting "sweep spec <source>:". */
export function parseSweepSpec(json: unknown, source = "sweep spec"): SweepSpec {
  const where = `sweep spec ${source}`;
  const fail = (msg: string): never => {
    throw new ConfigError(`${where}: ${msg}`);
  };
  if (!isPlainObject(json)) fail(`must be an object with name, kind, base, grid and seeds, got ${formatValue(json)}`);
  const j = json as Entries;
  for (const key of Object.keys(j)) if (!SPEC_KEYS.includes(key)) fail(`unknown entry ${formatValue(key)}; known entries: ${SPEC_KEYS.join(", ")}`);
  if (typeof j.name !== "string" || !NAME.test(j.name)) fail(`name must be letters, digits, ".", "_" or "-", got ${formatValue(j.name)}`);
  const kind = getJobKind(j.kind, where).name;
  if (j.description !== undefined && typeof j.description !== "string") fail(`description must be a string`);
  const base = entriesOf(j.base ?? {}, "base", where);
  const grid = gridOf(j.grid ?? {}, "grid", where);
  const design = j.design ?? "product";
  if (!(SWEEP_DESIGNS as readonly unknown[]).includes(design)) fail(`design must be one of ${SWEEP_DESIGNS.join(", ")}, got ${formatValue(design)}`);
  const variants = variantsOf(j.variants, where);
  if (j.seeds === undefined) fail(`seeds is missing; give a count (e.g. 3) or a list of seeds`);
  const seeds = seedsOf(j.seeds, "seeds", where);
  const axes = grid.map((a) => a.path);
  if (j.lines !== undefined) {
    if (design !== "product") fail(`lines applies to design product; one-at-a-time draws one figure per axis`);
    const allowed = [...(variants.length ? [VARIANT_AXIS] : []), ...axes];
    if (!allowed.includes(j.lines as string)) fail(`lines must be one of ${allowed.join(", ") || "(no axes)"}, got ${formatValue(j.lines)}`);
  }
  const axisNames = j.axisNames ?? {};
  if (!isPlainObject(axisNames) || Object.values(axisNames).some((v) => typeof v !== "string")) fail(`axisNames must map axis paths to display names`);
  const spec: SweepSpec = { name: j.name as string, kind, description: (j.description as string) ?? "", source, base, grid, design: design as SweepDesign, variants, seeds, lines: j.lines as string | undefined, axisNames: axisNames as Record<string, string> };
  if (j.quick !== undefined) spec.quick = quickOf(j.quick, spec, where);
  return spec;
}

function entriesOf(v: unknown, what: string, where: string): Entries {
  if (!isPlainObject(v)) throw new ConfigError(`${where}: ${what} must be an object of config entries, got ${formatValue(v)}`);
  return nestEntries(v, `${where}: ${what}`);
}

function gridOf(v: unknown, what: string, where: string): GridAxis[] {
  if (!isPlainObject(v)) throw new ConfigError(`${where}: ${what} must map entry paths to lists of values, got ${formatValue(v)}`);
  return Object.entries(v).map(([path, values]) => {
    entryPath(path, `${where}: ${what}`);
    if (!Array.isArray(values)) throw new ConfigError(`${where}: ${what} axis ${formatValue(path)} must be a list of values, got ${formatValue(values)}`);
    if (values.length === 0) throw new ConfigError(`${where}: ${what} axis ${formatValue(path)} has no values; give at least one`);
    const seen = new Set(values.map(canonicalJson));
    if (seen.size !== values.length) throw new ConfigError(`${where}: ${what} axis ${formatValue(path)} lists a value twice`);
    return { path, values };
  });
}

function variantsOf(v: unknown, where: string): Variant[] {
  if (v === undefined) return [];
  if (!isPlainObject(v) || Object.keys(v).length === 0) throw new ConfigError(`${where}: variants must map names to config entries (at least one), got ${formatValue(v)}`);
  return Object.entries(v).map(([name, entries]) => ({ name, entries: entriesOf(entries ?? {}, `variant ${formatValue(name)}`, where) }));
}

function seedsOf(v: unknown, what: string, where: string): number[] {
  const ok = (s: unknown) => typeof s === "number" && Number.isSafeInteger(s) && s >= 0;
  if (typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 1000) return Array.from({ length: v }, (_, i) => i);
  if (Array.isArray(v) && v.length > 0 && v.every(ok) && new Set(v).size === v.length) return v as number[];
  throw new ConfigError(`${where}: ${what} must be a count in 1..1000 or a list of distinct integers ≥ 0, got ${formatValue(v)}`);
}

function leafPaths(e: Entries, prefix = ""): string[] {
  return Object.entries(e).flatMap(([k, v]) => (isPlainObject(v) && Object.keys(v).length ? leafPaths(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

const overlaps = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);

function quickOf(v: unknown, spec: SweepSpec, where: string): NonNullable<SweepSpec["quick"]> {
  if (!isPlainObject(v)) throw new ConfigError(`${where}: quick must be an object with base, grid and/or seeds, got ${formatValue(v)}`);
  for (const key of Object.keys(v)) if (!QUICK_KEYS.includes(key)) throw new ConfigError(`${where}: unknown entry quick.${key}; known: ${QUICK_KEYS.join(", ")}`);
  const base = entriesOf(v.base ?? {}, "quick.base", where);
  const grid = gridOf(v.grid ?? {}, "quick.grid", where);
  for (const axis of grid) if (!spec.grid.some((a) => a.path === axis.path)) throw new ConfigError(`${where}: quick.grid axis ${formatValue(axis.path)} is not an axis of grid; quick may only shorten axes`);
  const varied = [...spec.grid.map((a) => a.path), ...spec.variants.flatMap((x) => leafPaths(x.entries))];
  for (const leaf of leafPaths(base)) {
    const axis = varied.find((p) => overlaps(p, leaf));
    if (axis !== undefined) throw new ConfigError(`${where}: quick.base sets ${leaf}, which the sweep varies (${axis}); shorten the axis in quick.grid instead`);
  }
  return { base, grid, seeds: v.seeds === undefined ? undefined : seedsOf(v.seeds, "quick.seeds", where) };
}
